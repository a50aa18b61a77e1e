import { and, asc, eq, gt, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Caller } from '../../caller';
import type { DbOrTx } from '../../db/client';
import {
  annotations,
  clientTeamMemberships,
  comments,
  deliverableStages,
  deliverables,
  orgRolePermissions,
  projects,
  revisions,
  users,
} from '../../db/schema';
import { decodeCursor } from '../../http/pagination';
import { visibleProjects } from '../projects/project-visibility';
import { screensClientComments } from './comment-visibility';

export type CommentRecord = typeof comments.$inferSelect;
export type AnnotationRecord = typeof annotations.$inferSelect;

/** A comment with what presenting it and deciding who sees it needs. */
export interface CommentRow {
  comment: CommentRecord;
  authorName: string;
  deliverableId: string;
  projectClientTeamId: string | null;
  /** Null when the comment is about no revision. */
  revisionSentToClient: boolean | null;
}

/**
 * The SQL form of canSeeComment (comment-visibility.ts) for the caller; needs comments joined
 * to their stage's project and left-joined to their revision, as `select` below does.
 */
function visibleTo(caller: Caller): SQL {
  const inScope = and(eq(comments.organizationId, caller.orgId), visibleProjects(caller))!;
  if (caller.isExternal)
    return and(
      inScope,
      eq(comments.visibility, 'CLIENT'),
      or(isNull(comments.revisionId), eq(revisions.sentToClient, true)),
    )!;
  if (screensClientComments(caller)) return inScope;
  return and(
    inScope,
    or(
      eq(comments.visibility, 'INTERNAL'),
      isNotNull(comments.releasedAt),
      eq(comments.authorId, caller.userId),
    ),
  )!;
}

/** Rows after the cursor in (createdAt asc, id asc) order: threads read oldest first. */
function afterCursorAsc(
  createdAt: typeof comments.createdAt | typeof annotations.createdAt,
  id: typeof comments.id | typeof annotations.id,
  cursor: string | undefined,
): SQL | undefined {
  const key = decodeCursor(cursor);
  if (!key) return undefined;
  return or(gt(createdAt, key.createdAt), and(eq(createdAt, key.createdAt), gt(id, key.id)));
}

