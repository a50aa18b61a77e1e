import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Caller } from '../../caller';
import type { DbOrTx } from '../../db/client';
import {
  deliverableStages,
  deliverables,
  pipelineStageDefinitions,
  projects,
  revisions,
} from '../../db/schema';
import { visibleProjects } from '../projects/project-visibility';

/** Some sent version of the group awaits the client's decision. */
const waitingSql = sql<boolean>`bool_or(${revisions.status} = 'IN_REVIEW')`;
/** Epoch milliseconds of the group's latest send (plain numbers on every driver). */
const lastSentSql = sql<
  number | null
>`(extract(epoch from max(${revisions.sentAt})) * 1000)::float8`;

/**
 * Reads for the client's review page. Only revisions sent to the client are ever read here,
 * for staff as for client viewers, and always through project visibility.
 */
export const clientReviewRepo = {
  /** One page of deliverables that have sent versions: waiting ones first, latest send first. */
  async page(
    tx: DbOrTx,
    caller: Caller,
    f: { projectId?: string; waiting: boolean; limit: number; offset: number },
  ) {
    const conds: (SQL | undefined)[] = [
      eq(revisions.organizationId, caller.orgId),
      eq(revisions.sentToClient, true),
      eq(deliverables.organizationId, caller.orgId),
      visibleProjects(caller),
      f.projectId ? eq(projects.id, f.projectId) : undefined,
    ];
    return tx
      .select({
        id: deliverables.id,
        name: deliverables.name,
        status: deliverables.status,
        dueDate: deliverables.dueDate,
        projectId: projects.id,
        projectName: projects.name,
        waiting: waitingSql,
        lastSentAt: lastSentSql,
      })
      .from(revisions)
      .innerJoin(deliverableStages, eq(deliverableStages.id, revisions.deliverableStageId))
      .innerJoin(deliverables, eq(deliverables.id, deliverableStages.deliverableId))
      .innerJoin(projects, eq(projects.id, deliverables.projectId))
      .where(and(...conds))
      .groupBy(deliverables.id, projects.id)
      .having(f.waiting ? waitingSql : undefined)
      .orderBy(
        desc(waitingSql),
        sql`max(${revisions.sentAt}) desc nulls last`,
        asc(deliverables.id),
      )
      .limit(f.limit + 1)
      .offset(f.offset);
  },

  /** The sent versions of these deliverables' stages, by stage order then newest first. */
  async sentVersions(tx: DbOrTx, caller: Caller, deliverableIds: string[]) {
    if (deliverableIds.length === 0) return [];
    return tx
      .select({
        deliverableId: deliverableStages.deliverableId,
        stageId: deliverableStages.id,
        stageName: pipelineStageDefinitions.name,
        stageOrder: pipelineStageDefinitions.order,
        revisionId: revisions.id,
        major: revisions.major,
        minor: revisions.minor,
        status: revisions.status,
        sentAt: revisions.sentAt,
      })
      .from(revisions)
      .innerJoin(deliverableStages, eq(deliverableStages.id, revisions.deliverableStageId))
      .innerJoin(
        pipelineStageDefinitions,
        eq(pipelineStageDefinitions.id, deliverableStages.stageDefinitionId),
      )
      .where(
        and(
          eq(revisions.organizationId, caller.orgId),
          eq(revisions.sentToClient, true),
          inArray(deliverableStages.deliverableId, deliverableIds),
        ),
      )
      .orderBy(
        asc(pipelineStageDefinitions.order),
        asc(deliverableStages.id),
        desc(revisions.major),
        desc(revisions.minor),
      );
  },
};
