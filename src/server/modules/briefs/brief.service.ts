import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import {
  checkBriefConversion,
  checkBriefMove,
  nextBriefStatuses,
  type BriefStatus,
} from '../../../domain/brief-status';
import { requirePermission, type Caller } from '../../caller';
import type { Db, DbOrTx } from '../../db/client';
import {
  apiKeys,
  briefs,
  BRIEF_STATUSES,
  clientTeams,
  pipelineTemplates,
  projects,
  statusHistory,
  users,
  type CustomFieldValues,
} from '../../db/schema';
import { isUniqueViolation } from '../../db/unique-violation';
import { AppError, badRequest, conflict, notFound } from '../../errors';
import { afterCursor, containsPattern, newestFirst, toPage } from '../../http/pagination';
import type { CustomFieldService } from '../custom-fields/custom-field.service';
import type { BriefConvertInput, BriefInput, BriefListQuery, BriefPatch } from './brief.schemas';

type BriefRow = typeof briefs.$inferSelect;
interface Joined {
  brief: BriefRow;
  clientTeamName: string | null;
  projectName: string | null;
  projectCode: string | null;
}

/** Who a brief change is recorded against: a person, an API key, or a webhook (neither). */
interface Actor {
  userId: string | null;
  apiKeyId: string | null;
}

const actorOf = (caller: Caller): Actor => ({
  userId: caller.apiKeyId ? null : caller.userId,
  apiKeyId: caller.apiKeyId,
});

const toDate = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null ? null : new Date(v);

