import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Caller } from '../../caller';
import { INBOUND_OUTCOMES, INBOUND_SOURCES } from '../../db/schema';
import { AppError } from '../../errors';
import { formParts, multipartBodyDoc } from '../../http/multipart';
import { listQuerySchema, pageSchema } from '../../http/pagination';
import { errorResponses, errorSchema, idParam } from '../../http/schemas';
import type { Services } from '../../services';
import { ACCEPTED_LIST } from '../revisions/media-types';
import { revisionOut } from '../revisions/revision.presenter';
import { heldFileOut, inboundLogEntryOut, inboundResultOut } from './inbound.presenter';

const tags = ['inbound'];
const caller = (req: { caller: Caller | null }) => req.caller as Caller;

const fileParams = z.object({
  id: z.string().min(1).max(64),
  fileId: z.string().min(1).max(64),
});

const binary = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().meta({ type: 'string', format: 'binary' }) } },
});

const uploadBodyDoc = {
  type: 'object',
  required: ['file'],
  properties: {
    file: {
      type: 'string',
      format: 'binary',
      description:
        'One image or video, named by the naming rule (e.g. 1234_hero-banner_v2.png). ' +
        `Accepted (sniffed from the bytes): ${ACCEPTED_LIST}.`,
    },
  },
} as const;

/** Sends a stored file with the same headers as revision originals. */
function sendFile(
  reply: FastifyReply,
  f: { stream: NodeJS.ReadableStream; mimeType: string; size: number; contentDisposition: string },
) {
  return reply
    .header('Content-Type', f.mimeType)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', 'private, no-store')
    .header('Content-Disposition', f.contentDisposition)
    .header('Content-Length', String(f.size))
    .send(f.stream);
}

/** Upload by file name, the inbound log, and the holding pen. */
export async function registerInboundRoutes(app: FastifyInstance, services: Services) {
  const { resolver, holdingPen } = services.inbound;
  resolver.log = app.log;
  holdingPen.log = app.log;
  // One more byte than the largest upload: a cut file is then always over its kind's limit.
  const maxBytes = services.revisions.maxUploadBytes + 1;

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/inbound/upload',
      {
        schema: {
          tags,
          summary: 'Upload a file by its name (multipart/form-data, field `file`; REVISION_CREATE)',
          description:
            'The name decides where the file goes, exactly as for the API and Box channels: ' +
            'read with the naming pattern (pipelines may set their own; the default is ' +
            '`^(\\d+)_([a-z0-9-]+)(?:_v(\\d+))?(?:\\.[a-z0-9]+)?$`, case-insensitive: OMG job ' +
            'number, deliverable slug, optional version). Matched, and the deliverable is not ' +
            'with the client → `revision` (the next minor on its current stage); matched while ' +
            'a sent version awaits the client → `held` (holding pen); otherwise `unmatched` ' +
            'with the reason. Every attempt is in the inbound log. Not an image or video → ' +
            '415; over the size limits of uploads → 413 (both logged as ERROR).',
          consumes: ['multipart/form-data'],
          response: {
            200: inboundResultOut,
            ...errorResponses,
            413: errorSchema,
            415: errorSchema,
          },
        },
        config: multipartBodyDoc(uploadBodyDoc),
      },
      async (req) => {
        if (!req.isMultipart())
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            'Send multipart/form-data with the file in the field "file"',
          );
        return resolver.uploadByFileName(caller(req), () =>
          formParts(
            req,
            maxBytes,
            (m) => new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${m - 1} bytes`),
          ),
        );
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/inbound/log',
    {
      schema: {
        tags,
        summary: 'Every inbound attempt, newest first (INBOUND_MANAGE)',
        description:
          'All channels (MANUAL, API, BOX) and outcomes (REVISION, HELD, UNMATCHED, ERROR), ' +
          'with what each file matched and why it was held or not matched.',
        querystring: listQuerySchema.extend({
          outcome: z.enum(INBOUND_OUTCOMES).optional().describe('Only this outcome'),
          channel: z.enum(INBOUND_SOURCES).optional().describe('Only this channel'),
        }),
        response: { 200: pageSchema(inboundLogEntryOut), ...errorResponses },
      },
    },
    async (req) => resolver.listLog(caller(req), req.query),
  );

  r.get(
    '/api/deliverables/:id/holding-pen',
    {
      schema: {
        tags,
        summary: "A deliverable's held files, oldest first (staff only)",
        description:
          'Files that arrived through an inbound channel while a sent version awaited the ' +
          'client. Client viewers: 404.',
        params: idParam,
        response: { 200: pageSchema(heldFileOut), ...errorResponses },
      },
    },
    async (req) => holdingPen.list(caller(req), req.params.id),
  );

  r.post(
    '/api/deliverables/:id/holding-pen/:fileId',
    {
      schema: {
        tags,
        summary: 'Promote a held file: the next minor on a stage (INBOUND_MANAGE)',
        description:
          'The held file becomes the asset of the next minor on `stageId` (a stage of this ' +
          'deliverable); open feedback is carried over and processing starts. Idempotent: the ' +
          'revision keeps the held file’s id, so promoting a file that was already promoted ' +
          '(two people at once, or a retry) answers 200 with that same revision instead of 201.',
        params: fileParams,
        body: z.strictObject({ stageId: z.string().min(1).max(64) }),
        response: { 201: revisionOut, 200: revisionOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const out = await holdingPen.promote(
        caller(req),
        req.params.id,
        req.params.fileId,
        req.body.stageId,
      );
      return reply.status(out.created ? 201 : 200).send(out.revision);
    },
  );

  r.delete(
    '/api/deliverables/:id/holding-pen/:fileId',
    {
      schema: {
        tags,
        summary: 'Discard a held file (INBOUND_MANAGE)',
        description:
          'Removes it and its stored file. Already discarded → 404; already promoted → 409.',
        params: fileParams,
        response: { 204: z.null().describe('Discarded'), ...errorResponses },
      },
    },
    async (req, reply) => {
      await holdingPen.discard(caller(req), req.params.id, req.params.fileId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/deliverables/:id/holding-pen/:fileId/file',
    {
      schema: {
        tags,
        summary: 'A held file as received (staff only)',
        description: 'Served with the same headers as revision originals (no sniffing, sandboxed).',
        params: fileParams,
        response: {
          200: binary('application/octet-stream', 'The file as received'),
          ...errorResponses,
        },
      },
    },
    async (req, reply) =>
      sendFile(
        reply as FastifyReply,
        await holdingPen.original(caller(req), req.params.id, req.params.fileId),
      ),
  );
}
