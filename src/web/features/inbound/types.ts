import type { InboundSource } from '../holding-pen/types';

export type InboundOutcome = 'REVISION' | 'HELD' | 'UNMATCHED' | 'ERROR';
export const INBOUND_OUTCOMES: readonly InboundOutcome[] = [
  'REVISION',
  'HELD',
  'UNMATCHED',
  'ERROR',
];
export const INBOUND_CHANNELS: readonly InboundSource[] = ['MANUAL', 'API', 'BOX'];

/** The answer of POST /api/inbound/upload (and of every channel's resolver). */
export interface InboundResult {
  outcome: 'revision' | 'held' | 'unmatched';
  inboundLogId: string;
  projectId?: string;
  deliverableId?: string;
  stageId?: string;
  revisionId?: string;
  holdingPenFileId?: string;
  reason?: string;
  projectName?: string;
  deliverableName?: string;
  stageName?: string;
  label?: string;
}

export interface InboundLogEntry {
  id: string;
  channel: InboundSource;
  fileName: string;
  outcome: InboundOutcome;
  reason: string | null;
  error: string | null;
  boxFileId: string | null;
  receivedAt: string;
  project: { id: string; name: string } | null;
  deliverable: { id: string; name: string } | null;
  revision: { id: string; label: string; stageId: string } | null;
  holdingPenFileId: string | null;
}
