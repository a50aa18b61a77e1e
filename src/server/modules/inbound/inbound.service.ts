import {
  baseFileName,
  checkFilenamePattern,
  inboundStageFor,
  matchFilename,
  normalizeFilenamePattern,
  type CompiledFilenamePattern,
  type FilenameMatch,
} from '../../../domain/filename-matcher';
import { formatRevisionLabel } from '../../../domain/version-chain';
import { PERMISSIONS } from '../../../domain/permissions';
import { requirePermission, type Caller } from '../../caller';
import type { Db, DbOrTx } from '../../db/client';
import { newId } from '../../db/ids';
import type { InboundChannel, InboundOutcome } from '../../db/schema';
import { AppError, badRequest, conflict, notFound } from '../../errors';
import type { UploadPart } from '../../http/multipart';
import type { Page } from '../../http/pagination';
import { encodeCursor } from '../../http/pagination';
import { deliverableRepo } from '../deliverables/deliverable.repository';
import { deliverableSlug } from '../deliverables/deliverable.service';
import type { NotificationRow } from '../notifications/notification.repository';
import type { NotificationService } from '../notifications/notification.service';
import type { RevisionService, StoredOriginal } from '../revisions/revision.service';
import type { InboundFile, InboundResolver, InboundResult } from './contract';
import { presentLogEntry, type InboundLogEntry } from './inbound.presenter';
import { inboundRepo } from './inbound.repository';

/**
 * Inbound files are stored under `inbound/<id>/`, where `<id>` becomes the id of what the file
 * turns into: the held file's row, or the revision (a promoted held file keeps the id too). So
 * the folder always belongs to exactly one row, and a second promote finds its revision.
 */
export const inboundFolder = (id: string) => `inbound/${id}`;

const CHANNEL_LABEL: Record<InboundChannel, string> = {
  MANUAL: 'manual upload',
  API: 'the API',
  BOX: 'Box',
};

/** What the resolver returns, plus names for people (the contract's fields are all kept). */
export interface InboundOutcomeDetail extends InboundResult {
  projectName?: string;
  deliverableName?: string;
  stageName?: string;
  /** The new revision's label (V0.3 …). */
  label?: string;
}

type Resolution =
  | {
      matched: true;
      match: FilenameMatch;
      project: { id: string; name: string };
      deliverable: { id: string; name: string };
    }
  | {
      matched: false;
      reason: string;
      match?: FilenameMatch;
      project?: { id: string; name: string };
    };

/**
 * The one resolver every channel feeds (manual upload by file name, API v1, Box). The channel
 * has authenticated and authorised the sender; the resolver acts inside the file's org:
 *
 * 1. the name is read with every naming pattern in use in the org (each pipeline's own, and
 *    the default); a reading counts only for a project whose pipeline uses that pattern;
 * 2. no project / no deliverable / no pattern → UNMATCHED, logged, BOX_UNMATCHED_FILE to the
 *    users with INBOUND_MANAGE; the bytes are drained, not kept;
 * 3. otherwise the bytes are stored (type sniffed, size limits as for uploads: anything else is
 *    logged as ERROR and refused) and, in one transaction holding the deliverable's row lock:
 *    while a sent version awaits the client → a held file; else → the next minor on the
 *    deliverable's current stage (domain `inboundStageFor`), NEW_FILE_AWAITING_REVIEWER to the
 *    stage's assignees and the org's reviewers.
 *
 * Every attempt writes one inbound log row. Blobs are removed when anything after storing fails.
 */
export class InboundService implements InboundResolver {
  log: { warn(obj: object, msg: string): void } = { warn: () => {} };
  private readonly patterns = new Map<string, CompiledFilenamePattern | null>();

  constructor(
    private readonly db: Db,
    private readonly revisions: RevisionService,
    private readonly notifications: NotificationService,
  ) {}

  async ingest(file: InboundFile): Promise<InboundOutcomeDetail> {
    const name = baseFileName(file.fileName).slice(0, 300) || 'unnamed file';
    const resolution = await this.resolve(file.organizationId, name);
    if (!resolution.matched) {
      file.stream.resume();
      return this.recordUnmatched(file, name, resolution);
    }
    const id = newId();
    const folder = inboundFolder(id);
    let stored: StoredOriginal;
    try {
      stored = await this.revisions.storeOriginal({ stream: file.stream, fileName: name, folder });
    } catch (err) {
      await this.revisions.discard(folder);
      await this.recordError(file, name, resolution, err);
      throw err;
    }
    try {
      const out = await this.db.transaction((tx) => this.place(tx, file, id, stored, resolution));
      await this.notifications.publish(out.notifications);
      return out.result;
    } catch (err) {
      await this.revisions.discard(folder);
      await this.recordError(file, name, resolution, err);
      throw err;
    }
  }

