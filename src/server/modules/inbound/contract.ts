import type { Readable } from 'node:stream';
import type { InboundChannel } from '../../db/schema/enums';

/**
 * The one door for files arriving from any channel (manual upload by file name, API v1, Box).
 * The channel authenticates and authorises before calling; the resolver matches the name with
 * the pipeline's filename pattern and decides: a new revision, a held file, or unmatched.
 */
export interface InboundFile {
  organizationId: string;
  channel: InboundChannel;
  fileName: string;
  /** The bytes; read once. */
  stream: Readable;
  /** Who sent it, for histories and notifications (a user, an API key, or the Box connection). */
  actor: { userId: string | null; apiKeyId: string | null; name: string };
  /** Box only: the Box file id, kept in the inbound log. */
  boxFileId?: string;
}

export type InboundOutcomeName = 'revision' | 'held' | 'unmatched';

export interface InboundResult {
  outcome: InboundOutcomeName;
  inboundLogId: string;
  projectId?: string;
  deliverableId?: string;
  stageId?: string;
  revisionId?: string;
  holdingPenFileId?: string;
  /** Why it was held or not matched, for people. */
  reason?: string;
}

export interface InboundResolver {
  ingest(file: InboundFile): Promise<InboundResult>;
}
