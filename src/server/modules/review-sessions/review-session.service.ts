import { and, asc, count, desc, eq, inArray, isNotNull, max, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  checkComplete,
  checkDecide,
  checkEditItems,
  checkOrder,
  checkStart,
  planCompletion,
  type Check,
  countDecisions,
  type SessionDecision,
  type SessionStatus,
} from '../../../domain/review-session';
import type { ApprovalType } from '../../../domain/stage-workflow';
import { formatRevisionLabel } from '../../../domain/version-chain';
import { requirePermission, type Caller } from '../../caller';
import type { Db, DbOrTx } from '../../db/client';
import {
  deliverableStages,
  deliverables,
  pipelineStageDefinitions,
  projects,
  reviewSessionItems,
  reviewSessions,
  revisions,
  users,
  type RevisionStatus,
  type StageStatus,
} from '../../db/schema';
import { AppError, conflict, notFound } from '../../errors';
import { afterCursor, newestFirst, toPage, type ListQuery, type Page } from '../../http/pagination';
import type { ApprovalService } from '../approvals/approval.service';
import { presentAsset } from '../revisions/revision.presenter';
import { visibleProjects } from '../projects/project-visibility';

type SessionRow = typeof reviewSessions.$inferSelect;

export interface SessionOut {
  id: string;
  name: string;
  description: string | null;
  status: SessionStatus;
  itemCount: number;
  approvedCount: number;
  changesRequestedCount: number;
  createdBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
}

export interface RevisionRef {
  id: string;
  label: string;
  major: number;
  minor: number;
  sentToClient: boolean;
  status: RevisionStatus;
  /** thumbnailUrl: the image thumbnail, or a video's poster frame; null until processed. */
  asset: { kind: 'image' | 'video'; thumbnailUrl: string | null } | null;
}

export interface ItemOut {
  id: string;
  position: number;
  stage: { id: string; name: string; status: StageStatus; approvalType: ApprovalType };
  deliverable: { id: string; name: string };
  project: { id: string; name: string };
  revision: RevisionRef | null;
  decision: SessionDecision | null;
  decisionNote: string | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
}

/** A stage that could be added to a session, with its latest revision. */
export interface CandidateOut {
  stage: { id: string; name: string; status: StageStatus; approvalType: ApprovalType };
  deliverable: { id: string; name: string };
  project: { id: string; name: string };
  /** The stage's latest revision; null when nothing was uploaded yet. */
  revision: RevisionRef | null;
  /** Already in the session named by `sessionId`. */
  inSession: boolean;
}

export interface CandidateQuery {
  projectId?: string;
  stageStatus?: StageStatus;
  stageIds?: string[];
  sessionId?: string;
  limit: number;
}

type RevisionRow = Pick<
  typeof revisions.$inferSelect,
  'id' | 'major' | 'minor' | 'sentToClient' | 'status' | 'asset'
>;

function presentRevisionRef(r: RevisionRow | null): RevisionRef | null {
  if (!r) return null;
  const asset = r.asset ? presentAsset(r.id, r.asset) : null;
  return {
    id: r.id,
    label: formatRevisionLabel(r),
    major: r.major,
    minor: r.minor,
    sentToClient: r.sentToClient,
    status: r.status,
    asset: asset ? { kind: asset.kind, thumbnailUrl: asset.thumbnailUrl ?? asset.posterUrl } : null,
  };
}

export interface CompletionResult {
  itemId: string;
  stageId: string;
  decision: SessionDecision | null;
  applied: boolean;
  reason: string | null;
}

const decider = alias(users, 'decider');

const assertOk = (check: Check) => {
  if (!check.ok) throw conflict(check.reason);
};

/**
 * Review sessions are internal: client viewers get 404 on every route. Reading needs
 * DELIVERABLE_VIEW; creating, editing and running a session need REVIEW_SESSION_MANAGE.
 * Completion applies each decided item through ApprovalService.decide, so the lifecycle rules
 * live in one place.
 */
export class ReviewSessionService {
  constructor(
    private readonly db: Db,
    private readonly approvals: ApprovalService,
  ) {}

