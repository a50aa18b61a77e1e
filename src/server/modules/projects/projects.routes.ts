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
  customFields: z
    .record(z.string(), z.unknown())
    .describe('Values of the org-defined custom fields, by field name'),
  createdAt: z.string(),
  pipeline: z.object({ id: z.string(), name: z.string() }).nullable(),
  businessUnit: z.string().nullable().optional(),
  requestor: z.string().nullable().optional(),
  agency: z.string().nullable().optional(),
  estimatedCost: z.number().nullable().optional().describe('Not shown to client viewers'),
  actualCost: z.number().nullable().optional().describe('Not shown to client viewers'),
});

const dateIn = z.iso.datetime({ offset: true }).or(z.iso.date()).nullable().optional();
const projectFields = {
  name: z.string().trim().min(1, 'is required').max(200),
  projectCode: z.string().trim().min(1, 'is required').max(60),
  omgJobNumber: z
    .string()
    .trim()
    .regex(/^\d{1,20}$/, 'digits only')
    .nullable()
    .optional(),
  pipelineTemplateId: z.string().min(1).nullable().optional(),
  clientTeamId: z.string().min(1).nullable().optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  startDate: dateIn,
  dueDate: dateIn,
  description: z.string().max(5000).nullable().optional(),
  businessUnit: z.string().max(200).nullable().optional(),
  requestor: z.string().max(200).nullable().optional(),
  agency: z.string().max(200).nullable().optional(),
  estimatedCost: z.number().min(0).nullable().optional(),
  actualCost: z.number().min(0).nullable().optional(),
  customFields: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Custom field values by field name; null clears one'),
};
const projectCreate = z.strictObject(projectFields);
const projectPatch = z.strictObject(projectFields).partial();

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
          q: z.string().trim().max(100).optional(),
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
  r.post(
    '/api/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Create a project (PROJECT_CREATE); the default pipeline unless one is given',
        body: projectCreate,
        response: { 201: projectOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await services.projects.create(caller(req), req.body)),
  );
  r.patch(
    '/api/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: 'Edit a project (PROJECT_UPDATE)',
        params: idParam,
        body: projectPatch,
        response: { 200: projectOut, ...errorResponses },
      },
    },
    async (req) => services.projects.update(caller(req), req.params.id, req.body),
  );
}
