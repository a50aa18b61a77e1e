import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../../errors';
import { formParts } from '../../http/multipart';
import type { InboundResolver } from '../inbound/contract';

export interface ReceivedUpload {
  fields: { name: string; value: string }[];
  file: { field: string; fileName: string; sha256: string; size: number; path: string };
  /** Removes the temporary copy. */
  cleanup(): Promise<void>;
}

/**
 * Reads a multipart upload to a temporary file while hashing it: the fingerprint needs the
 * file's SHA-256 before anything happens, and the resolver then reads the same bytes again.
 */
export async function receiveUpload(
  req: FastifyRequest,
  maxBytes: number,
): Promise<ReceivedUpload> {
  const dir = await mkdtemp(path.join(tmpdir(), 'prodtrack-v1-upload-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const fields: ReceivedUpload['fields'] = [];
    let file: ReceivedUpload['file'] | null = null;
    for await (const part of formParts(
      req,
      maxBytes,
      (m) => new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${m} bytes`),
    )) {
      if (part.type === 'field') {
        fields.push({ name: part.name, value: part.value });
        continue;
      }
      if (part.name !== 'file') {
        part.stream.resume();
        throw badRequest('Send the file in the field "file"', [
          { path: part.name, message: 'unexpected file field' },
        ]);
      }
      const target = path.join(dir, 'upload');
      const hash = createHash('sha256');
      let size = 0;
      await pipeline(
        part.stream,
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            hash.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        }),
        createWriteStream(target),
      );
      if (part.truncated())
        throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes`);
      file = {
        field: part.name,
        fileName: path.basename(part.filename || ''),
        sha256: hash.digest('hex'),
        size,
        path: target,
      };
    }
    if (!file)
      throw badRequest('Send the file in the field "file"', [
        { path: 'file', message: 'is required' },
      ]);
    if (!file.fileName)
      throw badRequest('The file needs a name: the name is how it is matched', [
        { path: 'file', message: 'missing filename' },
      ]);
    return { fields, file, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** The inbound resolver, when the inbound module provides one. */
export function inboundResolverOf(inbound: unknown): InboundResolver | null {
  const candidate = inbound as Partial<InboundResolver> | null | undefined;
  return candidate && typeof candidate.ingest === 'function'
    ? (candidate as InboundResolver)
    : null;
}
