import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_DECISIONS, SESSION_STATUSES } from '../../../domain/review-session';
import type { Caller } from '../../caller';
import { listQuerySchema, pageSchema } from '../../http/pagination';
import { errorResponses, idParam } from '../../http/schemas';
import type { Services } from '../../services';
import { APPROVAL_TYPES, REVISION_STATUSES, STAGE_STATUSES } from '../../db/schema';
import type { ReviewSessionService } from './review-session.service';

const caller = (req: { caller: Caller | null }) => req.caller as Caller;

const id = z.string().min(1).max(64);
const itemParam = z.object({ id, itemId: id });
const person = z.object({ id: z.string(), name: z.string() });

const sessionOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(SESSION_STATUSES),
  itemCount: z.number().int(),
  approvedCount: z.number().int(),
  changesRequestedCount: z.number().int(),
  createdBy: person,
  createdAt: z.string(),
  updatedAt: z.string(),
});

const ref = z.object({ id: z.string(), name: z.string() });
const stageOut = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(STAGE_STATUSES).describe("The stage's status now"),
  approvalType: z.enum(APPROVAL_TYPES),
});
const revisionRef = z.object({
  id: z.string(),
  label: z.string(),
  major: z.number().int(),
  minor: z.number().int(),
  sentToClient: z.boolean(),
  status: z.enum(REVISION_STATUSES),
  asset: z
    .object({
      kind: z.enum(['image', 'video']),
      thumbnailUrl: z
        .string()
        .nullable()
        .describe('Image thumbnail or video poster; null until processed'),
    })
    .nullable(),
});

const itemOut = z.object({
  id: z.string(),
  position: z.number().int().describe('1-based place in the session'),
  stage: stageOut,
  deliverable: ref,
  project: ref,
  revision: revisionRef
    .nullable()
    .describe('Null when the revision was deleted after it was added'),
  decision: z.enum(SESSION_DECISIONS).nullable(),
  decisionNote: z.string().nullable(),
  decidedBy: person.nullable(),
  decidedAt: z.string().nullable(),
});

const detailOut = sessionOut.extend({ items: z.array(itemOut) });

const name = z.string().trim().min(1).max(200);
const description = z.string().max(5000);

const createBody = z.strictObject({ name, description: description.nullish() });
const patchBody = z
  .strictObject({ name: name.optional(), description: description.nullish() })
  .refine((b) => b.name !== undefined || b.description !== undefined, {
    message: 'Send at least one field to change',
  });

const addItemsBody = z.union([
  z.strictObject({ revisionId: id }),
  z.strictObject({ revisionIds: z.array(id).min(1).max(200) }),
]);

const orderBody = z.strictObject({
  ids: z.array(id).max(500).describe('Every item id of the session, once, in the new order'),
});

const decideBody = z.strictObject({
  decision: z.enum(SESSION_DECISIONS),
  note: z.string().max(5000).nullish(),
});

const completionOut = z.object({
  session: detailOut,
  results: z.array(
    z.object({
      itemId: z.string(),
      stageId: z.string(),
      decision: z.enum(SESSION_DECISIONS).nullable(),
      applied: z.boolean(),
      reason: z.string().nullable().describe('Why the decision was not applied to the stage'),
    }),
  ),
  applied: z.number().int(),
  notApplied: z.number().int(),
});

const summaryOut = z.object({
  session: sessionOut.omit({ itemCount: true, approvedCount: true, changesRequestedCount: true }),
  counts: z.object({
    total: z.number().int(),
    approved: z.number().int(),
    changesRequested: z.number().int(),
    undecided: z.number().int(),
  }),
  items: z.array(
    z.object({
      position: z.number().int(),
      itemId: z.string(),
      deliverable: ref,
      project: ref,
      stage: stageOut,
      revision: revisionRef.nullable(),
      decision: z.enum(SESSION_DECISIONS).nullable(),
      note: z.string().nullable(),
      decidedBy: person.nullable(),
      decidedAt: z.string().nullable(),
    }),
  ),
});

const listQuery = listQuerySchema.extend({
  status: z.enum(SESSION_STATUSES).optional().describe('Only sessions with this status'),
});

