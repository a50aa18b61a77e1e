import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import {
  deliverableStages,
  pipelineStageDefinitions,
  pipelineStageDependencies,
  pipelineStageReworks,
  pipelineTemplates,
  projects,
} from '../../db/schema';

export type PipelineRow = typeof pipelineTemplates.$inferSelect;
export type StageDefRow = typeof pipelineStageDefinitions.$inferSelect;

export interface PipelineGraph {
  pipeline: PipelineRow;
  stages: StageDefRow[];
  dependencies: { stageId: string; prerequisiteId: string }[];
  reworks: { fromStageId: string; toStageId: string }[];
}

export class PipelineRepository {
  constructor(private readonly db: Db) {}

  async list(orgId: string, includeArchived: boolean) {
    return this.db
      .select({
        pipeline: pipelineTemplates,
        stageCount: sql<number>`(select count(*)::int from ${pipelineStageDefinitions} s where s.pipeline_id = "pipeline_templates"."id")`,
        projectCount: sql<number>`(select count(*)::int from ${projects} p where p.pipeline_template_id = "pipeline_templates"."id")`,
      })
      .from(pipelineTemplates)
      .where(
        and(
          eq(pipelineTemplates.organizationId, orgId),
          includeArchived ? undefined : eq(pipelineTemplates.isArchived, false),
        ),
      )
      .orderBy(desc(pipelineTemplates.isDefault), asc(pipelineTemplates.name));
  }

  async get(tx: DbOrTx, orgId: string, id: string): Promise<PipelineRow | undefined> {
    const [row] = await tx
      .select()
      .from(pipelineTemplates)
      .where(and(eq(pipelineTemplates.id, id), eq(pipelineTemplates.organizationId, orgId)));
    return row;
  }

  async getDefault(tx: DbOrTx, orgId: string): Promise<PipelineRow | undefined> {
    const [row] = await tx
      .select()
      .from(pipelineTemplates)
      .where(
        and(
          eq(pipelineTemplates.organizationId, orgId),
          eq(pipelineTemplates.isDefault, true),
          eq(pipelineTemplates.isArchived, false),
        ),
      );
    return row;
  }

  /** The pipeline with its stages, prerequisites and rework paths: three queries, any size. */
  async graph(tx: DbOrTx, orgId: string, id: string): Promise<PipelineGraph | undefined> {
    const pipeline = await this.get(tx, orgId, id);
    if (!pipeline) return undefined;
    const stages = await tx
      .select()
      .from(pipelineStageDefinitions)
      .where(eq(pipelineStageDefinitions.pipelineId, id))
      .orderBy(asc(pipelineStageDefinitions.order));
    const ids = stages.map((s) => s.id);
    if (ids.length === 0) return { pipeline, stages, dependencies: [], reworks: [] };
    const [dependencies, reworks] = await Promise.all([
      tx
        .select({
          stageId: pipelineStageDependencies.stageId,
          prerequisiteId: pipelineStageDependencies.prerequisiteId,
        })
        .from(pipelineStageDependencies)
        .where(inArray(pipelineStageDependencies.stageId, ids)),
      tx
        .select({
          fromStageId: pipelineStageReworks.fromStageId,
          toStageId: pipelineStageReworks.toStageId,
        })
        .from(pipelineStageReworks)
        .where(inArray(pipelineStageReworks.fromStageId, ids)),
    ]);
    return { pipeline, stages, dependencies, reworks };
  }

  async projectCount(tx: DbOrTx, id: string): Promise<number> {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(projects)
      .where(eq(projects.pipelineTemplateId, id));
    return row?.n ?? 0;
  }

  /** How many deliverable stages use each of these definitions. */
  async usage(tx: DbOrTx, stageIds: string[]): Promise<Map<string, number>> {
    if (stageIds.length === 0) return new Map();
    const rows = await tx
      .select({ id: deliverableStages.stageDefinitionId, n: sql<number>`count(*)::int` })
      .from(deliverableStages)
      .where(inArray(deliverableStages.stageDefinitionId, stageIds))
      .groupBy(deliverableStages.stageDefinitionId);
    return new Map(rows.map((r) => [r.id, r.n]));
  }
}
