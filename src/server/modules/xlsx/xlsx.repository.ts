import { and, asc, eq, ilike, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type {
  ExistingDeliverable,
  ExistingProject,
  PriorityValue,
  ProjectStatusValue,
} from '../../../domain/xlsx-import';
import type { Caller } from '../../caller';
import type { DbOrTx } from '../../db/client';
import {
  clientTeams,
  deliverables,
  pipelineStageDefinitions,
  pipelineTemplates,
  projects,
} from '../../db/schema';
import { containsPattern } from '../../http/pagination';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

type ProjectRow = typeof projects.$inferSelect;
type DeliverableRow = typeof deliverables.$inferSelect;

function toExistingProject(p: ProjectRow, ds: DeliverableRow[]): ExistingProject {
  return {
    id: p.id,
    omgJobNumber: p.omgJobNumber ?? '',
    projectCode: p.projectCode,
    name: p.name,
    clientTeamId: p.clientTeamId,
    pipelineTemplateId: p.pipelineTemplateId,
    status: p.status as ProjectStatusValue,
    priority: p.priority as PriorityValue,
    startDate: day(p.startDate),
    dueDate: day(p.dueDate),
    description: p.description,
    businessUnit: p.businessUnit,
    requestor: p.requestor,
    agency: p.agency,
    estimatedCost: p.estimatedCost,
    actualCost: p.actualCost,
    customFields: obj(p.customFields),
    deliverables: ds.map(toExistingDeliverable),
  };
}

function toExistingDeliverable(d: DeliverableRow): ExistingDeliverable {
  return {
    id: d.id,
    name: d.name,
    boxAliasSlug: d.boxAliasSlug,
    priority: d.priority as PriorityValue,
    dueDate: day(d.dueDate),
    notes: d.notes,
    customFields: obj(d.customFields),
  };
}

async function deliverablesOf(tx: DbOrTx, orgId: string, projectIds: string[]) {
  if (projectIds.length === 0) return new Map<string, DeliverableRow[]>();
  const rows = await tx
    .select()
    .from(deliverables)
    .where(and(eq(deliverables.organizationId, orgId), inArray(deliverables.projectId, projectIds)))
    .orderBy(asc(deliverables.createdAt), asc(deliverables.id));
  const by = new Map<string, DeliverableRow[]>();
  for (const d of rows) {
    const list = by.get(d.projectId) ?? [];
    list.push(d);
    by.set(d.projectId, list);
  }
  return by;
}

export interface ExportFilter {
  status?: ProjectStatusValue;
  clientTeamId?: string;
  q?: string;
}

/** The reads of spreadsheet import and export; every query is scoped to the caller's org. */
export const xlsxRepo = {
  /** Projects of the org with these job numbers, with their deliverables. */
  async projectsByJob(tx: DbOrTx, orgId: string, jobs: string[]): Promise<ExistingProject[]> {
    if (jobs.length === 0) return [];
    const rows = await tx
      .select()
      .from(projects)
      .where(and(eq(projects.organizationId, orgId), inArray(projects.omgJobNumber, jobs)));
    const ds = await deliverablesOf(
      tx,
      orgId,
      rows.map((p) => p.id),
    );
    return rows.map((p) => toExistingProject(p, ds.get(p.id) ?? []));
  },

  /** Which job number holds each of these project codes (null: a project without one). */
  async codeHolders(tx: DbOrTx, orgId: string, codes: string[]) {
    const out = new Map<string, string | null>();
    if (codes.length === 0) return out;
    const rows = await tx
      .select({ code: projects.projectCode, job: projects.omgJobNumber })
      .from(projects)
      .where(and(eq(projects.organizationId, orgId), inArray(projects.projectCode, codes)));
    for (const r of rows) out.set(r.code, r.job);
    return out;
  },

  async clientTeams(tx: DbOrTx, orgId: string) {
    return tx
      .select({ id: clientTeams.id, name: clientTeams.name, slug: clientTeams.slug })
      .from(clientTeams)
      .where(eq(clientTeams.organizationId, orgId));
  },

  async pipelines(tx: DbOrTx, orgId: string) {
    const rows = await tx
      .select({
        id: pipelineTemplates.id,
        name: pipelineTemplates.name,
        isArchived: pipelineTemplates.isArchived,
        isDefault: pipelineTemplates.isDefault,
      })
      .from(pipelineTemplates)
      .where(eq(pipelineTemplates.organizationId, orgId));
    if (rows.length === 0) return [];
    const counts = await tx
      .select({ id: pipelineStageDefinitions.pipelineId, n: sql<number>`count(*)::int` })
      .from(pipelineStageDefinitions)
      .where(
        inArray(
          pipelineStageDefinitions.pipelineId,
          rows.map((r) => r.id),
        ),
      )
      .groupBy(pipelineStageDefinitions.pipelineId);
    const by = new Map(counts.map((c) => [c.id, c.n]));
    return rows.map((r) => ({ ...r, stageCount: by.get(r.id) ?? 0 }));
  },

  /** Serializes imports of one organization (held until the transaction ends). */
  async lockImports(tx: DbOrTx, orgId: string) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`xlsx-import:${orgId}`}))`);
  },

  /**
   * The projects to export (those with a job number: the sheet is keyed by it), ordered by job
   * number, with their client team and pipeline names.
   */
  async exportProjects(tx: DbOrTx, caller: Caller, f: ExportFilter) {
    const conds: (SQL | undefined)[] = [
      eq(projects.organizationId, caller.orgId),
      isNotNull(projects.omgJobNumber),
      f.status ? eq(projects.status, f.status) : undefined,
      f.clientTeamId ? eq(projects.clientTeamId, f.clientTeamId) : undefined,
      f.q
        ? or(
            ilike(projects.name, containsPattern(f.q)),
            ilike(projects.projectCode, containsPattern(f.q)),
            ilike(projects.omgJobNumber, containsPattern(f.q)),
          )
        : undefined,
    ];
    return tx
      .select({
        project: projects,
        clientTeamName: clientTeams.name,
        pipelineName: pipelineTemplates.name,
      })
      .from(projects)
      .leftJoin(clientTeams, eq(clientTeams.id, projects.clientTeamId))
      .leftJoin(pipelineTemplates, eq(pipelineTemplates.id, projects.pipelineTemplateId))
      .where(and(...conds))
      .orderBy(sql`length(${projects.omgJobNumber})`, asc(projects.omgJobNumber));
  },

  /** Deliverables of a batch of projects, as the planner sees them. */
  async exportDeliverables(tx: DbOrTx, orgId: string, projectIds: string[]) {
    const by = await deliverablesOf(tx, orgId, projectIds);
    return new Map([...by].map(([k, v]) => [k, v.map(toExistingDeliverable)]));
  },

  toExistingProject,
};
