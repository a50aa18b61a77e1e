import { parseMentions } from '../../../domain/mentions';
import { isPermission } from '../../../domain/permissions';
import { can, requirePermission, type Caller } from '../../caller';
import type { Db, DbOrTx } from '../../db/client';
import type { CommentVisibility } from '../../db/schema';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../errors';
import { encodeCursor, toPage, type Page } from '../../http/pagination';
import type { NotificationRow } from '../notifications/notification.repository';
import type { NotificationService } from '../notifications/notification.service';
import { revisionRepo } from '../revisions/revision.repository';
import { presentAnnotation, presentComment } from './comment.presenter';
import {
  commentRepo,
  type AnnotationRecord,
  type CommentRow,
  type MentionCandidate,
} from './comment.repository';
import { canSeeComment, screensClientComments, type CommentScope } from './comment-visibility';
import type {
  AnnotationOut,
  CommentOut,
  CreateAnnotationInput,
  CreateCommentInput,
} from './comments.schemas';
import { normaliseFrameThumbnail } from './frame-thumbnail';

/** Bounds the notifications one comment can fan out to. */
const MAX_MENTIONS = 50;
/** A video annotation may sit this far past the probed duration (the last frame's length). */
const DURATION_SLACK_SECONDS = 1;

interface NewComment {
  content: string;
  parentId?: string;
  /** The revision the comment is about, already checked visible and on the stage. */
  revisionId: string | null;
  visibility: CommentVisibility;
}

const scopeOf = (row: CommentRow): CommentScope => ({
  authorId: row.comment.authorId,
  visibility: row.comment.visibility,
  releasedAt: row.comment.releasedAt,
  revisionSentToClient: row.comment.revisionId === null ? null : row.revisionSentToClient,
  projectClientTeamId: row.projectClientTeamId,
});

const viewerOf = (u: MentionCandidate) => ({
  userId: u.id,
  isExternal: u.isExternal,
  permissions: new Set(u.permissions.filter(isPermission)),
  clientTeamIds: u.clientTeamIds,
});

const excerpt = (content: string) => {
  const flat = content.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
};

/**
 * Threaded comments on a stage and annotations on its revisions (PRODUCT.md "Review").
 *
 * Visibility (comment-visibility.ts) is enforced in every query: what a caller may not see
 * answers 404. Client viewers write CLIENT comments only; staff write INTERNAL unless they ask
 * for CLIENT, which takes REVISION_REVIEW (talking to the client is a producer's call). A
 * client's comment reaches artists only once a producer releases it; a staff member's CLIENT
 * comment is released as it is written, since there is nothing to screen. @mentions notify the
 * people named who can see the comment, when they first can.
 */
export class CommentService {
  constructor(
    readonly db: Db,
    readonly notifications: NotificationService,
  ) {}

  async list(
    caller: Caller,
    stageId: string,
    q: { revisionId?: string; limit: number; cursor?: string },
  ): Promise<Page<CommentOut>> {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    if (!(await revisionRepo.visibleStage(this.db, caller, stageId))) throw notFound('Stage');
    if (q.revisionId) {
      const rev = await revisionRepo.visible(this.db, caller, q.revisionId);
      if (rev?.revision.deliverableStageId !== stageId) throw notFound('Revision');
    }
    const rows = await commentRepo.list(this.db, caller, stageId, q);
    const page = rows.slice(0, q.limit);
    const annotations = await commentRepo.annotationsOf(
      this.db,
      page.map((r) => r.comment.id),
    );
    const byComment = new Map<string, AnnotationRecord[]>();
    for (const a of annotations)
      byComment.set(a.commentId, [...(byComment.get(a.commentId) ?? []), a]);
    const last = page[page.length - 1];
    return {
      items: page.map((r) =>
        presentComment(
          r.comment,
          r.authorName,
          byComment.get(r.comment.id) ?? [],
          caller.isExternal,
        ),
      ),
      nextCursor: rows.length > q.limit && last ? encodeCursor(last.comment) : null,
    };
  }

