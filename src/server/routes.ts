import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from './app';
import { readMigrationState } from './db/client';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes';
import { registerOrgRoutes } from './modules/orgs/orgs.routes';
import { registerAttachmentRoutes } from './modules/attachments/attachments.routes';
import { registerApprovalRoutes } from './modules/approvals/approvals.routes';
import { registerCommentRoutes } from './modules/comments/comments.routes';
import { registerFeedbackRoutes } from './modules/feedback/feedback.routes';
import { registerCustomFieldRoutes } from './modules/custom-fields/custom-fields.routes';
import { registerDeliverableRoutes } from './modules/deliverables/deliverables.routes';
import { registerPipelineRoutes } from './modules/pipelines/pipelines.routes';
import { registerProjectRoutes } from './modules/projects/projects.routes';
import { registerRevisionRoutes } from './modules/revisions/revisions.routes';
import { registerReviewSessionRoutes } from './modules/review-sessions/review-sessions.routes';
import { registerClientReviewRoutes } from './modules/client-review/client-review.routes';
import { registerBoxRoutes } from './modules/box';
import { registerInboundRoutes } from './modules/inbound';
import { registerIntegrationRoutes } from './modules/integrations';
import { registerXlsxRoutes } from './modules/xlsx';
import type { Services } from './services';

export async function registerRoutes(app: FastifyInstance, services: Services, deps: AppDeps) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database state',
        security: [],
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            migrations: z.object({ applied: z.number().int(), latest: z.string().nullable() }),
          }),
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      database: deps.database.kind,
      migrations: await readMigrationState(deps.database),
    }),
  );

  await registerAuthRoutes(app, services, deps.config);
  await registerOrgRoutes(app, services);
  await registerNotificationRoutes(app, services);
  await registerProjectRoutes(app, services);
  await registerPipelineRoutes(app, services);
  await registerDeliverableRoutes(app, services);
  await registerCustomFieldRoutes(app, services);
  await registerAttachmentRoutes(app, services);
  await registerRevisionRoutes(app, services);
  await registerCommentRoutes(app, services);
  await registerFeedbackRoutes(app, services);
  await registerApprovalRoutes(app, services);
  await registerReviewSessionRoutes(app, services);
  await registerClientReviewRoutes(app, deps.database.db);
  await registerInboundRoutes(app, services);
  await registerIntegrationRoutes(app, services);
  await registerBoxRoutes(app, services);
  await registerXlsxRoutes(app, services);
}