  private internal(caller: Caller, permission: 'DELIVERABLE_VIEW' | 'REVIEW_SESSION_MANAGE') {
    if (caller.isExternal) throw notFound('Review session');
    requirePermission(caller, permission);
  }

  private async find(tx: DbOrTx, caller: Caller, id: string, lock = false) {
    const q = tx
      .select()
      .from(reviewSessions)
      .where(and(eq(reviewSessions.id, id), eq(reviewSessions.organizationId, caller.orgId)));
    const [row] = lock ? await q.for('update') : await q;
    if (!row) throw notFound('Review session');
    return row;
  }

  async list(
    caller: Caller,
    query: ListQuery & { status?: SessionStatus },
  ): Promise<Page<SessionOut>> {
    this.internal(caller, 'DELIVERABLE_VIEW');
    const itemsWhere = (filter: SQL) =>
      sql<number>`(select count(*)::int from ${reviewSessionItems} where ${reviewSessionItems.sessionId} = ${reviewSessions.id} and ${filter})`;
    const rows = await this.db
      .select({
        session: reviewSessions,
        createdByName: users.name,
        itemCount: itemsWhere(sql`true`),
        approved: itemsWhere(sql`${reviewSessionItems.decision} = 'APPROVED'`),
        changesRequested: itemsWhere(sql`${reviewSessionItems.decision} = 'CHANGES_REQUESTED'`),
      })
      .from(reviewSessions)
      .leftJoin(users, eq(users.id, reviewSessions.createdById))
      .where(
        and(
          eq(reviewSessions.organizationId, caller.orgId),
          query.status ? eq(reviewSessions.status, query.status) : undefined,
          afterCursor(reviewSessions.createdAt, reviewSessions.id, query.cursor),
        ),
      )
      .orderBy(...newestFirst(reviewSessions.createdAt, reviewSessions.id))
      .limit(query.limit + 1);
    return toPage(
      rows.map((r) => ({ ...r, createdAt: r.session.createdAt, id: r.session.id })),
      query.limit,
      (r) =>
        this.presentSession(r.session, r.createdByName, {
          total: Number(r.itemCount),
          approved: Number(r.approved),
          changesRequested: Number(r.changesRequested),
        }),
    );
  }

  async create(caller: Caller, input: { name: string; description?: string | null }) {
    this.internal(caller, 'REVIEW_SESSION_MANAGE');
    const [row] = await this.db
      .insert(reviewSessions)
      .values({
        name: input.name,
        description: input.description?.trim() || null,
        organizationId: caller.orgId,
        createdById: caller.userId,
      })
      .returning();
    return this.detail(caller, row!.id);
  }

  async update(caller: Caller, id: string, input: { name?: string; description?: string | null }) {
    this.internal(caller, 'REVIEW_SESSION_MANAGE');
    await this.db.transaction(async (tx) => {
      await this.find(tx, caller, id, true);
      const patch: Partial<typeof reviewSessions.$inferInsert> = { updatedAt: new Date() };
      if (input.name !== undefined) patch.name = input.name;
      if (input.description !== undefined) patch.description = input.description?.trim() || null;
      await tx.update(reviewSessions).set(patch).where(eq(reviewSessions.id, id));
    });
    return this.detail(caller, id);
  }

  async get(caller: Caller, id: string) {
    this.internal(caller, 'DELIVERABLE_VIEW');
    return this.detail(caller, id);
  }

