import { createReadStream } from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { multipartContent } from '../../../domain/idempotency';
import type { AppDeps } from '../../app';
import { requirePermission, type Caller } from '../../caller';
import { AppError } from '../../errors';
import { multipartBodyDoc } from '../../http/multipart';
import { errorResponses, errorSchema, idParam } from '../../http/schemas';
import { ROLES } from '../../../domain/permissions';
import type { CoreWithInbound, Services } from '../../services';
import { BriefService } from '../briefs/brief.service';
import { registerBriefRoutes } from '../briefs/briefs.routes';
import { ApiKeyService } from './api-key.service';
import { IdempotencyService, sendIdempotent } from './idempotency.service';
import { inboundResolverOf, receiveUpload } from './upload';
import { WebhookEndpointService } from './webhook-endpoint.service';

/** API keys, Idempotency-Key, the external API v1 and briefs. */
export function createIntegrationServices(deps: AppDeps, core: CoreWithInbound) {
  const db = deps.database.db;
  return {
    apiKeys: new ApiKeyService(db),
    idempotency: new IdempotencyService(db),
    webhookEndpoints: new WebhookEndpointService(db),
    briefs: new BriefService(db, core.customFields),
    /** The inbound module's resolver (checked at call time: it may not provide one yet). */
    inbound: core.inbound as unknown,
    maxUploadBytes: core.revisions.maxUploadBytes,
  };
}

export type IntegrationServices = ReturnType<typeof createIntegrationServices>;

const caller = (req: { caller: Caller | null }) => req.caller as Caller;

const apiKeyOut = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  keyPrefix: z.string().describe('The first characters of the key, to recognise it'),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const webhookEndpointOut = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.literal('BRIEFS'),
  isEnabled: z.boolean(),
  path: z.string().describe('Where the sender posts, below the app URL'),
  createdAt: z.string(),
});

const uploadOut = z.object({
  outcome: z.enum(['revision', 'held', 'unmatched']),
  revisionId: z.string().optional(),
  holdingPenFileId: z.string().optional(),
  deliverableId: z.string().optional(),
  projectId: z.string().optional(),
  stageId: z.string().optional(),
  inboundLogId: z.string().optional(),
  reason: z.string().optional(),
});

const uploadBodyDoc = {
  type: 'object',
  required: ['file'],
  properties: {
    file: {
      type: 'string',
      format: 'binary',
      description:
        'One file, named by the pipeline pattern (default `{omgJobNumber}_{slug}[_v{n}].{ext}`)',
    },
  },
} as const;

