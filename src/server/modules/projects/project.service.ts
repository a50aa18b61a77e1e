import { requirePermission, type Caller } from '../../caller';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { clientTeams, pipelineTemplates, projects, type CustomFieldValues } from '../../db/schema';
import { isUniqueViolation } from '../../db/unique-violation';
import { AppError, conflict, notFound } from '../../errors';
import { toPage } from '../../http/pagination';
import type { CustomFieldService } from '../custom-fields/custom-field.service';
import type { ProjectListFilter, ProjectRepository } from './project.repository';

type Row = NonNullable<Awaited<ReturnType<ProjectRepository['get']>>>;

/**
 * Client viewers never see internal money or notes: nor the description (the agency's brief
 * notes), the org's custom field values (no per-field client visibility exists, and orgs keep
 * budget codes and the like there) or the internal pipeline template.
 */
export function presentProject(row: Row, caller: Caller) {
  const p = row.project;
  const external = caller.isExternal;
  const base = {
    id: p.id,
    projectCode: p.projectCode,
    omgJobNumber: p.omgJobNumber,
    name: p.name,
    description: external ? null : p.description,
    status: p.status,
    priority: p.priority,
    startDate: p.startDate?.toISOString() ?? null,
    dueDate: p.dueDate?.toISOString() ?? null,
    clientTeam: p.clientTeamId ? { id: p.clientTeamId, name: row.clientTeamName ?? '' } : null,
    pipeline:
      p.pipelineTemplateId && !external
        ? { id: p.pipelineTemplateId, name: row.pipelineName ?? '' }
        : null,
    deliverableCount: row.deliverableCount,
    customFields: external ? {} : ((p.customFields as Record<string, unknown> | null) ?? {}),
    createdAt: p.createdAt.toISOString(),
  };
  if (external) return base;
  return {
    ...base,
    businessUnit: p.businessUnit,
    requestor: p.requestor,
    agency: p.agency,
    estimatedCost: p.estimatedCost,
    actualCost: p.actualCost,
  };
}

export interface ProjectInput {
  name?: string;
  projectCode?: string;
  omgJobNumber?: string | null;
  pipelineTemplateId?: string | null;
  clientTeamId?: string | null;
  status?: (typeof projects.$inferInsert)['status'];
  priority?: (typeof projects.$inferInsert)['priority'];
  startDate?: string | null;
  dueDate?: string | null;
  description?: string | null;
  businessUnit?: string | null;
  requestor?: string | null;
  agency?: string | null;
  estimatedCost?: number | null;
  actualCost?: number | null;
  customFields?: Record<string, unknown>;
}

const toDate = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null ? null : new Date(v);

export class ProjectService {
  constructor(
    private readonly db: Db,
    private readonly repo: ProjectRepository,
    private readonly customFields: CustomFieldService,
  ) {}

  private async checkRefs(caller: Caller, input: ProjectInput) {
    if (input.clientTeamId) {
      const [t] = await this.db
        .select({ id: clientTeams.id })
        .from(clientTeams)
        .where(
          and(eq(clientTeams.id, input.clientTeamId), eq(clientTeams.organizationId, caller.orgId)),
        );
      if (!t)
        throw new AppError('VALIDATION_FAILED', 'Unknown client team', {
          fields: [{ path: 'clientTeamId', message: 'No such client team' }],
        });
    }
    if (input.pipelineTemplateId) {
      const [p] = await this.db
        .select({ id: pipelineTemplates.id, isArchived: pipelineTemplates.isArchived })
        .from(pipelineTemplates)
        .where(
          and(
            eq(pipelineTemplates.id, input.pipelineTemplateId),
            eq(pipelineTemplates.organizationId, caller.orgId),
          ),
        );
      if (!p)
        throw new AppError('VALIDATION_FAILED', 'Unknown pipeline', {
          fields: [{ path: 'pipelineTemplateId', message: 'No such pipeline' }],
        });
      if (p.isArchived)
        throw new AppError('VALIDATION_FAILED', 'That pipeline is archived', {
          fields: [{ path: 'pipelineTemplateId', message: 'Archived pipeline' }],
        });
    }
  }

  private async writing<T>(input: ProjectInput, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isUniqueViolation(err, 'projects_organization_id_project_code_unique')) {
        throw conflict(`The project code ${input.projectCode} is already used`);
      }
      if (isUniqueViolation(err, 'projects_organization_id_omg_job_number_unique')) {
        throw conflict(
          `The OMG job number ${input.omgJobNumber} is already used by another project`,
        );
      }
      throw err;
    }
  }

  async create(caller: Caller, input: ProjectInput & { name: string; projectCode: string }) {
    requirePermission(caller, 'PROJECT_CREATE');
    await this.checkRefs(caller, input);
    let pipelineTemplateId = input.pipelineTemplateId ?? null;
    if (!pipelineTemplateId) {
      const [def] = await this.db
        .select({ id: pipelineTemplates.id })
        .from(pipelineTemplates)
        .where(
          and(
            eq(pipelineTemplates.organizationId, caller.orgId),
            eq(pipelineTemplates.isDefault, true),
          ),
        );
      pipelineTemplateId = def?.id ?? null;
    }
    const customFields = await this.customFields.validateValues(
      caller.orgId,
      'PROJECT',
      input.customFields,
      null,
    );
    const id = await this.writing(input, async () => {
      const [row] = await this.db
        .insert(projects)
        .values({
          ...input,
          customFields: customFields as CustomFieldValues | undefined,
          organizationId: caller.orgId,
          pipelineTemplateId,
          startDate: toDate(input.startDate),
          dueDate: toDate(input.dueDate),
        })
        .returning({ id: projects.id });
      return row!.id;
    });
    return this.get(caller, id);
  }

  async update(caller: Caller, id: string, input: ProjectInput) {
    requirePermission(caller, 'PROJECT_UPDATE');
    const current = await this.repo.get(caller, id);
    if (!current) throw notFound('Project');
    await this.checkRefs(caller, input);
    const customFields = await this.customFields.validateValues(
      caller.orgId,
      'PROJECT',
      input.customFields,
      (current.project.customFields as Record<string, unknown> | null) ?? {},
    );
    const patch = {
      ...input,
      customFields: customFields as CustomFieldValues | undefined,
      startDate: toDate(input.startDate),
      dueDate: toDate(input.dueDate),
    };
    if (Object.values(patch).some((v) => v !== undefined)) {
      await this.writing(input, () =>
        this.db
          .update(projects)
          .set(patch)
          .where(and(eq(projects.id, id), eq(projects.organizationId, caller.orgId))),
      );
    }
    return this.get(caller, id);
  }

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
