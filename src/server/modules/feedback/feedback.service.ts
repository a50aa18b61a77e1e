import {
  checkFeedbackMove,
  feedbackMoveAuthority,
  planCarryOver,
  type FeedbackStatus,
} from '../../../domain/feedback';
import { handleOf } from '../../../domain/mentions';
import { formatRevisionLabel, latestRevision } from '../../../domain/version-chain';
import { can, requirePermission, type Caller } from '../../caller';
import type { Db, DbOrTx } from '../../db/client';
import { newId } from '../../db/ids';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../errors';
import type { Page } from '../../http/pagination';
import { canSeeComment } from '../comments/comment-visibility';
import type { NotificationService, NotifyInput } from '../notifications/notification.service';
import { revisionRepo } from '../revisions/revision.repository';
import { presentFeedbackItem, type FeedbackItemOut } from './feedback.presenter';
import {
  encodeListCursor,
  feedbackRepo,
  type FeedbackRow,
  type PresentableRow,
} from './feedback.repository';

/** How much of a comment becomes an item's summary when none is given. */
const SUMMARY_FROM_COMMENT = 200;

export interface FeedbackListQuery {
  limit: number;
  cursor?: string;
  revisionId?: string;
  status?: FeedbackStatus;
  current?: boolean;
}

export interface CreateFeedbackInput {
  summary?: string;
  revisionId?: string;
  commentId?: string;
  annotationId?: string;
  assignedToId?: string | null;
}

export interface MentionablePerson {
  id: string;
  name: string;
  /** What follows the "@" in a comment to mention them. */
  handle: string;
  isExternal: boolean;
}

export interface PatchFeedbackInput {
  status?: FeedbackStatus;
  resolutionNote?: string;
  assignedToId?: string | null;
  summary?: string;
  sortOrder?: number;
}

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });

/** First `n` characters (code points, so no emoji is cut in half), whitespace folded. */
function excerpt(text: string, n: number): string {
  return Array.from(text.replace(/\s+/g, ' ').trim()).slice(0, n).join('');
}

/**
 * Feedback items: action items made from comments and annotations (PRODUCT.md "Review").
 *
 * Who may do what (client viewers never see items: they are internal work, so every route
 * answers them 404):
 * - see: DELIVERABLE_VIEW;
 * - create: COMMENT_CREATE; naming an assignee other than yourself needs REVISION_REVIEW;
 * - move: REVISION_REVIEW or being the item's assignee; VERIFIED, and reopening a VERIFIED
 *   item, need REVISION_REVIEW (domain/feedback.ts `feedbackMoveAuthority`);
 * - assign: REVISION_REVIEW; without it you may take an unassigned item for yourself or give
 *   back one assigned to you;
 * - summary: REVISION_REVIEW or the item's creator; order: REVISION_REVIEW;
 * - the source comment must be one the creator may see (comments/comment-visibility.ts), so an
 *   artist cannot read an unreleased client comment through the summary it defaults to; a
 *   reviewer who makes an item from one and assigns it has decided to share its gist.
 *
 * An item that was carried to a newer revision is history: changes to it are refused (409)
 * and go to the newest copy, so one chain has one live item.
 */
export class FeedbackService {
  constructor(
    readonly db: Db,
    readonly notifications: NotificationService,
  ) {}

  /** Internal staff only: to a client viewer, feedback items do not exist. */
  private requireInternal(caller: Caller, what = 'Feedback item') {
    if (caller.isExternal) throw notFound(what);
  }

  private async stage(tx: DbOrTx, caller: Caller, stageId: string) {
    this.requireInternal(caller, 'Stage');
    const stage = await revisionRepo.visibleStage(tx, caller, stageId);
    if (!stage) throw notFound('Stage');
    return stage;
  }

  private async present(caller: Caller, ids: string[], tx: DbOrTx = this.db) {
    const rows = await feedbackRepo.presentByIds(tx, caller.orgId, ids);
    const byId = new Map(rows.map((r) => [r.item.id, r]));
    return ids
      .map((id) => byId.get(id))
      .filter((r): r is PresentableRow => r !== undefined)
      .map((r) => presentFeedbackItem(r, caller));
  }

