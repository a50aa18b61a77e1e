import { sql } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client';
import {
  deliverableStages,
  deliverables,
  pipelineStageDefinitions,
  projects,
} from '../../src/server/db/schema';

/**
 * A generated production dataset: `projects` projects sharing one pipeline, `perProject`
 * deliverables each, one stage row per pipeline stage, statuses spread along the pipeline.
 */
export async function generateDataset(
  db: Db,
  orgId: string,
  pipelineId: string,
  opts: { projects: number; perProject: number },
) {
  const defs = await db
    .select()
    .from(pipelineStageDefinitions)
    .where(sql`${pipelineStageDefinitions.pipelineId} = ${pipelineId}`)
    .orderBy(pipelineStageDefinitions.order);
  for (let p = 0; p < opts.projects; p++) {
    const [project] = await db
      .insert(projects)
      .values({
        organizationId: orgId,
        projectCode: `BENCH-${p}`,
        omgJobNumber: String(900000 + p),
        name: `Bench project ${p}`,
        pipelineTemplateId: pipelineId,
      })
      .returning();
    const ds = await db
      .insert(deliverables)
      .values(
        Array.from({ length: opts.perProject }, (_, i) => ({
          organizationId: orgId,
          projectId: project!.id,
          name: `Deliverable ${p}-${i}`,
          status: 'IN_PROGRESS' as const,
          dueDate: new Date(Date.now() + ((i * 7919) % 90) * 86_400_000),
        })),
      )
      .returning({ id: deliverables.id });
    const rows = ds.flatMap((d, i) => {
      const at = i % defs.length;
      return defs.map((def, j) => ({
        organizationId: orgId,
        deliverableId: d.id,
        stageDefinitionId: def.id,
        status: (j < at ? 'APPROVED' : j === at ? 'IN_PROGRESS' : 'BLOCKED') as
          'APPROVED' | 'IN_PROGRESS' | 'BLOCKED',
      }));
    });
    for (let k = 0; k < rows.length; k += 2000)
      await db.insert(deliverableStages).values(rows.slice(k, k + 2000));
  }
}
