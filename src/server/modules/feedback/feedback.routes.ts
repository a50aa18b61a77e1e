import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FEEDBACK_STATUSES } from '../../../domain/feedback';
import type { Caller } from '../../caller';
import { listQuerySchema, pageSchema } from '../../http/pagination';
import { errorResponses, idParam } from '../../http/schemas';
import type { Services } from '../../services';
import { feedbackItemOut } from './feedback.presenter';

const caller = (req: { caller: Caller | null }) => req.caller as Caller;

const stageParam = z.object({ stageId: z.string().min(1).max(64) });
const id = z.string().min(1).max(64);
const summary = z.string().trim().min(1).max(2000);
const note = z.string().max(5000);

const listQuery = listQuerySchema.extend({
  revisionId: id.optional().describe('Only the items on this revision'),
  status: z.enum(FEEDBACK_STATUSES).optional(),
  current: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: only items not carried to a newer revision (the live copy of each chain)'),
});

const createBody = z.object({
  summary: summary
    .optional()
    .describe("Defaults to the first 200 characters of the comment's text"),
  revisionId: id
    .optional()
    .describe("Defaults to the comment's or annotation's revision, else the stage's latest"),
  commentId: id.optional().describe('A comment of this stage'),
  annotationId: id
    .optional()
    .describe('An annotation on a revision of this stage (its comment is taken along)'),
  assignedToId: id.nullable().optional().describe('A member of staff; they are notified'),
});

const patchBody = z
  .object({
    status: z.enum(FEEDBACK_STATUSES).optional(),
    resolutionNote: note
      .optional()
      .describe('Required with status RESOLVED; alone, edits the note of a resolved item'),
    assignedToId: id.nullable().optional(),
    summary: summary.optional(),
    sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'Send at least one field to change',
  });

const orderBody = z.object({
  ids: z
    .array(id)
    .min(1)
    .max(500)
    .describe('Items of the stage in their new order; they get sort orders 0, 1, 2 …'),
});

const itemPage = pageSchema(feedbackItemOut);

const mentionableOut = z.object({
  id: z.string(),
  name: z.string(),
  handle: z
    .string()
    .describe('Write `@handle` in a comment (the part of their e-mail before the @)'),
  isExternal: z.boolean().describe('A client viewer: only CLIENT comments reach them'),
});

const RULES =
  'Client viewers never see feedback items (404). Moves: OPEN → IN_PROGRESS | RESOLVED; ' +
  'IN_PROGRESS → OPEN | RESOLVED; RESOLVED → VERIFIED | REOPENED; VERIFIED → REOPENED; ' +
  'REOPENED → IN_PROGRESS | RESOLVED. Resolving needs a resolutionNote. Moving needs ' +
  'REVISION_REVIEW or being the assignee; VERIFIED (and reopening a verified item) needs ' +
  'REVISION_REVIEW. An item carried to a newer revision is read-only (409).';

/** Feedback items: action items from comments and annotations, carried across revisions. */
export async function registerFeedbackRoutes(app: FastifyInstance, services: Services) {
  const { feedback } = services;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/stages/:stageId/feedback-items',
    {
      schema: {
        tags: ['review'],
        summary: "A stage's feedback items, in the team's order",
        description:
          'Ordered by sortOrder, then oldest first. Without a revision filter, items on every ' +
          'revision are listed, carried copies included (use `current=true` for the live ones). ' +
          RULES,
        params: stageParam,
        querystring: listQuery,
        response: { 200: itemPage, ...errorResponses },
      },
    },
    async (req) => feedback.list(caller(req), req.params.stageId, req.query),
  );

  r.post(
    '/api/stages/:stageId/feedback-items',
    {
      schema: {
        tags: ['review'],
        summary: 'Turn a comment or an annotation into a feedback item',
        description:
          'Needs COMMENT_CREATE; naming an assignee other than yourself needs REVISION_REVIEW. ' +
          'The comment/annotation must be on this stage. Without a summary the comment text ' +
          'is used. A stage with no revision yet → 409. ' +
          RULES,
        params: stageParam,
        body: createBody,
        response: { 201: feedbackItemOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await feedback.create(caller(req), req.params.stageId, req.body)),
  );

  r.put(
    '/api/stages/:stageId/feedback-items/order',
    {
      schema: {
        tags: ['review'],
        summary: "Reorder a stage's feedback items (REVISION_REVIEW)",
        description:
          'The listed items get sort orders 0, 1, 2 … in one transaction; items not listed ' +
          'keep theirs. Answers the listed items in their new order.',
        params: stageParam,
        body: orderBody,
        response: { 200: itemPage, ...errorResponses },
      },
    },
    async (req) => feedback.reorder(caller(req), req.params.stageId, req.body.ids),
  );

  r.get(
    '/api/feedback-items/:id',
    {
      schema: {
        tags: ['review'],
        summary: 'One feedback item',
        params: idParam,
        response: { 200: feedbackItemOut, ...errorResponses },
      },
    },
    async (req) => feedback.get(caller(req), req.params.id),
  );

  r.patch(
    '/api/feedback-items/:id',
    {
      schema: {
        tags: ['review'],
        summary: 'Move a feedback item, or edit its summary, assignee, note or order',
        description:
          'Resolving records who and when with the note; verifying records who and when; ' +
          'reopening clears both (the last note is kept as context). An illegal move → 409 ' +
          'CONFLICT with the reason; a status equal to the current one is no move. Assigning ' +
          'needs REVISION_REVIEW, except taking an unassigned item yourself or giving yours ' +
          'back; the summary can be edited by its author or REVISION_REVIEW; sortOrder needs ' +
          'REVISION_REVIEW. ' +
          RULES,
        params: idParam,
        body: patchBody,
        response: { 200: feedbackItemOut, ...errorResponses },
      },
    },
    async (req) => feedback.update(caller(req), req.params.id, req.body),
  );

  r.get(
    '/api/stages/:stageId/mentionable',
    {
      schema: {
        tags: ['review'],
        summary: 'People a comment on the stage can @mention (staff only)',
        description:
          "The org's active staff and the active members of the project's client team, by " +
          'name. Write `@handle` in a comment to mention someone; they are notified if they ' +
          'can see the comment (a client is not told of an internal one). Client viewers → 404.',
        params: stageParam,
        response: { 200: pageSchema(mentionableOut), ...errorResponses },
      },
    },
    async (req) => feedback.mentionable(caller(req), req.params.stageId),
  );

  r.get(
    '/api/feedback-items/:id/chain',
    {
      schema: {
        tags: ['review'],
        summary: "The item's carry chain, oldest revision first",
        description:
          'Every copy of the same piece of feedback: where it was carried from and where it ' +
          'went (V0.2 → V0.3 → V1), the given item included.',
        params: idParam,
        response: { 200: itemPage, ...errorResponses },
      },
    },
    async (req) => feedback.chain(caller(req), req.params.id),
  );
}
