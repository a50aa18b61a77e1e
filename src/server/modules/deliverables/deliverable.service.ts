import { and, asc, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { slugify } from '../../../domain/slug';
import {
  allowedManualMoves,
  applyMove,
  checkManualMove,
  currentStage,
  deliverableStatus,
  hasStarted,
  initialStatuses,
  isReviewDecision,
  planRework,
  reworkTargets,
  type StageState,
  type StageStatus,
  type StatusChange,
} from '../../../domain/stage-workflow';
import { can, requirePermission, type Caller } from '../../caller';
import type { Db, DbOrTx } from '../../db/client';
import {
  deliverableStages,
  deliverables,
  type CustomFieldValues,
  pipelineStageDefinitions,
  projects,
  revisions,
  stageAssignments,
  statusHistory,
  users,
} from '../../db/schema';
import { AppError, conflict, notFound } from '../../errors';
import { containsPattern } from '../../http/pagination';
import type { CustomFieldService } from '../custom-fields/custom-field.service';
import type { NotificationService } from '../notifications/notification.service';
import { visibleProjects } from '../projects/project-visibility';
import {
  deliverableRepo as repo,
  type DeliverableRow,
  type ProjectRow,
  type StageRow,
  type StripStageTuple,
} from './deliverable.repository';

export const deliverableSlug = (d: {
  name: string;
  boxAliasSlug?: string | null;
  alias?: string | null;
}) => (d.boxAliasSlug ?? d.alias) || slugify(d.name);

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function toStates(
  stages: StageRow[],
  deps: { stageId: string; prerequisiteId: string }[],
): StageState[] {
  return stages.map((s) => ({
    key: s.stageDefinitionId,
    name: s.name,
    order: s.order,
    status: s.status,
    approvalType: s.approvalType,
    isOptional: s.isOptional,
    isCriticalGate: s.isCriticalGate,
    prerequisites: deps
      .filter((d) => d.stageId === s.stageDefinitionId)
      .map((d) => d.prerequisiteId),
  }));
}

export interface DeliverableInput {
  name?: string;
  boxAliasSlug?: string | null;
  priority?: (typeof deliverables.$inferInsert)['priority'];
  dueDate?: string | null;
  notes?: string | null;
  isOnHold?: boolean;
  customFields?: Record<string, unknown>;
}

export interface StagePatch {
  status?: StageStatus;
  subStatus?: string | null;
  startDate?: string | null;
  dueDate?: string | null;
  notes?: string | null;
}

export interface DeliverableListFilter {
  limit: number;
  cursor?: string;
  projectId?: string;
  status?: (typeof deliverables.$inferSelect)['status'];
  clientTeamId?: string;
  assigneeId?: string;
  q?: string;
  dueBefore?: string;
  dueAfter?: string;
  sort?: 'dueDate' | '-dueDate' | 'name' | '-createdAt';
}

/** A row of the list statement (see list). */
type ListRow = Pick<
  DeliverableRow,
  'id' | 'name' | 'boxAliasSlug' | 'status' | 'isOnHold' | 'priority' | 'customFields'
> & {
  /** Epoch milliseconds. */
  dueDate: number | null;
  projectId: string;
  projectName: string;
  projectCode: string;
  omgJobNumber: string | null;
  stages: StripStageTuple[] | null;
  people: [string, string][] | null;
};

const toDate = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null ? null : new Date(v);

/**
 * Deliverables and their stages: creation from the project's pipeline, stage moves by the
 * lifecycle contract, rework, roll-up of the deliverable status, and the history of it all.
 */
export class DeliverableService {
  constructor(
    private readonly db: Db,
    private readonly notifications: NotificationService,
    private readonly customFields: CustomFieldService,
  ) {}

  // ── reads ──────────────────────────────────────────────────────────────

  async get(caller: Caller, id: string, tx: DbOrTx = this.db) {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    const found = await repo.find(tx, caller, id);
    if (!found) throw notFound('Deliverable');
    return this.detail(tx, caller, found.deliverable, found.project);
  }

  private async detail(tx: DbOrTx, caller: Caller, d: DeliverableRow, p: ProjectRow) {
    const stages = await repo.stages(tx, [d.id]);
    const { deps, reworks } = await repo.rules(
      tx,
      stages.map((s) => s.stageDefinitionId),
    );
    const assignments = await repo.assignments(
      tx,
      stages.map((s) => s.id),
    );
    const states = toStates(stages, deps);
    const canMove = can(caller, 'STAGE_UPDATE_STATUS');
    const canReview = can(caller, 'REVISION_REVIEW') && !caller.isExternal;
    const external = caller.isExternal;
    return {
      id: d.id,
      name: d.name,
      slug: external ? deliverableSlug({ name: d.name }) : deliverableSlug(d),
      // Client viewers: no inbound alias, internal notes, custom field values (no per-field
      // client visibility exists), sub-statuses or staffing.
      boxAliasSlug: external ? null : d.boxAliasSlug,
      status: d.status,
      isOnHold: d.isOnHold,
      priority: d.priority,
      dueDate: iso(d.dueDate),
      notes: external ? null : d.notes,
      customFields: external ? {} : ((d.customFields as Record<string, unknown> | null) ?? {}),
      createdAt: d.createdAt.toISOString(),
      project: {
        id: p.id,
        name: p.name,
        projectCode: p.projectCode,
        omgJobNumber: p.omgJobNumber,
        pipelineTemplateId: p.pipelineTemplateId,
      },
      stages: stages.map((s, i) => {
        const state = states[i]!;
        const moves = canMove
          ? allowedManualMoves(state).filter(
              (to) => !isReviewDecision(state.status, to) || canReview,
            )
          : [];
        return {
          id: s.id,
          stageDefinitionId: s.stageDefinitionId,
          name: s.name,
          slug: s.slug,
          order: s.order,
          color: s.color,
          status: s.status,
          approvalType: s.approvalType,
          isOptional: s.isOptional,
          isCriticalGate: s.isCriticalGate,
          subStatus: external ? null : s.subStatus,
          customStatuses:
            !external && Array.isArray(s.customStatuses) ? (s.customStatuses as string[]) : [],
          startDate: iso(s.startDate),
          dueDate: iso(s.dueDate),
          completedDate: iso(s.completedDate),
          notes: external ? null : s.notes,
          assignees: external
            ? []
            : assignments
                .filter((a) => a.stageId === s.id)
                .map((a) => ({ userId: a.userId, name: a.name, role: a.role ?? 'LEAD' })),
          allowedMoves: moves,
          reworkTargets: canMove
            ? reworkTargets(states, reworks, s.stageDefinitionId).map((defId) => {
                const t = stages.find((x) => x.stageDefinitionId === defId)!;
                return { stageId: t.id, name: t.name };
              })
            : [],
        };
      }),
    };
  }

  async list(caller: Caller, f: DeliverableListFilter) {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    const conds: (SQL | undefined)[] = [
      eq(deliverables.organizationId, caller.orgId),
      visibleProjects(caller),
      f.projectId ? eq(deliverables.projectId, f.projectId) : undefined,
      f.status ? eq(deliverables.status, f.status) : undefined,
      f.clientTeamId ? eq(projects.clientTeamId, f.clientTeamId) : undefined,
      f.q
        ? or(
            ilike(deliverables.name, containsPattern(f.q)),
            ilike(projects.name, containsPattern(f.q)),
          )
        : undefined,
      f.dueBefore ? lte(deliverables.dueDate, new Date(f.dueBefore)) : undefined,
      f.dueAfter ? gte(deliverables.dueDate, new Date(f.dueAfter)) : undefined,
      f.assigneeId
        ? sql`exists (select 1 from ${stageAssignments} sa join ${deliverableStages} ds on ds.id = sa.deliverable_stage_id where ds.deliverable_id = ${deliverables.id} and sa.user_id = ${f.assigneeId})`
        : undefined,
    ];
    // The sort, for the page inside and again for the rows coming out of it.
    const sortBy = (t: SQL) =>
      f.sort === 'dueDate'
        ? sql`${t}.due_date asc nulls last, ${t}.id asc`
        : f.sort === '-dueDate'
          ? sql`${t}.due_date desc nulls last, ${t}.id asc`
          : f.sort === 'name'
            ? sql`${t}.name asc, ${t}.id asc`
            : sql`${t}.created_at desc, ${t}.id desc`;
    const offset = decodeOffset(f.cursor);
    // One statement for the page with its stage strips and people: the page as a subquery (so
    // the strips are built for its rows only, not for those OFFSET skips), the strips as JSON.
    // SQL text rather than the query builder: drizzle's building and row mapping cost about as
    // much as running the statement (tests/bench/api-breakdown.ts).
    const { rows } = await this.db.execute<ListRow>(sql`
      select page.id, page.name, page.box_alias_slug as "boxAliasSlug", page.status,
             page.is_on_hold as "isOnHold", page.priority,
             (extract(epoch from page.due_date) * 1000)::float8 as "dueDate",
             page.custom_fields as "customFields", page.project_id as "projectId",
             page.project_name as "projectName", page.project_code as "projectCode",
             page.omg_job_number as "omgJobNumber",
             ${repo.stripStagesJson(sql`page.id`)} as stages,
             ${repo.stripPeopleJson(sql`page.id`)} as people
      from (select ${deliverables.id}, ${deliverables.name}, ${deliverables.boxAliasSlug},
                   ${deliverables.status}, ${deliverables.isOnHold}, ${deliverables.priority},
                   ${deliverables.dueDate}, ${deliverables.customFields}, ${deliverables.createdAt},
                   ${projects.id} as project_id, ${projects.name} as project_name,
                   ${projects.projectCode}, ${projects.omgJobNumber}
            from ${deliverables} join ${projects} on ${projects.id} = ${deliverables.projectId}
            where ${and(...conds)}
            order by ${sortBy(sql`${deliverables}`)}
            limit ${f.limit + 1} offset ${offset}) page
      order by ${sortBy(sql`page`)}`);
    const items = rows.slice(0, f.limit).map((d) => {
      const stages = (d.stages ?? []).map(
        ([id, stageDefinitionId, status, name, order, color]) => ({
          id,
          stageDefinitionId,
          name,
          status,
          order,
          color,
        }),
      );
      const cur = currentStage(stages);
      return {
        id: d.id,
        name: d.name,
        // The inbound alias is the agency's matching rule: clients get the name's slug.
        slug: caller.isExternal ? deliverableSlug({ name: d.name }) : deliverableSlug(d),
        status: d.status,
        isOnHold: d.isOnHold,
        priority: d.priority,
        dueDate: d.dueDate === null ? null : new Date(d.dueDate).toISOString(),
        customFields: caller.isExternal ? {} : (d.customFields ?? {}),
        project: {
          id: d.projectId,
          name: d.projectName,
          projectCode: d.projectCode,
          omgJobNumber: d.omgJobNumber,
        },
        currentStage: cur
          ? {
              id: cur.id,
              name: cur.name,
              status: cur.status,
              stageDefinitionId: cur.stageDefinitionId,
              color: cur.color,
            }
          : null,
        stages,
        assignees: caller.isExternal
          ? []
          : (d.people ?? []).map(([userId, name]) => ({ userId, name })),
      };
    });
    return { items, nextCursor: rows.length > f.limit ? encodeOffset(offset + f.limit) : null };
  }

  async history(caller: Caller, id: string) {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    const found = await repo.find(this.db, caller, id);
    if (!found) throw notFound('Deliverable');
    const stages = await repo.stages(this.db, [id]);
    const stageName = new Map(stages.map((s) => [s.id, s.name]));
    // Revision events (uploads, sends) are internal history: clients never see them.
    const revs =
      caller.isExternal || stages.length === 0
        ? []
        : await this.db
            .select({ id: revisions.id, stageId: revisions.deliverableStageId })
            .from(revisions)
            .where(
              inArray(
                revisions.deliverableStageId,
                stages.map((s) => s.id),
              ),
            );
    const revisionStage = new Map(revs.map((r) => [r.id, r.stageId]));
    const rows = await this.db
      .select({ h: statusHistory, actorName: users.name })
      .from(statusHistory)
      .leftJoin(users, eq(users.id, statusHistory.actorUserId))
      .where(
        and(
          eq(statusHistory.organizationId, caller.orgId),
          or(
            and(eq(statusHistory.entityType, 'DELIVERABLE'), eq(statusHistory.entityId, id)),
            stages.length
              ? and(
                  eq(statusHistory.entityType, 'STAGE'),
                  inArray(
                    statusHistory.entityId,
                    stages.map((s) => s.id),
                  ),
                )
              : undefined,
            revs.length
              ? and(
                  eq(statusHistory.entityType, 'REVISION'),
                  inArray(
                    statusHistory.entityId,
                    revs.map((r) => r.id),
                  ),
                )
              : undefined,
          ),
        ),
      )
      .orderBy(desc(statusHistory.createdAt), desc(statusHistory.id))
      .limit(500);
    return {
      items: rows.map(({ h, actorName }) => ({
        id: h.id,
        entityType: h.entityType,
        entityId: h.entityId,
        stageName:
          h.entityType === 'STAGE'
            ? (stageName.get(h.entityId) ?? null)
            : h.entityType === 'REVISION'
              ? (stageName.get(revisionStage.get(h.entityId) ?? '') ?? null)
              : null,
        fromStatus: h.fromStatus,
        toStatus: h.toStatus,
        note: caller.isExternal ? null : h.note,
        actor: h.actorUserId ? { id: h.actorUserId, name: actorName ?? '' } : null,
        createdAt: h.createdAt.toISOString(),
      })),
      nextCursor: null,
    };
  }

  // ── writes ─────────────────────────────────────────────────────────────

  async create(caller: Caller, projectId: string, input: DeliverableInput & { name: string }) {
    requirePermission(caller, 'DELIVERABLE_CREATE');
    const customFields = await this.customFields.validateValues(
      caller.orgId,
      'DELIVERABLE',
      input.customFields,
      null,
    );
    return this.db.transaction(async (tx) => {
      // Lock the project so two creations cannot both pass the slug check.
      const [project] = await tx
        .select()
        .from(projects)
        .where(and(eq(projects.id, projectId), visibleProjects(caller)))
        .for('update');
      if (!project) throw notFound('Project');
      if (!project.pipelineTemplateId) {
        throw conflict(`${project.name} has no pipeline: choose one for the project first`);
      }
      const slug = deliverableSlug({ name: input.name, boxAliasSlug: input.boxAliasSlug });
      if (!slug)
        throw new AppError(
          'VALIDATION_FAILED',
          'Give the deliverable a name with letters or digits',
          { fields: [{ path: 'name', message: 'No letters or digits' }] },
        );
      const clash = (await repo.projectDeliverableNames(tx, projectId)).find(
        (d) => deliverableSlug(d) === slug,
      );
      if (clash) {
        throw conflict(
          `"${clash.name}" in this project already uses the slug "${slug}": set an alias slug so inbound files can tell them apart`,
        );
      }
      const defs = await tx
        .select()
        .from(pipelineStageDefinitions)
        .where(eq(pipelineStageDefinitions.pipelineId, project.pipelineTemplateId))
        .orderBy(asc(pipelineStageDefinitions.order));
      if (defs.length === 0) throw conflict('The project’s pipeline has no stages');
      const { deps } = await repo.rules(
        tx,
        defs.map((d) => d.id),
      );
      const initial = initialStatuses(
        defs.map((d) => ({
          key: d.id,
          name: d.name,
          order: d.order,
          approvalType: d.approvalType,
          isOptional: d.isOptional,
          isCriticalGate: d.isCriticalGate,
          prerequisites: deps.filter((x) => x.stageId === d.id).map((x) => x.prerequisiteId),
        })),
      );
      const [d] = await tx
        .insert(deliverables)
        .values({
          organizationId: caller.orgId,
          projectId,
          name: input.name,
          boxAliasSlug: input.boxAliasSlug ?? null,
          priority: input.priority,
          dueDate: toDate(input.dueDate),
          notes: input.notes ?? null,
          customFields: customFields as CustomFieldValues | undefined,
        })
        .returning();
      await tx.insert(deliverableStages).values(
        defs.map((def) => ({
          organizationId: caller.orgId,
          deliverableId: d!.id,
          stageDefinitionId: def.id,
          status: initial.get(def.id)!,
        })),
      );
      await this.record(tx, caller, 'DELIVERABLE', d!.id, null, 'NOT_STARTED', 'Created');
      return this.detail(tx, caller, d!, project);
    });
  }

  async update(caller: Caller, id: string, input: DeliverableInput) {
    requirePermission(caller, 'DELIVERABLE_UPDATE');
    const before = await repo.find(this.db, caller, id);
    if (!before) throw notFound('Deliverable');
    const customFields = await this.customFields.validateValues(
      caller.orgId,
      'DELIVERABLE',
      input.customFields,
      (before.deliverable.customFields as Record<string, unknown> | null) ?? {},
    );
    return this.db.transaction(async (tx) => {
      const found = await repo.find(tx, caller, id, true);
      if (!found) throw notFound('Deliverable');
      const { deliverable: d, project } = found;
      const next = {
        name: input.name ?? d.name,
        boxAliasSlug: input.boxAliasSlug === undefined ? d.boxAliasSlug : input.boxAliasSlug,
      };
      const slug = deliverableSlug(next);
      if (input.name !== undefined || input.boxAliasSlug !== undefined) {
        const clash = (await repo.projectDeliverableNames(tx, d.projectId)).find(
          (x) => x.id !== id && deliverableSlug(x) === slug,
        );
        if (clash)
          throw conflict(
            `"${clash.name}" already uses the slug "${slug}": set a different alias slug`,
          );
      }
      await tx
        .update(deliverables)
        .set({
          name: input.name,
          boxAliasSlug: input.boxAliasSlug,
          priority: input.priority,
          dueDate: toDate(input.dueDate),
          notes: input.notes,
          isOnHold: input.isOnHold,
          customFields: customFields as CustomFieldValues | undefined,
        })
        .where(eq(deliverables.id, id));
      if (input.isOnHold !== undefined && input.isOnHold !== d.isOnHold) {
        await this.record(
          tx,
          caller,
          'DELIVERABLE',
          id,
          d.isOnHold ? 'ON_HOLD' : d.status,
          input.isOnHold ? 'ON_HOLD' : 'RESUMED',
          null,
        );
      }
      await this.rollUp(tx, caller, id);
      const fresh = await repo.find(tx, caller, id);
      return this.detail(tx, caller, fresh!.deliverable, project);
    });
  }

  async patchStage(caller: Caller, stageId: string, patch: StagePatch) {
    const deliverableId = await repo.findByStage(this.db, caller, stageId);
    if (!deliverableId) throw notFound('Stage');
    const touchesDetails =
      patch.subStatus !== undefined ||
      patch.startDate !== undefined ||
      patch.dueDate !== undefined ||
      patch.notes !== undefined;
    if (touchesDetails) requirePermission(caller, 'STAGE_UPDATE');
    if (patch.status) requirePermission(caller, 'STAGE_UPDATE_STATUS');
    const unblocked: string[] = [];
    const result = await this.db.transaction(async (tx) => {
      const found = await repo.find(tx, caller, deliverableId, true);
      if (!found) throw notFound('Stage');
      const stages = await repo.stages(tx, [deliverableId]);
      const stage = stages.find((s) => s.id === stageId)!;
      if (patch.subStatus) {
        const allowed = Array.isArray(stage.customStatuses)
          ? (stage.customStatuses as string[])
          : [];
        if (!allowed.includes(patch.subStatus)) {
          throw new AppError(
            'VALIDATION_FAILED',
            `${stage.name} has no sub-status "${patch.subStatus}"`,
            {
              fields: [
                { path: 'subStatus', message: `One of: ${allowed.join(', ') || '(none defined)'}` },
              ],
            },
          );
        }
      }
      if (touchesDetails) {
        await tx
          .update(deliverableStages)
          .set({
            subStatus: patch.subStatus,
            startDate: toDate(patch.startDate),
            dueDate: toDate(patch.dueDate),
            notes: patch.notes,
          })
          .where(eq(deliverableStages.id, stageId));
      }
      if (patch.status && patch.status !== stage.status) {
        const { deps } = await repo.rules(
          tx,
          stages.map((s) => s.stageDefinitionId),
        );
        const states = toStates(stages, deps);
        const state = states.find((s) => s.key === stage.stageDefinitionId)!;
        const check = checkManualMove(state, patch.status);
        if (!check.ok) throw new AppError('STAGE_MOVE_NOT_ALLOWED', check.reason);
        if (
          isReviewDecision(stage.status, patch.status) &&
          (!can(caller, 'REVISION_REVIEW') || caller.isExternal)
        ) {
          throw new AppError(
            'FORBIDDEN',
            'Approving or requesting changes needs the REVISION_REVIEW permission',
          );
        }
        const changes = applyMove(states, state.key, patch.status);
        unblocked.push(...(await this.applyChanges(tx, caller, stages, changes, null)));
      }
      await this.rollUp(tx, caller, deliverableId);
      const fresh = await repo.find(tx, caller, deliverableId);
      return this.detail(tx, caller, fresh!.deliverable, fresh!.project);
    });
    await this.notifyUnblocked(caller, unblocked, result.name);
    return result;
  }

  async rework(
    caller: Caller,
    deliverableId: string,
    input: { fromStageId: string; toStageId: string; note: string },
  ) {
    requirePermission(caller, 'STAGE_UPDATE_STATUS');
    const result = await this.db.transaction(async (tx) => {
      const found = await repo.find(tx, caller, deliverableId, true);
      if (!found) throw notFound('Deliverable');
      const stages = await repo.stages(tx, [deliverableId]);
      const from = stages.find((s) => s.id === input.fromStageId);
      const to = stages.find((s) => s.id === input.toStageId);
      if (!from || !to) throw notFound('Stage');
      const { deps, reworks } = await repo.rules(
        tx,
        stages.map((s) => s.stageDefinitionId),
      );
      const plan = planRework(
        toStates(stages, deps),
        reworks,
        from.stageDefinitionId,
        to.stageDefinitionId,
      );
      if (!plan.ok) throw new AppError('STAGE_MOVE_NOT_ALLOWED', plan.reason);
      await this.applyChanges(
        tx,
        caller,
        stages,
        plan.changes,
        `Rework from ${from.name}: ${input.note}`,
      );
      await this.rollUp(tx, caller, deliverableId);
      const fresh = await repo.find(tx, caller, deliverableId);
      return this.detail(tx, caller, fresh!.deliverable, fresh!.project);
    });
    return result;
  }

  // ── hooks for revisions ────────────────────────────────────────────────

  /**
   * A revision arrived on a stage (inside the caller's transaction, deliverable locked): work
   * starts or resumes there (NOT_STARTED / CHANGES_REQUESTED → IN_PROGRESS), and the
   * deliverable's status is rolled up again. Other statuses are left as they are.
   */
  async revisionArrived(tx: DbOrTx, caller: Caller, deliverableId: string, stageId: string) {
    const stages = await repo.stages(tx, [deliverableId]);
    const stage = stages.find((s) => s.id === stageId);
    if (stage && (stage.status === 'NOT_STARTED' || stage.status === 'CHANGES_REQUESTED')) {
      const { deps } = await repo.rules(
        tx,
        stages.map((s) => s.stageDefinitionId),
      );
      const changes = applyMove(toStates(stages, deps), stage.stageDefinitionId, 'IN_PROGRESS');
      await this.applyChanges(tx, caller, stages, changes, 'A new revision was uploaded');
    }
    await this.rollUp(tx, caller, deliverableId);
  }

  /**
   * A review decision moves a stage (inside the caller's transaction, deliverable locked): the
   * decision itself was checked by the approvals rules, so the manual-move rules do not apply;
   * readiness of later stages settles as usual. Returns the stages that unblocked.
   */
  async decideStage(
    tx: DbOrTx,
    caller: Caller,
    deliverableId: string,
    stageId: string,
    to: StageStatus,
    note: string,
  ): Promise<string[]> {
    const stages = await repo.stages(tx, [deliverableId]);
    const stage = stages.find((s) => s.id === stageId);
    let unblocked: string[] = [];
    if (stage && stage.status !== to) {
      const { deps } = await repo.rules(
        tx,
        stages.map((s) => s.stageDefinitionId),
      );
      const changes = applyMove(toStates(stages, deps), stage.stageDefinitionId, to);
      unblocked = await this.applyChanges(tx, caller, stages, changes, note);
    }
    await this.rollUp(tx, caller, deliverableId);
    return unblocked;
  }

  /** STAGE_UNBLOCKED to the assignees of stages that became ready (after the commit). */
  async notifyUnblockedStages(caller: Caller, stageIds: string[], deliverableName: string) {
    await this.notifyUnblocked(caller, stageIds, deliverableName);
  }

  /** Rolls the deliverable's status up again after its revisions changed (e.g. a send). */
  async refreshStatus(tx: DbOrTx, caller: Caller, deliverableId: string) {
    await this.rollUp(tx, caller, deliverableId);
  }

  /** Records a revision's status change in the deliverable's history. */
  async recordRevision(
    tx: DbOrTx,
    caller: Caller,
    revisionId: string,
    from: string | null,
    to: string,
    note: string,
  ) {
    await this.record(tx, caller, 'REVISION', revisionId, from, to, note);
  }

  /** Writes stage changes with their dates and history; returns stages that unblocked. */
  private async applyChanges(
    tx: DbOrTx,
    caller: Caller,
    stages: StageRow[],
    changes: StatusChange[],
    note: string | null,
  ): Promise<string[]> {
    const unblocked: string[] = [];
    const now = new Date();
    for (const c of changes) {
      const s = stages.find((x) => x.stageDefinitionId === c.key)!;
      const completed = c.to === 'APPROVED' || c.to === 'DELIVERED' || c.to === 'SKIPPED';
      await tx
        .update(deliverableStages)
        .set({
          status: c.to,
          startDate:
            c.to === 'IN_PROGRESS' && !s.startDate ? now : !hasStarted(c.to) ? null : undefined,
          completedDate: completed ? now : null,
          revisionRound:
            c.to === 'CHANGES_REQUESTED' ? sql`${deliverableStages.revisionRound} + 1` : undefined,
        })
        .where(eq(deliverableStages.id, s.id));
      await this.record(tx, caller, 'STAGE', s.id, c.from, c.to, note);
      if (c.from === 'BLOCKED' && c.to === 'NOT_STARTED') unblocked.push(s.id);
    }
    return unblocked;
  }

  private async rollUp(tx: DbOrTx, caller: Caller, deliverableId: string) {
    const [d] = await tx.select().from(deliverables).where(eq(deliverables.id, deliverableId));
    const stages = await tx
      .select({ status: deliverableStages.status })
      .from(deliverableStages)
      .where(eq(deliverableStages.deliverableId, deliverableId));
    const awaiting = await repo.awaitingClient(tx, [deliverableId]);
    const status = deliverableStatus({
      isOnHold: d!.isOnHold,
      awaitingClient: awaiting.has(deliverableId),
      stages: stages.map((s) => s.status),
    });
    if (status !== d!.status) {
      await tx.update(deliverables).set({ status }).where(eq(deliverables.id, deliverableId));
      await this.record(tx, caller, 'DELIVERABLE', deliverableId, d!.status, status, null);
    }
  }

  private async record(
    tx: DbOrTx,
    caller: Caller,
    entityType: 'DELIVERABLE' | 'STAGE' | 'REVISION',
    entityId: string,
    from: string | null,
    to: string,
    note: string | null,
  ) {
    await tx.insert(statusHistory).values({
      organizationId: caller.orgId,
      entityType,
      entityId,
      fromStatus: from,
      toStatus: to,
      note,
      actorUserId: caller.apiKeyId ? null : caller.userId,
      actorApiKeyId: caller.apiKeyId,
    });
  }

  private async notifyUnblocked(caller: Caller, stageIds: string[], deliverableName: string) {
    if (stageIds.length === 0) return;
    const rows = await repo.assignments(this.db, stageIds);
    const stages = await this.db
      .select({
        id: deliverableStages.id,
        deliverableId: deliverableStages.deliverableId,
        name: pipelineStageDefinitions.name,
      })
      .from(deliverableStages)
      .innerJoin(
        pipelineStageDefinitions,
        eq(pipelineStageDefinitions.id, deliverableStages.stageDefinitionId),
      )
      .where(inArray(deliverableStages.id, stageIds));
    for (const s of stages) {
      const people = rows.filter((r) => r.stageId === s.id).map((r) => r.userId);
      if (people.length === 0) continue;
      await this.notifications.notify(this.db, {
        organizationId: caller.orgId,
        userIds: people,
        type: 'STAGE_UNBLOCKED',
        title: `${s.name} is ready to start`,
        message: `${deliverableName}: every prerequisite of ${s.name} is done`,
        link: `/deliverables/${s.deliverableId}`,
        entityType: 'STAGE',
        entityId: s.id,
      });
    }
  }

  async assign(caller: Caller, stageId: string, userId: string, role: 'LEAD' | 'SUPPORT') {
    requirePermission(caller, 'STAGE_ASSIGN');
    const deliverableId = await repo.findByStage(this.db, caller, stageId);
    if (!deliverableId || !(await repo.find(this.db, caller, deliverableId)))
      throw notFound('Stage');
    const [user] = await this.db
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.organizationId, caller.orgId)));
    if (!user) throw notFound('User');
    if (user.isExternal)
      throw new AppError('VALIDATION_FAILED', 'Client viewers cannot be assigned to stages');
    await this.db
      .insert(stageAssignments)
      .values({ organizationId: caller.orgId, deliverableStageId: stageId, userId, role })
      .onConflictDoUpdate({
        target: [stageAssignments.deliverableStageId, stageAssignments.userId],
        set: { role },
      });
    const detail = await this.get(caller, deliverableId);
    const stage = detail.stages.find((s) => s.id === stageId)!;
    if (userId !== caller.userId) {
      await this.notifications.notify(this.db, {
        organizationId: caller.orgId,
        userIds: [userId],
        type: 'ASSIGNMENT',
        title: `You were assigned to ${stage.name}`,
        message: `${detail.name} (${detail.project.name}) — ${role === 'LEAD' ? 'lead' : 'support'}`,
        link: `/deliverables/${deliverableId}`,
        entityType: 'STAGE',
        entityId: stageId,
      });
    }
  }

  async unassign(caller: Caller, stageId: string, userId: string) {
    requirePermission(caller, 'STAGE_ASSIGN');
    const deliverableId = await repo.findByStage(this.db, caller, stageId);
    if (!deliverableId || !(await repo.find(this.db, caller, deliverableId)))
      throw notFound('Stage');
    const rows = await this.db
      .delete(stageAssignments)
      .where(
        and(eq(stageAssignments.deliverableStageId, stageId), eq(stageAssignments.userId, userId)),
      )
      .returning({ id: stageAssignments.id });
    if (rows.length === 0) throw notFound('Assignment');
  }

  async myWork(caller: Caller) {
    const rows = await this.db
      .select({
        stageId: deliverableStages.id,
        stageName: pipelineStageDefinitions.name,
        stageStatus: deliverableStages.status,
        deliverableId: deliverables.id,
        deliverableName: deliverables.name,
        projectName: projects.name,
        omgJobNumber: projects.omgJobNumber,
        dueDate: sql<Date | null>`coalesce(${deliverableStages.dueDate}, ${deliverables.dueDate})`,
        role: stageAssignments.role,
      })
      .from(stageAssignments)
      .innerJoin(deliverableStages, eq(deliverableStages.id, stageAssignments.deliverableStageId))
      .innerJoin(
        pipelineStageDefinitions,
        eq(pipelineStageDefinitions.id, deliverableStages.stageDefinitionId),
      )
      .innerJoin(deliverables, eq(deliverables.id, deliverableStages.deliverableId))
      .innerJoin(projects, eq(projects.id, deliverables.projectId))
      .where(
        and(
          eq(stageAssignments.userId, caller.userId),
          eq(stageAssignments.organizationId, caller.orgId),
          inArray(deliverableStages.status, [
            'NOT_STARTED',
            'IN_PROGRESS',
            'IN_REVIEW',
            'CHANGES_REQUESTED',
            'BLOCKED',
          ]),
        ),
      )
      .orderBy(sql`coalesce(${deliverableStages.dueDate}, ${deliverables.dueDate}) asc nulls last`)
      .limit(200);
    return {
      items: rows.map((r) => ({
        ...r,
        dueDate: r.dueDate ? new Date(r.dueDate).toISOString() : null,
        role: r.role ?? 'LEAD',
      })),
      nextCursor: null,
    };
  }
}

function encodeOffset(n: number): string {
  return Buffer.from(JSON.stringify({ o: n })).toString('base64url');
}

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0) return v.o;
  } catch {
    /* fall through */
  }
  throw new AppError('VALIDATION_FAILED', 'The cursor is not valid; start from the first page', {
    fields: [{ path: 'cursor', message: 'Invalid cursor' }],
  });
}
