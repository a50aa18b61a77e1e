import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newId } from '../db/ids';

export interface StoredBlob {
  key: string;
  size: number;
}

/**
 * Where file bytes live. The database holds keys, never bytes. Keys are made here, never from
 * user file names, so no name can escape the store or collide.
 */
export interface BlobStore {
  put(body: Readable | Buffer, opts?: { prefix?: string; maxBytes?: number }): Promise<StoredBlob>;
  open(key: string): Promise<Readable>;
  size(key: string): Promise<number | null>;
  delete(key: string): Promise<void>;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`File is larger than ${maxBytes} bytes`);
  }
}

const KEY_PATTERN = /^[a-z0-9-]+(\/[a-z0-9-]+)*\/[0-9a-z]{24}$/;

export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathFor(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error(`Invalid blob key: ${key}`);
    return path.join(this.root, key);
  }

  async put(
    body: Readable | Buffer,
    opts: { prefix?: string; maxBytes?: number } = {},
  ): Promise<StoredBlob> {
    const prefix = (opts.prefix ?? 'files').replace(/[^a-z0-9/-]/g, '');
    const key = `${prefix}/${newId()}`;
    const finalPath = this.pathFor(key);
    await mkdir(path.dirname(finalPath), { recursive: true });
    // Write to a temp name and rename: a reader never sees half a file, and a crash leaves only
    // a `.part` file that the sweep removes.
    const tmpPath = `${finalPath}.part`;
    let size = 0;
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    const max = opts.maxBytes;
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (max !== undefined && size > max) throw new BlobTooLargeError(max);
            yield chunk;
          }
        },
        createWriteStream(tmpPath, { mode: 0o600 }),
      );
      await rename(tmpPath, finalPath);
    } catch (err) {
      await rm(tmpPath, { force: true });
      throw err;
    }
    return { key, size };
  }

  async open(key: string): Promise<Readable> {
    const p = this.pathFor(key);
    await stat(p);
    return createReadStream(p);
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathFor(key))).size;
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true });
  }
}