  async get(caller: Caller, id: string): Promise<CommentOut> {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    return this.present(this.db, await this.find(this.db, caller, id), caller);
  }

  async create(caller: Caller, stageId: string, input: CreateCommentInput): Promise<CommentOut> {
    requirePermission(caller, 'COMMENT_CREATE');
    const visibility = this.visibilityFor(caller, input.visibility);
    const { out, notified } = await this.db.transaction(async (tx) => {
      if (!(await revisionRepo.visibleStage(tx, caller, stageId))) throw notFound('Stage');
      let revisionId: string | null = null;
      if (input.revisionId) {
        const rev = await revisionRepo.visible(tx, caller, input.revisionId);
        if (!rev) throw notFound('Revision');
        if (rev.revision.deliverableStageId !== stageId)
          throw badRequest('The revision belongs to another stage', [
            { path: 'revisionId', message: 'not a revision of this stage' },
          ]);
        revisionId = rev.revision.id;
      }
      const row = await this.insertComment(tx, caller, stageId, {
        content: input.content,
        parentId: input.parentId,
        revisionId,
        visibility,
      });
      const notified = await this.notifyMentions(tx, caller, row, input.content);
      return { out: await this.present(tx, row, caller), notified };
    });
    await this.notifications.publish(notified);
    return out;
  }

  /** A comment and its annotation on a revision, written together or not at all. */
  async annotate(
    caller: Caller,
    revisionId: string,
    input: CreateAnnotationInput,
  ): Promise<CommentOut> {
    requirePermission(caller, 'COMMENT_CREATE');
    const visibility = this.visibilityFor(caller, input.visibility);
    const a = input.annotation;
    const thumbnail = a.frameThumbnail ? await normaliseFrameThumbnail(a.frameThumbnail) : null;
    const { out, notified } = await this.db.transaction(async (tx) => {
      const rev = await revisionRepo.visible(tx, caller, revisionId);
      if (!rev) throw notFound('Revision');
      this.checkTimestamp(rev.revision.asset, a.timestampSeconds);
      const row = await this.insertComment(tx, caller, rev.revision.deliverableStageId, {
        content: input.content,
        parentId: input.parentId,
        revisionId,
        visibility,
      });
      await commentRepo.insertAnnotation(tx, {
        organizationId: caller.orgId,
        commentId: row.comment.id,
        revisionId,
        type: a.type,
        data: a.data,
        imageX: a.x,
        imageY: a.y,
        timestampSeconds: a.timestampSeconds ?? null,
        frameThumbnailUrl: thumbnail,
        createdById: caller.userId,
      });
      const notified = await this.notifyMentions(tx, caller, row, input.content);
      return { out: await this.present(tx, row, caller), notified };
    });
    await this.notifications.publish(notified);
    return out;
  }

  async listAnnotations(
    caller: Caller,
    revisionId: string,
    q: { limit: number; cursor?: string },
  ): Promise<Page<AnnotationOut>> {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    if (!(await revisionRepo.visible(this.db, caller, revisionId))) throw notFound('Revision');
    const rows = await commentRepo.annotationsOnRevision(
      this.db,
      caller,
      revisionId,
      q.limit,
      q.cursor,
    );
    return toPage(rows, q.limit, presentAnnotation);
  }

  /** Authors edit their own comments. A client's edit goes back behind the release gate. */
  async edit(caller: Caller, id: string, content: string): Promise<CommentOut> {
    requirePermission(caller, 'COMMENT_CREATE');
    const { out, notified } = await this.db.transaction(async (tx) => {
      const row = await this.find(tx, caller, id, true);
      if (row.comment.authorId !== caller.userId)
        throw new AppError('FORBIDDEN', 'Only the author can edit a comment');
      if (row.comment.deletedAt) throw conflict('This comment was deleted');
      const unrelease = caller.isExternal && row.comment.releasedAt !== null;
      const before = await this.mentionRecipients(tx, caller, row, row.comment.content);
      const updated: CommentRow = {
        ...row,
        comment: await commentRepo.update(tx, id, {
          content,
          editedAt: new Date(),
          ...(unrelease ? { releasedAt: null, releasedById: null } : {}),
        }),
      };
      // Only people named for the first time hear about an edit.
      const notified = await this.notifyMentions(tx, caller, updated, content, before);
      return { out: await this.present(tx, updated, caller), notified };
    });
    await this.notifications.publish(notified);
    return out;
  }

