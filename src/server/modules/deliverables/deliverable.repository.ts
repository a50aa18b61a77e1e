import { and, asc, eq, inArray, sql, type SQLWrapper } from 'drizzle-orm';
import type { Caller } from '../../caller';
import type { DbOrTx } from '../../db/client';
import {
  deliverableStages,
  deliverables,
  pipelineStageDefinitions,
  pipelineStageDependencies,
  pipelineStageReworks,
  projects,
  revisions,
  stageAssignments,
  users,
} from '../../db/schema';
import { visibleProjects } from '../projects/project-visibility';

export type DeliverableRow = typeof deliverables.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;

export interface StageRow {
  id: string;
  deliverableId: string;
  stageDefinitionId: string;
  status: (typeof deliverableStages.$inferSelect)['status'];
  subStatus: string | null;
  startDate: Date | null;
  dueDate: Date | null;
  completedDate: Date | null;
  notes: string | null;
  name: string;
  slug: string;
  order: number;
  color: string | null;
  approvalType: 'NONE' | 'SIMPLE' | 'FORMAL';
  isOptional: boolean;
  isCriticalGate: boolean;
  customStatuses: unknown;
}

type StageStatus = StageRow['status'];
/** See stripStagesJson. */
export type StripStageTuple = [string, string, StageStatus, string, number, string | null];

/** Reads for deliverables and their stages; every read goes through project visibility. */
export const deliverableRepo = {
  async find(tx: DbOrTx, caller: Caller, id: string, lock = false) {
    const q = tx
      .select({ deliverable: deliverables, project: projects })
      .from(deliverables)
      .innerJoin(projects, eq(projects.id, deliverables.projectId))
      .where(
        and(
          eq(deliverables.id, id),
          eq(deliverables.organizationId, caller.orgId),
          visibleProjects(caller),
        ),
      );
    const [row] = lock ? await q.for('update', { of: deliverables }) : await q;
    return row;
  },

  async findByStage(tx: DbOrTx, caller: Caller, stageId: string) {
    const [row] = await tx
      .select({ deliverableId: deliverableStages.deliverableId })
      .from(deliverableStages)
      .where(
        and(eq(deliverableStages.id, stageId), eq(deliverableStages.organizationId, caller.orgId)),
      );
    return row?.deliverableId;
  },

  async stages(tx: DbOrTx, deliverableIds: string[]): Promise<StageRow[]> {
    if (deliverableIds.length === 0) return [];
    return tx
      .select({
        id: deliverableStages.id,
        deliverableId: deliverableStages.deliverableId,
        stageDefinitionId: deliverableStages.stageDefinitionId,
        status: deliverableStages.status,
        subStatus: deliverableStages.subStatus,
        startDate: deliverableStages.startDate,
        dueDate: deliverableStages.dueDate,
        completedDate: deliverableStages.completedDate,
        notes: deliverableStages.notes,
        name: pipelineStageDefinitions.name,
        slug: pipelineStageDefinitions.slug,
        order: pipelineStageDefinitions.order,
        color: pipelineStageDefinitions.color,
        approvalType: pipelineStageDefinitions.approvalType,
        isOptional: pipelineStageDefinitions.isOptional,
        isCriticalGate: pipelineStageDefinitions.isCriticalGate,
        customStatuses: pipelineStageDefinitions.customStatuses,
      })
      .from(deliverableStages)
      .innerJoin(
        pipelineStageDefinitions,
        eq(pipelineStageDefinitions.id, deliverableStages.stageDefinitionId),
      )
      .where(inArray(deliverableStages.deliverableId, deliverableIds))
      .orderBy(asc(pipelineStageDefinitions.order));
  },

  /**
   * A list row's stage strip, for a select list: JSON arrays `[id, stageDefinitionId, status,
   * name, order, color]` in pipeline order, or null without stages. Arrays rather than objects:
   * PostgreSQL builds them markedly faster.
   */
  stripStagesJson: (deliverableId: SQLWrapper) =>
    sql<StripStageTuple[] | null>`(
      select json_agg(json_build_array(ds.id, ds.stage_definition_id, ds.status, s.name,
                                       s."order", s.color) order by s."order")
      from ${deliverableStages} ds
      join ${pipelineStageDefinitions} s on s.id = ds.stage_definition_id
      where ds.deliverable_id = ${deliverableId})`,

  /** Who works on a list row's deliverable (any stage): `[userId, name]` by name, or null. */
  stripPeopleJson: (deliverableId: SQLWrapper) =>
    sql<[string, string][] | null>`(
      select json_agg(json_build_array(p.user_id, p.name) order by p.name, p.user_id)
      from (select distinct sa.user_id, u.name
            from ${stageAssignments} sa
            join ${deliverableStages} ds on ds.id = sa.deliverable_stage_id
            join ${users} u on u.id = sa.user_id
            where ds.deliverable_id = ${deliverableId}) p)`,

  /** Prerequisites and rework paths between stage definitions. */
  async rules(tx: DbOrTx, definitionIds: string[]) {
    if (definitionIds.length === 0) return { deps: [], reworks: [] };
    const [deps, reworks] = await Promise.all([
      tx
        .select({
          stageId: pipelineStageDependencies.stageId,
          prerequisiteId: pipelineStageDependencies.prerequisiteId,
        })
        .from(pipelineStageDependencies)
        .where(inArray(pipelineStageDependencies.stageId, definitionIds)),
      tx
        .select({ from: pipelineStageReworks.fromStageId, to: pipelineStageReworks.toStageId })
        .from(pipelineStageReworks)
        .where(inArray(pipelineStageReworks.fromStageId, definitionIds)),
    ]);
    return { deps, reworks };
  },

  async assignments(tx: DbOrTx, stageIds: string[]) {
    if (stageIds.length === 0) return [];
    return tx
      .select({
        stageId: stageAssignments.deliverableStageId,
        userId: stageAssignments.userId,
        name: users.name,
        role: stageAssignments.role,
      })
      .from(stageAssignments)
      .innerJoin(users, eq(users.id, stageAssignments.userId))
      .where(inArray(stageAssignments.deliverableStageId, stageIds))
      .orderBy(asc(users.name));
  },

  /** Deliverables with a sent version awaiting the client's decision. */
  async awaitingClient(tx: DbOrTx, deliverableIds: string[]): Promise<Set<string>> {
    if (deliverableIds.length === 0) return new Set();
    const rows = await tx
      .selectDistinct({ id: deliverableStages.deliverableId })
      .from(revisions)
      .innerJoin(deliverableStages, eq(deliverableStages.id, revisions.deliverableStageId))
      .where(
        and(
          inArray(deliverableStages.deliverableId, deliverableIds),
          eq(revisions.sentToClient, true),
          eq(revisions.status, 'IN_REVIEW'),
        ),
      );
    return new Set(rows.map((r) => r.id));
  },

  async projectDeliverableNames(tx: DbOrTx, projectId: string) {
    return tx
      .select({ id: deliverables.id, name: deliverables.name, alias: deliverables.boxAliasSlug })
      .from(deliverables)
      .where(eq(deliverables.projectId, projectId));
  },

  countSql: sql<number>`count(*)::int`,
};
