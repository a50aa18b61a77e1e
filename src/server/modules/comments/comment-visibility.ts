import type { Permission } from '../../../domain/permissions';
import type { CommentVisibility } from '../../db/schema';

/**
 * Who sees a comment (PRODUCT.md "People and access", API.md "comment visibility and release").
 * The same rule exists twice: here for one person (who may be notified of a mention), and as SQL
 * in commentRepo.visibleTo for whole lists. Change both together.
 *
 * - Client viewers: only CLIENT comments, on their client teams' projects, about a revision sent
 *   to the client or about no revision.
 * - Staff who screen client feedback (REVISION_REVIEW, not external — producers, admins): all.
 * - Other staff (artists): INTERNAL comments, and CLIENT comments once released (or their own).
 */
export interface CommentViewer {
  userId: string;
  isExternal: boolean;
  permissions: ReadonlySet<Permission>;
  clientTeamIds: readonly string[];
}

/** What of a comment (and where it sits) decides who sees it. */
export interface CommentScope {
  authorId: string;
  visibility: CommentVisibility;
  releasedAt: Date | null;
  /** Null when the comment is about no particular revision. */
  revisionSentToClient: boolean | null;
  projectClientTeamId: string | null;
}

/** Staff who see client comments at once and decide when artists see them. */
export function screensClientComments(viewer: Pick<CommentViewer, 'isExternal' | 'permissions'>) {
  return !viewer.isExternal && viewer.permissions.has('REVISION_REVIEW');
}

/** Whether `viewer` (already known to be of the comment's organization) may see the comment. */
export function canSeeComment(viewer: CommentViewer, c: CommentScope): boolean {
  if (!viewer.permissions.has('DELIVERABLE_VIEW')) return false;
  if (viewer.isExternal) {
    return (
      c.projectClientTeamId !== null &&
      viewer.clientTeamIds.includes(c.projectClientTeamId) &&
      c.visibility === 'CLIENT' &&
      c.revisionSentToClient !== false
    );
  }
  if (c.visibility === 'INTERNAL') return true;
  return screensClientComments(viewer) || c.releasedAt !== null || c.authorId === viewer.userId;
}
