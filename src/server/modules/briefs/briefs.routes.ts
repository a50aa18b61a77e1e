import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Caller } from '../../caller';
import { AppError, badRequest } from '../../errors';
import { pageSchema } from '../../http/pagination';
import { errorResponses, errorSchema, idParam } from '../../http/schemas';
import { sendIdempotent } from '../integrations/idempotency.service';
import type { IntegrationServices } from '../integrations';
import {
  briefConvertBody,
  briefCountsOut,
  briefCreateBody,
  briefDetailOut,
  briefInput,
  briefListQuery,
  briefOut,
  briefPatchBody,
  briefStatusBody,
  briefWebhookOut,
  splitBriefPayload,
} from './brief.schemas';
import { requireSignatureHeaders, verifyBriefDelivery } from './brief-webhook';

const caller = (req: { caller: Caller | null }) => req.caller as Caller;

const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .describe('Retries with the same key and request get the stored answer (kept 24 h)'),
});

const idempotentResponses = {
  ...errorResponses,
  422: errorSchema.describe('Idempotency-Key reused with a different request'),
};

const KEY_NOTE =
  'Takes a session or an API key (`Authorization: Bearer <key>`); honours `Idempotency-Key`.';

export async function registerBriefRoutes(app: FastifyInstance, services: IntegrationServices) {
  const { briefs, idempotency } = services;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/briefs',
    {
      schema: {
        tags: ['briefs'],
        summary: 'Briefs, newest first (BRIEF_MANAGE)',
        querystring: briefListQuery,
        response: { 200: pageSchema(briefOut), ...errorResponses },
      },
    },
    async (req) => briefs.list(caller(req), req.query),
  );

  r.get(
    '/api/briefs/counts',
    {
      schema: {
        tags: ['briefs'],
        summary: 'How many briefs each status holds (BRIEF_MANAGE)',
        querystring: z.object({ q: z.string().trim().max(100).optional() }),
        response: { 200: briefCountsOut, ...errorResponses },
      },
    },
    async (req) => briefs.counts(caller(req), req.query.q),
  );

  r.get(
    '/api/briefs/:id',
    {
      schema: {
        tags: ['briefs'],
        summary: 'One brief with its status history (BRIEF_MANAGE)',
        params: idParam,
        response: { 200: briefDetailOut, ...errorResponses },
      },
    },
    async (req) => briefs.get(caller(req), req.params.id),
  );

  r.post(
    '/api/briefs',
    {
      schema: {
        tags: ['briefs'],
        security: [{ apiKey: [] }, { session: [] }],
        summary: 'Create a brief (BRIEF_MANAGE): by hand, or from an intake system with an API key',
        description:
          `${KEY_NOTE} Idempotent on \`externalId\` too: a brief whose externalId the org already ` +
          'has is not created again; the existing one comes back with 200 (201 when created). ' +
          'Members the brief does not know are kept in `rawPayload`.',
        headers: idempotencyHeader,
        body: briefCreateBody,
        response: { 200: briefOut, 201: briefOut, ...idempotentResponses },
      },
    },
    async (req, reply) =>
      sendIdempotent(idempotency, req, reply, req.body, async () => {
        const { fields, raw } = splitBriefPayload(req.body as Record<string, unknown>, {
          aliases: false,
          envelope: false,
        });
        const { brief, created } = await briefs.create(caller(req), briefInput.parse(fields), raw);
        return { status: created ? 201 : 200, body: brief };
      }),
  );

  r.patch(
    '/api/briefs/:id',
    {
      schema: {
        tags: ['briefs'],
        summary: 'Edit a brief (BRIEF_MANAGE); a converted brief is final',
        params: idParam,
        body: briefPatchBody,
        response: { 200: briefDetailOut, ...errorResponses },
      },
    },
    async (req) => briefs.update(caller(req), req.params.id, req.body),
  );

  r.post(
    '/api/briefs/:id/status',
    {
      schema: {
        tags: ['briefs'],
        summary: 'Move a brief: PENDING → REVIEWING → ACCEPTED / REJECTED (BRIEF_MANAGE)',
        description: `An illegal move → 409 with the reason. CONVERTED comes only from /convert. ${KEY_NOTE}`,
        headers: idempotencyHeader,
        params: idParam,
        body: briefStatusBody,
        response: { 200: briefDetailOut, ...idempotentResponses },
      },
    },
    async (req, reply) =>
      sendIdempotent(idempotency, req, reply, req.body, async () => ({
        status: 200,
        body: await briefs.setStatus(
          caller(req),
          req.params.id,
          req.body.status,
          req.body.note ?? null,
        ),
      })),
  );

  r.post(
    '/api/briefs/:id/convert',
    {
      schema: {
        tags: ['briefs'],
        summary: 'Convert an accepted brief into a project (BRIEF_MANAGE + PROJECT_CREATE)',
        description:
          'Creates the project (name, description, priority, due date, requestor and client team ' +
          'from the brief unless given) and marks the brief CONVERTED, linked to it, in one ' +
          `transaction. ${KEY_NOTE}`,
        headers: idempotencyHeader,
        params: idParam,
        body: briefConvertBody,
        response: {
          201: z.object({
            brief: briefDetailOut,
            project: z.object({ id: z.string(), name: z.string(), projectCode: z.string() }),
          }),
          ...idempotentResponses,
        },
      },
    },
    async (req, reply) =>
      sendIdempotent(idempotency, req, reply, req.body, async () => ({
        status: 201,
        body: await briefs.convert(caller(req), req.params.id, req.body),
      })),
  );

  // Signed deliveries need the exact bytes received: this scope keeps bodies as text.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/webhooks/briefs/:endpointId',
      {
        config: { public: true },
        schema: {
          tags: ['briefs', 'webhooks'],
          summary: 'A brief from an intake system, signed with Standard Webhooks',
          description:
            'Headers `webhook-id`, `webhook-timestamp` (Unix seconds, ±5 minutes) and ' +
            '`webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the ' +
            "endpoint's secret. The body is a JSON brief (title, description, externalId, " +
            'requestorName, requestorEmail, priority, requestedDueDate, clientTeamId; common ' +
            'aliases such as name, id, due_date are understood), or a `{type, timestamp, data}` ' +
            'envelope around one. Unmapped members are kept. A redelivery (same webhook-id) gets ' +
            'the first answer; the same externalId never makes a second brief.',
          security: [],
          params: z.object({ endpointId: z.string().min(1).max(64) }),
          response: { 200: briefWebhookOut, 201: briefWebhookOut, ...idempotentResponses },
        },
      },
      async (req, reply) => {
        // An unsigned request is unauthenticated whatever the endpoint: 401 before any lookup.
        requireSignatureHeaders(req.headers);
        const endpoint = await services.webhookEndpoints.findForDelivery(req.params.endpointId);
        if (!endpoint || !endpoint.isEnabled || endpoint.kind !== 'BRIEFS')
          throw new AppError('NOT_FOUND', 'No enabled brief webhook endpoint with this id');
        const rawBody = typeof req.body === 'string' ? req.body : '';
        const { messageId } = verifyBriefDelivery(endpoint.secret, rawBody, req.headers);
        let payload: unknown;
        try {
          payload = JSON.parse(rawBody);
        } catch {
          throw badRequest('The body is not valid JSON');
        }
        if (!payload || typeof payload !== 'object' || Array.isArray(payload))
          throw badRequest('The body must be a JSON object (a brief, or an envelope with data)');
        // webhook-id doubles as the Idempotency-Key of this endpoint's deliveries.
        req.headers['idempotency-key'] = messageId;
        return sendIdempotent(
          idempotency,
          req,
          reply,
          payload,
          async () => {
            const { fields, raw } = splitBriefPayload(payload as Record<string, unknown>, {
              aliases: true,
              envelope: true,
            });
            const parsed = briefInput.safeParse(fields);
            if (!parsed.success)
              throw badRequest(
                'The brief in this delivery is not valid',
                parsed.error.issues.map((i) => ({
                  path: i.path.join('.') || 'body',
                  message: i.message,
                })),
              );
            const { brief, created } = await briefs.receive(
              endpoint.organizationId,
              parsed.data,
              raw,
              `webhook:${endpoint.name}`,
              { userId: null, apiKeyId: null },
              `Received by webhook ${endpoint.name}`,
            );
            return {
              status: created ? 201 : 200,
              body: { id: brief.id, status: brief.status, externalId: brief.externalId, created },
            };
          },
          { orgId: endpoint.organizationId, keyHolder: `webhook:${endpoint.id}` },
        );
      },
    );
  });
}
