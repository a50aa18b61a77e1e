import type { Readable } from 'node:stream';
import {
  formatRevisionLabel,
  nextUploadVersion,
  planSendToClient,
} from '../../../domain/version-chain';
import { sql } from 'drizzle-orm';
import { requirePermission, type Caller } from '../../caller';
import type { Config } from '../../config';
import type { Db, DbOrTx } from '../../db/client';
import { newId } from '../../db/ids';
import { isUniqueViolation } from '../../db/unique-violation';
import type { RenditionName, RevisionAsset } from '../../db/schema';
import { AppError, badRequest, conflict, notFound } from '../../errors';
import type { Page } from '../../http/pagination';
import type { JobQueue } from '../../jobs/queue';
import { ImageTooLargeError, readImageInfo } from '../../media/image-pipeline';
import { BlobTooLargeError, type BlobStore } from '../../storage/blob-store';
import type { UploadPart } from '../../http/multipart';
import { contentDisposition } from '../attachments/attachment.service';
import { deliverableRepo } from '../deliverables/deliverable.repository';
import type { DeliverableService } from '../deliverables/deliverable.service';
import type { FeedbackService } from '../feedback/feedback.service';
import type { NotificationService } from '../notifications/notification.service';
import { ACCEPTED_LIST, sniffStream } from './media-types';
import { presentRevision, type RevisionOut, type RevisionRow } from './revision.presenter';
import { encodeChainCursor, revisionRepo } from './revision.repository';

export const revisionFolder = (revisionId: string) => `revisions/${revisionId}`;

