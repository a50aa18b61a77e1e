import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Caller } from '../../caller';
import type { DbOrTx } from '../../db/client';
import {
  boxPushLogs,
  deliverableStages,
  deliverables,
  projects,
  revisions,
  users,
} from '../../db/schema';
import { AppError } from '../../errors';
import { visibleProjects } from '../projects/project-visibility';
import type { RevisionRow } from './revision.presenter';

/** Chain cursor: the (major, minor) of the last revision of the page. */
export function encodeChainCursor(r: { major: number; minor: number }): string {
  return `${r.major}.${r.minor}`;
}

function decodeChainCursor(cursor: string | undefined) {
  if (!cursor) return null;
  const m = /^(\d{1,6})\.(\d{1,6})$/.exec(cursor);
  if (!m)
    throw new AppError('VALIDATION_FAILED', 'The cursor is not valid; start from the first page', {
      fields: [{ path: 'cursor', message: 'Invalid cursor' }],
    });
  return { major: Number(m[1]), minor: Number(m[2]) };
}

/** A stage the caller may see, with its deliverable (org and client-team visibility). */
export interface VisibleStage {
  stageId: string;
  deliverableId: string;
  projectId: string;
}

/** Reads and writes of revisions; every read is scoped to the caller's org and visibility. */
export const revisionRepo = {
  async visibleStage(tx: DbOrTx, caller: Caller, stageId: string): Promise<VisibleStage | null> {
    const [row] = await tx
      .select({
        stageId: deliverableStages.id,
        deliverableId: deliverables.id,
        projectId: deliverables.projectId,
      })
      .from(deliverableStages)
      .innerJoin(deliverables, eq(deliverables.id, deliverableStages.deliverableId))
      .innerJoin(projects, eq(projects.id, deliverables.projectId))
      .where(
        and(
          eq(deliverableStages.id, stageId),
          eq(deliverableStages.organizationId, caller.orgId),
          visibleProjects(caller),
        ),
      );
    return row ?? null;
  },

  /**
   * A revision the caller may see: same org, a visible project, and for client viewers only
   * what was sent to them. `lock` takes the row lock for a write.
   */
  async visible(tx: DbOrTx, caller: Caller, id: string, lock = false) {
    const q = tx
      .select({
        revision: revisions,
        deliverableId: deliverables.id,
        createdByName: users.name,
      })
      .from(revisions)
      .innerJoin(deliverableStages, eq(deliverableStages.id, revisions.deliverableStageId))
      .innerJoin(deliverables, eq(deliverables.id, deliverableStages.deliverableId))
      .innerJoin(projects, eq(projects.id, deliverables.projectId))
      .leftJoin(users, eq(users.id, revisions.createdById))
      .where(
        and(
          eq(revisions.id, id),
          eq(revisions.organizationId, caller.orgId),
          visibleProjects(caller),
          caller.isExternal ? eq(revisions.sentToClient, true) : undefined,
        ),
      );
    const [row] = lock ? await q.for('update', { of: revisions }) : await q;
    return row ?? null;
  },

  /** The stage's chain, newest first, keyset-paginated on (major, minor). */
  async chain(
    tx: DbOrTx,
    caller: Caller,
    stageId: string,
    limit: number,
    cursor: string | undefined,
  ) {
    const after = decodeChainCursor(cursor);
    return tx
      .select({ revision: revisions, createdByName: users.name })
      .from(revisions)
      .leftJoin(users, eq(users.id, revisions.createdById))
      .where(
        and(
          eq(revisions.deliverableStageId, stageId),
          eq(revisions.organizationId, caller.orgId),
          caller.isExternal ? eq(revisions.sentToClient, true) : undefined,
          after
            ? or(
                lt(revisions.major, after.major),
                and(eq(revisions.major, after.major), lt(revisions.minor, after.minor)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(revisions.major), desc(revisions.minor))
      .limit(limit + 1);
  },

  /** Every revision's coordinates on a stage (the chain is short: tens, not thousands). */
  async coordinates(tx: DbOrTx, stageId: string) {
    return tx
      .select({
        id: revisions.id,
        major: revisions.major,
        minor: revisions.minor,
        sentToClient: revisions.sentToClient,
        status: revisions.status,
      })
      .from(revisions)
      .where(eq(revisions.deliverableStageId, stageId));
  },

  /** Serialises writers of one stage's chain (uploads, sends) for the transaction. */
  async lockStage(tx: DbOrTx, stageId: string) {
    await tx
      .select({ id: deliverableStages.id })
      .from(deliverableStages)
      .where(eq(deliverableStages.id, stageId))
      .for('update');
  },

  async insert(tx: DbOrTx, values: typeof revisions.$inferInsert): Promise<RevisionRow> {
    const [row] = await tx.insert(revisions).values(values).returning();
    return row!;
  },

  async update(tx: DbOrTx, id: string, values: Partial<typeof revisions.$inferInsert>) {
    const [row] = await tx.update(revisions).set(values).where(eq(revisions.id, id)).returning();
    return row;
  },

  async deliveries(tx: DbOrTx, orgId: string, revisionId: string, limit: number) {
    return tx
      .select()
      .from(boxPushLogs)
      .where(and(eq(boxPushLogs.organizationId, orgId), eq(boxPushLogs.revisionId, revisionId)))
      .orderBy(desc(boxPushLogs.sentAt), desc(boxPushLogs.id))
      .limit(limit);
  },
};