  /** Soft delete: the comment keeps its place in the thread, without content or annotations. */
  async remove(caller: Caller, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await this.find(tx, caller, id, true);
      const isOwn = row.comment.authorId === caller.userId;
      if (!can(caller, 'COMMENT_DELETE_ANY') && !(isOwn && can(caller, 'COMMENT_DELETE')))
        throw forbidden(isOwn ? 'COMMENT_DELETE' : 'COMMENT_DELETE_ANY');
      if (!row.comment.deletedAt) await commentRepo.update(tx, id, { deletedAt: new Date() });
    });
  }

  /** A producer lets artists see a client's comment (and notifies those it mentions). */
  async release(caller: Caller, id: string): Promise<CommentOut> {
    requirePermission(caller, 'REVISION_REVIEW');
    const { out, notified } = await this.db.transaction(async (tx) => {
      const row = await this.find(tx, caller, id, true);
      if (caller.isExternal)
        throw new AppError('FORBIDDEN', 'Only agency staff release client comments to artists');
      if (row.comment.visibility !== 'CLIENT')
        throw conflict('Only client comments are released; internal ones are already visible');
      if (row.comment.deletedAt) throw conflict('This comment was deleted');
      if (row.comment.releasedAt) return { out: await this.present(tx, row, caller), notified: [] };
      const before = await this.mentionRecipients(tx, caller, row, row.comment.content);
      const released: CommentRow = {
        ...row,
        comment: await commentRepo.update(tx, id, {
          releasedAt: new Date(),
          releasedById: caller.userId,
        }),
      };
      const notified = await this.notifyMentions(
        tx,
        caller,
        released,
        released.comment.content,
        before,
        row.comment.authorId,
        row.authorName,
      );
      return { out: await this.present(tx, released, caller), notified };
    });
    await this.notifications.publish(notified);
    return out;
  }

  // ─── internals ──────────────────────────────────────────

  private async find(tx: DbOrTx, caller: Caller, id: string, lock = false): Promise<CommentRow> {
    const row = await commentRepo.find(tx, caller, id, lock);
    if (!row) throw notFound('Comment');
    return row;
  }

  private async present(tx: DbOrTx, row: CommentRow, caller: Caller): Promise<CommentOut> {
    const annotations = row.comment.deletedAt
      ? []
      : await commentRepo.annotationsOf(tx, [row.comment.id]);
    return presentComment(row.comment, row.authorName, annotations, caller.isExternal);
  }

  /** Client viewers always write CLIENT; staff default to INTERNAL. */
  private visibilityFor(caller: Caller, asked: CommentVisibility | undefined): CommentVisibility {
    if (caller.isExternal) {
      if (asked === 'INTERNAL')
        throw badRequest('Client viewers can only write comments the agency and client share', [
          { path: 'visibility', message: 'must be CLIENT (or left out) for client viewers' },
        ]);
      return 'CLIENT';
    }
    const visibility = asked ?? 'INTERNAL';
    if (visibility === 'CLIENT' && !screensClientComments(caller))
      throw new AppError(
        'FORBIDDEN',
        'You need the REVISION_REVIEW permission to write comments the client can see',
      );
    return visibility;
  }

  /** Video annotations sit at a moment of the video; image annotations at none. */
  private checkTimestamp(
    asset: { kind: string; durationSeconds?: number } | null,
    timestampSeconds: number | undefined,
  ) {
    const field = 'annotation.timestampSeconds';
    if (asset?.kind === 'video') {
      if (timestampSeconds === undefined)
        throw badRequest('Annotations on a video need the moment they point at', [
          { path: field, message: 'is required on video revisions' },
        ]);
      if (
        asset.durationSeconds !== undefined &&
        timestampSeconds > asset.durationSeconds + DURATION_SLACK_SECONDS
      )
        throw badRequest('The timestamp is past the end of the video', [
          { path: field, message: `must be at most ${asset.durationSeconds} seconds` },
        ]);
    } else if (asset?.kind === 'image' && timestampSeconds !== undefined) {
      throw badRequest('Annotations on an image have no timestamp', [
        { path: field, message: 'is only accepted on video revisions' },
      ]);
    }
  }

  /** Inserts the comment (a reply checked against its parent) and reads it back as the caller. */
  private async insertComment(
    tx: DbOrTx,
    caller: Caller,
    stageId: string,
    c: NewComment,
  ): Promise<CommentRow> {
    let revisionId = c.revisionId;
    if (c.parentId) {
      const parent = await commentRepo.find(tx, caller, c.parentId);
      if (!parent) throw notFound('Parent comment');
      const p = parent.comment;
      if (p.deliverableStageId !== stageId)
        throw badRequest('A reply must be on the same stage as its parent', [
          { path: 'parentId', message: 'is a comment of another stage' },
        ]);
      if (p.deletedAt) throw conflict('You cannot reply to a deleted comment');
      // A CLIENT reply under an internal comment would show the client half a conversation.
      if (p.visibility === 'INTERNAL' && c.visibility === 'CLIENT')
        throw badRequest('A reply to an internal comment is internal', [
          { path: 'visibility', message: 'must be INTERNAL under an internal comment' },
        ]);
      if (p.revisionId) {
        if (revisionId && revisionId !== p.revisionId)
          throw badRequest('A reply is about the same revision as its parent', [
            { path: 'parentId', message: 'is a comment about another revision' },
          ]);
        revisionId = p.revisionId;
      }
    }
    const isStaffClientComment = c.visibility === 'CLIENT' && !caller.isExternal;
    const inserted = await commentRepo.insert(tx, {
      organizationId: caller.orgId,
      deliverableStageId: stageId,
      content: c.content,
      revisionId,
      parentId: c.parentId ?? null,
      authorId: caller.userId,
      visibility: c.visibility,
      releasedAt: isStaffClientComment ? new Date() : null,
      releasedById: isStaffClientComment ? caller.userId : null,
    });
    const row = await commentRepo.find(tx, caller, inserted.id);
    if (!row) throw new Error('a new comment is not visible to its author');
    return row;
  }

  /** The people `content` mentions who may see the comment as it stands (never its author). */
  private async mentionRecipients(
    tx: DbOrTx,
    caller: Caller,
    row: CommentRow,
    content: string,
  ): Promise<Set<string>> {
    const handles = parseMentions(content).slice(0, MAX_MENTIONS);
    const candidates = await commentRepo.mentionCandidates(tx, caller.orgId, handles);
    const scope = scopeOf(row);
    return new Set(
      candidates
        .filter((u) => u.id !== row.comment.authorId && canSeeComment(viewerOf(u), scope))
        .map((u) => u.id),
    );
  }

  /**
   * Stores "X mentioned you" for everyone the comment mentions and who can see it, except those
   * already told (`already`); the caller publishes the rows once the transaction commits.
   */
  private async notifyMentions(
    tx: DbOrTx,
    caller: Caller,
    row: CommentRow,
    content: string,
    already: ReadonlySet<string> = new Set(),
    authorId = caller.userId,
    authorName = caller.name,
  ): Promise<NotificationRow[]> {
    const userIds = [...(await this.mentionRecipients(tx, caller, row, content))].filter(
      (id) => !already.has(id) && id !== authorId,
    );
    if (userIds.length === 0) return [];
    return this.notifications.create(tx, {
      organizationId: caller.orgId,
      userIds,
      type: 'COMMENT',
      title: `${authorName || 'Someone'} mentioned you`,
      message: excerpt(content),
      link: `/deliverables/${row.deliverableId}`,
      entityType: 'COMMENT',
      entityId: row.comment.id,
    });
  }
}
