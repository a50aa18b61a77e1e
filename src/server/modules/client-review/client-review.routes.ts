import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Caller } from '../../caller';
import type { Db } from '../../db/client';
import { errorResponses } from '../../http/schemas';
import { clientReviewPageOut, clientReviewQuery } from './client-review.schemas';
import { ClientReviewService } from './client-review.service';

const caller = (req: { caller: Caller | null }) => req.caller as Caller;

/** The client's focused review: what was sent to them, what awaits their decision. */
export async function registerClientReviewRoutes(app: FastifyInstance, db: Db) {
  const service = new ClientReviewService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/client-review/items',
    {
      schema: {
        tags: ['review'],
        summary: 'Deliverables with versions sent to the client, awaiting a decision first',
        description:
          'Client viewers: their client teams’ projects only. Staff: every project (use ' +
          '`waiting=true` for what is out with clients now). Only sent versions (V1, V2 …) are ' +
          'listed; each stage gives its latest sent version and whether one awaits the ' +
          'client’s decision.',
        querystring: clientReviewQuery,
        response: { 200: clientReviewPageOut, ...errorResponses },
      },
    },
    async (req) => service.list(caller(req), req.query),
  );
}
