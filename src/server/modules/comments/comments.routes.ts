import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Caller } from '../../caller';
import { listQuerySchema, pageSchema } from '../../http/pagination';
import { errorResponses, idParam } from '../../http/schemas';
import type { Services } from '../../services';
import {
  annotationOut,
  commentOut,
  createAnnotationBody,
  createCommentBody,
  editCommentBody,
  listCommentsQuery,
  stageParam,
} from './comments.schemas';

const caller = (req: { caller: Caller | null }) => req.caller as Caller;
const tags = ['review'];

const VISIBILITY_RULES =
  'Visibility: client viewers see only CLIENT comments about versions sent to them (or about ' +
  'no revision); producers (REVISION_REVIEW) see everything; other staff see INTERNAL comments ' +
  'and CLIENT comments once released. Anything else answers 404.';

const CONTENT_NOTE =
  '`content` is plain text / Markdown source, stored and returned verbatim — render it as ' +
  'text (or with a Markdown renderer that escapes HTML), never as HTML.';

/** Comments and annotations (PRODUCT.md "Review"). */
export async function registerCommentRoutes(app: FastifyInstance, services: Services) {
  const { comments } = services;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/stages/:stageId/comments',
    {
      schema: {
        tags,
        summary: "A stage's comments, oldest first (threads via parentId)",
        description:
          'A flat page in thread order: oldest first, so a parent always comes before its ' +
          'replies; build the tree from `parentId`. Deleted comments stay, with `deleted: true` ' +
          `and no content. Each carries its annotations. ${VISIBILITY_RULES} ${CONTENT_NOTE}`,
        params: stageParam,
        querystring: listCommentsQuery,
        response: { 200: pageSchema(commentOut), ...errorResponses },
      },
    },
    async (req) => comments.list(caller(req), req.params.stageId, req.query),
  );

  r.post(
    '/api/stages/:stageId/comments',
    {
      schema: {
        tags,
        summary: 'Comment on a stage (optionally on one of its revisions, or as a reply)',
        description:
          'Needs COMMENT_CREATE. Staff write INTERNAL by default; CLIENT needs REVISION_REVIEW ' +
          'and is released to artists at once. Client viewers always write CLIENT (asking for ' +
          'INTERNAL → 400) and only about versions sent to them (others → 404); their comments ' +
          'reach artists once a producer releases them. A reply must be on the same stage as ' +
          'its parent, takes its revision, and stays INTERNAL under an INTERNAL parent. ' +
          '`@handle` (the part of an e-mail before the @) notifies that person if they can ' +
          `see the comment. ${CONTENT_NOTE}`,
        params: stageParam,
        body: createCommentBody,
        response: { 201: commentOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await comments.create(caller(req), req.params.stageId, req.body)),
  );

  r.get(
    '/api/comments/:id',
    {
      schema: {
        tags,
        summary: 'One comment, with its annotations',
        description: VISIBILITY_RULES,
        params: idParam,
        response: { 200: commentOut, ...errorResponses },
      },
    },
    async (req) => comments.get(caller(req), req.params.id),
  );

  r.patch(
    '/api/comments/:id',
    {
      schema: {
        tags,
        summary: 'Edit your own comment',
        description:
          'Author only (others → 403); sets `editedAt`; a deleted comment → 409. People ' +
          'mentioned for the first time are notified. A client edit hides the comment from ' +
          'artists again until a producer re-releases it.',
        params: idParam,
        body: editCommentBody,
        response: { 200: commentOut, ...errorResponses },
      },
    },
    async (req) => comments.edit(caller(req), req.params.id, req.body.content),
  );

  r.delete(
    '/api/comments/:id',
    {
      schema: {
        tags,
        summary: 'Delete a comment (soft: it stays in the thread as deleted)',
        description:
          'Your own with COMMENT_DELETE, anyone’s with COMMENT_DELETE_ANY. Its content and ' +
          'annotations are hidden from then on; replies stay. Deleting twice is a no-op.',
        params: idParam,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (req, reply) => {
      await comments.remove(caller(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/comments/:id/release',
    {
      schema: {
        tags,
        summary: "Release a client's comment to the artists",
        description:
          'Producers (REVISION_REVIEW, agency staff): artists see a CLIENT comment from then on, ' +
          'and those it mentions are notified. INTERNAL or deleted → 409; already released → ' +
          'returned as is.',
        params: idParam,
        response: { 200: commentOut, ...errorResponses },
      },
    },
    async (req) => comments.release(caller(req), req.params.id),
  );

  r.post(
    '/api/revisions/:id/annotations',
    {
      schema: {
        tags,
        summary: 'Annotate a revision: a comment and its annotation, together',
        description:
          'Positions and sizes are fractions of the asset (0 … 1, from the top-left), so they ' +
          'hold at any display size; outside [0, 1] → 400 naming the field. `data` by type: ' +
          'RECTANGLE / ELLIPSE {w, h}; ARROW {x2, y2}; FREEHAND {points: [[x, y], …] ≤ 2000}; ' +
          'TEXT {text}; PIN {}; SCREENSHOT {}. Videos need `timestampSeconds` (≥ 0); images ' +
          'refuse it. `frameThumbnail`: an optional PNG/JPEG data URL ≤ 300 KB (checked from ' +
          'the bytes), stored inline and returned as `frameThumbnailUrl`. Comment rules as for ' +
          '`POST /api/stages/{stageId}/comments`; the comment is about this revision.',
        params: idParam,
        body: createAnnotationBody,
        response: { 201: commentOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await comments.annotate(caller(req), req.params.id, req.body)),
  );

  r.get(
    '/api/revisions/:id/annotations',
    {
      schema: {
        tags,
        summary: "A revision's annotations, oldest first, each with its comment id",
        description: `Only those whose comment you may see and which is not deleted. ${VISIBILITY_RULES}`,
        params: idParam,
        querystring: listQuerySchema,
        response: { 200: pageSchema(annotationOut), ...errorResponses },
      },
    },
    async (req) => comments.listAnnotations(caller(req), req.params.id, req.query),
  );
}
