import { and, eq, inArray, ne } from 'drizzle-orm';
import {
  normalizeFilenamePattern,
  validateFilenamePattern,
} from '../../../domain/filename-matcher';
import { validatePipelineGraph } from '../../../domain/pipeline-graph';
import { slugify } from '../../../domain/slug';
import { requirePermission, type Caller } from '../../caller';
import type { Db, DbOrTx } from '../../db/client';
import {
  pipelineStageDefinitions,
  pipelineStageDependencies,
  pipelineStageReworks,
  pipelineTemplates,
} from '../../db/schema';
import { isUniqueViolation } from '../../db/unique-violation';
import { AppError, conflict, notFound } from '../../errors';
import type { PipelineInput } from './pipelines.schemas';
import type { PipelineGraph, PipelineRepository } from './pipeline.repository';

export function presentPipeline(g: PipelineGraph, projectCount: number) {
  return {
    id: g.pipeline.id,
    name: g.pipeline.name,
    description: g.pipeline.description,
    isDefault: g.pipeline.isDefault,
    isArchived: g.pipeline.isArchived,
    inboundFilenameRegex: g.pipeline.inboundFilenameRegex,
    projectCount,
    stages: g.stages.map((s) => ({
      id: s.id,
      name: s.name,
      slug: s.slug,
      order: s.order,
      color: s.color,
      estimatedDays: s.estimatedDays,
      approvalType: s.approvalType,
      isOptional: s.isOptional,
      isCriticalGate: s.isCriticalGate,
      description: s.description,
      customStatuses: Array.isArray(s.customStatuses) ? (s.customStatuses as string[]) : [],
      prerequisites: g.dependencies.filter((d) => d.stageId === s.id).map((d) => d.prerequisiteId),
    })),
    reworks: g.reworks,
  };
}

/**
 * Pipeline templates. Saving replaces the stage list as a whole, in one transaction, after the
 * graph checks pass. Stages keep their ids when their key is their id, so deliverables created
 * from the template keep pointing at them (docs/decisions/005).
 */
export class PipelineService {
  constructor(
    private readonly db: Db,
    private readonly repo: PipelineRepository,
  ) {}

  async list(caller: Caller, includeArchived: boolean) {
    requirePermission(caller, 'PROJECT_VIEW');
    // Templates (stage plans, matching rules) are the agency's own: client viewers see the
    // stages of their deliverables, never the templates.
    if (caller.isExternal)
      throw new AppError('FORBIDDEN', 'Pipeline templates are internal to the agency');
    const rows = await this.repo.list(caller.orgId, includeArchived);
    return {
      items: rows.map((r) => ({
        id: r.pipeline.id,
        name: r.pipeline.name,
        description: r.pipeline.description,
        isDefault: r.pipeline.isDefault,
        isArchived: r.pipeline.isArchived,
        stageCount: r.stageCount,
        projectCount: r.projectCount,
        createdAt: r.pipeline.createdAt.toISOString(),
      })),
      nextCursor: null,
    };
  }

  async get(caller: Caller, id: string) {
    requirePermission(caller, 'PROJECT_VIEW');
    if (caller.isExternal) throw notFound('Pipeline');
    return this.load(this.db, caller.orgId, id);
  }

  private async load(tx: DbOrTx, orgId: string, id: string) {
    const g = await this.repo.graph(tx, orgId, id);
    if (!g) throw notFound('Pipeline');
    return presentPipeline(g, await this.repo.projectCount(tx, id));
  }

