import type { Readable } from 'node:stream';
import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { AppError, badRequest } from '../errors';

/** One part of a multipart upload, as routes hand it to services (fields and files, in order). */
export type UploadPart =
  | { type: 'field'; name: string; value: string }
  | {
      type: 'file';
      name: string;
      filename: string;
      mimetype: string;
      stream: Readable;
      /** True when the parser cut the file at its size limit. */
      truncated(): boolean;
    };

/** Errors of the multipart parser, in the API's envelope. */
function multipartError(
  err: unknown,
  maxBytes: number,
  tooLarge: (maxBytes: number) => AppError,
): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT')
    return badRequest('Send exactly one file, in the field "file"', [
      { path: 'file', message: 'only one file per request' },
    ]);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return badRequest('The form has too many fields');
  return badRequest('The multipart body is malformed');
}

/** The request's multipart parts, in order, as the service expects them. */
export async function* formParts(
  req: FastifyRequest,
  maxBytes: number,
  tooLarge: (maxBytes: number) => AppError,
): AsyncGenerator<UploadPart> {
  let parts: AsyncIterableIterator<Multipart>;
  try {
    parts = req.parts({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (err) {
    throw multipartError(err, maxBytes, tooLarge);
  }
  while (true) {
    let next: IteratorResult<Multipart>;
    try {
      next = await parts.next();
    } catch (err) {
      throw multipartError(err, maxBytes, tooLarge);
    }
    if (next.done) return;
    const part = next.value;
    if (part.type === 'file') {
      yield {
        type: 'file',
        name: part.fieldname,
        filename: part.filename,
        mimetype: part.mimetype,
        stream: part.file,
        truncated: () => part.file.truncated,
      };
    } else {
      yield {
        type: 'field',
        name: part.fieldname,
        value: typeof part.value === 'string' ? part.value : JSON.stringify(part.value),
      };
    }
  }
}

/** Route config that documents a multipart body by hand (the zod provider cannot describe one). */
export function multipartBodyDoc(body: object) {
  return {
    swaggerTransform: (doc: Parameters<typeof jsonSchemaTransform>[0]) => {
      const out = jsonSchemaTransform(doc) as { schema: Record<string, unknown>; url: string };
      return { ...out, schema: { ...out.schema, body } };
    },
  };
}
