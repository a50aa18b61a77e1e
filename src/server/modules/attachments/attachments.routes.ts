import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Caller } from '../../caller';
import { AppError } from '../../errors';
import { formParts, multipartBodyDoc } from '../../http/multipart';
import { listQuerySchema, pageSchema } from '../../http/pagination';
import { errorResponses, errorSchema, idParam } from '../../http/schemas';
import type { Services } from '../../services';
import { attachmentOut, linkCreate } from './attachment.schemas';
import { DEFAULT_MAX_FILE_BYTES, tooLarge } from './attachment.service';

const caller = (req: { caller: Caller | null }) => req.caller as Caller;

/** OpenAPI-only description of the multipart body (the parts are read as a stream). */
const uploadBodyDoc = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'The file (one per request)' },
    title: {
      type: 'string',
      maxLength: 200,
      description: 'Defaults to the uploaded file name',
    },
    stageDefinitionId: {
      type: 'string',
      description:
        'A pipeline stage definition of this deliverable (omit for the whole deliverable)',
    },
  },
} as const;

/** Deliverable attachments: uploaded files and external links, optionally tagged to a stage. */
export async function registerAttachmentRoutes(app: FastifyInstance, services: Services) {
  const { attachments } = services;
  attachments.log = app.log;

  // Multipart parsing only for these routes.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: DEFAULT_MAX_FILE_BYTES, files: 1 },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/deliverables/:id/attachments',
      {
        schema: {
          tags: ['attachments'],
          summary: "A deliverable's files and links, newest first",
          description:
            'Client viewers get an empty list: attachments are internal working material. File URLs point at `/api/attachments/{id}/file`.',
          params: idParam,
          querystring: listQuerySchema,
          response: { 200: pageSchema(attachmentOut), ...errorResponses },
        },
      },
      async (req) => attachments.list(caller(req), req.params.id, req.query),
    );

    r.post(
      '/api/deliverables/:id/attachments/link',
      {
        schema: {
          tags: ['attachments'],
          summary: 'Attach an external link (http/https), optionally to one of its stages',
          params: idParam,
          body: linkCreate,
          response: { 201: attachmentOut, ...errorResponses },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await attachments.addLink(caller(req), req.params.id, req.body)),
    );

    r.post(
      '/api/deliverables/:id/attachments',
      {
        schema: {
          tags: ['attachments'],
          summary: 'Upload a file to a deliverable (multipart/form-data)',
          description:
            'Multipart form with the field `file` (exactly one file) and the optional text fields ' +
            '`title` (defaults to the file name, at most 200 characters) and `stageDefinitionId` ' +
            "(one of the deliverable's pipeline stage definitions; anything else is 400). " +
            'The file is streamed to storage; larger than the limit (200 MB by default) → 413. ' +
            'Answers the attachment.',
          consumes: ['multipart/form-data'],
          params: idParam,
          response: {
            201: attachmentOut,
            ...errorResponses,
            413: errorSchema,
            415: errorSchema,
          },
        },
        config: multipartBodyDoc(uploadBodyDoc),
      },
      async (req, reply) => {
        if (!req.isMultipart())
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            'Send multipart/form-data with the file in the field "file"',
          );
        const max = attachments.maxFileBytes;
        const created = await attachments.upload(caller(req), req.params.id, () =>
          formParts(req, max, tooLarge),
        );
        return reply.status(201).send(created);
      },
    );

    r.get(
      '/api/attachments/:id/file',
      {
        schema: {
          tags: ['attachments'],
          summary: "An attachment's file, as a download",
          description:
            'Streams the bytes with their type, `Content-Disposition: attachment` and ' +
            '`X-Content-Type-Options: nosniff`. 404 when the attachment is a link or not visible to you.',
          params: idParam,
          response: {
            200: {
              description: 'The file bytes (Content-Type as uploaded)',
              content: {
                'application/octet-stream': {
                  schema: z.string().meta({ type: 'string', format: 'binary' }),
                },
              },
            },
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        const f = await attachments.download(caller(req), req.params.id);
        void reply
          .header('Content-Type', f.mimeType)
          .header('Content-Disposition', f.contentDisposition)
          .header('X-Content-Type-Options', 'nosniff')
          .header('Content-Security-Policy', "default-src 'none'; sandbox")
          .header('Cache-Control', 'private, no-store');
        if (f.size !== null) void reply.header('Content-Length', String(f.size));
        // a stream bypasses the serializer; the zod types only know the documented string
        return (reply as FastifyReply).send(f.stream);
      },
    );

    r.delete(
      '/api/attachments/:id',
      {
        schema: {
          tags: ['attachments'],
          summary: 'Remove an attachment (and its file)',
          params: idParam,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await attachments.remove(caller(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
  });
}