const candidatesQuery = z.object({
  projectId: id.optional(),
  stageStatus: z.enum(STAGE_STATUSES).optional(),
  stageIds: z
    .string()
    .max(200 * 65)
    .optional()
    .transform((v) => (v === undefined ? undefined : v.split(',').filter(Boolean)))
    .pipe(z.array(id).max(200).optional())
    .describe('Comma-separated stage ids (a selection); stages without a revision are included'),
  sessionId: id.optional().describe('Mark the stages already in this session (inSession)'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

const candidateOut = z.object({
  stage: stageOut,
  deliverable: ref,
  project: ref,
  revision: revisionRef.nullable().describe("The stage's latest revision; null: nothing uploaded"),
  inSession: z.boolean(),
});

const INTERNAL =
  'Internal: client viewers get 404. Reading needs DELIVERABLE_VIEW; changes need ' +
  'REVIEW_SESSION_MANAGE.';

/**
 * Review sessions: gather stage revisions, present them, decide each, apply on completion.
 * Needs `services.reviewSessions` (a ReviewSessionService) wired in services.ts.
 */
export async function registerReviewSessionRoutes(app: FastifyInstance, services: Services) {
  const sessions = (services as Services & { reviewSessions: ReviewSessionService }).reviewSessions;
  if (!sessions) throw new Error('services.reviewSessions is not wired (see services.ts)');
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['review'];

  r.get(
    '/api/review-sessions',
    {
      schema: {
        tags,
        summary: 'Review sessions, newest first',
        description: INTERNAL,
        querystring: listQuery,
        response: { 200: pageSchema(sessionOut), ...errorResponses },
      },
    },
    async (req) => sessions.list(caller(req), req.query),
  );

  r.get(
    '/api/review-sessions/candidates',
    {
      schema: {
        tags,
        summary: 'Stages that can be added to a session, each with its latest revision',
        description:
          'Either `stageIds` (a selection on the board or in the table; a stage without a ' +
          'revision comes back with `revision: null`), or a filter by `projectId` and/or ' +
          '`stageStatus` (only stages with a revision). Needs REVIEW_SESSION_MANAGE.',
        querystring: candidatesQuery,
        response: { 200: z.object({ items: z.array(candidateOut) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await sessions.candidates(caller(req), req.query) }),
  );

  r.post(
    '/api/review-sessions',
    {
      schema: {
        tags,
        summary: 'Create a review session (DRAFT)',
        description: INTERNAL,
        body: createBody,
        response: { 201: detailOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await sessions.create(caller(req), req.body)),
  );

  r.get(
    '/api/review-sessions/:id',
    {
      schema: {
        tags,
        summary: 'A review session with its items in order',
        description: INTERNAL,
        params: idParam,
        response: { 200: detailOut, ...errorResponses },
      },
    },
    async (req) => sessions.get(caller(req), req.params.id),
  );

  r.patch(
    '/api/review-sessions/:id',
    {
      schema: {
        tags,
        summary: 'Rename or describe a review session',
        description: INTERNAL,
        params: idParam,
        body: patchBody,
        response: { 200: detailOut, ...errorResponses },
      },
    },
    async (req) => sessions.update(caller(req), req.params.id, req.body),
  );

  r.post(
    '/api/review-sessions/:id/items',
    {
      schema: {
        tags,
        summary: "Add revisions (each with its stage) to the session's end",
        description:
          '`{revisionId}` or `{revisionIds: [...]}`; all or nothing. A revision not visible ' +
          'to you → 404; a stage already in the session (or twice in the request) → 409; a ' +
          'completed session → 409.',
        params: idParam,
        body: addItemsBody,
        response: { 201: detailOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ids = 'revisionId' in req.body ? [req.body.revisionId] : req.body.revisionIds;
      return reply.status(201).send(await sessions.addItems(caller(req), req.params.id, ids));
    },
  );

  r.put(
    '/api/review-sessions/:id/items/order',
    {
      schema: {
        tags,
        summary: 'Reorder the items',
        description: 'Every item of the session, once (else 400); a completed session → 409.',
        params: idParam,
        body: orderBody,
        response: { 200: detailOut, ...errorResponses },
      },
    },
    async (req) => sessions.reorder(caller(req), req.params.id, req.body.ids),
  );

  r.delete(
    '/api/review-sessions/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: 'Remove an item',
        description: 'A completed session → 409.',
        params: itemParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await sessions.removeItem(caller(req), req.params.id, req.params.itemId);
      return reply.status(204).send(null);
    },
  );

  r.patch(
    '/api/review-sessions/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: 'Record the decision on an item (who and when are kept); replaces an earlier one',
        description:
          'Only while the session is IN_PROGRESS (else 409). Nothing reaches the stage until ' +
          'the session is completed.',
        params: itemParam,
        body: decideBody,
        response: { 200: itemOut, ...errorResponses },
      },
    },
    async (req) => sessions.decideItem(caller(req), req.params.id, req.params.itemId, req.body),
  );

  r.post(
    '/api/review-sessions/:id/start',
    {
      schema: {
        tags,
        summary: 'Start the session: DRAFT → IN_PROGRESS',
        description: 'Needs at least one item; from any other status → 409.',
        params: idParam,
        response: { 200: detailOut, ...errorResponses },
      },
    },
    async (req) => sessions.start(caller(req), req.params.id),
  );

  r.post(
    '/api/review-sessions/:id/complete',
    {
      schema: {
        tags,
        summary: 'Complete the session and apply its decisions to the stages',
        description:
          'IN_PROGRESS → COMPLETED (else 409; also needs REVISION_REVIEW). Each decided item is ' +
          'then applied to its stage as a regular decision (same rules as ' +
          '`POST /api/stages/:stageId/decisions`). An item the rules refuse — the stage is no ' +
          'longer in review, a FORMAL stage decided without a note, an undecided item — is ' +
          'reported with `applied: false` and the reason; the others are applied, and the ' +
          'session stays COMPLETED with every decision on record.',
        params: idParam,
        response: { 200: completionOut, ...errorResponses },
      },
    },
    async (req) => sessions.complete(caller(req), req.params.id),
  );

  r.get(
    '/api/review-sessions/:id/summary',
    {
      schema: {
        tags,
        summary: 'Decisions per item with notes, for a printable summary',
        description: INTERNAL,
        params: idParam,
        response: { 200: summaryOut, ...errorResponses },
      },
    },
    async (req) => sessions.summary(caller(req), req.params.id),
  );
}