  async create(caller: Caller, input: PipelineInput) {
    requirePermission(caller, 'PIPELINE_MANAGE');
    this.validate(input);
    return this.saving(input.name, async () =>
      this.db.transaction(async (tx) => {
        const hasDefault = await this.repo.getDefault(tx, caller.orgId);
        const [row] = await tx
          .insert(pipelineTemplates)
          .values({
            organizationId: caller.orgId,
            name: input.name,
            description: input.description ?? null,
            inboundFilenameRegex: normalizeFilenamePattern(input.inboundFilenameRegex),
            // An organization always has a default: its first pipeline becomes it.
            isDefault: Boolean(input.isDefault) || !hasDefault,
          })
          .returning();
        if (row!.isDefault) await this.clearOtherDefaults(tx, caller.orgId, row!.id);
        await this.writeStages(tx, row!.id, input, new Map());
        return this.load(tx, caller.orgId, row!.id);
      }),
    );
  }

  async replace(caller: Caller, id: string, input: PipelineInput) {
    requirePermission(caller, 'PIPELINE_MANAGE');
    this.validate(input);
    return this.saving(input.name, async () =>
      this.db.transaction(async (tx) => {
        const g = await this.repo.graph(tx, caller.orgId, id);
        if (!g) throw notFound('Pipeline');
        const existing = new Map(g.stages.map((s) => [s.id, s]));
        const kept = new Set(input.stages.map((s) => s.key).filter((k) => existing.has(k)));
        const removed = g.stages.filter((s) => !kept.has(s.id));
        const usage = await this.repo.usage(
          tx,
          removed.map((s) => s.id),
        );
        const used = removed.filter((s) => (usage.get(s.id) ?? 0) > 0);
        if (used.length) {
          throw conflict(
            `${used.map((s) => `${s.name} is used by ${usage.get(s.id)} deliverable stage(s)`).join('; ')}: ` +
              'keep it (you can rename it), or archive this pipeline and make a new one',
          );
        }
        await tx
          .update(pipelineTemplates)
          .set({
            name: input.name,
            description: input.description ?? null,
            ...(input.isDefault !== undefined ? { isDefault: input.isDefault } : {}),
            ...(input.inboundFilenameRegex !== undefined
              ? { inboundFilenameRegex: normalizeFilenamePattern(input.inboundFilenameRegex) }
              : {}),
          })
          .where(eq(pipelineTemplates.id, id));
        if (input.isDefault) await this.clearOtherDefaults(tx, caller.orgId, id);
        if (removed.length) {
          await tx.delete(pipelineStageDefinitions).where(
            inArray(
              pipelineStageDefinitions.id,
              removed.map((s) => s.id),
            ),
          );
        }
        await this.writeStages(tx, id, input, existing);
        return this.load(tx, caller.orgId, id);
      }),
    );
  }

  async setArchived(caller: Caller, id: string, isArchived: boolean) {
    requirePermission(caller, 'PIPELINE_MANAGE');
    return this.db.transaction(async (tx) => {
      const p = await this.repo.get(tx, caller.orgId, id);
      if (!p) throw notFound('Pipeline');
      if (isArchived && p.isDefault) {
        throw conflict(
          `${p.name} is the default pipeline: make another pipeline the default first`,
        );
      }
      await tx.update(pipelineTemplates).set({ isArchived }).where(eq(pipelineTemplates.id, id));
      return this.load(tx, caller.orgId, id);
    });
  }

  async delete(caller: Caller, id: string) {
    requirePermission(caller, 'PIPELINE_MANAGE');
    await this.db.transaction(async (tx) => {
      const p = await this.repo.get(tx, caller.orgId, id);
      if (!p) throw notFound('Pipeline');
      const n = await this.repo.projectCount(tx, id);
      if (n > 0) throw conflict(`${p.name} is used by ${n} project(s): archive it instead`);
      if (p.isDefault)
        throw conflict(
          `${p.name} is the default pipeline: make another pipeline the default first`,
        );
      await tx.delete(pipelineTemplates).where(eq(pipelineTemplates.id, id));
    });
  }

