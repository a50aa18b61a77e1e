import { z } from 'zod';
import { formatRevisionLabel } from '../../../domain/version-chain';
import { INBOUND_OUTCOMES, INBOUND_SOURCES } from '../../db/schema';
import type { HoldingPenRow, inboundRepo } from './inbound.repository';

export const inboundResultOut = z.object({
  outcome: z.enum(['revision', 'held', 'unmatched']),
  inboundLogId: z.string(),
  projectId: z.string().optional(),
  deliverableId: z.string().optional(),
  stageId: z.string().optional(),
  revisionId: z.string().optional(),
  holdingPenFileId: z.string().optional(),
  reason: z.string().optional().describe('Why it was held or not matched, for people'),
  projectName: z.string().optional(),
  deliverableName: z.string().optional(),
  stageName: z.string().optional(),
  label: z.string().optional().describe('The new revision’s label (outcome "revision")'),
});

export const inboundLogEntryOut = z.object({
  id: z.string(),
  channel: z.enum(INBOUND_SOURCES),
  fileName: z.string(),
  outcome: z.enum(INBOUND_OUTCOMES),
  reason: z.string().nullable(),
  error: z.string().nullable(),
  boxFileId: z.string().nullable(),
  receivedAt: z.string(),
  project: z.object({ id: z.string(), name: z.string() }).nullable(),
  deliverable: z.object({ id: z.string(), name: z.string() }).nullable(),
  revision: z.object({ id: z.string(), label: z.string(), stageId: z.string() }).nullable(),
  holdingPenFileId: z.string().nullable().describe('Set while the file waits in the holding pen'),
});
export type InboundLogEntry = z.infer<typeof inboundLogEntryOut>;

type LogRow = Awaited<ReturnType<typeof inboundRepo.listLog>>[number];

export function presentLogEntry(r: LogRow): InboundLogEntry {
  const l = r.log;
  return {
    id: l.id,
    channel: l.channel,
    fileName: l.fileName,
    outcome: l.outcome,
    reason: l.reason,
    error: l.error,
    boxFileId: l.boxFileId,
    receivedAt: l.receivedAt.toISOString(),
    project:
      l.matchedProjectId && r.projectName ? { id: l.matchedProjectId, name: r.projectName } : null,
    deliverable:
      l.matchedDeliverableId && r.deliverableName
        ? { id: l.matchedDeliverableId, name: r.deliverableName }
        : null,
    revision: r.revision?.id
      ? { id: r.revision.id, label: formatRevisionLabel(r.revision), stageId: r.revision.stageId }
      : null,
    holdingPenFileId: l.holdingPenFileId,
  };
}

/** Types a browser shows inline (`<img>` / `<video>`); others wait for promotion's previews. */
const BROWSER_VIEWABLE = new Set([
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'video/mp4',
  'video/webm',
]);

export const heldFileOut = z.object({
  id: z.string(),
  deliverableId: z.string(),
  fileName: z.string(),
  source: z.enum(INBOUND_SOURCES),
  parsed: z.object({
    jobNumber: z.string().nullable(),
    slug: z.string().nullable(),
    version: z.number().int().nullable(),
  }),
  suggestedStage: z.object({ id: z.string(), name: z.string() }).nullable(),
  receivedAt: z.string(),
  asset: z.object({
    kind: z.enum(['image', 'video']),
    mimeType: z.string(),
    size: z.number().int(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    url: z.string().describe('The held file, as received (download)'),
    previewUrl: z
      .string()
      .nullable()
      .describe(
        'The same file when a browser can show it inline (PNG, JPEG, WebP, GIF, MP4, WebM)',
      ),
  }),
});
export type HeldFileOut = z.infer<typeof heldFileOut>;

export function presentHeldFile(f: HoldingPenRow, stageNames: Map<string, string>): HeldFileOut {
  const url = `/api/deliverables/${f.deliverableId}/holding-pen/${f.id}/file`;
  const stageName = f.suggestedStageId ? stageNames.get(f.suggestedStageId) : undefined;
  return {
    id: f.id,
    deliverableId: f.deliverableId,
    fileName: f.fileName,
    source: f.source,
    parsed: { jobNumber: f.parsedOmgNumber, slug: f.parsedSlug, version: f.parsedVersion },
    suggestedStage:
      f.suggestedStageId && stageName !== undefined
        ? { id: f.suggestedStageId, name: stageName }
        : null,
    receivedAt: f.receivedAt.toISOString(),
    asset: {
      kind: f.asset.kind,
      mimeType: f.asset.mimeType,
      size: f.asset.size,
      width: f.asset.width ?? null,
      height: f.asset.height ?? null,
      url,
      previewUrl: BROWSER_VIEWABLE.has(f.asset.mimeType) ? url : null,
    },
  };
}