export function presentBrief(row: Joined) {
  const b = row.brief;
  return {
    id: b.id,
    title: b.title,
    description: b.description,
    source: b.source,
    externalId: b.externalId,
    requestorName: b.requestorName,
    requestorEmail: b.requestorEmail,
    status: b.status,
    priority: b.priority,
    requestedDueDate: b.requestedDueDate?.toISOString() ?? null,
    clientTeam: b.clientTeamId ? { id: b.clientTeamId, name: row.clientTeamName ?? '' } : null,
    convertedProject: b.convertedProjectId
      ? {
          id: b.convertedProjectId,
          name: row.projectName ?? '',
          projectCode: row.projectCode ?? '',
        }
      : null,
    rawPayload: b.rawPayload ?? null,
    nextStatuses: [...nextBriefStatuses(b.status)],
    receivedAt: b.receivedAt.toISOString(),
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

/**
 * Incoming briefs: by hand, by API key or by signed webhook (idempotent on the org's
 * externalId), triaged PENDING → REVIEWING → ACCEPTED / REJECTED, and converted into a project
 * in one transaction. Every status change is recorded in the status history.
 */
export class BriefService {
  constructor(
    private readonly db: Db,
    private readonly customFields: CustomFieldService,
  ) {}

  private select(db: DbOrTx = this.db) {
    return db
      .select({
        brief: briefs,
        clientTeamName: clientTeams.name,
        projectName: projects.name,
        projectCode: projects.projectCode,
      })
      .from(briefs)
      .leftJoin(clientTeams, eq(clientTeams.id, briefs.clientTeamId))
      .leftJoin(projects, eq(projects.id, briefs.convertedProjectId));
  }

  private async load(orgId: string, id: string, db: DbOrTx = this.db) {
    const [row] = await this.select(db).where(
      and(eq(briefs.id, id), eq(briefs.organizationId, orgId)),
    );
    return row ?? null;
  }

  private async checkClientTeam(orgId: string, clientTeamId: string | null | undefined) {
    if (!clientTeamId) return;
    const [t] = await this.db
      .select({ id: clientTeams.id })
      .from(clientTeams)
      .where(and(eq(clientTeams.id, clientTeamId), eq(clientTeams.organizationId, orgId)));
    if (!t)
      throw badRequest('Unknown client team', [
        { path: 'clientTeamId', message: 'No such client team' },
      ]);
  }

  /** POST /api/briefs: a person (source "manual") or an API key (source "api"). */
  async create(caller: Caller, input: BriefInput, rawPayload: Record<string, unknown> | null) {
    requirePermission(caller, 'BRIEF_MANAGE');
    const source = caller.apiKeyId ? 'api' : 'manual';
    const note = caller.apiKeyId ? 'Received by API' : 'Created by hand';
    return this.receive(caller.orgId, input, rawPayload, source, actorOf(caller), note);
  }

  /**
   * Stores a brief unless the org already has one with the same externalId, which is then
   * returned unchanged (`created: false`): replays from intake systems never duplicate.
   */
  async receive(
    orgId: string,
    input: BriefInput,
    rawPayload: Record<string, unknown> | null,
    source: string,
    actor: Actor,
    note: string,
  ) {
    await this.checkClientTeam(orgId, input.clientTeamId);
    const externalId = input.externalId ?? null;
    const id = await this.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(briefs)
        .values({
          organizationId: orgId,
          title: input.title,
          description: input.description ?? null,
          source,
          externalId,
          requestorName: input.requestorName ?? null,
          requestorEmail: input.requestorEmail ?? null,
          priority: input.priority ?? 'MEDIUM',
          requestedDueDate: toDate(input.requestedDueDate) ?? null,
          clientTeamId: input.clientTeamId ?? null,
          rawPayload,
        })
        .onConflictDoNothing({ target: [briefs.organizationId, briefs.externalId] })
        .returning({ id: briefs.id });
      const row = inserted[0];
      if (!row) return null;
      await this.history(tx, orgId, row.id, null, 'PENDING', note, actor);
      return row.id;
    });
    if (id) return { brief: presentBrief((await this.load(orgId, id))!), created: true };
    const [existing] = await this.select().where(
      and(eq(briefs.organizationId, orgId), eq(briefs.externalId, externalId!)),
    );
    if (!existing) throw conflict('A brief with this externalId is being created; retry shortly');
    return { brief: presentBrief(existing), created: false };
  }

  async list(caller: Caller, query: BriefListQuery) {
    requirePermission(caller, 'BRIEF_MANAGE');
    const where: (SQL | undefined)[] = [eq(briefs.organizationId, caller.orgId)];
    if (query.status) where.push(eq(briefs.status, query.status));
    if (query.projectId) where.push(eq(briefs.convertedProjectId, query.projectId));
    if (query.q) {
      const p = containsPattern(query.q);
      where.push(
        or(
          ilike(briefs.title, p),
          ilike(briefs.requestorName, p),
          ilike(briefs.requestorEmail, p),
          ilike(briefs.externalId, p),
        ),
      );
    }
    where.push(afterCursor(briefs.createdAt, briefs.id, query.cursor));
    const rows = await this.select()
      .where(and(...where))
      .orderBy(...newestFirst(briefs.createdAt, briefs.id))
      .limit(query.limit + 1);
    return toPage(
      rows.map((r) => ({ ...r, createdAt: r.brief.createdAt, id: r.brief.id })),
      query.limit,
      presentBrief,
    );
  }

  /** How many briefs each status holds (the triage tabs), searched like the list. */
  async counts(caller: Caller, q?: string) {
    requirePermission(caller, 'BRIEF_MANAGE');
    const where: (SQL | undefined)[] = [eq(briefs.organizationId, caller.orgId)];
    if (q) {
      const p = containsPattern(q);
      where.push(
        or(ilike(briefs.title, p), ilike(briefs.requestorName, p), ilike(briefs.externalId, p)),
      );
    }
    const rows = await this.db
      .select({ status: briefs.status, n: count() })
      .from(briefs)
      .where(and(...where))
      .groupBy(briefs.status);
    const counts = Object.fromEntries(BRIEF_STATUSES.map((s) => [s, 0])) as Record<
      BriefStatus,
      number
    >;
    for (const r of rows) counts[r.status] = Number(r.n);
    return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  }

  async get(caller: Caller, id: string) {
    requirePermission(caller, 'BRIEF_MANAGE');
    const row = await this.load(caller.orgId, id);
    if (!row) throw notFound('Brief');
    const history = await this.db
      .select({
        id: statusHistory.id,
        fromStatus: statusHistory.fromStatus,
        toStatus: statusHistory.toStatus,
        note: statusHistory.note,
        userName: users.name,
        keyName: apiKeys.name,
        createdAt: statusHistory.createdAt,
      })
      .from(statusHistory)
      .leftJoin(users, eq(users.id, statusHistory.actorUserId))
      .leftJoin(apiKeys, eq(apiKeys.id, statusHistory.actorApiKeyId))
      .where(
        and(
          eq(statusHistory.organizationId, caller.orgId),
          eq(statusHistory.entityType, 'BRIEF'),
          eq(statusHistory.entityId, id),
        ),
      )
      .orderBy(asc(statusHistory.createdAt), asc(statusHistory.id));
    return {
      ...presentBrief(row),
      history: history.map((h) => ({
        id: h.id,
        fromStatus: h.fromStatus,
        toStatus: h.toStatus,
        note: h.note,
        actor: h.keyName ? `API key ${h.keyName}` : h.userName,
        createdAt: h.createdAt.toISOString(),
      })),
    };
  }

  async update(caller: Caller, id: string, patch: BriefPatch) {
    requirePermission(caller, 'BRIEF_MANAGE');
    const row = await this.load(caller.orgId, id);
    if (!row) throw notFound('Brief');
    if (row.brief.status === 'CONVERTED')
      throw conflict('A converted brief is final: edit its project instead');
    await this.checkClientTeam(caller.orgId, patch.clientTeamId);
    const set = { ...patch, requestedDueDate: toDate(patch.requestedDueDate) };
    if (Object.values(set).some((v) => v !== undefined)) {
      await this.db
        .update(briefs)
        .set(set)
        .where(and(eq(briefs.id, id), eq(briefs.organizationId, caller.orgId)));
    }
    return this.get(caller, id);
  }

  async setStatus(caller: Caller, id: string, to: BriefStatus, note: string | null) {
    requirePermission(caller, 'BRIEF_MANAGE');
    await this.db.transaction(async (tx) => {
      const [b] = await tx
        .select({ status: briefs.status })
        .from(briefs)
        .where(and(eq(briefs.id, id), eq(briefs.organizationId, caller.orgId)))
        .for('update');
      if (!b) throw notFound('Brief');
      const check = checkBriefMove(b.status, to);
      if (!check.ok) throw conflict(check.reason);
      await tx.update(briefs).set({ status: to }).where(eq(briefs.id, id));
      await this.history(tx, caller.orgId, id, b.status, to, note, actorOf(caller));
    });
    return this.get(caller, id);
  }

  /**
   * Creates the project from an accepted brief and marks the brief CONVERTED, linked to it, in
   * one transaction: either both happen or neither.
   */
  async convert(caller: Caller, id: string, input: BriefConvertInput) {
    requirePermission(caller, 'BRIEF_MANAGE');
    requirePermission(caller, 'PROJECT_CREATE');
    const current = await this.load(caller.orgId, id);
    if (!current) throw notFound('Brief');
    const clientTeamId =
      input.clientTeamId === undefined ? current.brief.clientTeamId : input.clientTeamId;
    await this.checkClientTeam(caller.orgId, clientTeamId);
    const pipelineTemplateId = await this.pipelineFor(caller.orgId, input.pipelineTemplateId);
    const customFields = await this.customFields.validateValues(
      caller.orgId,
      'PROJECT',
      input.customFields,
      null,
    );
    let projectId: string;
    try {
      projectId = await this.db.transaction(async (tx) => {
        const [b] = await tx
          .select()
          .from(briefs)
          .where(and(eq(briefs.id, id), eq(briefs.organizationId, caller.orgId)))
          .for('update');
        if (!b) throw notFound('Brief');
        const check = checkBriefConversion(b.status);
        if (!check.ok) throw conflict(check.reason);
        const [project] = await tx
          .insert(projects)
          .values({
            organizationId: caller.orgId,
            name: input.name ?? b.title,
            projectCode: input.projectCode,
            omgJobNumber: input.omgJobNumber ?? null,
            description: b.description,
            priority: b.priority,
            dueDate:
              input.dueDate === undefined ? b.requestedDueDate : (toDate(input.dueDate) ?? null),
            requestor: b.requestorName,
            clientTeamId,
            pipelineTemplateId,
            customFields: customFields as CustomFieldValues | undefined,
          })
          .returning({ id: projects.id });
        await tx
          .update(briefs)
          .set({ status: 'CONVERTED', convertedProjectId: project!.id })
          .where(eq(briefs.id, id));
        await this.history(
          tx,
          caller.orgId,
          id,
          b.status,
          'CONVERTED',
          `Converted into project ${input.projectCode}`,
          actorOf(caller),
        );
        return project!.id;
      });
    } catch (err) {
      if (isUniqueViolation(err, 'projects_organization_id_project_code_unique'))
        throw conflict(`The project code ${input.projectCode} is already used`);
      if (isUniqueViolation(err, 'projects_organization_id_omg_job_number_unique'))
        throw conflict(
          `The OMG job number ${input.omgJobNumber} is already used by another project`,
        );
      throw err;
    }
    const brief = await this.get(caller, id);
    return {
      brief,
      project: brief.convertedProject ?? { id: projectId, name: '', projectCode: '' },
    };
  }

  private async pipelineFor(orgId: string, requested: string | null | undefined) {
    if (requested) {
      const [p] = await this.db
        .select({ id: pipelineTemplates.id, isArchived: pipelineTemplates.isArchived })
        .from(pipelineTemplates)
        .where(
          and(eq(pipelineTemplates.id, requested), eq(pipelineTemplates.organizationId, orgId)),
        );
      if (!p)
        throw new AppError('VALIDATION_FAILED', 'Unknown pipeline', {
          fields: [{ path: 'pipelineTemplateId', message: 'No such pipeline' }],
        });
      if (p.isArchived)
        throw new AppError('VALIDATION_FAILED', 'That pipeline is archived', {
          fields: [{ path: 'pipelineTemplateId', message: 'Archived pipeline' }],
        });
      return p.id;
    }
    const [def] = await this.db
      .select({ id: pipelineTemplates.id })
      .from(pipelineTemplates)
      .where(
        and(eq(pipelineTemplates.organizationId, orgId), eq(pipelineTemplates.isDefault, true)),
      );
    return def?.id ?? null;
  }

  private async history(
    tx: DbOrTx,
    orgId: string,
    briefId: string,
    from: BriefStatus | null,
    to: BriefStatus,
    note: string | null,
    actor: Actor,
  ) {
    await tx.insert(statusHistory).values({
      organizationId: orgId,
      entityType: 'BRIEF',
      entityId: briefId,
      fromStatus: from,
      toStatus: to,
      note,
      actorUserId: actor.userId,
      actorApiKeyId: actor.apiKeyId,
    });
  }
}