  private validate(input: PipelineInput) {
    // The same check as the editor's live feedback (domain/filename-matcher): RE2 syntax, two
    // capture groups, nothing that needs backtracking.
    const patternError = validateFilenamePattern(input.inboundFilenameRegex);
    if (patternError) {
      throw new AppError('VALIDATION_FAILED', patternError, {
        fields: [{ path: 'inboundFilenameRegex', message: patternError }],
      });
    }
    const nodes = input.stages.map((s, i) => ({
      key: s.key,
      name: s.name,
      slug: s.slug ?? slugify(s.name),
      order: i,
      prerequisites: s.prerequisites,
    }));
    const emptySlug = nodes.find((n) => !n.slug);
    if (emptySlug) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Give ${emptySlug.name} a name with letters or digits, or a slug`,
      );
    }
    const keys = new Set<string>();
    for (const n of nodes) {
      if (keys.has(n.key))
        throw new AppError('VALIDATION_FAILED', `Two stages use the key "${n.key}"`);
      keys.add(n.key);
    }
    const problems = validatePipelineGraph(nodes, input.reworks);
    if (problems.length) {
      throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), {
        fields: problems.map((p) => ({
          path: p.code === 'REWORK_FORWARD' ? 'reworks' : 'stages',
          message: p.message,
        })),
      });
    }
  }

  private async saving<T>(name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isUniqueViolation(err, 'pipeline_templates_organization_id_name_unique')) {
        throw conflict(`A pipeline named "${name}" already exists`);
      }
      throw err;
    }
  }

  private async clearOtherDefaults(tx: DbOrTx, orgId: string, keepId: string) {
    await tx
      .update(pipelineTemplates)
      .set({ isDefault: false })
      .where(and(eq(pipelineTemplates.organizationId, orgId), ne(pipelineTemplates.id, keepId)));
  }

  /** Upserts stages in order, then rewrites prerequisites and rework paths. */
  private async writeStages(
    tx: DbOrTx,
    pipelineId: string,
    input: PipelineInput,
    existing: Map<string, { id: string }>,
  ) {
    // (pipeline_id, order) is unique: park existing stages on negative positions first.
    let park = -1;
    for (const id of existing.keys()) {
      await tx
        .update(pipelineStageDefinitions)
        .set({ order: park-- - 1000 })
        .where(eq(pipelineStageDefinitions.id, id));
    }
    const idByKey = new Map<string, string>();
    for (const [i, s] of input.stages.entries()) {
      const values = {
        name: s.name,
        slug: s.slug ?? slugify(s.name),
        order: i,
        color: s.color ?? null,
        estimatedDays: s.estimatedDays ?? null,
        approvalType: s.approvalType,
        isOptional: s.isOptional,
        isCriticalGate: s.isCriticalGate,
        description: s.description ?? null,
        customStatuses: s.customStatuses ?? [],
      };
      if (existing.has(s.key)) {
        await tx
          .update(pipelineStageDefinitions)
          .set(values)
          .where(eq(pipelineStageDefinitions.id, s.key));
        idByKey.set(s.key, s.key);
      } else {
        const [row] = await tx
          .insert(pipelineStageDefinitions)
          .values({ pipelineId, ...values })
          .returning({ id: pipelineStageDefinitions.id });
        idByKey.set(s.key, row!.id);
      }
    }
    const ids = [...idByKey.values()];
    await tx
      .delete(pipelineStageDependencies)
      .where(inArray(pipelineStageDependencies.stageId, ids));
    await tx.delete(pipelineStageReworks).where(inArray(pipelineStageReworks.fromStageId, ids));
    const deps = input.stages.flatMap((s) =>
      s.prerequisites.map((p) => ({
        stageId: idByKey.get(s.key)!,
        prerequisiteId: idByKey.get(p)!,
      })),
    );
    if (deps.length) await tx.insert(pipelineStageDependencies).values(deps);
    const reworks = input.reworks.map((r) => ({
      fromStageId: idByKey.get(r.from)!,
      toStageId: idByKey.get(r.to)!,
    }));
    if (reworks.length) await tx.insert(pipelineStageReworks).values(reworks);
  }
}
