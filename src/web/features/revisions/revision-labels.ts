/**
 * Labels and colours for revisions (UI only; the version rules live in src/domain).
 */
import {
  formatRevisionLabel,
  latestRevision,
  nextUploadVersion,
  planSendToClient,
} from '../../../domain/version-chain';
import type { ProcessingState, Revision, RevisionStatus } from './types';

/** Permission keys of the revision features (strings in Me.permissions). */
export const RevisionPermission = {
  CREATE: 'REVISION_CREATE',
  UPDATE: 'REVISION_UPDATE',
  SEND: 'REVISION_SEND',
  REVIEW: 'REVISION_REVIEW',
} as const;

/** Every label the web shows comes from the shared helper, never from `revision.label`. */
export function revisionLabel(r: Pick<Revision, 'major' | 'minor' | 'sentToClient'>): string {
  return formatRevisionLabel(r);
}

const STATUS_LABEL: Record<RevisionStatus, string> = {
  SUBMITTED: 'Submitted',
  IN_REVIEW: 'In review',
  CHANGES_REQUESTED: 'Changes requested',
  APPROVED: 'Approved',
};

const STATUS_COLOR: Record<RevisionStatus, string> = {
  SUBMITTED: 'gray',
  IN_REVIEW: 'grape',
  CHANGES_REQUESTED: 'orange',
  APPROVED: 'teal',
};

export function revisionStatusLabel(status: string): string {
  return (STATUS_LABEL as Record<string, string>)[status] ?? status;
}

export function revisionStatusColor(status: string): string {
  return (STATUS_COLOR as Record<string, string>)[status] ?? 'gray';
}

export function isProcessing(state: ProcessingState | undefined): boolean {
  return state === 'pending' || state === 'running';
}

/** The latest revision when it is still internal: the only one that can be sent. */
export function sendableRevision(chain: readonly Revision[]): Revision | null {
  const latest = latestRevision(chain);
  return latest && !latest.sentToClient ? latest : null;
}

/** What a revision becomes when sent (the next major), or null when it cannot be sent. */
export function sentLabelFor(chain: readonly Revision[], revisionId: string): string | null {
  const plan = planSendToClient(chain, revisionId);
  return plan.ok ? formatRevisionLabel({ ...plan, sentToClient: true }) : null;
}

/** The label the next upload on this chain gets (V0.1 on an empty stage). */
export function nextUploadLabel(chain: readonly Revision[]): string {
  return formatRevisionLabel({ ...nextUploadVersion(chain), sentToClient: false });
}