  /** Adds each revision's stage (with that revision); all or nothing. */
  async addItems(caller: Caller, id: string, revisionIds: string[]) {
    this.internal(caller, 'REVIEW_SESSION_MANAGE');
    if (new Set(revisionIds).size !== revisionIds.length)
      throw conflict('A revision appears twice in the request');
    await this.db.transaction(async (tx) => {
      const session = await this.find(tx, caller, id, true);
      assertOk(checkEditItems(session.status));
      // One query for every revision, with the same org / client-team scoping as
      // revisionRepo.visible; kept in the order asked for.
      const rows = await tx
        .select({ revision: revisions })
        .from(revisions)
        .innerJoin(deliverableStages, eq(deliverableStages.id, revisions.deliverableStageId))
        .innerJoin(deliverables, eq(deliverables.id, deliverableStages.deliverableId))
        .innerJoin(projects, eq(projects.id, deliverables.projectId))
        .where(
          and(
            inArray(revisions.id, revisionIds),
            eq(revisions.organizationId, caller.orgId),
            visibleProjects(caller),
          ),
        );
      const byId = new Map(rows.map((r) => [r.revision.id, r.revision]));
      const found = revisionIds.map((revisionId) => {
        const revision = byId.get(revisionId);
        if (!revision) throw notFound('Revision');
        return revision;
      });
      const stageIds = found.map((r) => r.deliverableStageId);
      if (new Set(stageIds).size !== stageIds.length)
        throw conflict('Two of these revisions are on the same stage: a stage is reviewed once');
      const existing = await tx
        .select({
          stageId: reviewSessionItems.deliverableStageId,
          stageName: pipelineStageDefinitions.name,
          deliverableName: deliverables.name,
        })
        .from(reviewSessionItems)
        .innerJoin(
          deliverableStages,
          eq(deliverableStages.id, reviewSessionItems.deliverableStageId),
        )
        .innerJoin(
          pipelineStageDefinitions,
          eq(pipelineStageDefinitions.id, deliverableStages.stageDefinitionId),
        )
        .innerJoin(deliverables, eq(deliverables.id, deliverableStages.deliverableId))
        .where(
          and(
            eq(reviewSessionItems.sessionId, id),
            inArray(reviewSessionItems.deliverableStageId, stageIds),
          ),
        );
      if (existing.length) {
        const [first] = existing;
        throw conflict(
          `${first!.deliverableName} — ${first!.stageName} is already in this session`,
        );
      }
      const [{ top } = { top: null }] = await tx
        .select({ top: max(reviewSessionItems.sortOrder) })
        .from(reviewSessionItems)
        .where(eq(reviewSessionItems.sessionId, id));
      const start = top === null ? 0 : top + 1;
      await tx.insert(reviewSessionItems).values(
        found.map((r, i) => ({
          sessionId: id,
          deliverableStageId: r.deliverableStageId,
          revisionId: r.id,
          sortOrder: start + i,
        })),
      );
      await tx
        .update(reviewSessions)
        .set({ updatedAt: new Date() })
        .where(eq(reviewSessions.id, id));
    });
    return this.detail(caller, id);
  }

  async removeItem(caller: Caller, id: string, itemId: string) {
    this.internal(caller, 'REVIEW_SESSION_MANAGE');
    await this.db.transaction(async (tx) => {
      const session = await this.find(tx, caller, id, true);
      assertOk(checkEditItems(session.status));
      const gone = await tx
        .delete(reviewSessionItems)
        .where(and(eq(reviewSessionItems.id, itemId), eq(reviewSessionItems.sessionId, id)))
        .returning({ id: reviewSessionItems.id });
      if (!gone.length) throw notFound('Session item');
      await tx
        .update(reviewSessions)
        .set({ updatedAt: new Date() })
        .where(eq(reviewSessions.id, id));
    });
  }

  /** `ids` (every item, once) take sort orders 0, 1, 2 … */
  async reorder(caller: Caller, id: string, ids: string[]) {
    this.internal(caller, 'REVIEW_SESSION_MANAGE');
    await this.db.transaction(async (tx) => {
      const session = await this.find(tx, caller, id, true);
      assertOk(checkEditItems(session.status));
      const current = await tx
        .select({ id: reviewSessionItems.id })
        .from(reviewSessionItems)
        .where(eq(reviewSessionItems.sessionId, id));
      const reason = checkOrder(
        current.map((c) => c.id),
        ids,
      );
      if (reason)
        throw new AppError('VALIDATION_FAILED', reason, {
          fields: [{ path: 'ids', message: reason }],
        });
      if (ids.length) {
        const cases = sql.join(
          ids.map((itemId, i) => sql`when ${itemId} then ${i}::int`),
          sql` `,
        );
        await tx
          .update(reviewSessionItems)
          .set({ sortOrder: sql`case ${reviewSessionItems.id} ${cases} end` })
          .where(and(eq(reviewSessionItems.sessionId, id), inArray(reviewSessionItems.id, ids)));
      }
      await tx
        .update(reviewSessions)
        .set({ updatedAt: new Date() })
        .where(eq(reviewSessions.id, id));
    });
    return this.detail(caller, id);
  }