  /** The manual channel: one file in the multipart field `file`, sent by a signed-in person. */
  async uploadByFileName(
    caller: Caller,
    openForm: () => AsyncIterable<UploadPart>,
  ): Promise<InboundOutcomeDetail> {
    if (caller.isExternal) throw notFound('Page');
    requirePermission(caller, 'REVISION_CREATE');
    for await (const part of openForm()) {
      if (part.type === 'field') {
        throw badRequest('Only one field is accepted: the file, in "file"', [
          { path: part.name, message: 'unexpected field' },
        ]);
      }
      if (part.name !== 'file') {
        part.stream.resume();
        throw badRequest('Send the file in the field "file"', [
          { path: part.name, message: 'unexpected file' },
        ]);
      }
      // One file per request: whatever follows the first file is not read.
      return this.ingest({
        organizationId: caller.orgId,
        channel: 'MANUAL',
        fileName: part.filename,
        stream: part.stream,
        actor: { userId: caller.userId, apiKeyId: caller.apiKeyId, name: caller.name },
      });
    }
    throw badRequest('Send the file in the multipart field "file"', [
      { path: 'file', message: 'is required' },
    ]);
  }

  async listLog(
    caller: Caller,
    q: { limit: number; cursor?: string; outcome?: InboundOutcome; channel?: InboundChannel },
  ): Promise<Page<InboundLogEntry>> {
    if (caller.isExternal) throw notFound('Page');
    requirePermission(caller, 'INBOUND_MANAGE');
    const rows = await inboundRepo.listLog(this.db, caller.orgId, q);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(presentLogEntry),
      nextCursor:
        rows.length > q.limit && last
          ? encodeCursor({ createdAt: last.log.receivedAt, id: last.log.id })
          : null,
    };
  }

  // ── resolving a name ─────────────────────────────────────────────────

  private compiled(source: string | null): CompiledFilenamePattern | null {
    const key = source ?? '';
    if (!this.patterns.has(key)) {
      const check = checkFilenamePattern(source);
      if (!check.ok)
        this.log.warn({ pattern: source }, `saved filename pattern unusable: ${check.message}`);
      if (this.patterns.size > 500) this.patterns.clear();
      this.patterns.set(key, check.ok ? check.pattern : null);
    }
    return this.patterns.get(key) ?? null;
  }

  /** Reads only: which project and deliverable the name points at, or why none. */
  private async resolve(orgId: string, name: string): Promise<Resolution> {
    const custom = [
      ...new Set((await inboundRepo.customPatterns(this.db, orgId)).map(normalizeFilenamePattern)),
    ].filter((p): p is string => p !== null);
    const readings: { source: string | null; match: FilenameMatch }[] = [];
    for (const source of [...custom, null]) {
      const compiled = this.compiled(source);
      const match = compiled ? matchFilename(name, compiled) : null;
      if (match) readings.push({ source, match });
    }
    if (readings.length === 0) {
      return {
        matched: false,
        reason: custom.length
          ? 'The name follows none of the naming patterns in use (the default: OMG job number_deliverable slug[_vN].ext, e.g. 1234_hero-banner_v2.png)'
          : 'The name does not follow the naming pattern OMG job number_deliverable slug[_vN].ext (e.g. 1234_hero-banner_v2.png)',
      };
    }
    const jobNumbers = [...new Set(readings.map((r) => r.match.jobNumber))];
    const projects = await inboundRepo.projectsByJobNumbers(this.db, orgId, jobNumbers);
    const sameJob = (a: string | null, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();
    let noDeliverable: Resolution | null = null;
    for (const r of readings) {
      const project = projects.find(
        (p) =>
          sameJob(p.omgJobNumber, r.match.jobNumber) &&
          normalizeFilenamePattern(p.pattern) === r.source,
      );
      if (!project) continue;
      const found = (await inboundRepo.projectDeliverables(this.db, orgId, project.id)).filter(
        (d) => deliverableSlug(d).toLowerCase() === r.match.slug,
      );
      const p = { id: project.id, name: project.name };
      if (found.length === 1) {
        return { matched: true, match: r.match, project: p, deliverable: found[0]! };
      }
      if (found.length > 1) {
        return {
          matched: false,
          match: r.match,
          project: p,
          reason: `Ambiguous slug: ${found.length} deliverables of ${project.name} answer to “${r.match.slug}”; give one of them another alias slug`,
        };
      }
      noDeliverable ??= {
        matched: false,
        match: r.match,
        project: p,
        reason: `No deliverable with the slug “${r.match.slug}” in ${project.name} (job ${project.omgJobNumber})`,
      };
    }
    if (noDeliverable) return noDeliverable;
    const other = projects[0];
    if (other) {
      return {
        matched: false,
        project: { id: other.id, name: other.name },
        reason: `The name does not follow the naming pattern of ${other.name} (job ${other.omgJobNumber}): its pipeline sets its own`,
      };
    }
    return {
      matched: false,
      match: readings[0]!.match,
      reason: `No project with the OMG job number ${readings[0]!.match.jobNumber}`,
    };
  }

  // ── placing a stored file ────────────────────────────────────────────

  private async place(
    tx: DbOrTx,
    file: InboundFile,
    id: string,
    stored: StoredOriginal,
    resolution: Extract<Resolution, { matched: true }>,
  ): Promise<{ result: InboundOutcomeDetail; notifications: NotificationRow[] }> {
    const caller = inboundCaller(file);
    const found = await deliverableRepo.find(tx, caller, resolution.deliverable.id, true);
    if (!found) throw conflict('The deliverable was removed while the file arrived');
    const d = found.deliverable;
    const stages = await deliverableRepo.stages(tx, [d.id]);
    const awaiting = await inboundRepo.awaitingClientStage(tx, d.id);
    const stageId = inboundStageFor(stages, awaiting?.stageId ?? null);
    const stage = stages.find((s) => s.id === stageId);
    if (!stage) throw conflict(`${d.name} has no stages to receive files`);
    const channel = CHANNEL_LABEL[file.channel];
    const base = {
      organizationId: file.organizationId,
      channel: file.channel,
      fileName: stored.fileName,
      boxFileId: file.boxFileId ?? null,
      boxStatus: file.channel === 'BOX' ? ('MATCHED' as const) : null,
      matchedProjectId: resolution.project.id,
      matchedDeliverableId: d.id,
    };
    const names = {
      projectId: resolution.project.id,
      projectName: resolution.project.name,
      deliverableId: d.id,
      deliverableName: d.name,
      stageId: stage.id,
      stageName: stage.name,
    };

    if (awaiting) {
      const reason = `${d.name} is with the client: ${formatRevisionLabel(awaiting)} of ${awaiting.stageName} awaits a decision`;
      await inboundRepo.insertHeld(tx, {
        id,
        organizationId: file.organizationId,
        deliverableId: d.id,
        suggestedStageId: stage.id,
        fileName: stored.fileName,
        asset: stored.asset,
        source: file.channel,
        parsedOmgNumber: resolution.match.jobNumber,
        parsedSlug: resolution.match.slug,
        parsedVersion: resolution.match.version,
      });
      const log = await inboundRepo.insertLog(tx, {
        ...base,
        outcome: 'HELD',
        holdingPenFileId: id,
        reason,
      });
      const managers = await inboundRepo.usersWithPermission(
        tx,
        file.organizationId,
        'INBOUND_MANAGE',
      );
      const notifications = await this.notifications.create(tx, {
        organizationId: file.organizationId,
        userIds: managers.filter((u) => u !== file.actor.userId),
        type: 'NEW_FILE_AWAITING_REVIEWER',
        title: `File held for ${d.name}`,
        message: `${stored.fileName} arrived by ${channel} while ${d.name} is with the client; promote it to a stage or discard it`,
        link: `/deliverables/${d.id}`,
        entityType: 'HOLDING_PEN_FILE',
        entityId: id,
      });
      return {
        result: { outcome: 'held', inboundLogId: log.id, holdingPenFileId: id, reason, ...names },
        notifications,
      };
    }

    const row = await this.revisions.addToChain(tx, caller, {
      revisionId: id,
      stageId: stage.id,
      deliverableId: d.id,
      stored,
      createdById: file.actor.apiKeyId ? null : file.actor.userId,
      note: (label, fileName) => `${label} arrived by ${channel} (${fileName})`,
    });
    const log = await inboundRepo.insertLog(tx, { ...base, outcome: 'REVISION', revisionId: id });
    const label = formatRevisionLabel(row);
    const notifications = await this.notifyNewRevision(tx, {
      organizationId: file.organizationId,
      actorUserId: file.actor.userId,
      stageId: stage.id,
      revisionId: id,
      deliverableId: d.id,
      title: `${label} arrived on ${d.name} · ${stage.name}`,
      message: `${stored.fileName} arrived by ${channel} (from ${file.actor.name}) and awaits review`,
    });
    return {
      result: { outcome: 'revision', inboundLogId: log.id, revisionId: id, label, ...names },
      notifications,
    };
  }

  /** NEW_FILE_AWAITING_REVIEWER to the stage's assignees and the org's reviewers (not the sender). */
  async notifyNewRevision(
    tx: DbOrTx,
    input: {
      organizationId: string;
      actorUserId: string | null;
      stageId: string;
      revisionId: string;
      deliverableId: string;
      title: string;
      message: string;
    },
  ): Promise<NotificationRow[]> {
    const assignees = (await deliverableRepo.assignments(tx, [input.stageId])).map((a) => a.userId);
    const reviewers = await inboundRepo.usersWithPermission(
      tx,
      input.organizationId,
      'REVISION_REVIEW',
    );
    return this.notifications.create(tx, {
      organizationId: input.organizationId,
      userIds: [...assignees, ...reviewers].filter((u) => u !== input.actorUserId),
      type: 'NEW_FILE_AWAITING_REVIEWER',
      title: input.title,
      message: input.message,
      link: `/deliverables/${input.deliverableId}`,
      entityType: 'REVISION',
      entityId: input.revisionId,
    });
  }

  // ── the log of what did not become a revision or a held file ─────────

  private async recordUnmatched(
    file: InboundFile,
    name: string,
    resolution: Extract<Resolution, { matched: false }>,
  ): Promise<InboundOutcomeDetail> {
    const channel = CHANNEL_LABEL[file.channel];
    const { log, notifications } = await this.db.transaction(async (tx) => {
      const log = await inboundRepo.insertLog(tx, {
        organizationId: file.organizationId,
        channel: file.channel,
        fileName: name,
        boxFileId: file.boxFileId ?? null,
        boxStatus: file.channel === 'BOX' ? 'UNMATCHED' : null,
        outcome: 'UNMATCHED',
        matchedProjectId: resolution.project?.id ?? null,
        reason: resolution.reason,
      });
      const managers = await inboundRepo.usersWithPermission(
        tx,
        file.organizationId,
        'INBOUND_MANAGE',
      );
      const notifications = await this.notifications.create(tx, {
        organizationId: file.organizationId,
        userIds: managers.filter((u) => u !== file.actor.userId),
        type: 'BOX_UNMATCHED_FILE',
        title: `Unmatched file from ${channel}: ${name}`,
        message: resolution.reason,
        link: `/inbound?outcome=UNMATCHED`,
        entityType: 'INBOUND_LOG',
        entityId: log.id,
      });
      return { log, notifications };
    });
    await this.notifications.publish(notifications);
    return {
      outcome: 'unmatched',
      inboundLogId: log.id,
      reason: resolution.reason,
      ...(resolution.project
        ? { projectId: resolution.project.id, projectName: resolution.project.name }
        : {}),
    };
  }

  private async recordError(file: InboundFile, name: string, resolution: Resolution, err: unknown) {
    const message =
      err instanceof AppError && err.status < 500
        ? err.message
        : 'Internal error while storing the file';
    try {
      await inboundRepo.insertLog(this.db, {
        organizationId: file.organizationId,
        channel: file.channel,
        fileName: name,
        boxFileId: file.boxFileId ?? null,
        boxStatus: file.channel === 'BOX' ? 'ERROR' : null,
        outcome: 'ERROR',
        matchedProjectId: resolution.matched ? resolution.project.id : null,
        matchedDeliverableId: resolution.matched ? resolution.deliverable.id : null,
        error: message,
      });
    } catch (logErr) {
      this.log.warn({ err: logErr }, 'could not write the inbound log');
    }
  }
}

/**
 * The resolver's caller inside the file's org. The channel checked the sender's rights; what
 * the resolver writes (history, revision) is attributed to the sender's user or API key — or to
 * nobody, for a Box connection (`userId` null: history rows then carry no actor).
 */
export function inboundCaller(file: InboundFile): Caller {
  return {
    userId: file.actor.userId as string,
    name: file.actor.name,
    email: '',
    orgId: file.organizationId,
    role: 'PRODUCER',
    permissions: new Set(PERMISSIONS),
    isExternal: false,
    clientTeamIds: [],
    sessionId: null,
    mustChangePassword: false,
    apiKeyId: file.actor.apiKeyId,
  };
}
