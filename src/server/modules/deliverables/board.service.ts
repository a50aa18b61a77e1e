import { and, asc, eq } from 'drizzle-orm';
import { currentStage, hasStarted } from '../../../domain/stage-workflow';
import { can, requirePermission, type Caller } from '../../caller';
import type { Db } from '../../db/client';
import {
  deliverables,
  pipelineStageDefinitions,
  pipelineStageReworks,
  pipelineTemplates,
  projects,
} from '../../db/schema';
import { notFound } from '../../errors';
import { visibleProjects } from '../projects/project-visibility';
import { deliverableRepo as repo } from './deliverable.repository';

/**
 * The board: one column per stage of a pipeline, one card per deliverable at its current
 * stage, and for each card the drops the rules allow (start a ready stage, or rework along a
 * declared path). Four queries for the whole board, whatever its size.
 */
export class BoardService {
  constructor(private readonly db: Db) {}

  async board(caller: Caller, pipelineId?: string, clientTeamId?: string) {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    const [pipeline] = await this.db
      .select()
      .from(pipelineTemplates)
      .where(
        and(
          eq(pipelineTemplates.organizationId, caller.orgId),
          pipelineId ? eq(pipelineTemplates.id, pipelineId) : eq(pipelineTemplates.isDefault, true),
        ),
      );
    if (!pipeline) throw notFound('Pipeline');
    const columns = await this.db
      .select()
      .from(pipelineStageDefinitions)
      .where(eq(pipelineStageDefinitions.pipelineId, pipeline.id))
      .orderBy(asc(pipelineStageDefinitions.order));
    const reworks = columns.length
      ? await this.db
          .select({ from: pipelineStageReworks.fromStageId, to: pipelineStageReworks.toStageId })
          .from(pipelineStageReworks)
          .innerJoin(
            pipelineStageDefinitions,
            eq(pipelineStageDefinitions.id, pipelineStageReworks.fromStageId),
          )
          .where(eq(pipelineStageDefinitions.pipelineId, pipeline.id))
      : [];
    const rows = await this.db
      .select({ d: deliverables, p: projects })
      .from(deliverables)
      .innerJoin(projects, eq(projects.id, deliverables.projectId))
      .where(
        and(
          eq(projects.pipelineTemplateId, pipeline.id),
          visibleProjects(caller),
          clientTeamId ? eq(projects.clientTeamId, clientTeamId) : undefined,
        ),
      )
      .limit(10_000);
    const stages = await repo.stages(
      this.db,
      rows.map((r) => r.d.id),
    );
    const assignments = await repo.assignments(
      this.db,
      stages.map((s) => s.id),
    );
    const stagesOf = new Map<string, typeof stages>();
    for (const s of stages)
      stagesOf.set(s.deliverableId, [...(stagesOf.get(s.deliverableId) ?? []), s]);
    const canMove = can(caller, 'STAGE_UPDATE_STATUS');
    const nameOf = new Map(columns.map((c) => [c.id, c.name]));

    const cards = rows.flatMap(({ d, p }) => {
      const own = stagesOf.get(d.id) ?? [];
      const cur = currentStage(own);
      if (!cur) return [];
      const ownIds = new Set(own.map((s) => s.id));
      const moves: { toColumnStageId: string; action: 'start' | 'rework'; stageId: string }[] = [];
      if (canMove && !d.isOnHold) {
        for (const s of own) {
          if (s.id === cur.id) continue;
          if (
            hasStarted(cur.status) &&
            reworks.some((r) => r.from === cur.stageDefinitionId && r.to === s.stageDefinitionId)
          ) {
            moves.push({ toColumnStageId: s.stageDefinitionId, action: 'rework', stageId: s.id });
          } else if (s.status === 'NOT_STARTED') {
            moves.push({ toColumnStageId: s.stageDefinitionId, action: 'start', stageId: s.id });
          }
        }
      }
      return [
        {
          deliverableId: d.id,
          name: d.name,
          projectName: p.name,
          omgJobNumber: p.omgJobNumber,
          status: d.status,
          isOnHold: d.isOnHold,
          priority: d.priority,
          dueDate: d.dueDate?.toISOString() ?? null,
          columnStageId: cur.stageDefinitionId,
          columnName: nameOf.get(cur.stageDefinitionId) ?? cur.name,
          stageId: cur.id,
          stageStatus: cur.status,
          // Staffing is internal: client viewers never see who works on what.
          assignees: caller.isExternal
            ? []
            : assignments
                .filter((a) => ownIds.has(a.stageId))
                .map((a) => ({ userId: a.userId, name: a.name })),
          moves,
        },
      ];
    });
    return {
      pipeline: {
        id: pipeline.id,
        name: pipeline.name,
        stages: columns.map((c) => ({
          id: c.id,
          name: c.name,
          slug: c.slug,
          color: c.color,
          order: c.order,
        })),
      },
      cards,
    };
  }
}
