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
import { ACCEPTED_LIST } from './media-types';
import { revisionOut } from './revision.presenter';

const caller = (req: { caller: Caller | null }) => req.caller as Caller;

const stageParam = z.object({ stageId: z.string().min(1).max(64) });
const sendParams = z.object({
  stageId: z.string().min(1).max(64),
  revisionId: z.string().min(1).max(64),
});

const deliveryOut = z.object({
  id: z.string(),
  status: z.enum(['PENDING', 'SUCCESS', 'FAILED']),
  attempt: z.number().int(),
  error: z.string().nullable(),
  boxFolderId: z.string().nullable(),
  sentAt: z.string(),
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
      description: `One image or video. Accepted (sniffed from the bytes): ${ACCEPTED_LIST}.`,
    },
  },
} as const;

/** Sends a stored file with headers that keep the browser from reinterpreting it. */
function sendFile(
  reply: FastifyReply,
  f: { stream: NodeJS.ReadableStream; mimeType: string; maxAge?: number; size?: number },
  disposition?: string,
) {
  void reply
    .header('Content-Type', f.mimeType)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header(
      'Cache-Control',
      f.maxAge ? `private, max-age=${f.maxAge}, immutable` : 'private, no-store',
    );
  if (disposition) void reply.header('Content-Disposition', disposition);
  if (f.size !== undefined) void reply.header('Content-Length', String(f.size));
  return reply.send(f.stream);
}

/** The version chain: uploads, the chain, send-to-client, processing, and the files. */
export async function registerRevisionRoutes(app: FastifyInstance, services: Services) {
  const { revisions } = services;
  revisions.log = app.log;

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: revisions.maxUploadBytes, files: 1, fields: 5, parts: 6 },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/stages/:stageId/revisions',
      {
        schema: {
          tags: ['revisions'],
          summary: "A stage's version chain, newest first",
          description:
            'Highest major first, then highest minor. Client viewers get only the versions sent to them.',
          params: stageParam,
          querystring: listQuerySchema,
          response: { 200: pageSchema(revisionOut), ...errorResponses },
        },
      },
      async (req) => revisions.list(caller(req), req.params.stageId, req.query),
    );

    r.post(
      '/api/stages/:stageId/revisions',
      {
        schema: {
          tags: ['revisions'],
          summary: 'Upload the next revision of a stage (multipart/form-data, field `file`)',
          description:
            'Stores one image or video and adds the next minor of the current major (V0.1, V0.2 … ' +
            'V1.1). The kind is sniffed from the bytes, never the name or the declared type: ' +
            'anything else → 415. Limits: images MEDIA_MAX_IMAGE_BYTES (200 MiB by default) ' +
            'and MEDIA_MAX_IMAGE_PIXELS, videos MEDIA_MAX_VIDEO_BYTES (2 GiB) → 413. Previews, ' +
            'thumbnails and (videos) a poster and HLS are made in a background job: watch ' +
            '`asset.processing`. A NOT_STARTED or CHANGES_REQUESTED stage moves to IN_PROGRESS.',
          consumes: ['multipart/form-data'],
          params: stageParam,
          response: { 201: revisionOut, ...errorResponses, 413: errorSchema, 415: errorSchema },
        },
        config: multipartBodyDoc(uploadBodyDoc),
      },
      async (req, reply) => {
        if (!req.isMultipart())
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            'Send multipart/form-data with the file in the field "file"',
          );
        const max = revisions.maxUploadBytes;
        const created = await revisions.upload(caller(req), req.params.stageId, () =>
          formParts(
            req,
            max,
            (m) => new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${m} bytes`),
          ),
        );
        return reply.status(201).send(created);
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/stages/:stageId/revisions/:revisionId/send-to-client',
    {
      schema: {
        tags: ['revisions'],
        summary: 'Send the latest internal revision to the client (it becomes V{n})',
        description:
          'Promotes the revision in place: major + 1, minor 0, sent, awaiting the client ' +
          '(IN_REVIEW), which puts the deliverable IN_REVIEW; the outbound delivery runs as a ' +
          'job. Anything but the latest internal revision → 409 with the reason.',
        params: sendParams,
        response: { 200: revisionOut, ...errorResponses },
      },
    },
    async (req) => revisions.sendToClient(caller(req), req.params.stageId, req.params.revisionId),
  );

  r.get(
    '/api/revisions/:id',
    {
      schema: {
        tags: ['revisions'],
        summary: 'One revision (with its asset and processing state)',
        params: idParam,
        response: { 200: revisionOut, ...errorResponses },
      },
    },
    async (req) => revisions.get(caller(req), req.params.id),
  );

  r.post(
    '/api/revisions/:id/reprocess',
    {
      schema: {
        tags: ['revisions'],
        summary: 'Run processing again (after a failure, or once ffmpeg is installed)',
        params: idParam,
        response: { 200: revisionOut, ...errorResponses },
      },
    },
    async (req) => revisions.reprocess(caller(req), req.params.id),
  );

  r.get(
    '/api/revisions/:id/deliveries',
    {
      schema: {
        tags: ['revisions'],
        summary: 'The outbound delivery log of a sent version, newest first',
        params: idParam,
        querystring: listQuerySchema,
        response: { 200: pageSchema(deliveryOut), ...errorResponses },
      },
    },
    async (req) => revisions.deliveries(caller(req), req.params.id, req.query.limit),
  );

  r.get(
    '/api/revisions/:id/file',
    {
      schema: {
        tags: ['revisions'],
        summary: 'The original file of a revision, as a download',
        params: idParam,
        response: {
          200: binary('application/octet-stream', 'The file as uploaded'),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const f = await revisions.original(caller(req), req.params.id);
      return sendFile(reply as FastifyReply, f, f.contentDisposition);
    },
  );

  for (const name of ['preview', 'thumbnail', 'poster'] as const) {
    r.get(
      `/api/revisions/:id/${name}`,
      {
        schema: {
          tags: ['revisions'],
          summary: `The ${name} image of a revision (404 until processed)`,
          params: idParam,
          response: { 200: binary('image/*', `The ${name} (PNG or JPEG)`), ...errorResponses },
        },
      },
      async (req, reply) =>
        sendFile(
          reply as FastifyReply,
          await revisions.rendition(caller(req), req.params.id, name),
        ),
    );
  }

  r.get(
    '/api/revisions/:id/hls/:version/*',
    {
      schema: {
        tags: ['revisions'],
        summary: "A playlist or segment of a video revision's HLS rendition",
        description: 'Start at `asset.hlsUrl` (master.m3u8); the rest is referenced from it.',
        params: z.object({
          id: z.string().min(1).max(64),
          version: z.string().regex(/^[0-9a-z]{8}$/),
          '*': z.string().min(1).max(200),
        }),
        response: {
          200: binary('application/vnd.apple.mpegurl', 'Playlist or MPEG-TS segment'),
          ...errorResponses,
        },
      },
    },
    async (req, reply) =>
      sendFile(
        reply as FastifyReply,
        await revisions.hlsFile(caller(req), req.params.id, req.params.version, req.params['*']),
      ),
  );
}
