import { z } from 'zod';
import { ANNOTATION_TYPES, COMMENT_VISIBILITIES, type AnnotationType } from '../../db/schema';
import { listQuerySchema } from '../../http/pagination';

export const MAX_CONTENT_CHARS = 10_000;
export const MAX_FREEHAND_POINTS = 2000;
/** Decoded bytes of a frame thumbnail; it is stored inline, so it must stay small. */
export const MAX_THUMBNAIL_BYTES = 300 * 1024;

/**
 * Plain text or Markdown source, stored and returned as typed: never HTML, never sanitised
 * here. Whoever displays it must render it as text (or through a Markdown renderer that
 * escapes raw HTML).
 */
export const contentSchema = z
  .string()
  .min(1)
  .max(MAX_CONTENT_CHARS)
  .refine((s) => s.trim().length > 0, 'must not be blank')
  // PostgreSQL text cannot hold NUL; refusing it here keeps it a 400, not a 500.
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
  .describe(`Plain text / Markdown source, 1–${MAX_CONTENT_CHARS} characters. Returned verbatim.`);

const visibilitySchema = z
  .enum(COMMENT_VISIBILITIES)
  .describe(
    'INTERNAL: agency staff only. CLIENT: also the client team. Staff default to INTERNAL; ' +
      'client viewers always write CLIENT (asking for INTERNAL → 400).',
  );

const unitMessage = 'must be between 0 and 1 (a fraction of the width or height)';
/** Positions and sizes are fractions of the asset's width/height, so any display size works. */
const unit = z.number().min(0, unitMessage).max(1, unitMessage);

export const annotationDataSchemas = {
  RECTANGLE: z.strictObject({ w: unit, h: unit }).describe('Box from (x, y), top-left'),
  ELLIPSE: z.strictObject({ w: unit, h: unit }).describe('Bounding box from (x, y), top-left'),
  ARROW: z.strictObject({ x2: unit, y2: unit }).describe('From (x, y) to (x2, y2)'),
  FREEHAND: z
    .strictObject({
      points: z
        .array(z.tuple([unit, unit]))
        .min(1)
        .max(MAX_FREEHAND_POINTS),
    })
    .describe(`Stroke as [x, y] pairs, at most ${MAX_FREEHAND_POINTS}`),
  TEXT: z.strictObject({ text: z.string().min(1).max(2000) }).describe('Label placed at (x, y)'),
  PIN: z.strictObject({}).describe('A marker at (x, y)'),
  SCREENSHOT: z.strictObject({}).describe('A captured frame (see frameThumbnail) at (x, y)'),
} as const satisfies Record<AnnotationType, z.ZodType>;

const annotationCommon = {
  x: unit.describe('Horizontal position, 0 (left) … 1 (right)'),
  y: unit.describe('Vertical position, 0 (top) … 1 (bottom)'),
  timestampSeconds: z
    .number()
    .min(0)
    .optional()
    .describe('Required on video revisions (seconds into the video); refused on images'),
  frameThumbnail: z
    .string()
    .max(Math.ceil((MAX_THUMBNAIL_BYTES * 4) / 3) + 64)
    .optional()
    .describe(
      'Optional `data:image/png;base64,…` or `data:image/jpeg;base64,…` (≤ 300 KB decoded, ' +
        'checked from the bytes). Stored as is and returned as `frameThumbnailUrl`.',
    ),
};

const variant = <T extends AnnotationType, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({ type: z.literal(type), data, ...annotationCommon });

export const annotationInput = z.discriminatedUnion('type', [
  variant('RECTANGLE', annotationDataSchemas.RECTANGLE),
  variant('ELLIPSE', annotationDataSchemas.ELLIPSE),
  variant('ARROW', annotationDataSchemas.ARROW),
  variant('FREEHAND', annotationDataSchemas.FREEHAND),
  variant('TEXT', annotationDataSchemas.TEXT),
  variant('PIN', annotationDataSchemas.PIN),
  variant('SCREENSHOT', annotationDataSchemas.SCREENSHOT),
]);

export type AnnotationInput = z.infer<typeof annotationInput>;

export const stageParam = z.object({ stageId: z.string().min(1).max(64) });

export const listCommentsQuery = listQuerySchema.extend({
  revisionId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('Only the comments about this revision (of the same stage)'),
});

export const createCommentBody = z.strictObject({
  content: contentSchema,
  parentId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('Reply to this comment (same stage); the reply takes its revision'),
  revisionId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('The revision the comment is about (of this stage)'),
  visibility: visibilitySchema.optional(),
});
export type CreateCommentInput = z.infer<typeof createCommentBody>;

export const editCommentBody = z.strictObject({ content: contentSchema });

export const createAnnotationBody = z.strictObject({
  content: contentSchema,
  parentId: createCommentBody.shape.parentId,
  visibility: visibilitySchema.optional(),
  annotation: annotationInput,
});
export type CreateAnnotationInput = z.infer<typeof createAnnotationBody>;

export const annotationOut = z.object({
  id: z.string(),
  commentId: z.string(),
  revisionId: z.string(),
  type: z.enum(ANNOTATION_TYPES),
  data: z
    .record(z.string(), z.unknown())
    .describe('Per type: RECTANGLE/ELLIPSE {w,h}; ARROW {x2,y2}; FREEHAND {points}; TEXT {text}'),
  x: z.number(),
  y: z.number(),
  timestampSeconds: z.number().nullable(),
  frameThumbnailUrl: z.string().nullable().describe('A data: URL, or null'),
  createdAt: z.string(),
});
export type AnnotationOut = z.infer<typeof annotationOut>;

export const commentOut = z.object({
  id: z.string(),
  stageId: z.string(),
  revisionId: z.string().nullable(),
  parentId: z.string().nullable(),
  content: z
    .string()
    .nullable()
    .describe('Raw text / Markdown source — render as text, never as HTML. Null once deleted.'),
  visibility: z.enum(COMMENT_VISIBILITIES),
  released: z
    .boolean()
    .describe('CLIENT comments: whether artists (staff without REVISION_REVIEW) can see it'),
  releasedAt: z.string().nullable(),
  author: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  annotations: z.array(annotationOut).describe('Empty once the comment is deleted'),
});
export type CommentOut = z.infer<typeof commentOut>;