export async function registerIntegrationRoutes(app: FastifyInstance, services: Services) {
  const integrations = services.integrations;
  const { apiKeys, webhookEndpoints, idempotency } = integrations;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/api-keys',
    {
      schema: {
        tags: ['api keys'],
        summary: "The org's API keys, revoked last (API_KEY_MANAGE); never the key itself",
        response: {
          200: z.object({ items: z.array(apiKeyOut), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (req) => apiKeys.list(caller(req)),
  );
  r.post(
    '/api/api-keys',
    {
      schema: {
        tags: ['api keys'],
        summary: 'Create an API key (API_KEY_MANAGE); the key is in this answer only',
        description:
          'The key acts in the org with the permissions of `role` (default PRODUCER; ADMIN only ' +
          'by an admin). Send it as `Authorization: Bearer <key>` on /api/v1/* and /api/briefs. ' +
          'Only its SHA-256 is stored.',
        body: z.strictObject({
          name: z.string().trim().min(1, 'is required').max(100),
          role: z.enum(['ADMIN', 'PRODUCER', 'ARTIST', 'CLIENT_VIEWER']).optional(),
        }),
        response: { 201: apiKeyOut.extend({ key: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await apiKeys.create(caller(req), req.body)),
  );
  r.delete(
    '/api/api-keys/:id',
    {
      schema: {
        tags: ['api keys'],
        summary: 'Revoke an API key (API_KEY_MANAGE); it stops working at once',
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await apiKeys.revoke(caller(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/webhook-endpoints',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Incoming brief webhook endpoints (INTEGRATION_MANAGE)',
        response: {
          200: z.object({ items: z.array(webhookEndpointOut), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (req) => webhookEndpoints.list(caller(req)),
  );
  r.post(
    '/api/webhook-endpoints',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Create a brief webhook endpoint (INTEGRATION_MANAGE); the secret is shown once',
        body: z.strictObject({ name: z.string().trim().min(1, 'is required').max(100) }),
        response: {
          201: webhookEndpointOut.extend({
            secret: z.string().describe('Standard Webhooks secret (whsec_…): shown once'),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await webhookEndpoints.create(caller(req), req.body)),
  );
  r.patch(
    '/api/webhook-endpoints/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Rename, disable or enable a webhook endpoint (INTEGRATION_MANAGE)',
        params: idParam,
        body: z.strictObject({
          name: z.string().trim().min(1).max(100).optional(),
          isEnabled: z.boolean().optional(),
        }),
        response: { 200: webhookEndpointOut, ...errorResponses },
      },
    },
    async (req) => webhookEndpoints.update(caller(req), req.params.id, req.body),
  );

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: integrations.maxUploadBytes, files: 1, fields: 20, parts: 21 },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/upload',
      {
        schema: {
          tags: ['api v1'],
          security: [{ apiKey: [] }, { session: [] }],
          summary: 'Send a file in by name (API key; multipart field `file`)',
          description:
            'The file goes through the inbound resolver, as uploads by name and Box do: matched ' +
            'and the deliverable not in client review → `revision`; matched while in review → ' +
            '`held` (holding pen); otherwise `unmatched` with the reason. Always 200 once ' +
            'processed. Honours `Idempotency-Key`: the fingerprint is the other fields plus the ' +
            "file's name and SHA-256, so a retry with a new multipart boundary gets the stored " +
            'answer. Needs REVISION_CREATE.',
          consumes: ['multipart/form-data'],
          headers: z.object({ 'idempotency-key': z.string().optional() }),
          response: {
            200: uploadOut,
            ...errorResponses,
            413: errorSchema,
            415: errorSchema,
            422: errorSchema,
            503: errorSchema,
          },
        },
        config: multipartBodyDoc(uploadBodyDoc),
      },
      async (req, reply) => {
        const who = caller(req);
        requirePermission(who, 'REVISION_CREATE');
        if (!req.isMultipart())
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            'Send multipart/form-data with the file in the field "file"',
          );
        const resolver = inboundResolverOf(integrations.inbound);
        if (!resolver)
          throw new AppError('SERVICE_UNAVAILABLE', 'Inbound files are not available yet');
        const upload = await receiveUpload(req, integrations.maxUploadBytes);
        try {
          const { file } = upload;
          const content = multipartContent(upload.fields, [
            { field: file.field, fileName: file.fileName, sha256: file.sha256 },
          ]);
          return await sendIdempotent(idempotency, req, reply, content, async () => {
            const result = await resolver.ingest({
              organizationId: who.orgId,
              channel: 'API',
              fileName: file.fileName,
              stream: createReadStream(file.path),
              actor: {
                userId: who.apiKeyId ? null : who.userId,
                apiKeyId: who.apiKeyId,
                name: who.name,
              },
            });
            return {
              status: 200,
              body: {
                outcome: result.outcome,
                revisionId: result.revisionId,
                holdingPenFileId: result.holdingPenFileId,
                deliverableId: result.deliverableId,
                projectId: result.projectId,
                stageId: result.stageId,
                inboundLogId: result.inboundLogId,
                reason: result.reason,
              },
            };
          });
        } finally {
          await upload.cleanup();
        }
      },
    );
  });

  await registerBriefRoutes(app, integrations);
}
