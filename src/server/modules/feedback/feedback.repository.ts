import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Caller } from '../../caller';
import type { DbOrTx } from '../../db/client';
import {
  annotations,
  comments,
  deliverableStages,
  deliverables,
  feedbackItems,
  projects,
  revisions,
  users,
  type FeedbackStatus,
} from '../../db/schema';
import { AppError } from '../../errors';
import { visibleProjects } from '../projects/project-visibility';

export type FeedbackRow = typeof feedbackItems.$inferSelect;

const assignee = alias(users, 'fb_assignee');
const creator = alias(users, 'fb_creator');
const resolver = alias(users, 'fb_resolver');
const verifier = alias(users, 'fb_verifier');
const source = alias(feedbackItems, 'fb_source');
const sourceRevision = alias(revisions, 'fb_source_revision');

/** Order of a stage's items: the team's sort order, then oldest first. */
export interface ListKey {
  sortOrder: number;
  createdAt: Date;
  id: string;
}

export function encodeListCursor(k: ListKey): string {
  return Buffer.from(JSON.stringify([k.sortOrder, k.createdAt.toISOString(), k.id])).toString(
    'base64url',
  );
}

function decodeListCursor(cursor: string | undefined): ListKey | null {
  if (!cursor) return null;
  try {
    const [order, at, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    const createdAt = new Date(String(at));
    if (!Number.isInteger(order) || typeof id !== 'string' || Number.isNaN(createdAt.getTime()))
      throw new Error('bad cursor');
    return { sortOrder: order as number, createdAt, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not valid; start from the first page', {
      fields: [{ path: 'cursor', message: 'Invalid cursor' }],
    });
  }
}

/** Whether a copy of the item was carried to a newer revision (the first copy, if any). */
const carriedToId = sql<string | null>`(
  select c.id from feedback_items c
  where c.carried_from_id = ${feedbackItems.id}
  order by c.created_at, c.id limit 1
)`;

/**
 * One query for a page of items with everything the API shows: the people by name, the
 * revision labels of the item and of its source, and whether it was carried on.
 */
function presentable(tx: DbOrTx) {
  return tx
    .select({
      item: feedbackItems,
      revision: {
        major: revisions.major,
        minor: revisions.minor,
        sentToClient: revisions.sentToClient,
      },
      assigneeName: assignee.name,
      creatorName: creator.name,
      resolverName: resolver.name,
      verifierName: verifier.name,
      source: {
        revisionId: sourceRevision.id,
        major: sourceRevision.major,
        minor: sourceRevision.minor,
        sentToClient: sourceRevision.sentToClient,
      },
      carriedToId,
    })
    .from(feedbackItems)
    .innerJoin(revisions, eq(revisions.id, feedbackItems.revisionId))
    .leftJoin(assignee, eq(assignee.id, feedbackItems.assignedToId))
    .leftJoin(creator, eq(creator.id, feedbackItems.createdById))
    .leftJoin(resolver, eq(resolver.id, feedbackItems.resolvedById))
    .leftJoin(verifier, eq(verifier.id, feedbackItems.verifiedById))
    .leftJoin(source, eq(source.id, feedbackItems.carriedFromId))
    .leftJoin(sourceRevision, eq(sourceRevision.id, source.revisionId));
}

export type PresentableRow = Awaited<ReturnType<ReturnType<typeof presentable>['execute']>>[number];

