import { requirePermission, type Caller } from '../../caller';
import { notFound } from '../../errors';
import { toPage } from '../../http/pagination';
import type { ProjectListFilter, ProjectRepository } from './project.repository';

type Row = NonNullable<Awaited<ReturnType<ProjectRepository['get']>>>;

/** Client viewers never see internal money or notes. */
export function presentProject(row: Row, caller: Caller) {
  const p = row.project;
  const base = {
    id: p.id,
    projectCode: p.projectCode,
    omgJobNumber: p.omgJobNumber,
    name: p.name,
    description: p.description,
    status: p.status,
    priority: p.priority,
    startDate: p.startDate?.toISOString() ?? null,
    dueDate: p.dueDate?.toISOString() ?? null,
    clientTeam: p.clientTeamId ? { id: p.clientTeamId, name: row.clientTeamName ?? '' } : null,
    deliverableCount: row.deliverableCount,
    createdAt: p.createdAt.toISOString(),
  };
  if (caller.isExternal) return base;
  return {
    ...base,
    businessUnit: p.businessUnit,
    requestor: p.requestor,
    agency: p.agency,
    estimatedCost: p.estimatedCost,
    actualCost: p.actualCost,
  };
}

export class ProjectService {
  constructor(private readonly repo: ProjectRepository) {}

  async list(caller: Caller, filter: ProjectListFilter) {
    requirePermission(caller, 'PROJECT_VIEW');
    return toPage(await this.repo.list(caller, filter), filter.limit, (r) =>
      presentProject(r, caller),
    );
  }

  async get(caller: Caller, id: string) {
    requirePermission(caller, 'PROJECT_VIEW');
    const row = await this.repo.get(caller, id);
    if (!row) throw notFound('Project');
    return presentProject(row, caller);
  }
}
