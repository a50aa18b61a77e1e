import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Caller } from '../../caller';
import { PRIORITIES, PROJECT_STATUSES } from '../../db/schema';
import { listQuerySchema, pageSchema } from '../../http/pagination';
import { errorResponses, idParam } from '../../http/schemas';
import type { Services } from '../../services';

const projectOut = z.object({
  id: z.string(),
  projectCode: z.string(),
  omgJobNumber: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(PROJECT_STATUSES),
  priority: z.enum(PRIORITIES),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  clientTeam: z.object({ id: z.string(), name: z.string() }).nullable(),
  deliverableCount: z.number().int(),
  createdAt: z.string(),
  businessUnit: z.string().nullable().optional(),
  requestor: z.string().nullable().optional(),
  agency: z.string().nullable().optional(),
  estimatedCost: z.number().nullable().optional().describe('Not shown to client viewers'),
  actualCost: z.number().nullable().optional().describe('Not shown to client viewers'),
});

export async function registerProjectRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = (req: { caller: Caller | null }) => req.caller as Caller;
  r.get(
    '/api/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Projects you can see (client viewers: their client teams only)',
        querystring: listQuerySchema.extend({
          status: z.enum(PROJECT_STATUSES).optional(),
          clientTeamId: z.string().optional(),
        }),
        response: { 200: pageSchema(projectOut), ...errorResponses },
      },
    },
    async (req) => services.projects.list(caller(req), req.query),
  );
  r.get(
    '/api/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: 'One project',
        params: idParam,
        response: { 200: projectOut, ...errorResponses },
      },
    },
    async (req) => services.projects.get(caller(req), req.params.id),
  );
}
