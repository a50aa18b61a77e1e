import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAGE_STATUSES } from '../../../domain/stage-workflow';
import { requirePermission, type Caller } from '../../caller';
import { DELIVERABLE_STATUSES, PRIORITIES } from '../../db/schema';
import { AppError } from '../../errors';
import { listQuerySchema, pageSchema } from '../../http/pagination';
import { errorResponses, idParam } from '../../http/schemas';
import type { Services } from '../../services';

const dateIn = z.iso.datetime({ offset: true }).or(z.iso.date()).nullable().optional();
const stageStatus = z.enum(STAGE_STATUSES);
const person = z.object({ userId: z.string(), name: z.string() });

const stageOut = z.object({
  id: z.string(),
  stageDefinitionId: z.string(),
  name: z.string(),
  slug: z.string(),
  order: z.number().int(),
  color: z.string().nullable(),
  status: stageStatus,
  approvalType: z.enum(['NONE', 'SIMPLE', 'FORMAL']),
  isOptional: z.boolean(),
  isCriticalGate: z.boolean(),
  subStatus: z.string().nullable(),
  customStatuses: z.array(z.string()),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  completedDate: z.string().nullable(),
  notes: z.string().nullable(),
  assignees: z.array(person.extend({ role: z.enum(['LEAD', 'SUPPORT']) })),
  allowedMoves: z.array(stageStatus).describe('Statuses you may move this stage to now'),
  reworkTargets: z.array(z.object({ stageId: z.string(), name: z.string() })),
});

const deliverableOut = z.object({
  id: z.string(),
  name: z.string(),
  slug: z
    .string()
    .describe('The alias slug, else the slugified name: what inbound file names match'),
  boxAliasSlug: z.string().nullable(),
  status: z.enum(DELIVERABLE_STATUSES),
  isOnHold: z.boolean(),
  priority: z.enum(PRIORITIES),
  dueDate: z.string().nullable(),
  notes: z.string().nullable(),
  customFields: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  project: z.object({
    id: z.string(),
    name: z.string(),
    projectCode: z.string(),
    omgJobNumber: z.string().nullable(),
    pipelineTemplateId: z.string().nullable(),
  }),
  stages: z.array(stageOut),
});

const deliverableRow = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  status: z.enum(DELIVERABLE_STATUSES),
  isOnHold: z.boolean(),
  priority: z.enum(PRIORITIES),
  dueDate: z.string().nullable(),
  customFields: z.record(z.string(), z.unknown()),
  project: z.object({
    id: z.string(),
    name: z.string(),
    projectCode: z.string(),
    omgJobNumber: z.string().nullable(),
  }),
  currentStage: z
    .object({
      id: z.string(),
      name: z.string(),
      status: stageStatus,
      stageDefinitionId: z.string(),
      color: z.string().nullable(),
    })
    .nullable(),
  stages: z.array(
    z.object({
      id: z.string(),
      stageDefinitionId: z.string(),
      name: z.string(),
      status: stageStatus,
      order: z.number().int(),
      color: z.string().nullable(),
    }),
  ),
  assignees: z.array(person),
});

const slugIn = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and hyphens')
  .max(80)
  .nullable()
  .optional();
const deliverableCreate = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200),
  boxAliasSlug: slugIn,
  priority: z.enum(PRIORITIES).optional(),
  dueDate: dateIn,
  notes: z.string().max(5000).nullable().optional(),
  customFields: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Custom field values by field name'),
});
const deliverablePatch = deliverableCreate
  .partial()
  .extend({ isOnHold: z.boolean().optional() })
  .strict();

const listFilters = listQuerySchema.extend({
  projectId: z.string().optional(),
  status: z.enum(DELIVERABLE_STATUSES).optional(),
  clientTeamId: z.string().optional(),
  assigneeId: z.string().optional(),
  q: z.string().trim().max(100).optional(),
  dueBefore: z.iso.date().optional(),
  dueAfter: z.iso.date().optional(),
  sort: z.enum(['dueDate', '-dueDate', 'name', '-createdAt']).optional(),
});

