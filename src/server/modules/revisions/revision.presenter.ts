import { z } from 'zod';
import { formatRevisionLabel } from '../../../domain/version-chain';
import type { RenditionName, RevisionAsset, revisions } from '../../db/schema';
import { REVISION_STATUSES } from '../../db/schema';

export type RevisionRow = typeof revisions.$inferSelect;

export const assetOut = z.object({
  kind: z.enum(['image', 'video']),
  mimeType: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationSeconds: z.number().nullable(),
  fps: z.number().nullable(),
  url: z.string().describe('The original file, as uploaded (download)'),
  previewUrl: z.string().nullable().describe('Image preview for display; null until processed'),
  thumbnailUrl: z.string().nullable().describe('Small JPEG; null until processed'),
  posterUrl: z.string().nullable().describe('Video poster frame; null for images'),
  hlsUrl: z.string().nullable().describe('Video HLS master playlist; null until processed'),
  processing: z.object({
    state: z.enum(['pending', 'running', 'done', 'failed']),
    progress: z.number().int().min(0).max(100),
    error: z.string().nullable(),
  }),
});

export const revisionOut = z.object({
  id: z.string(),
  stageId: z.string(),
  deliverableId: z.string(),
  major: z.number().int(),
  minor: z.number().int(),
  label: z.string().describe('V{major} once sent to the client, else V{major}.{minor}'),
  sentToClient: z.boolean(),
  sentAt: z.string().nullable(),
  status: z.enum(REVISION_STATUSES),
  fileName: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  asset: assetOut,
});

export type RevisionOut = z.infer<typeof revisionOut>;
export type AssetOut = z.infer<typeof assetOut>;

/** Rendition URLs carry the stored key's id, so a reprocessed file gets a new URL (cacheable). */
function renditionUrl(revisionId: string, asset: RevisionAsset, name: RenditionName) {
  const r = asset.renditions?.[name];
  if (!r) return null;
  const version = r.key.slice(-8);
  return name === 'hls'
    ? `/api/revisions/${revisionId}/hls/${version}/master.m3u8`
    : `/api/revisions/${revisionId}/${name}?v=${version}`;
}

export function presentAsset(revisionId: string, a: RevisionAsset): AssetOut {
  return {
    kind: a.kind,
    mimeType: a.mimeType,
    size: a.size,
    width: a.width ?? null,
    height: a.height ?? null,
    durationSeconds: a.durationSeconds ?? null,
    fps: a.fps ?? null,
    url: `/api/revisions/${revisionId}/file`,
    previewUrl: renditionUrl(revisionId, a, 'preview'),
    thumbnailUrl: renditionUrl(revisionId, a, 'thumbnail'),
    posterUrl: renditionUrl(revisionId, a, 'poster'),
    hlsUrl: renditionUrl(revisionId, a, 'hls'),
    processing: {
      state: a.processing.state,
      progress: a.processing.progress,
      error: a.processing.error ?? null,
    },
  };
}

export function presentRevision(
  r: RevisionRow,
  deliverableId: string,
  createdByName: string | null,
): RevisionOut {
  return {
    id: r.id,
    stageId: r.deliverableStageId,
    deliverableId,
    major: r.major,
    minor: r.minor,
    label: formatRevisionLabel(r),
    sentToClient: r.sentToClient,
    sentAt: r.sentAt ? r.sentAt.toISOString() : null,
    status: r.status,
    fileName: r.fileName,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdById ? { id: r.createdById, name: createdByName ?? '' } : null,
    asset: presentAsset(r.id, r.asset!),
  };
}