  async list(
    caller: Caller,
    stageId: string,
    q: FeedbackListQuery,
  ): Promise<Page<FeedbackItemOut>> {
    this.requireInternal(caller, 'Stage');
    requirePermission(caller, 'DELIVERABLE_VIEW');
    await this.stage(this.db, caller, stageId);
    const rows = await feedbackRepo.list(this.db, caller.orgId, stageId, q);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => presentFeedbackItem(r, caller)),
      nextCursor: rows.length > q.limit && last ? encodeListCursor(last.item) : null,
    };
  }

  async get(caller: Caller, id: string): Promise<FeedbackItemOut> {
    this.requireInternal(caller);
    requirePermission(caller, 'DELIVERABLE_VIEW');
    if (!(await feedbackRepo.visible(this.db, caller, id))) throw notFound('Feedback item');
    const [item] = await this.present(caller, [id]);
    if (!item) throw notFound('Feedback item');
    return item;
  }

  /** The item's chain, oldest revision first: where it came from and where it went. */
  async chain(caller: Caller, id: string): Promise<Page<FeedbackItemOut>> {
    this.requireInternal(caller);
    requirePermission(caller, 'DELIVERABLE_VIEW');
    if (!(await feedbackRepo.visible(this.db, caller, id))) throw notFound('Feedback item');
    const links = await feedbackRepo.chainIds(this.db, caller.orgId, id);
    const depth = new Map(links.map((l) => [l.id, l.depth]));
    const items = await this.present(
      caller,
      links.map((l) => l.id),
    );
    items.sort(
      (a, b) =>
        depth.get(a.id)! - depth.get(b.id)! ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.id.localeCompare(b.id),
    );
    return { items, nextCursor: null };
  }

  /**
   * Who a comment on the stage may @mention, with the handle to write (domain/mentions.ts).
   * Staff only, like the staff list (/api/users/assignable): client viewers are not shown the
   * agency's people, so to them this answers 404 like the rest of this module.
   */
  async mentionable(caller: Caller, stageId: string): Promise<Page<MentionablePerson>> {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    await this.stage(this.db, caller, stageId);
    const rows = await feedbackRepo.mentionable(this.db, caller.orgId, stageId);
    return {
      items: rows.map((u) => ({
        id: u.id,
        name: u.name,
        handle: handleOf(u.email),
        isExternal: u.isExternal,
      })),
      nextCursor: null,
    };
  }

  /**
   * Turns a comment or an annotation (or a plain summary) into an item on one revision of the
   * stage: the given one, else the comment's or annotation's, else the stage's latest.
   */
  async create(
    caller: Caller,
    stageId: string,
    input: CreateFeedbackInput,
  ): Promise<FeedbackItemOut> {
    this.requireInternal(caller, 'Stage');
    requirePermission(caller, 'COMMENT_CREATE');
    const stage = await this.stage(this.db, caller, stageId);
    const assigneeId = input.assignedToId ?? null;
    if (assigneeId && assigneeId !== caller.userId && !can(caller, 'REVISION_REVIEW'))
      throw new AppError(
        'FORBIDDEN',
        'You need the REVISION_REVIEW permission to assign feedback to someone else',
      );

    const created = await this.db.transaction(async (tx) => {
      await feedbackRepo.shareLockStage(tx, stageId);
      let commentId = input.commentId ?? null;
      let revisionId = input.revisionId ?? null;
      let summary = input.summary?.trim() || null;

      if (input.annotationId) {
        const a = await feedbackRepo.annotation(tx, caller.orgId, input.annotationId);
        if (!a) throw invalid('annotationId', 'Unknown annotation');
        if (a.stageId !== stageId)
          throw invalid('annotationId', 'The annotation is on another stage');
        if (commentId && commentId !== a.commentId)
          throw invalid('commentId', 'The annotation belongs to another comment');
        commentId = a.commentId;
        revisionId ??= a.revisionId;
      }
      if (commentId) {
        const c = await feedbackRepo.comment(tx, caller.orgId, commentId);
        if (!c || !canSeeComment(caller, c)) throw invalid('commentId', 'Unknown comment');
        if (c.stageId !== stageId) throw invalid('commentId', 'The comment is on another stage');
        revisionId ??= c.revisionId;
        summary ??= excerpt(c.content, SUMMARY_FROM_COMMENT) || null;
      }
      if (!summary)
        throw invalid('summary', 'Give a summary, or make the item from a comment or annotation');

      if (input.revisionId) {
        if (!(await feedbackRepo.revisionOnStage(tx, caller.orgId, stageId, input.revisionId)))
          throw invalid('revisionId', 'Not a revision of this stage');
      }
      if (!revisionId) {
        const latest = latestRevision(await revisionRepo.coordinates(tx, stageId));
        if (!latest)
          throw conflict('The stage has no revision yet: feedback is given on a revision');
        revisionId = latest.id;
      }
      if (assigneeId) await this.checkAssignee(tx, caller, assigneeId);

      const [row] = await feedbackRepo.insert(tx, [
        {
          id: newId(),
          organizationId: caller.orgId,
          deliverableStageId: stageId,
          revisionId,
          commentId,
          annotationId: input.annotationId ?? null,
          summary,
          status: 'OPEN',
          sortOrder: await feedbackRepo.nextSortOrder(tx, stageId),
          assignedToId: assigneeId,
          createdById: caller.userId,
        },
      ]);
      return row!;
    });

    const [out] = await this.present(caller, [created.id]);
    if (assigneeId && assigneeId !== caller.userId)
      await this.notify(
        caller,
        [assigneeId],
        out!,
        stage.deliverableId,
        `${caller.name} assigned you feedback`,
      );
    return out!;
  }

  /** An assignee is an active member of the org's staff. */
  private async checkAssignee(tx: DbOrTx, caller: Caller, userId: string) {
    const user = await feedbackRepo.orgUser(tx, caller.orgId, userId);
    if (!user) throw invalid('assignedToId', 'Unknown user');
    if (user.isExternal)
      throw invalid('assignedToId', 'Feedback items are internal: assign a member of staff');
    if (user.disabledAt) throw invalid('assignedToId', 'That account is disabled');
  }

  /**
   * Edits an item and moves it through the state machine. Resolving records who and when
   * (with the note); verifying likewise. Reopening clears both the resolution and the
   * verification (a reopened item is neither) but keeps the last note as context for the next
   * attempt, which must write its own.
   */
  async update(caller: Caller, id: string, input: PatchFeedbackInput): Promise<FeedbackItemOut> {
    this.requireInternal(caller);
    requirePermission(caller, 'DELIVERABLE_VIEW');
    const isReviewer = can(caller, 'REVISION_REVIEW');
    const events: { userIds: string[]; title: string }[] = [];

    const deliverableId = await this.db.transaction(async (tx) => {
      const found = await feedbackRepo.visible(tx, caller, id, true);
      if (!found) throw notFound('Feedback item');
      const item = found.item;
      const status = item.status as FeedbackStatus;
      const isMove = input.status !== undefined && input.status !== status;

      // Permission first (403), then the state of things (409).
      let assigneeAfter = item.assignedToId;
      if (input.assignedToId !== undefined && input.assignedToId !== item.assignedToId) {
        const next = input.assignedToId;
        const takesUnassigned = item.assignedToId === null && next === caller.userId;
        const givesBack = item.assignedToId === caller.userId && next === null;
        if (!isReviewer && !((takesUnassigned || givesBack) && can(caller, 'COMMENT_CREATE')))
          throw new AppError(
            'FORBIDDEN',
            'You need the REVISION_REVIEW permission to assign this item (you may take an unassigned one yourself)',
          );
        assigneeAfter = next;
      }
      if (input.summary !== undefined && !isReviewer && item.createdById !== caller.userId)
        throw new AppError(
          'FORBIDDEN',
          'Only its author or someone with REVISION_REVIEW can edit the summary',
        );
      if (input.sortOrder !== undefined) requirePermission(caller, 'REVISION_REVIEW');
      const isAssignee = assigneeAfter !== null && assigneeAfter === caller.userId;
      if (isMove) {
        const authority = feedbackMoveAuthority(status, input.status!);
        if (authority === 'review' && !isReviewer) throw forbidden('REVISION_REVIEW');
        if (!isReviewer && !isAssignee)
          throw new AppError(
            'FORBIDDEN',
            'Only the assignee or someone with REVISION_REVIEW can move this item',
          );
      }
      const editsNote = input.resolutionNote !== undefined && !isMove;
      if (editsNote && !isReviewer && !isAssignee && item.resolvedById !== caller.userId)
        throw new AppError(
          'FORBIDDEN',
          'Only the assignee, the resolver or someone with REVISION_REVIEW can edit the note',
        );

      const next = await feedbackRepo.carriedTo(tx, id);
      if (next)
        throw conflict(
          `This item was carried to ${formatRevisionLabel(next)}; change it there (item ${next.id})`,
        );

      const now = new Date();
      const patch: Partial<FeedbackRow> = {};
      if (input.summary !== undefined) patch.summary = input.summary.trim();
      if (input.sortOrder !== undefined) patch.sortOrder = input.sortOrder;
      if (assigneeAfter !== item.assignedToId) {
        if (assigneeAfter) await this.checkAssignee(tx, caller, assigneeAfter);
        patch.assignedToId = assigneeAfter;
        if (assigneeAfter && assigneeAfter !== caller.userId)
          events.push({ userIds: [assigneeAfter], title: `${caller.name} assigned you feedback` });
      }
      if (isMove) {
        const to = input.status!;
        const check = checkFeedbackMove(status, to, { note: input.resolutionNote });
        if (!check.ok) throw conflict(check.reason);
        patch.status = to;
        if (to === 'RESOLVED') {
          Object.assign(patch, {
            resolvedById: caller.userId,
            resolvedAt: now,
            resolutionNote: input.resolutionNote!.trim(),
          });
          if (item.createdById !== caller.userId)
            events.push({ userIds: [item.createdById], title: `${caller.name} resolved feedback` });
        } else if (to === 'VERIFIED') {
          Object.assign(patch, { verifiedById: caller.userId, verifiedAt: now });
        } else if (to === 'REOPENED') {
          Object.assign(patch, {
            resolvedById: null,
            resolvedAt: null,
            verifiedById: null,
            verifiedAt: null,
          });
          if (assigneeAfter && assigneeAfter !== caller.userId)
            events.push({ userIds: [assigneeAfter], title: `${caller.name} reopened feedback` });
        }
      } else if (input.resolutionNote !== undefined) {
        if (status !== 'RESOLVED')
          throw conflict(
            'A resolution note goes with resolving the item (status RESOLVED), or edits the note of a resolved one',
          );
        if (!input.resolutionNote.trim())
          throw badRequest('A resolved item keeps a resolution note', [
            { path: 'resolutionNote', message: 'must not be blank' },
          ]);
        patch.resolutionNote = input.resolutionNote.trim();
      }
      if (Object.keys(patch).length > 0) await feedbackRepo.update(tx, id, patch);
      return found.deliverableId;
    });

    const [out] = await this.present(caller, [id]);
    for (const e of events) await this.notify(caller, e.userIds, out!, deliverableId, e.title);
    return out!;
  }

  /** Reorders items of a stage: `ids` take sort orders 0, 1, 2 … in one transaction. */
  async reorder(caller: Caller, stageId: string, ids: string[]): Promise<Page<FeedbackItemOut>> {
    this.requireInternal(caller, 'Stage');
    requirePermission(caller, 'DELIVERABLE_VIEW');
    await this.stage(this.db, caller, stageId);
    requirePermission(caller, 'REVISION_REVIEW');
    const dup = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    if (dup >= 0) throw invalid(`ids.${dup}`, 'Listed twice');
    await this.db.transaction(async (tx) => {
      // Row locks in one order (by id) for every writer of a stage's items.
      const onStage = new Set(
        (await feedbackRepo.lockStageItems(tx, caller.orgId, stageId)).map((r) => r.id),
      );
      const stranger = ids.findIndex((id) => !onStage.has(id));
      if (stranger >= 0) throw invalid(`ids.${stranger}`, 'Not a feedback item of this stage');
      await feedbackRepo.setOrder(tx, ids);
    });
    return { items: await this.present(caller, ids), nextCursor: null };
  }

  /**
   * A new revision arrived on a stage (inside the upload's transaction): each chain's newest
   * item, unless VERIFIED, is copied onto it (see domain `planCarryOver`). The copy keeps the
   * status, so an IN_PROGRESS item stays in progress and a RESOLVED one waits to be verified
   * on the new revision, where the fix can be seen; it keeps the summary, comment, annotation,
   * assignee, author, order and last resolution too. The source stays as history.
   *
   * Only `tx` is used: on PGlite one connection serves everything, so reaching for this.db
   * here would wait on our own transaction forever. Uploads already hold the stage's row
   * lock; the item row locks also hold off a concurrent move of an item being copied, and the
   * plan skips chains already on the revision, so running this twice adds nothing.
   */
  async carryOver(tx: DbOrTx, caller: Caller, stageId: string, revisionId: string): Promise<void> {
    await revisionRepo.lockStage(tx, stageId);
    if (!(await feedbackRepo.revisionOnStage(tx, caller.orgId, stageId, revisionId))) return;
    const items = await feedbackRepo.lockStageItems(tx, caller.orgId, stageId);
    const plan = planCarryOver(items, revisionId).sort(
      (a, b) =>
        a.sortOrder - b.sortOrder ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.id.localeCompare(b.id),
    );
    await feedbackRepo.insert(
      tx,
      plan.map((src) => ({
        id: newId(),
        organizationId: src.organizationId,
        deliverableStageId: stageId,
        revisionId,
        annotationId: src.annotationId,
        commentId: src.commentId,
        summary: src.summary,
        isActionItem: src.isActionItem,
        status: src.status,
        sortOrder: src.sortOrder,
        assignedToId: src.assignedToId,
        createdById: src.createdById,
        resolvedById: src.resolvedById,
        resolvedAt: src.resolvedAt,
        resolutionNote: src.resolutionNote,
        carriedFromId: src.id,
      })),
    );
  }

  private async notify(
    caller: Caller,
    userIds: string[],
    item: FeedbackItemOut,
    deliverableId: string,
    title: string,
  ) {
    const input: NotifyInput = {
      organizationId: caller.orgId,
      userIds,
      type: 'REVISION_FEEDBACK',
      title,
      message: `${item.revisionLabel}: ${item.summary}`,
      link: `/deliverables/${deliverableId}`,
      entityType: 'FEEDBACK_ITEM',
      entityId: item.id,
    };
    await this.notifications.notify(this.db, input);
  }
}
