import type { Readable } from 'node:stream';
import { formatRevisionLabel } from '../../../domain/version-chain';
import { requirePermission, type Caller } from '../../caller';
import type { Db } from '../../db/client';
import { badRequest, conflict, notFound } from '../../errors';
import type { Page } from '../../http/pagination';
import type { BlobStore } from '../../storage/blob-store';
import { contentDisposition } from '../attachments/attachment.service';
import { deliverableRepo } from '../deliverables/deliverable.repository';
import type { NotificationService } from '../notifications/notification.service';
import type { RevisionOut } from '../revisions/revision.presenter';
import type { RevisionService } from '../revisions/revision.service';
import { presentHeldFile, type HeldFileOut } from './inbound.presenter';
import { inboundRepo } from './inbound.repository';
import { inboundFolder, type InboundService } from './inbound.service';

/**
 * The holding pen: files that arrived while their deliverable was with the client. Staff see
 * them; INBOUND_MANAGE promotes one (the next minor on a chosen stage, the held file becoming
 * the revision's asset) or discards it. Client viewers get 404 for all of it.
 *
 * Race-safety: promote and discard take the deliverable's row lock, then the held file's. The
 * revision made from a held file keeps the file's id, so when two people promote the same file
 * at once the second waits, finds the file gone and its revision there, and gets that same
 * revision back (200 instead of 201): one revision, whoever clicked second. Discarding a file
 * that was promoted meanwhile → 409; a file discarded (or never there) → 404.
 */