export async function registerDeliverableRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = (req: { caller: Caller | null }) => req.caller as Caller;
  const { deliverables, board } = services;

  r.get(
    '/api/deliverables',
    {
      schema: {
        tags: ['deliverables'],
        summary: 'Deliverables across the projects you can see, with filters and sort',
        querystring: listFilters,
        response: { 200: pageSchema(deliverableRow), ...errorResponses },
      },
    },
    async (req) => deliverables.list(caller(req), req.query),
  );
  r.get(
    '/api/projects/:id/deliverables',
    {
      schema: {
        tags: ['deliverables'],
        summary: "A project's deliverables",
        params: idParam,
        querystring: listFilters.omit({ projectId: true }),
        response: { 200: pageSchema(deliverableRow), ...errorResponses },
      },
    },
    async (req) => {
      await services.projects.get(caller(req), req.params.id); // 404 for what you cannot see
      return deliverables.list(caller(req), { ...req.query, projectId: req.params.id });
    },
  );
  r.post(
    '/api/projects/:id/deliverables',
    {
      schema: {
        tags: ['deliverables'],
        summary: "Create a deliverable; its stages come from the project's pipeline",
        description:
          'Slugs (alias, else the slugified name) are unique within a project: a clash is 409.',
        params: idParam,
        body: deliverableCreate,
        response: { 201: deliverableOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await deliverables.create(caller(req), req.params.id, req.body)),
  );
  r.get(
    '/api/deliverables/:id',
    {
      schema: {
        tags: ['deliverables'],
        summary: 'A deliverable with its stages and project summary',
        params: idParam,
        response: { 200: deliverableOut, ...errorResponses },
      },
    },
    async (req) => deliverables.get(caller(req), req.params.id),
  );
  r.patch(
    '/api/deliverables/:id',
    {
      schema: {
        tags: ['deliverables'],
        summary: 'Edit a deliverable, or put it on hold',
        params: idParam,
        body: deliverablePatch,
        response: { 200: deliverableOut, ...errorResponses },
      },
    },
    async (req) => deliverables.update(caller(req), req.params.id, req.body),
  );
  r.post(
    '/api/deliverables/:id/rework',
    {
      schema: {
        tags: ['deliverables'],
        summary: 'Send work back along a declared rework path',
        description:
          'The target stage becomes CHANGES_REQUESTED; started stages depending on it go back. Illegal → 409 with the reason.',
        params: idParam,
        body: z.strictObject({
          fromStageId: z.string().min(1),
          toStageId: z.string().min(1),
          note: z.string().trim().min(1, 'say what needs rework').max(2000),
        }),
        response: { 200: deliverableOut, ...errorResponses },
      },
    },
    async (req) => deliverables.rework(caller(req), req.params.id, req.body),
  );
  r.get(
    '/api/deliverables/:id/history',
    {
      schema: {
        tags: ['deliverables'],
        summary:
          'Every status change of the deliverable and its stages (who, when, from, to, note)',
        params: idParam,
        response: {
          200: pageSchema(
            z.object({
              id: z.string(),
              entityType: z.string(),
              entityId: z.string(),
              stageName: z.string().nullable(),
              fromStatus: z.string().nullable(),
              toStatus: z.string(),
              note: z.string().nullable(),
              actor: z.object({ id: z.string(), name: z.string() }).nullable(),
              createdAt: z.string(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (req) => deliverables.history(caller(req), req.params.id),
  );
  r.patch(
    '/api/stages/:stageId',
    {
      schema: {
        tags: ['stages'],
        summary: 'Move a stage (status) or edit its sub-status, dates and notes',
        description:
          'Moves follow the lifecycle contract; an illegal move is 409 STAGE_MOVE_NOT_ALLOWED with the reason. Answers the deliverable.',
        params: z.object({ stageId: z.string() }),
        body: z.strictObject({
          status: stageStatus.optional(),
          subStatus: z.string().max(60).nullable().optional(),
          startDate: dateIn,
          dueDate: dateIn,
          notes: z.string().max(5000).nullable().optional(),
        }),
        response: { 200: deliverableOut, ...errorResponses },
      },
    },
    async (req) => {
      if (Object.keys(req.body).length === 0)
        throw new AppError('VALIDATION_FAILED', 'Send at least one field to change');
      return deliverables.patchStage(caller(req), req.params.stageId, req.body);
    },
  );
  r.put(
    '/api/stages/:stageId/assignments/:userId',
    {
      schema: {
        tags: ['stages'],
        summary: 'Assign someone to a stage as lead or support (STAGE_ASSIGN)',
        params: z.object({ stageId: z.string(), userId: z.string() }),
        body: z.strictObject({ role: z.enum(['LEAD', 'SUPPORT']).default('LEAD') }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deliverables.assign(caller(req), req.params.stageId, req.params.userId, req.body.role);
      return reply.status(204).send(null);
    },
  );
  r.delete(
    '/api/stages/:stageId/assignments/:userId',
    {
      schema: {
        tags: ['stages'],
        summary: 'Remove someone from a stage',
        params: z.object({ stageId: z.string(), userId: z.string() }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deliverables.unassign(caller(req), req.params.stageId, req.params.userId);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/me/work',
    {
      schema: {
        tags: ['stages'],
        summary: 'Open stages assigned to you, soonest due first',
        response: {
          200: pageSchema(
            z.object({
              stageId: z.string(),
              stageName: z.string(),
              stageStatus: stageStatus,
              deliverableId: z.string(),
              deliverableName: z.string(),
              projectName: z.string(),
              omgJobNumber: z.string().nullable(),
              dueDate: z.string().nullable(),
              role: z.string(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (req) => deliverables.myWork(caller(req)),
  );
  r.get(
    '/api/users/assignable',
    {
      schema: {
        tags: ['stages'],
        summary: 'People who can be assigned to stages (staff of your organization)',
        response: {
          200: pageSchema(z.object({ id: z.string(), name: z.string(), role: z.string() })),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const who = caller(req);
      requirePermission(who, 'STAGE_VIEW');
      if (who.isExternal) throw new AppError('FORBIDDEN', 'Client viewers cannot list staff');
      const all = await services.repos.userRepo.listAll(who.orgId);
      return {
        items: all
          .filter((u) => !u.isExternal)
          .map((u) => ({ id: u.id, name: u.name, role: u.role })),
        nextCursor: null,
      };
    },
  );
  r.get(
    '/api/board',
    {
      schema: {
        tags: ['board'],
        summary: 'The board of a pipeline (the default one when none is given)',
        description:
          'Columns are stages; each card lists the moves the rules allow (start a ready stage, or rework along a declared path).',
        querystring: z.object({
          pipelineId: z.string().optional(),
          clientTeamId: z.string().optional(),
        }),
        response: {
          200: z.object({
            pipeline: z.object({
              id: z.string(),
              name: z.string(),
              stages: z.array(
                z.object({
                  id: z.string(),
                  name: z.string(),
                  slug: z.string(),
                  color: z.string().nullable(),
                  order: z.number().int(),
                }),
              ),
            }),
            cards: z.array(
              z.object({
                deliverableId: z.string(),
                name: z.string(),
                projectName: z.string(),
                omgJobNumber: z.string().nullable(),
                status: z.enum(DELIVERABLE_STATUSES),
                isOnHold: z.boolean(),
                priority: z.enum(PRIORITIES),
                dueDate: z.string().nullable(),
                columnStageId: z.string(),
                columnName: z.string(),
                stageId: z.string(),
                stageStatus: stageStatus,
                assignees: z.array(person),
                moves: z.array(
                  z.object({
                    toColumnStageId: z.string(),
                    action: z.enum(['start', 'rework']),
                    stageId: z.string(),
                  }),
                ),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => board.board(caller(req), req.query.pipelineId, req.query.clientTeamId),
  );
}