const tooLarge = (kind: string, maxBytes: number) =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `The ${kind} is larger than the limit of ${formatBytes(maxBytes)}`,
  );

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${n} bytes`;
}

/** A file in the blob store, sniffed and checked, waiting to become a revision's asset. */
export interface StoredOriginal {
  /** The name it came with, for people (never a storage path). */
  fileName: string;
  asset: RevisionAsset;
}

export interface MediaLimits {
  maxImageBytes: number;
  maxVideoBytes: number;
  maxImagePixels: number;
}

export const mediaLimits = (config: Config): MediaLimits => ({
  maxImageBytes: config.MEDIA_MAX_IMAGE_BYTES,
  maxVideoBytes: config.MEDIA_MAX_VIDEO_BYTES,
  maxImagePixels: config.MEDIA_MAX_IMAGE_PIXELS,
});

/** How long a rendition may be cached by the browser: its URL changes when it is remade. */
const RENDITION_MAX_AGE = 86_400;

/**
 * The per-stage version chain (PRODUCT.md "Revisions and the version chain"): uploads, the
 * chain, send-to-client, processing retries and the files themselves.
 *
 * Files of a revision live under `revisions/<revisionId>/` in the blob store. The original is
 * written before the row; if the row cannot be written the folder goes, and a crash in between
 * leaves a folder with no row, which the media sweep removes. The processing job is enqueued in
 * the same transaction as the row.
 */
export class RevisionService {
  log: { warn(obj: object, msg: string): void } = { warn: () => {} };

  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly queue: Pick<JobQueue, 'sendInTransaction'> | null,
    private readonly deliverables: DeliverableService,
    private readonly notifications: NotificationService,
    private readonly feedback: FeedbackService,
    readonly limits: MediaLimits,
  ) {}

  /** The largest upload of any kind, for the multipart parser's own limit. */
  get maxUploadBytes() {
    return Math.max(this.limits.maxImageBytes, this.limits.maxVideoBytes);
  }

  private async stage(caller: Caller, stageId: string) {
    const stage = await revisionRepo.visibleStage(this.db, caller, stageId);
    if (!stage) throw notFound('Stage');
    return stage;
  }

  async list(
    caller: Caller,
    stageId: string,
    q: { limit: number; cursor?: string },
  ): Promise<Page<RevisionOut>> {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    const stage = await this.stage(caller, stageId);
    const rows = await revisionRepo.chain(this.db, caller, stageId, q.limit, q.cursor);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => presentRevision(r.revision, stage.deliverableId, r.createdByName)),
      nextCursor: rows.length > q.limit && last ? encodeChainCursor(last.revision) : null,
    };
  }

  async get(caller: Caller, id: string): Promise<RevisionOut> {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    const row = await revisionRepo.visible(this.db, caller, id);
    if (!row) throw notFound('Revision');
    return presentRevision(row.revision, row.deliverableId, row.createdByName);
  }

  /**
   * Streams the one file of the form to the blob store (its type sniffed from the first bytes,
   * its size limit chosen by kind), then adds the next minor of the stage's chain.
   */
  async upload(
    caller: Caller,
    stageId: string,
    openForm: () => AsyncIterable<UploadPart>,
  ): Promise<RevisionOut> {
    requirePermission(caller, 'REVISION_CREATE');
    await this.stage(caller, stageId);
    const revisionId = newId();
    const folder = revisionFolder(revisionId);
    let file: StoredOriginal | null = null;
    try {
      for await (const part of openForm()) {
        if (part.type === 'field') {
          throw badRequest('Only one field is accepted: the file, in "file"', [
            { path: part.name, message: 'unexpected field' },
          ]);
        }
        if (part.name !== 'file' || file) {
          part.stream.resume();
          throw badRequest('Send exactly one file, in the field "file"', [
            { path: part.name, message: 'unexpected file' },
          ]);
        }
        file = await this.storeOriginal({
          stream: part.stream,
          fileName: part.filename,
          folder,
          isTruncated: part.truncated,
        });
      }
      if (!file)
        throw badRequest('Send the file in the multipart field "file"', [
          { path: 'file', message: 'is required' },
        ]);
      const stored = file;
      const created = await this.db.transaction(async (tx) => {
        const stage = await revisionRepo.visibleStage(tx, caller, stageId);
        if (!stage || !(await deliverableRepo.find(tx, caller, stage.deliverableId, true)))
          throw notFound('Stage');
        const row = await this.addToChain(tx, caller, {
          revisionId,
          stageId,
          deliverableId: stage.deliverableId,
          stored,
          createdById: caller.apiKeyId ? null : caller.userId,
          note: (label, fileName) => `${label} uploaded (${fileName})`,
        });
        return { row, deliverableId: stage.deliverableId };
      });
      await this.notifyUploaded(caller, stageId, created.row.id, created.deliverableId);
      return presentRevision(created.row, created.deliverableId, caller.name);
    } catch (err) {
      await this.discard(folder);
      throw err;
    }
  }

  /**
   * The first half of every way a file becomes a revision (a stage's drop zone, the inbound
   * channels): streams it to the blob store under `folder`, its type sniffed from the first
   * bytes (never the name), refused beyond the limit of its kind, images checked against the
   * pixel limit. On failure the stream has been drained and nothing it wrote is left behind.
   */
  async storeOriginal(input: {
    stream: Readable;
    fileName: string;
    folder: string;
    /** Multipart parsers cut a file at their own limit: this says whether they did. */
    isTruncated?: () => boolean;
  }): Promise<StoredOriginal> {
    const sniffed = await sniffStream(input.stream);
    if (!sniffed.type) {
      input.stream.resume();
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        `“${input.fileName}” is not an image or video we can take. Accepted: ${ACCEPTED_LIST}.`,
      );
    }
    const { kind, mime } = sniffed.type;
    const max = kind === 'video' ? this.limits.maxVideoBytes : this.limits.maxImageBytes;
    let blob;
    try {
      blob = await this.blobs.put(sniffed.stream, { prefix: input.folder, maxBytes: max });
    } catch (err) {
      if (err instanceof BlobTooLargeError) {
        input.stream.resume();
        throw tooLarge(kind, max);
      }
      throw err;
    }
    try {
      if (input.isTruncated?.()) throw tooLarge(kind, max);
      const file = { ...blob, mime, kind };
      return {
        fileName: input.fileName.slice(0, 300),
        asset: await this.initialAsset(file),
      };
    } catch (err) {
      await this.discard(blob.key);
      throw err;
    }
  }

  /**
   * The second half, inside the caller's transaction (which holds the deliverable's row lock):
   * the next minor of the stage's chain as a SUBMITTED revision holding `stored`, its history,
   * the stage's work starting or resuming, open feedback carried over, and its processing job
   * queued in the same transaction. The caller notifies after the commit.
   */
  async addToChain(
    tx: DbOrTx,
    caller: Caller,
    input: {
      revisionId: string;
      stageId: string;
      deliverableId: string;
      stored: StoredOriginal;
      createdById: string | null;
      /** The history line, e.g. "V0.2 uploaded (hero.png)". */
      note: (label: string, fileName: string) => string;
    },
  ): Promise<RevisionRow> {
    await revisionRepo.lockStage(tx, input.stageId);
    const { major, minor } = nextUploadVersion(await revisionRepo.coordinates(tx, input.stageId));
    let row: RevisionRow;
    try {
      row = await revisionRepo.insert(tx, {
        id: input.revisionId,
        organizationId: caller.orgId,
        deliverableStageId: input.stageId,
        major,
        minor,
        status: 'SUBMITTED',
        asset: input.stored.asset,
        fileName: input.stored.fileName,
        createdById: input.createdById,
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw conflict('Another upload took this version number; try again');
      throw err;
    }
    await this.deliverables.recordRevision(
      tx,
      caller,
      row.id,
      null,
      'SUBMITTED',
      input.note(formatRevisionLabel(row), row.fileName ?? ''),
    );
    await this.deliverables.revisionArrived(tx, caller, input.deliverableId, input.stageId);
    await this.feedback.carryOver(tx, caller, input.stageId, row.id);
    if (row.asset!.processing.state === 'pending')
      await this.queue?.sendInTransaction(tx, 'media.process', { revisionId: row.id });
    return row;
  }

  /** The asset as stored at upload: images are checked against the pixel limit right away. */
  private async initialAsset(file: {
    key: string;
    size: number;
    mime: string;
    kind: 'image' | 'video';
  }): Promise<RevisionAsset> {
    const asset: RevisionAsset = {
      kind: file.kind,
      key: file.key,
      mimeType: file.mime,
      size: file.size,
      renditions: {},
      processing: { state: 'pending', progress: 0 },
    };
    if (file.kind !== 'image') return asset;
    const local = this.blobs.localPath(file.key);
    if (!local) return asset;
    try {
      const info = await readImageInfo(local, this.limits.maxImagePixels);
      return { ...asset, width: info.width, height: info.height };
    } catch (err) {
      if (err instanceof ImageTooLargeError) throw new AppError('PAYLOAD_TOO_LARGE', err.message);
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        `The file looks like ${file.mime} but cannot be read as an image. Accepted: ${ACCEPTED_LIST}.`,
      );
    }
  }

  private async notifyUploaded(
    caller: Caller,
    stageId: string,
    revisionId: string,
    deliverableId: string,
  ) {
    const assignees = (await deliverableRepo.assignments(this.db, [stageId]))
      .map((a) => a.userId)
      .filter((id) => id !== caller.userId);
    if (assignees.length === 0) return;
    const row = await revisionRepo.visible(this.db, caller, revisionId);
    if (!row) return;
    await this.notifications.notify(this.db, {
      organizationId: caller.orgId,
      userIds: assignees,
      type: 'REVISION_SUBMITTED',
      title: `${formatRevisionLabel(row.revision)} uploaded`,
      message: `${caller.name} uploaded ${row.revision.fileName ?? 'a new version'}`,
      link: `/deliverables/${deliverableId}`,
      entityType: 'REVISION',
      entityId: revisionId,
    });
  }

  /** Removes a stored file or folder, best effort (the sweeps catch what this misses). */
  async discard(key: string) {
    try {
      await this.blobs.delete(key);
    } catch (err) {
      this.log.warn({ err, key }, 'could not remove an uploaded file; the sweep will');
    }
  }

  /**
   * Promotes the latest internal revision in place to the next major (V1, V2 …), marks it
   * awaiting the client, and enqueues its delivery in the same transaction.
   */
  async sendToClient(caller: Caller, stageId: string, revisionId: string): Promise<RevisionOut> {
    requirePermission(caller, 'REVISION_SEND');
    if (caller.isExternal) throw notFound('Revision');
    await this.stage(caller, stageId);
    await this.db.transaction(async (tx) => {
      const stage = await revisionRepo.visibleStage(tx, caller, stageId);
      if (!stage || !(await deliverableRepo.find(tx, caller, stage.deliverableId, true)))
        throw notFound('Stage');
      await revisionRepo.lockStage(tx, stageId);
      const chain = await revisionRepo.coordinates(tx, stageId);
      const plan = planSendToClient(chain, revisionId);
      if (!plan.ok) {
        if (!chain.some((r) => r.id === revisionId)) throw notFound('Revision');
        throw conflict(plan.reason);
      }
      const before = chain.find((r) => r.id === revisionId)!;
      const row = await revisionRepo.update(tx, revisionId, {
        major: plan.major,
        minor: plan.minor,
        sentToClient: true,
        sentAt: new Date(),
        status: 'IN_REVIEW',
      });
      await this.deliverables.recordRevision(
        tx,
        caller,
        revisionId,
        before.status,
        'IN_REVIEW',
        `${formatRevisionLabel(before)} sent to the client as ${formatRevisionLabel(row!)}`,
      );
      await this.deliverables.refreshStatus(tx, caller, stage.deliverableId);
      await this.queue?.sendInTransaction(tx, 'delivery.push', { revisionId });
    });
    const sent = await this.get(caller, revisionId);
    await this.notifyClients(caller, stageId, sent);
    return sent;
  }

  /** The client team of the project hears that a version waits for their decision. */
  private async notifyClients(caller: Caller, stageId: string, sent: RevisionOut) {
    const { rows: list } = await this.db.execute<{ id: string; deliverable: string }>(sql`
      select u.id, d.name as deliverable
      from deliverable_stages s
      join deliverables d on d.id = s.deliverable_id
      join projects p on p.id = d.project_id
      join client_team_memberships m on m.client_team_id = p.client_team_id
      join users u on u.id = m.user_id
      where s.id = ${stageId} and s.organization_id = ${caller.orgId}
        and u.organization_id = ${caller.orgId} and u.is_external and u.disabled_at is null`);
    if (list.length === 0) return;
    const label = formatRevisionLabel(sent);
    await this.notifications.notify(this.db, {
      organizationId: caller.orgId,
      userIds: list.map((r) => r.id),
      type: 'REVISION_SUBMITTED',
      title: `${label} of ${list[0]!.deliverable} is ready for your review`,
      message: `${caller.name} sent ${label} for your decision`,
      link: `/review?deliverable=${sent.deliverableId}`,
      entityType: 'REVISION',
      entityId: sent.id,
    });
  }

  /** Runs processing again (after a failure, or once ffmpeg is installed). */
  async reprocess(caller: Caller, id: string): Promise<RevisionOut> {
    requirePermission(caller, 'REVISION_UPDATE');
    if (caller.isExternal) throw notFound('Revision');
    await this.db.transaction(async (tx) => {
      const row = await revisionRepo.visible(tx, caller, id, true);
      if (!row) throw notFound('Revision');
      const asset = row.revision.asset!;
      if (asset.processing.state === 'running' || asset.processing.state === 'pending')
        throw conflict('This revision is already being processed');
      await revisionRepo.update(tx, id, {
        asset: { ...asset, processing: { state: 'pending', progress: 0 } },
      });
      await this.queue?.sendInTransaction(tx, 'media.process', { revisionId: id });
    });
    return this.get(caller, id);
  }

  async deliveries(caller: Caller, id: string, limit: number) {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    if (caller.isExternal) throw notFound('Revision');
    const row = await revisionRepo.visible(this.db, caller, id);
    if (!row) throw notFound('Revision');
    const logs = await revisionRepo.deliveries(this.db, caller.orgId, id, limit);
    return {
      items: logs.map((l) => ({
        id: l.id,
        status: l.status,
        attempt: l.attempt,
        error: l.error,
        boxFolderId: l.boxFolderId,
        sentAt: l.sentAt.toISOString(),
      })),
      nextCursor: null,
    };
  }

  /** The original file, as a download. */
  async original(caller: Caller, id: string) {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    const row = await revisionRepo.visible(this.db, caller, id);
    if (!row) throw notFound('Revision');
    const asset = row.revision.asset!;
    const stream = await this.open(asset.key, id);
    return {
      stream,
      size: asset.size,
      mimeType: asset.mimeType,
      contentDisposition: contentDisposition(row.revision.fileName ?? `${id}`),
    };
  }

  /** A derived image (preview, thumbnail, poster), served inline. */
  async rendition(caller: Caller, id: string, name: Exclude<RenditionName, 'hls'>) {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    const row = await revisionRepo.visible(this.db, caller, id);
    const r = row?.revision.asset?.renditions?.[name];
    if (!r) throw notFound('File');
    return { stream: await this.open(r.key, id), mimeType: r.mimeType, maxAge: RENDITION_MAX_AGE };
  }

  /** A playlist or segment of the HLS rendition; `version` must be the current one. */
  async hlsFile(caller: Caller, id: string, version: string, relativePath: string) {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    const row = await revisionRepo.visible(this.db, caller, id);
    const hls = row?.revision.asset?.renditions?.hls;
    if (!hls || hls.key.slice(-8) !== version) throw notFound('File');
    let stream: Readable;
    try {
      stream = await this.blobs.openWithin(hls.key, relativePath);
    } catch {
      throw notFound('File');
    }
    const mimeType = relativePath.endsWith('.m3u8')
      ? 'application/vnd.apple.mpegurl'
      : relativePath.endsWith('.ts')
        ? 'video/mp2t'
        : 'application/octet-stream';
    return { stream, mimeType, maxAge: RENDITION_MAX_AGE };
  }

  private async open(key: string, revisionId: string): Promise<Readable> {
    try {
      return await this.blobs.open(key);
    } catch (err) {
      this.log.warn({ err, revisionId }, 'revision file is missing');
      throw notFound('File');
    }
  }
}
