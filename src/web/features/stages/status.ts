/**
 * Labels and colours for the lifecycle's statuses (UI only; the rules live in src/domain).
 */
import type { ApprovalType, DeliverableStatus, StageStatus } from '../../../domain/stage-workflow';

export type { ApprovalType, DeliverableStatus, StageStatus };

export const STAGE_STATUS_ORDER: readonly StageStatus[] = [
  'BLOCKED',
  'NOT_STARTED',
  'IN_PROGRESS',
  'IN_REVIEW',
  'CHANGES_REQUESTED',
  'APPROVED',
  'DELIVERED',
  'SKIPPED',
];

export const STAGE_STATUS_LABEL: Record<StageStatus, string> = {
  BLOCKED: 'Blocked',
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  IN_REVIEW: 'In review',
  CHANGES_REQUESTED: 'Changes requested',
  APPROVED: 'Approved',
  DELIVERED: 'Delivered',
  SKIPPED: 'Skipped',
};

/** Mantine colour per stage status. */
export const STAGE_STATUS_COLOR: Record<StageStatus, string> = {
  BLOCKED: 'gray',
  NOT_STARTED: 'gray',
  IN_PROGRESS: 'blue',
  IN_REVIEW: 'grape',
  CHANGES_REQUESTED: 'orange',
  APPROVED: 'teal',
  DELIVERED: 'green',
  SKIPPED: 'gray',
};

/** What the button that moves a stage *to* this status says. */
export const STAGE_MOVE_LABEL: Record<StageStatus, string> = {
  BLOCKED: 'Block',
  NOT_STARTED: 'Reset',
  IN_PROGRESS: 'Start work',
  IN_REVIEW: 'Submit for review',
  CHANGES_REQUESTED: 'Request changes',
  APPROVED: 'Approve',
  DELIVERED: 'Mark delivered',
  SKIPPED: 'Skip',
};

export const DELIVERABLE_STATUSES: readonly DeliverableStatus[] = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'IN_REVIEW',
  'APPROVED',
  'ON_HOLD',
];

export const DELIVERABLE_STATUS_LABEL: Record<DeliverableStatus, string> = {
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  IN_REVIEW: 'Client review',
  APPROVED: 'Approved',
  ON_HOLD: 'On hold',
};

export const DELIVERABLE_STATUS_COLOR: Record<DeliverableStatus, string> = {
  NOT_STARTED: 'gray',
  IN_PROGRESS: 'blue',
  IN_REVIEW: 'grape',
  APPROVED: 'teal',
  ON_HOLD: 'yellow',
};

export const APPROVAL_TYPES: readonly ApprovalType[] = ['NONE', 'SIMPLE', 'FORMAL'];

export const APPROVAL_LABEL: Record<ApprovalType, string> = {
  NONE: 'No approval',
  SIMPLE: 'Simple approval',
  FORMAL: 'Formal approval',
};

export const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const PRIORITY_LABEL: Record<Priority, string> = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
  URGENT: 'Urgent',
};

export const PRIORITY_COLOR: Record<Priority, string> = {
  LOW: 'gray',
  MEDIUM: 'blue',
  HIGH: 'orange',
  URGENT: 'red',
};

export const PROJECT_STATUSES = [
  'PIPELINE',
  'ACTIVE',
  'ON_HOLD',
  'COMPLETED',
  'CANCELED',
  'ARCHIVED',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_STATUS_LABEL: Record<ProjectStatus, string> = {
  PIPELINE: 'Pipeline',
  ACTIVE: 'Active',
  ON_HOLD: 'On hold',
  COMPLETED: 'Completed',
  CANCELED: 'Canceled',
  ARCHIVED: 'Archived',
};

export const PROJECT_STATUS_COLOR: Record<ProjectStatus, string> = {
  PIPELINE: 'cyan',
  ACTIVE: 'blue',
  ON_HOLD: 'yellow',
  COMPLETED: 'teal',
  CANCELED: 'gray',
  ARCHIVED: 'gray',
};

function lookup<K extends string>(table: Record<K, string>, key: string, fallback: string) {
  return (table as Record<string, string>)[key] ?? fallback;
}

const humanize = (v: string) => v.charAt(0) + v.slice(1).toLowerCase().replace(/_/g, ' ');

export const stageStatusLabel = (s: string) => lookup(STAGE_STATUS_LABEL, s, humanize(s));
export const stageStatusColor = (s: string) => lookup(STAGE_STATUS_COLOR, s, 'gray');
export const stageMoveLabel = (s: string) => lookup(STAGE_MOVE_LABEL, s, humanize(s));
export const deliverableStatusLabel = (s: string) =>
  lookup(DELIVERABLE_STATUS_LABEL, s, humanize(s));
export const deliverableStatusColor = (s: string) => lookup(DELIVERABLE_STATUS_COLOR, s, 'gray');
export const priorityLabel = (s: string) => lookup(PRIORITY_LABEL, s, humanize(s));
export const priorityColor = (s: string) => lookup(PRIORITY_COLOR, s, 'gray');
export const projectStatusLabel = (s: string) => lookup(PROJECT_STATUS_LABEL, s, humanize(s));
export const projectStatusColor = (s: string) => lookup(PROJECT_STATUS_COLOR, s, 'gray');
export const approvalLabel = (s: string) => lookup(APPROVAL_LABEL, s, humanize(s));

export const PRIORITY_OPTIONS = PRIORITIES.map((value) => ({
  value,
  label: PRIORITY_LABEL[value],
}));
export const PROJECT_STATUS_OPTIONS = PROJECT_STATUSES.map((value) => ({
  value,
  label: PROJECT_STATUS_LABEL[value],
}));
export const DELIVERABLE_STATUS_OPTIONS = DELIVERABLE_STATUSES.map((value) => ({
  value,
  label: DELIVERABLE_STATUS_LABEL[value],
}));
export const APPROVAL_OPTIONS = APPROVAL_TYPES.map((value) => ({
  value,
  label: APPROVAL_LABEL[value],
}));

/** Stage statuses that count as finished for prerequisites. */
export const DONE_STAGE_STATUSES: readonly string[] = ['APPROVED', 'DELIVERED', 'SKIPPED'];

/** The stage a deliverable is "at" (its board column), from the shared lifecycle rules. */
export { currentStage } from '../../../domain/stage-workflow';

/** Date-only ISO (yyyy-mm-dd) for <input type="date">, from an ISO timestamp or date. */
export function toDateInput(value: string | null | undefined): string {
  if (!value) return '';
  return value.length >= 10 ? value.slice(0, 10) : '';
}

/** Whether a due date has passed (date-only comparison, local time). */
export function isOverdue(due: string | null | undefined, done = false): boolean {
  if (!due || done) return false;
  const d = new Date(due.length === 10 ? `${due}T23:59:59` : due);
  return !Number.isNaN(d.getTime()) && d.getTime() < Date.now();
}