function selectComments(tx: DbOrTx) {
  return tx
    .select({
      comment: comments,
      authorName: users.name,
      deliverableId: deliverables.id,
      projectClientTeamId: projects.clientTeamId,
      revisionSentToClient: revisions.sentToClient,
    })
    .from(comments)
    .innerJoin(deliverableStages, eq(deliverableStages.id, comments.deliverableStageId))
    .innerJoin(deliverables, eq(deliverables.id, deliverableStages.deliverableId))
    .innerJoin(projects, eq(projects.id, deliverables.projectId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .leftJoin(revisions, eq(revisions.id, comments.revisionId));
}

/** Someone a mention may name: enough to decide whether they may see the comment. */
export interface MentionCandidate {
  id: string;
  email: string;
  isExternal: boolean;
  permissions: string[];
  clientTeamIds: string[];
}

/** Comments and annotations; every read is scoped to the caller's org and visibility. */
export const commentRepo = {
  /** One page of a stage's comments, oldest first; fetches limit + 1 rows. */
  async list(
    tx: DbOrTx,
    caller: Caller,
    stageId: string,
    opts: { revisionId?: string; limit: number; cursor?: string },
  ): Promise<CommentRow[]> {
    return selectComments(tx)
      .where(
        and(
          eq(comments.deliverableStageId, stageId),
          visibleTo(caller),
          opts.revisionId ? eq(comments.revisionId, opts.revisionId) : undefined,
          afterCursorAsc(comments.createdAt, comments.id, opts.cursor),
        ),
      )
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .limit(opts.limit + 1);
  },

  /** The comment if the caller may see it. `lock` takes its row lock for a write. */
  async find(tx: DbOrTx, caller: Caller, id: string, lock = false): Promise<CommentRow | null> {
    const q = selectComments(tx).where(and(eq(comments.id, id), visibleTo(caller)));
    const [row] = lock ? await q.for('update', { of: comments }) : await q;
    return row ?? null;
  },

  /** The annotations of a page of comments, in one query (no N+1). */
  async annotationsOf(tx: DbOrTx, commentIds: string[]): Promise<AnnotationRecord[]> {
    if (commentIds.length === 0) return [];
    return tx
      .select()
      .from(annotations)
      .where(inArray(annotations.commentId, commentIds))
      .orderBy(asc(annotations.createdAt), asc(annotations.id));
  },

  /**
   * One page of a revision's annotations whose comment the caller may see and which is not
   * deleted, oldest first; fetches limit + 1 rows.
   */
  async annotationsOnRevision(
    tx: DbOrTx,
    caller: Caller,
    revisionId: string,
    limit: number,
    cursor?: string,
  ): Promise<AnnotationRecord[]> {
    const rows = await tx
      .select({ annotation: annotations })
      .from(annotations)
      .innerJoin(comments, eq(comments.id, annotations.commentId))
      .innerJoin(deliverableStages, eq(deliverableStages.id, comments.deliverableStageId))
      .innerJoin(deliverables, eq(deliverables.id, deliverableStages.deliverableId))
      .innerJoin(projects, eq(projects.id, deliverables.projectId))
      .leftJoin(revisions, eq(revisions.id, comments.revisionId))
      .where(
        and(
          eq(annotations.revisionId, revisionId),
          eq(annotations.organizationId, caller.orgId),
          isNull(comments.deletedAt),
          visibleTo(caller),
          afterCursorAsc(annotations.createdAt, annotations.id, cursor),
        ),
      )
      .orderBy(asc(annotations.createdAt), asc(annotations.id))
      .limit(limit + 1);
    return rows.map((r) => r.annotation);
  },

  async insert(tx: DbOrTx, values: typeof comments.$inferInsert): Promise<CommentRecord> {
    const parentId = values.parentId;
    // Threads read oldest first: a reply written within its parent's millisecond must still sort
    // after it (ids are random, so they cannot break the tie).
    const createdAt = parentId
      ? sql`greatest(now(), (select p.created_at + interval '1 millisecond' from ${comments} p where p.id = ${parentId}))`
      : undefined;
    const [row] = await tx
      .insert(comments)
      .values(createdAt ? { ...values, createdAt } : values)
      .returning();
    return row!;
  },

  async update(
    tx: DbOrTx,
    id: string,
    values: Partial<typeof comments.$inferInsert>,
  ): Promise<CommentRecord> {
    const [row] = await tx.update(comments).set(values).where(eq(comments.id, id)).returning();
    return row!;
  },

  async insertAnnotation(
    tx: DbOrTx,
    values: typeof annotations.$inferInsert,
  ): Promise<AnnotationRecord> {
    const [row] = await tx.insert(annotations).values(values).returning();
    return row!;
  },

  /**
   * Active users of the org whose handle (e-mail local part, any case) is one of `handles`,
   * with their role's permissions and client teams, in one round trip.
   */
  async mentionCandidates(
    tx: DbOrTx,
    orgId: string,
    handles: string[],
  ): Promise<MentionCandidate[]> {
    if (handles.length === 0) return [];
    return tx
      .select({
        id: users.id,
        email: users.email,
        isExternal: users.isExternal,
        permissions: sql<
          string[]
        >`coalesce((select array_agg(rp.permission::text) from ${orgRolePermissions} rp where rp.organization_id = "users"."organization_id" and rp.role = "users"."role"), '{}')`,
        clientTeamIds: sql<
          string[]
        >`coalesce((select array_agg(m.client_team_id) from ${clientTeamMemberships} m where m.user_id = "users"."id"), '{}')`,
      })
      .from(users)
      .where(
        and(
          eq(users.organizationId, orgId),
          isNull(users.disabledAt),
          inArray(sql`lower(split_part(${users.email}, '@', 1))`, handles),
        ),
      );
  },
};