export class HoldingPenService {
  log: { warn(obj: object, msg: string): void } = { warn: () => {} };

  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly revisions: RevisionService,
    private readonly notifications: NotificationService,
    private readonly inbound: InboundService,
  ) {}

  private staffOnly(caller: Caller, what = 'Deliverable') {
    if (caller.isExternal) throw notFound(what);
  }

  private async deliverable(caller: Caller, deliverableId: string) {
    const found = await deliverableRepo.find(this.db, caller, deliverableId);
    if (!found) throw notFound('Deliverable');
    return found.deliverable;
  }

  async list(caller: Caller, deliverableId: string): Promise<Page<HeldFileOut>> {
    this.staffOnly(caller);
    requirePermission(caller, 'DELIVERABLE_VIEW');
    await this.deliverable(caller, deliverableId);
    const rows = await inboundRepo.listHeld(this.db, caller, deliverableId);
    const stageNames = await inboundRepo.stageNames(
      this.db,
      rows.map((r) => r.file.suggestedStageId).filter((id): id is string => id !== null),
    );
    return { items: rows.map((r) => presentHeldFile(r.file, stageNames)), nextCursor: null };
  }

  /** The held file as received, for a preview or a download (same headers as revision originals). */
  async original(caller: Caller, deliverableId: string, fileId: string) {
    this.staffOnly(caller, 'File');
    requirePermission(caller, 'DELIVERABLE_VIEW');
    await this.deliverable(caller, deliverableId);
    const held = await inboundRepo.findHeld(this.db, caller.orgId, deliverableId, fileId);
    if (!held) throw notFound('Held file');
    let stream: Readable;
    try {
      stream = await this.blobs.open(held.asset.key);
    } catch (err) {
      this.log.warn({ err, fileId }, 'held file is missing');
      throw notFound('File');
    }
    return {
      stream,
      size: held.asset.size,
      mimeType: held.asset.mimeType,
      contentDisposition: contentDisposition(held.fileName),
    };
  }

  /**
   * The held file becomes the next minor on `stageId` (any stage of this deliverable): its blob
   * is the revision's asset, open feedback is carried over and processing is queued, all in one
   * transaction. `created` is false when someone promoted it first (the same revision).
   */
  async promote(
    caller: Caller,
    deliverableId: string,
    fileId: string,
    stageId: string,
  ): Promise<{ revision: RevisionOut; created: boolean }> {
    this.staffOnly(caller);
    requirePermission(caller, 'INBOUND_MANAGE');
    const out = await this.db.transaction(async (tx) => {
      const found = await deliverableRepo.find(tx, caller, deliverableId, true);
      if (!found) throw notFound('Deliverable');
      const d = found.deliverable;
      const held = await inboundRepo.findHeld(tx, caller.orgId, deliverableId, fileId, true);
      if (!held) {
        const earlier = await inboundRepo.revisionOfDeliverable(tx, caller.orgId, d.id, fileId);
        if (earlier) return { row: earlier, created: false, notifications: [] };
        throw notFound('Held file');
      }
      const stages = await deliverableRepo.stages(tx, [d.id]);
      const stage = stages.find((s) => s.id === stageId);
      if (!stage)
        throw badRequest(`Choose one of ${d.name}'s stages`, [
          { path: 'stageId', message: 'not a stage of this deliverable' },
        ]);
      const row = await this.revisions.addToChain(tx, caller, {
        revisionId: held.id,
        stageId: stage.id,
        deliverableId: d.id,
        stored: { fileName: held.fileName, asset: held.asset },
        createdById: caller.apiKeyId ? null : caller.userId,
        note: (label, fileName) => `${label} promoted from the holding pen (${fileName})`,
      });
      await inboundRepo.linkLogToRevision(tx, caller.orgId, held.id, row.id);
      await inboundRepo.deleteHeld(tx, caller.orgId, held.id);
      const notifications = await this.inbound.notifyNewRevision(tx, {
        organizationId: caller.orgId,
        actorUserId: caller.userId,
        stageId: stage.id,
        revisionId: row.id,
        deliverableId: d.id,
        title: `${formatRevisionLabel(row)} on ${d.name} · ${stage.name}`,
        message: `${caller.name} promoted ${held.fileName} from the holding pen; it awaits review`,
      });
      return { row, created: true, notifications };
    });
    await this.notifications.publish(out.notifications);
    return { revision: await this.revisions.get(caller, out.row.id), created: out.created };
  }

  /** Removes a held file; its blob goes after the commit. */
  async discard(caller: Caller, deliverableId: string, fileId: string): Promise<void> {
    this.staffOnly(caller);
    requirePermission(caller, 'INBOUND_MANAGE');
    await this.db.transaction(async (tx) => {
      const found = await deliverableRepo.find(tx, caller, deliverableId, true);
      if (!found) throw notFound('Deliverable');
      const held = await inboundRepo.findHeld(tx, caller.orgId, deliverableId, fileId, true);
      if (!held) {
        const earlier = await inboundRepo.revisionOfDeliverable(
          tx,
          caller.orgId,
          deliverableId,
          fileId,
        );
        if (earlier)
          throw conflict(
            `This file was already promoted to ${formatRevisionLabel(earlier)}; it is no longer in the holding pen`,
          );
        throw notFound('Held file');
      }
      await inboundRepo.deleteHeld(tx, caller.orgId, held.id);
    });
    await this.revisions.discard(inboundFolder(fileId));
  }

  /**
   * Removes inbound folders that nothing owns (a crash between storing a file and committing
   * its row): older than the grace period, with neither a held file nor a revision of that id.
   */
  async sweep(graceSeconds = 3600): Promise<{ removed: number }> {
    const cutoff = Date.now() - graceSeconds * 1000;
    const folders = (await this.blobs.children('inbound')).filter(
      (c) => c.modifiedAt.getTime() <= cutoff && /^[0-9a-z]{24}$/.test(c.name),
    );
    let removed = 0;
    for (let i = 0; i < folders.length; i += 200) {
      const batch = folders.slice(i, i + 200);
      const owned = await inboundRepo.ownersOf(
        this.db,
        batch.map((f) => f.name),
      );
      for (const f of batch) {
        if (owned.has(f.name)) continue;
        const inside = await this.blobs.children(inboundFolder(f.name));
        if (inside.some((c) => c.modifiedAt.getTime() > cutoff)) continue;
        await this.blobs.delete(inboundFolder(f.name));
        removed++;
      }
    }
    return { removed };
  }
}
