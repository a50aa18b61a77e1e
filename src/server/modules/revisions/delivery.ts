import path from 'node:path';
import { and, asc, desc, eq } from 'drizzle-orm';
import { slugify } from '../../../domain/slug';
import type { Db } from '../../db/client';
import {
  boxConnections,
  boxPushLogs,
  deliverableStages,
  deliverables,
  pipelineStageDefinitions,
  projects,
  revisions,
} from '../../db/schema';
import { JOB_POLICIES } from '../../jobs/job-types';
import type { BlobStore } from '../../storage/blob-store';
import {
  createBoxClient,
  describeBoxError,
  ensureFolder,
  uploadOrVersion,
  type BoxConnectionRow,
  type UploadOptions,
} from '../box/box-client';
import { openConnection } from '../box/box.repository';
import { deliverableSlug } from '../deliverables/deliverable.service';

export const NO_CONNECTOR = 'No delivery connector configured';

/** A PENDING attempt older than the job's expiry was interrupted (its worker died). */
const STALE_PENDING_MS = JOB_POLICIES['delivery.push'].expireInSeconds * 1000;

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/tiff': 'tif',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
};

/** `{omg}_{slug}_V{major}`: the folder a sent version goes into. */
export function deliveryFolderName(omg: string, slug: string, major: number): string {
  return `${omg}_${slug}_V${major}`;
}

/** `{omg}_{slug}_{stage-slug}_V{major}.{ext}`: two stages' V1 never share a name. */
export function deliveryFileName(
  omg: string,
  slug: string,
  stageSlug: string,
  major: number,
  ext: string,
): string {
  return `${omg}_${slug}_${stageSlug}_V${major}${ext ? `.${ext}` : ''}`;
}

function extensionOf(fileName: string | null, mimeType: string): string {
  const fromName = fileName ? path.extname(fileName).slice(1).toLowerCase() : '';
  if (/^[a-z0-9]{1,8}$/.test(fromName)) return fromName === 'jpeg' ? 'jpg' : fromName;
  return EXTENSIONS[mimeType] ?? 'bin';
}

export interface DeliveryOptions {
  blobs: BlobStore;
  /** Files above this size are pushed through a Box upload session (default 20 MiB). */
  chunkedThreshold?: UploadOptions['chunkedThreshold'];
  /** The wait before committing an upload session again after Box's 202 (default 5 s). */
  commitRetryDelayMs?: UploadOptions['commitRetryDelayMs'];
}

export type DeliveryOutcome =
  | { state: 'skipped'; reason: string }
  | { state: 'no-connector' }
  | { state: 'delivered'; logId: string; folderId: string; fileId: string }
  | { state: 'failed'; logId: string; error: string; isRetryable: boolean };

/** The org's connection for outbound pushes: the oldest enabled one. */
export async function deliveryConnection(
  db: Db,
  organizationId: string,
): Promise<BoxConnectionRow | null> {
  const [conn] = await db
    .select()
    .from(boxConnections)
    .where(
      and(eq(boxConnections.organizationId, organizationId), eq(boxConnections.isEnabled, true)),
    )
    .orderBy(asc(boxConnections.createdAt), asc(boxConnections.id))
    .limit(1);
  return openConnection(conn);
}

/** The newest attempt of a revision's delivery, if any. */
export async function latestDelivery(db: Db, revisionId: string) {
  const [row] = await db
    .select()
    .from(boxPushLogs)
    .where(eq(boxPushLogs.revisionId, revisionId))
    .orderBy(desc(boxPushLogs.attempt), desc(boxPushLogs.sentAt))
    .limit(1);
  return row ?? null;
}

export function isDeliveryInProgress(
  row: { status: string; sentAt: Date } | null,
  now = Date.now(),
): boolean {
  return row?.status === 'PENDING' && now - row.sentAt.getTime() < STALE_PENDING_MS;
}

/**
 * The outbound delivery of a version sent to the client (the `delivery.push` job).
 *
 * With a Box connection: the folder `{omg}_{slug}_V{major}` is created (or reused) under the
 * project's Box folder, else the connection's root folder, and the original file is uploaded
 * into it as `{omg}_{slug}_{stage-slug}_V{major}.{ext}` (a name already there gets a new
 * version). Files above 20 MiB (`BOX_CHUNKED_UPLOAD_THRESHOLD`) go up in parts through an upload
 * session, streamed from the blob store. Every attempt is a push-log row: PENDING, then SUCCESS or FAILED with the reason.
 * Without a connection the attempt is logged as failed, so producers see that nothing left.
 *
 * Safe to run twice: a delivered revision is not pushed again, and an attempt in progress
 * (PENDING, younger than the job's expiry) is left to its worker.
 */