/** Reads and writes of feedback items; every query is scoped to the caller's organization. */
export const feedbackRepo = {
  /** A page of a stage's items (the stage's visibility is checked by the caller). */
  async list(
    tx: DbOrTx,
    orgId: string,
    stageId: string,
    q: {
      limit: number;
      cursor?: string;
      revisionId?: string;
      status?: FeedbackStatus;
      current?: boolean;
    },
  ): Promise<PresentableRow[]> {
    const after = decodeListCursor(q.cursor);
    const conditions: (SQL | undefined)[] = [
      eq(feedbackItems.organizationId, orgId),
      eq(feedbackItems.deliverableStageId, stageId),
      q.revisionId ? eq(feedbackItems.revisionId, q.revisionId) : undefined,
      q.status ? eq(feedbackItems.status, q.status) : undefined,
      q.current
        ? sql`not exists (select 1 from feedback_items c where c.carried_from_id = ${feedbackItems.id})`
        : undefined,
      after
        ? sql`(${feedbackItems.sortOrder}, ${feedbackItems.createdAt}, ${feedbackItems.id}) > (${after.sortOrder}, ${after.createdAt.toISOString()}::timestamptz, ${after.id})`
        : undefined,
    ];
    return presentable(tx)
      .where(and(...conditions))
      .orderBy(asc(feedbackItems.sortOrder), asc(feedbackItems.createdAt), asc(feedbackItems.id))
      .limit(q.limit + 1);
  },

  async presentByIds(tx: DbOrTx, orgId: string, ids: string[]): Promise<PresentableRow[]> {
    if (ids.length === 0) return [];
    return presentable(tx).where(
      and(eq(feedbackItems.organizationId, orgId), inArray(feedbackItems.id, ids)),
    );
  },

  /**
   * An item the caller may see (org and project visibility; client viewers are turned away
   * before this). `lock` takes the item's row lock for a change.
   */
  async visible(tx: DbOrTx, caller: Caller, id: string, lock = false) {
    const q = tx
      .select({ item: feedbackItems, deliverableId: deliverables.id })
      .from(feedbackItems)
      .innerJoin(deliverableStages, eq(deliverableStages.id, feedbackItems.deliverableStageId))
      .innerJoin(deliverables, eq(deliverables.id, deliverableStages.deliverableId))
      .innerJoin(projects, eq(projects.id, deliverables.projectId))
      .where(
        and(
          eq(feedbackItems.id, id),
          eq(feedbackItems.organizationId, caller.orgId),
          visibleProjects(caller),
        ),
      );
    const [row] = lock ? await q.for('update', { of: feedbackItems }) : await q;
    return row ?? null;
  },

  /** The copy carried from an item, with its revision (an item has at most one). */
  async carriedTo(tx: DbOrTx, id: string) {
    const [row] = await tx
      .select({
        id: feedbackItems.id,
        major: revisions.major,
        minor: revisions.minor,
        sentToClient: revisions.sentToClient,
      })
      .from(feedbackItems)
      .innerJoin(revisions, eq(revisions.id, feedbackItems.revisionId))
      .where(eq(feedbackItems.carriedFromId, id))
      .orderBy(asc(feedbackItems.createdAt), asc(feedbackItems.id))
      .limit(1);
    return row ?? null;
  },

  /**
   * Holds off uploads (which lock the stage FOR UPDATE) while an item is being created, so a
   * new revision's carry-over either sees the new item or comes after it. Creators do not
   * block one another.
   */
  async shareLockStage(tx: DbOrTx, stageId: string) {
    await tx
      .select({ id: deliverableStages.id })
      .from(deliverableStages)
      .where(eq(deliverableStages.id, stageId))
      .for('share');
  },

  /** Every item of a stage, row-locked in id order (one order for every locker: no deadlock). */
  async lockStageItems(tx: DbOrTx, orgId: string, stageId: string): Promise<FeedbackRow[]> {
    return tx
      .select()
      .from(feedbackItems)
      .where(
        and(eq(feedbackItems.organizationId, orgId), eq(feedbackItems.deliverableStageId, stageId)),
      )
      .orderBy(asc(feedbackItems.id))
      .for('update');
  },

  async revisionOnStage(tx: DbOrTx, orgId: string, stageId: string, revisionId: string) {
    const [row] = await tx
      .select({ id: revisions.id })
      .from(revisions)
      .where(
        and(
          eq(revisions.id, revisionId),
          eq(revisions.organizationId, orgId),
          eq(revisions.deliverableStageId, stageId),
        ),
      );
    return row ?? null;
  },

  /** A comment of the org that was not deleted, with its stage and what decides who sees it. */
  async comment(tx: DbOrTx, orgId: string, id: string) {
    const [row] = await tx
      .select({
        id: comments.id,
        stageId: comments.deliverableStageId,
        revisionId: comments.revisionId,
        content: comments.content,
        authorId: comments.authorId,
        visibility: comments.visibility,
        releasedAt: comments.releasedAt,
        revisionSentToClient: revisions.sentToClient,
        projectClientTeamId: projects.clientTeamId,
      })
      .from(comments)
      .innerJoin(deliverableStages, eq(deliverableStages.id, comments.deliverableStageId))
      .innerJoin(deliverables, eq(deliverables.id, deliverableStages.deliverableId))
      .innerJoin(projects, eq(projects.id, deliverables.projectId))
      .leftJoin(revisions, eq(revisions.id, comments.revisionId))
      .where(
        and(eq(comments.id, id), eq(comments.organizationId, orgId), isNull(comments.deletedAt)),
      );
    return row ?? null;
  },

  /** An annotation of the org, with the stage of its revision. */
  async annotation(tx: DbOrTx, orgId: string, id: string) {
    const [row] = await tx
      .select({
        id: annotations.id,
        commentId: annotations.commentId,
        revisionId: annotations.revisionId,
        stageId: revisions.deliverableStageId,
      })
      .from(annotations)
      .innerJoin(revisions, eq(revisions.id, annotations.revisionId))
      .where(and(eq(annotations.id, id), eq(annotations.organizationId, orgId)));
    return row ?? null;
  },

  async orgUser(tx: DbOrTx, orgId: string, id: string) {
    const [row] = await tx
      .select({
        id: users.id,
        name: users.name,
        isExternal: users.isExternal,
        disabledAt: users.disabledAt,
      })
      .from(users)
      .where(and(eq(users.id, id), eq(users.organizationId, orgId)));
    return row ?? null;
  },

  async nextSortOrder(tx: DbOrTx, stageId: string): Promise<number> {
    const [row] = await tx
      .select({ max: sql<number | null>`max(${feedbackItems.sortOrder})` })
      .from(feedbackItems)
      .where(eq(feedbackItems.deliverableStageId, stageId));
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  },

  async insert(tx: DbOrTx, values: (typeof feedbackItems.$inferInsert)[]): Promise<FeedbackRow[]> {
    if (values.length === 0) return [];
    return tx.insert(feedbackItems).values(values).returning();
  },

  async update(tx: DbOrTx, id: string, values: Partial<typeof feedbackItems.$inferInsert>) {
    const [row] = await tx
      .update(feedbackItems)
      .set(values)
      .where(eq(feedbackItems.id, id))
      .returning();
    return row!;
  },

  /** Sets sort_order = position for each id, in one statement. */
  async setOrder(tx: DbOrTx, ids: string[]) {
    if (ids.length === 0) return;
    const cases = sql.join(
      ids.map((id, i) => sql`when ${id} then ${i}::integer`),
      sql` `,
    );
    await tx
      .update(feedbackItems)
      .set({ sortOrder: sql`case ${feedbackItems.id} ${cases} end`, updatedAt: new Date() })
      .where(inArray(feedbackItems.id, ids));
  },

  /**
   * The ids of an item's chain with their distance from it (ancestors negative, copies
   * positive), following carriedFromId both ways. Depth is capped: a chain grows by one per
   * revision, so a longer walk means a corrupt cycle.
   */
  async chainIds(tx: DbOrTx, orgId: string, id: string): Promise<{ id: string; depth: number }[]> {
    const result = await tx.execute<{ id: string; depth: number }>(sql`
      with recursive up(id, carried_from_id, depth) as (
        select id, carried_from_id, 0 from feedback_items
        where id = ${id} and organization_id = ${orgId}
        union all
        select f.id, f.carried_from_id, up.depth - 1
        from feedback_items f join up on f.id = up.carried_from_id
        where f.organization_id = ${orgId} and up.depth > -1000
      ),
      down(id, depth) as (
        select id, 0 from feedback_items where id = ${id} and organization_id = ${orgId}
        union all
        select f.id, down.depth + 1
        from feedback_items f join down on f.carried_from_id = down.id
        where f.organization_id = ${orgId} and down.depth < 1000
      )
      select id, depth from up union select id, depth from down
    `);
    return result.rows.map((r) => ({ id: r.id, depth: Number(r.depth) }));
  },

  /**
   * The people a comment on the stage may @mention: the org's active staff, and the active
   * members of the project's client team. Whether a mention notifies them still depends on
   * the comment (comments/comment-visibility.ts); this is only the list to pick from.
   */
  async mentionable(tx: DbOrTx, orgId: string, stageId: string) {
    const teamOfStage = sql`(
      select p.client_team_id from deliverable_stages s
      join deliverables d on d.id = s.deliverable_id
      join projects p on p.id = d.project_id
      where s.id = ${stageId} and s.organization_id = ${orgId}
    )`;
    return tx
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        isExternal: users.isExternal,
      })
      .from(users)
      .where(
        and(
          eq(users.organizationId, orgId),
          isNull(users.disabledAt),
          sql`(not ${users.isExternal} or exists (
            select 1 from client_team_memberships m
            where m.user_id = ${users.id} and m.client_team_id = ${teamOfStage}
          ))`,
        ),
      )
      .orderBy(asc(users.name), asc(users.id));
  },
};