  async start(caller: Caller, id: string) {
    this.internal(caller, 'REVIEW_SESSION_MANAGE');
    await this.db.transaction(async (tx) => {
      const session = await this.find(tx, caller, id, true);
      const [{ n } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(reviewSessionItems)
        .where(eq(reviewSessionItems.sessionId, id));
      assertOk(checkStart(session.status, Number(n)));
      await tx
        .update(reviewSessions)
        .set({ status: 'IN_PROGRESS', updatedAt: new Date() })
        .where(eq(reviewSessions.id, id));
    });
    return this.detail(caller, id);
  }

  /** Records (or changes) the decision on an item: who and when are kept on the item. */
  async decideItem(
    caller: Caller,
    id: string,
    itemId: string,
    input: { decision: SessionDecision; note?: string | null },
  ) {
    this.internal(caller, 'REVIEW_SESSION_MANAGE');
    await this.db.transaction(async (tx) => {
      const session = await this.find(tx, caller, id, true);
      const [item] = await tx
        .select({ id: reviewSessionItems.id })
        .from(reviewSessionItems)
        .where(and(eq(reviewSessionItems.id, itemId), eq(reviewSessionItems.sessionId, id)));
      if (!item) throw notFound('Session item');
      assertOk(checkDecide(session.status));
      await tx
        .update(reviewSessionItems)
        .set({
          decision: input.decision,
          decisionNote: input.note?.trim() || null,
          decidedById: caller.userId,
          decidedAt: new Date(),
        })
        .where(eq(reviewSessionItems.id, itemId));
    });
    const detail = await this.detail(caller, id);
    return detail.items.find((i) => i.id === itemId)!;
  }

  /**
   * IN_PROGRESS → COMPLETED, then each decided item is applied to its stage through
   * ApprovalService.decide (outside this transaction: decide opens its own). An item the
   * lifecycle rules refuse (the stage is no longer in review, a FORMAL stage without a note …)
   * is reported `{applied: false, reason}`; the session stays COMPLETED with its decisions on
   * record, so the producer can follow up on the stage directly.
   */
  async complete(caller: Caller, id: string) {
    this.internal(caller, 'REVIEW_SESSION_MANAGE');
    requirePermission(caller, 'REVISION_REVIEW');
    const items = await this.db.transaction(async (tx) => {
      const session = await this.find(tx, caller, id, true);
      assertOk(checkComplete(session.status));
      await tx
        .update(reviewSessions)
        .set({ status: 'COMPLETED', updatedAt: new Date() })
        .where(eq(reviewSessions.id, id));
      return tx
        .select()
        .from(reviewSessionItems)
        .where(eq(reviewSessionItems.sessionId, id))
        .orderBy(asc(reviewSessionItems.sortOrder), asc(reviewSessionItems.id));
    });
    const plan = planCompletion(
      items.map((i) => ({
        id: i.id,
        decision: i.decision as SessionDecision | null,
        revisionId: i.revisionId,
      })),
    );
    const results: CompletionResult[] = [];
    for (const [index, step] of plan.entries()) {
      const item = items[index]!;
      const base = {
        itemId: item.id,
        stageId: item.deliverableStageId,
        decision: item.decision as SessionDecision | null,
      };
      if (!step.apply) {
        results.push({ ...base, applied: false, reason: step.reason });
        continue;
      }
      try {
        await this.approvals.decide(caller, item.deliverableStageId, {
          decision: step.decision,
          revisionId: step.revisionId,
          note: item.decisionNote,
        });
        results.push({ ...base, applied: true, reason: null });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ ...base, applied: false, reason: err.message });
      }
    }
    const session = await this.detail(caller, id);
    return {
      session,
      results,
      applied: results.filter((r) => r.applied).length,
      notApplied: results.filter((r) => !r.applied).length,
    };
  }

  /**
   * The session's record: counts, and per item the decision with its note, who and when, and
   * the stage's status now (so a reader sees where each stage went after completion).
   */
  async summary(caller: Caller, id: string) {
    this.internal(caller, 'DELIVERABLE_VIEW');
    const detail = await this.detail(caller, id);
    return {
      session: {
        id: detail.id,
        name: detail.name,
        description: detail.description,
        status: detail.status,
        createdBy: detail.createdBy,
        createdAt: detail.createdAt,
        updatedAt: detail.updatedAt,
      },
      counts: countDecisions(detail.items),
      items: detail.items.map((i) => ({
        position: i.position,
        itemId: i.id,
        deliverable: i.deliverable,
        project: i.project,
        stage: i.stage,
        revision: i.revision,
        decision: i.decision,
        note: i.decisionNote,
        decidedBy: i.decidedBy,
        decidedAt: i.decidedAt,
      })),
    };
  }

  /**
   * Stages that can go into a session, each with its latest revision: either the stages named
   * (`stageIds`, from a board or table selection: stages without a revision come back with
   * `revision: null` so the caller can say so), or those matching a project and/or a stage
   * status (only stages with a revision). Visible projects only.
   */
  async candidates(caller: Caller, query: CandidateQuery): Promise<CandidateOut[]> {
    this.internal(caller, 'REVIEW_SESSION_MANAGE');
    const byIds = query.stageIds !== undefined;
    if (byIds && query.stageIds!.length === 0) return [];
    // The latest revision (highest major, then minor) of each stage that has an upload.
    const latest = this.db
      .selectDistinctOn([revisions.deliverableStageId])
      .from(revisions)
      .where(and(eq(revisions.organizationId, caller.orgId), isNotNull(revisions.asset)))
      .orderBy(revisions.deliverableStageId, desc(revisions.major), desc(revisions.minor))
      .as('latest');
    const base = this.db
      .select({
        stageId: deliverableStages.id,
        stageName: pipelineStageDefinitions.name,
        stageOrder: pipelineStageDefinitions.order,
        approvalType: pipelineStageDefinitions.approvalType,
        stageStatus: deliverableStages.status,
        deliverableId: deliverables.id,
        deliverableName: deliverables.name,
        projectId: projects.id,
        projectName: projects.name,
        revision: {
          id: latest.id,
          major: latest.major,
          minor: latest.minor,
          sentToClient: latest.sentToClient,
          status: latest.status,
          asset: latest.asset,
        },
        inSession: query.sessionId
          ? sql<boolean>`exists (select 1 from ${reviewSessionItems} where ${reviewSessionItems.sessionId} = ${query.sessionId} and ${reviewSessionItems.deliverableStageId} = ${deliverableStages.id})`
          : sql<boolean>`false`,
      })
      .from(deliverableStages)
      .innerJoin(
        pipelineStageDefinitions,
        eq(pipelineStageDefinitions.id, deliverableStages.stageDefinitionId),
      )
      .innerJoin(deliverables, eq(deliverables.id, deliverableStages.deliverableId))
      .innerJoin(projects, eq(projects.id, deliverables.projectId));
    const joined = byIds
      ? base.leftJoin(latest, eq(latest.deliverableStageId, deliverableStages.id))
      : base.innerJoin(latest, eq(latest.deliverableStageId, deliverableStages.id));
    const rows = await joined
      .where(
        and(
          eq(deliverableStages.organizationId, caller.orgId),
          visibleProjects(caller),
          byIds ? inArray(deliverableStages.id, query.stageIds!) : undefined,
          query.projectId ? eq(projects.id, query.projectId) : undefined,
          query.stageStatus ? eq(deliverableStages.status, query.stageStatus) : undefined,
        ),
      )
      .orderBy(
        asc(projects.name),
        asc(deliverables.name),
        asc(pipelineStageDefinitions.order),
        asc(deliverableStages.id),
      )
      .limit(query.limit);
    const out = rows.map((r): CandidateOut => ({
      stage: {
        id: r.stageId,
        name: r.stageName,
        status: r.stageStatus,
        approvalType: r.approvalType,
      },
      deliverable: { id: r.deliverableId, name: r.deliverableName },
      project: { id: r.projectId, name: r.projectName },
      revision: presentRevisionRef(r.revision?.id ? r.revision : null),
      inSession: Boolean(r.inSession),
    }));
    if (!byIds) return out;
    // In the order asked for (the selection's order on the board or in the table).
    const rank = new Map(query.stageIds!.map((stageId, i) => [stageId, i]));
    return out.sort((a, b) => (rank.get(a.stage.id) ?? 0) - (rank.get(b.stage.id) ?? 0));
  }

  /** The session with its items in order: two queries, whatever the number of items. */
  private async detail(caller: Caller, id: string) {
    const [head] = await this.db
      .select({ session: reviewSessions, createdByName: users.name })
      .from(reviewSessions)
      .leftJoin(users, eq(users.id, reviewSessions.createdById))
      .where(and(eq(reviewSessions.id, id), eq(reviewSessions.organizationId, caller.orgId)));
    if (!head) throw notFound('Review session');
    const rows = await this.db
      .select({
        item: reviewSessionItems,
        stageName: pipelineStageDefinitions.name,
        approvalType: pipelineStageDefinitions.approvalType,
        stageStatus: deliverableStages.status,
        deliverableId: deliverables.id,
        deliverableName: deliverables.name,
        projectId: projects.id,
        projectName: projects.name,
        revision: revisions,
        deciderName: decider.name,
      })
      .from(reviewSessionItems)
      .innerJoin(deliverableStages, eq(deliverableStages.id, reviewSessionItems.deliverableStageId))
      .innerJoin(
        pipelineStageDefinitions,
        eq(pipelineStageDefinitions.id, deliverableStages.stageDefinitionId),
      )
      .innerJoin(deliverables, eq(deliverables.id, deliverableStages.deliverableId))
      .innerJoin(projects, eq(projects.id, deliverables.projectId))
      .leftJoin(revisions, eq(revisions.id, reviewSessionItems.revisionId))
      .leftJoin(decider, eq(decider.id, reviewSessionItems.decidedById))
      .where(eq(reviewSessionItems.sessionId, id))
      .orderBy(asc(reviewSessionItems.sortOrder), asc(reviewSessionItems.id));
    const items: ItemOut[] = rows.map((r, index) => ({
      id: r.item.id,
      position: index + 1,
      stage: {
        id: r.item.deliverableStageId,
        name: r.stageName,
        status: r.stageStatus,
        approvalType: r.approvalType,
      },
      deliverable: { id: r.deliverableId, name: r.deliverableName },
      project: { id: r.projectId, name: r.projectName },
      revision: presentRevisionRef(r.revision),
      decision: r.item.decision as SessionDecision | null,
      decisionNote: r.item.decisionNote,
      decidedBy: r.item.decidedById ? { id: r.item.decidedById, name: r.deciderName ?? '' } : null,
      decidedAt: r.item.decidedAt ? r.item.decidedAt.toISOString() : null,
    }));
    const counts = countDecisions(items);
    return { ...this.presentSession(head.session, head.createdByName, counts), items };
  }

  private presentSession(
    s: SessionRow,
    createdByName: string | null,
    counts: { total: number; approved: number; changesRequested: number },
  ): SessionOut {
    return {
      id: s.id,
      name: s.name,
      description: s.description,
      status: s.status,
      itemCount: counts.total,
      approvedCount: counts.approved,
      changesRequestedCount: counts.changesRequested,
      createdBy: { id: s.createdById, name: createdByName ?? '' },
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
    };
  }
}