export async function deliverRevision(
  db: Db,
  revisionId: string,
  opts: DeliveryOptions,
): Promise<DeliveryOutcome> {
  const [row] = await db
    .select({
      organizationId: revisions.organizationId,
      sentToClient: revisions.sentToClient,
      major: revisions.major,
      asset: revisions.asset,
      fileName: revisions.fileName,
      deliverableId: deliverables.id,
      deliverableName: deliverables.name,
      boxAliasSlug: deliverables.boxAliasSlug,
      projectCode: projects.projectCode,
      omgJobNumber: projects.omgJobNumber,
      projectFolderId: projects.boxFolderId,
      stageSlug: pipelineStageDefinitions.slug,
      stageName: pipelineStageDefinitions.name,
    })
    .from(revisions)
    .innerJoin(deliverableStages, eq(deliverableStages.id, revisions.deliverableStageId))
    .innerJoin(deliverables, eq(deliverables.id, deliverableStages.deliverableId))
    .innerJoin(projects, eq(projects.id, deliverables.projectId))
    .leftJoin(
      pipelineStageDefinitions,
      eq(pipelineStageDefinitions.id, deliverableStages.stageDefinitionId),
    )
    .where(eq(revisions.id, revisionId));
  if (!row?.sentToClient) return { state: 'skipped', reason: 'not sent to the client' };
  if (!row.asset) return { state: 'skipped', reason: 'no file' };

  const connection = await deliveryConnection(db, row.organizationId);
  const claim = await db.transaction(async (tx) => {
    // One decision at a time per revision: two runs never both start an attempt.
    await tx
      .select({ id: revisions.id })
      .from(revisions)
      .where(eq(revisions.id, revisionId))
      .for('update');
    const [latest] = await tx
      .select()
      .from(boxPushLogs)
      .where(eq(boxPushLogs.revisionId, revisionId))
      .orderBy(desc(boxPushLogs.attempt), desc(boxPushLogs.sentAt))
      .limit(1);
    if (latest?.status === 'SUCCESS') return { skip: 'already delivered' } as const;
    if (latest && isDeliveryInProgress(latest))
      return { skip: 'an attempt is in progress' } as const;
    if (latest?.status === 'PENDING') {
      await tx
        .update(boxPushLogs)
        .set({ status: 'FAILED', error: 'Interrupted (the worker stopped); tried again' })
        .where(eq(boxPushLogs.id, latest.id));
    }
    const attempt = (latest?.attempt ?? 0) + 1;
    const [log] = await tx
      .insert(boxPushLogs)
      .values({
        organizationId: row.organizationId,
        deliverableId: row.deliverableId,
        revisionId,
        status: connection ? 'PENDING' : 'FAILED',
        attempt,
        error: connection ? null : NO_CONNECTOR,
      })
      .returning({ id: boxPushLogs.id });
    return { logId: log!.id } as const;
  });
  if ('skip' in claim) return { state: 'skipped', reason: claim.skip! };
  if (!connection) return { state: 'no-connector' };

  const omg = row.omgJobNumber || row.projectCode;
  const slug = deliverableSlug({ name: row.deliverableName, boxAliasSlug: row.boxAliasSlug });
  const stageSlug = row.stageSlug || slugify(row.stageName ?? 'stage') || 'stage';
  const folderName = deliveryFolderName(omg, slug, row.major);
  const fileName = deliveryFileName(
    omg,
    slug,
    stageSlug,
    row.major,
    extensionOf(row.fileName, row.asset.mimeType),
  );
  const parentId = row.projectFolderId || connection.rootFolderId;
  const asset = row.asset;
  let folderId: string | null = null;
  try {
    const client = createBoxClient(connection);
    folderId = await ensureFolder(client, parentId, folderName);
    const size = (await opts.blobs.size(asset.key)) ?? asset.size;
    const { fileId } = await uploadOrVersion(
      client,
      folderId,
      fileName,
      () => opts.blobs.open(asset.key),
      {
        size,
        chunkedThreshold: opts.chunkedThreshold,
        commitRetryDelayMs: opts.commitRetryDelayMs,
      },
    );
    await db
      .update(boxPushLogs)
      .set({ status: 'SUCCESS', boxFolderId: folderId, boxFileId: fileId, fileName, error: null })
      .where(eq(boxPushLogs.id, claim.logId));
    await db.update(revisions).set({ boxFolderId: folderId }).where(eq(revisions.id, revisionId));
    return { state: 'delivered', logId: claim.logId, folderId, fileId };
  } catch (err) {
    const failure = describeBoxError(err);
    await db
      .update(boxPushLogs)
      .set({ status: 'FAILED', boxFolderId: folderId, fileName, error: failure.message })
      .where(eq(boxPushLogs.id, claim.logId));
    return {
      state: 'failed',
      logId: claim.logId,
      error: failure.message,
      isRetryable: failure.isRetryable,
    };
  }
}
