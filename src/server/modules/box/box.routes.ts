import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Caller } from '../../caller';
import { errorResponses, errorSchema, idParam } from '../../http/schemas';
import type { BoxService } from './box.service';
import {
  connectionInput,
  connectionOut,
  connectionPatch,
  projectFolderInput,
  projectFolderOut,
  pushLogOut,
  testResultOut,
  webhookEventOut,
} from './box.schemas';

const caller = (req: { caller: Caller | null }) => req.caller as Caller;
const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const header = (req: FastifyRequest, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export async function registerBoxRoutes(app: FastifyInstance, box: BoxService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['box'];

  r.get(
    '/api/box/connections',
    {
      schema: {
        tags,
        summary: "The org's Box connections (secrets shown only as set / last 4)",
        response: {
          200: z.object({ items: z.array(connectionOut), nextCursor: z.null() }),
          ...errorResponses,
        },
      },
    },
    async (req) => box.list(caller(req)),
  );

  r.post(
    '/api/box/connections',
    {
      schema: {
        tags,
        summary: 'Add a Box connection (INTEGRATION_MANAGE)',
        description:
          'Credentials (client credentials grant or a developer token), the webhook signature ' +
          'keys (primary required, secondary optional, for rotation) and the root folder that ' +
          'pushes go below. Secrets are write-only.',
        body: connectionInput,
        response: { 201: connectionOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await box.create(caller(req), req.body)),
  );

  r.get(
    '/api/box/connections/:id',
    {
      schema: {
        tags,
        summary: 'One Box connection',
        params: idParam,
        response: { 200: connectionOut, ...errorResponses },
      },
    },
    async (req) => box.get(caller(req), req.params.id),
  );

  r.patch(
    '/api/box/connections/:id',
    {
      schema: {
        tags,
        summary: 'Change a Box connection (omitted secrets are kept)',
        params: idParam,
        body: connectionPatch,
        response: { 200: connectionOut, ...errorResponses },
      },
    },
    async (req) => box.update(caller(req), req.params.id, req.body),
  );

  r.delete(
    '/api/box/connections/:id',
    {
      schema: {
        tags,
        summary: 'Remove a Box connection (its webhook address stops answering)',
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await box.remove(caller(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/box/connections/:id/test',
    {
      schema: {
        tags,
        summary: 'Test a connection: sign in to Box and read the root folder',
        description: 'Always 200 once tried; `ok` and `error` say how it went.',
        params: idParam,
        response: { 200: testResultOut, ...errorResponses },
      },
    },
    async (req) => box.test(caller(req), req.params.id),
  );

  r.get(
    '/api/box/connections/:id/events',
    {
      schema: {
        tags,
        summary: 'Recent webhook deliveries of a connection, with their inbound outcome',
        params: idParam,
        querystring: limitQuery,
        response: {
          200: z.object({ items: z.array(webhookEventOut), nextCursor: z.null() }),
          ...errorResponses,
        },
      },
    },
    async (req) => box.events(caller(req), req.params.id, req.query.limit),
  );

  r.get(
    '/api/projects/:id/box-folder',
    {
      schema: {
        tags,
        summary: "A project's own Box folder (null: the connection's root folder)",
        params: idParam,
        response: { 200: projectFolderOut, ...errorResponses },
      },
    },
    async (req) => box.projectFolder(caller(req), req.params.id),
  );

  r.put(
    '/api/projects/:id/box-folder',
    {
      schema: {
        tags,
        summary: "Set a project's own Box folder, below which its versions are pushed",
        params: idParam,
        body: projectFolderInput,
        response: { 200: projectFolderOut, ...errorResponses },
      },
    },
    async (req) => box.setProjectFolder(caller(req), req.params.id, req.body.boxFolderId),
  );

  r.get(
    '/api/revisions/:id/deliveries/box',
    {
      schema: {
        tags,
        summary: 'The delivery log of a sent version with its Box folder and file',
        description: '`canRetry`: the caller may retry by hand now (the last attempt failed).',
        params: idParam,
        querystring: limitQuery,
        response: {
          200: z.object({
            items: z.array(pushLogOut),
            nextCursor: z.null(),
            canRetry: z.boolean(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => box.pushLogs(caller(req), req.params.id, req.query.limit),
  );

  r.post(
    '/api/revisions/:id/deliveries/retry',
    {
      schema: {
        tags,
        summary: 'Retry the delivery of a sent version (REVISION_SEND)',
        description:
          'Queues a new attempt; watch `GET /api/revisions/:id/deliveries`. A version already ' +
          'delivered, or with an attempt in progress → 409.',
        params: idParam,
        body: z.object({}).optional(),
        response: {
          202: z.object({ queued: z.boolean(), state: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await box.retryDelivery(caller(req), req.params.id)),
  );

  // Box signs the exact bytes it sent: this route reads the body raw and parses it itself.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/webhooks/box/:connectionId',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Box webhook V2 deliveries for one Box connection',
          description:
            'Verified with the connection’s keys: BOX-SIGNATURE-PRIMARY (primary key) or ' +
            'BOX-SIGNATURE-SECONDARY (secondary key) = base64 HMAC-SHA256 over the body bytes ' +
            'followed by BOX-DELIVERY-TIMESTAMP; deliveries older than 10 minutes → 401. Stored ' +
            'once per Box event id (a redelivery → 200 with `duplicate: true`); files are ' +
            'fetched and matched in a background job.',
          security: [],
          params: z.object({ connectionId: z.string().min(1).max(64) }),
          response: {
            200: z.object({
              received: z.literal(true),
              duplicate: z.boolean(),
              eventId: z.string().nullable(),
              status: z.string(),
            }),
            400: errorSchema,
            401: errorSchema,
            404: errorSchema,
          },
        },
      },
      async (req) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        return box.receiveWebhook(req.params.connectionId, raw, {
          timestamp: header(req, 'box-delivery-timestamp'),
          primary: header(req, 'box-signature-primary'),
          secondary: header(req, 'box-signature-secondary'),
          version: header(req, 'box-signature-version'),
          algorithm: header(req, 'box-signature-algorithm'),
        });
      },
    );
  });
}
