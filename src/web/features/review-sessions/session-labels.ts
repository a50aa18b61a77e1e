/** Labels and colours of review sessions (UI only; the rules live in src/domain/review-session). */
import { SESSION_STATUSES } from '../../../domain/review-session';
import { revisionLabel } from '../revisions/revision-labels';
import type { SessionDecision, SessionRevision, SessionStatus } from './types';

export const SESSION_STATUS_LABEL: Record<SessionStatus, string> = {
  DRAFT: 'Draft',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
};

export const SESSION_STATUS_COLOR: Record<SessionStatus, string> = {
  DRAFT: 'gray',
  IN_PROGRESS: 'blue',
  COMPLETED: 'teal',
};

export const SESSION_STATUS_OPTIONS = SESSION_STATUSES.map((value) => ({
  value,
  label: SESSION_STATUS_LABEL[value],
}));

export function isSessionStatus(value: unknown): value is SessionStatus {
  return typeof value === 'string' && (SESSION_STATUSES as readonly string[]).includes(value);
}

export const DECISION_LABEL: Record<SessionDecision, string> = {
  APPROVED: 'Approved',
  CHANGES_REQUESTED: 'Changes requested',
};

export const DECISION_COLOR: Record<SessionDecision, string> = {
  APPROVED: 'teal',
  CHANGES_REQUESTED: 'orange',
};

/** "V0.2" (or "Revision deleted"), always through the shared label helper. */
export function itemRevisionLabel(revision: SessionRevision | null): string {
  return revision ? revisionLabel(revision) : 'Revision deleted';
}
