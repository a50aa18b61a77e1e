import { iso } from '../../http/schemas';
import type { AnnotationRecord, CommentRecord } from './comment.repository';
import type { AnnotationOut, CommentOut } from './comments.schemas';

export function presentAnnotation(a: AnnotationRecord): AnnotationOut {
  return {
    id: a.id,
    commentId: a.commentId,
    revisionId: a.revisionId,
    type: a.type,
    data: (a.data ?? {}) as Record<string, unknown>,
    x: a.imageX,
    y: a.imageY,
    timestampSeconds: a.timestampSeconds,
    frameThumbnailUrl: a.frameThumbnailUrl,
    createdAt: a.createdAt.toISOString(),
  };
}

/**
 * A comment as the API shows it. Content is the raw text (never HTML); a deleted comment keeps
 * its place in the thread but loses its content and annotations.
 */
export function presentComment(
  c: CommentRecord,
  authorName: string,
  annotations: readonly AnnotationRecord[],
  /** Client viewers: the release gate is the agency's own workflow, not shown to them. */
  external = false,
): CommentOut {
  const deleted = c.deletedAt !== null;
  return {
    id: c.id,
    stageId: c.deliverableStageId,
    revisionId: c.revisionId,
    parentId: c.parentId,
    content: deleted ? null : c.content,
    visibility: c.visibility,
    released: external ? false : c.releasedAt !== null,
    releasedAt: external ? null : iso(c.releasedAt),
    author: { id: c.authorId, name: authorName },
    createdAt: c.createdAt.toISOString(),
    editedAt: iso(c.editedAt),
    deleted,
    annotations: deleted ? [] : annotations.map(presentAnnotation),
  };
}
