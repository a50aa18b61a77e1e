/**
 * Review sessions: a producer gathers stage revisions, presents them one by one, records a
 * decision per item, and on completion the decisions apply to the stages.
 *
 * DRAFT → IN_PROGRESS → COMPLETED, never back. Items (add, remove, reorder) change until the
 * session is COMPLETED; decisions are recorded only while it is IN_PROGRESS.
 */
import { planDecision, type RevisionStatus } from './approvals';
import type { ApprovalType, StageStatus } from './stage-workflow';

export const SESSION_STATUSES = ['DRAFT', 'IN_PROGRESS', 'COMPLETED'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_DECISIONS = ['APPROVED', 'CHANGES_REQUESTED'] as const;
export type SessionDecision = (typeof SESSION_DECISIONS)[number];

export type Check = { ok: true } | { ok: false; reason: string };

const ok: Check = { ok: true };
const refuse = (reason: string): Check => ({ ok: false, reason });

const LABEL: Record<SessionStatus, string> = {
  DRAFT: 'a draft',
  IN_PROGRESS: 'in progress',
  COMPLETED: 'completed',
};

/** The one step forward from each status (COMPLETED is final). */
const NEXT: Record<SessionStatus, SessionStatus | null> = {
  DRAFT: 'IN_PROGRESS',
  IN_PROGRESS: 'COMPLETED',
  COMPLETED: null,
};

export function nextStatus(status: SessionStatus): SessionStatus | null {
  return NEXT[status];
}

/** Starting a session: only a draft, and only with something to review. */
export function checkStart(status: SessionStatus, itemCount: number): Check {
  if (status !== 'DRAFT') return refuse(`The session is ${LABEL[status]}: only a draft can start`);
  if (itemCount < 1) return refuse('Add at least one revision before starting the session');
  return ok;
}

/** Completing a session: only one in progress. */
export function checkComplete(status: SessionStatus): Check {
  if (status !== 'IN_PROGRESS')
    return refuse(`The session is ${LABEL[status]}: only a session in progress can be completed`);
  return ok;
}

/** Adding, removing and reordering items: until the session is completed. */
export function checkEditItems(status: SessionStatus): Check {
  if (status === 'COMPLETED')
    return refuse('The session is completed: its items can no longer change');
  return ok;
}

/** Recording a decision on an item: only while the session is in progress. */
export function checkDecide(status: SessionStatus): Check {
  if (status !== 'IN_PROGRESS')
    return refuse(
      `The session is ${LABEL[status]}: decisions are recorded only while it is in progress`,
    );
  return ok;
}

/** Any legal transition (for callers that only need a yes/no). */
export function canTransition(from: SessionStatus, to: SessionStatus): boolean {
  return NEXT[from] === to;
}

/**
 * A new order for a session's items must name every item exactly once.
 * Returns the reason it is refused, or null.
 */
export function checkOrder(
  current: readonly string[],
  requested: readonly string[],
): string | null {
  if (new Set(requested).size !== requested.length) return 'An item appears twice in the order';
  const known = new Set(current);
  const unknown = requested.filter((id) => !known.has(id));
  if (unknown.length) return `Not an item of this session: ${unknown.join(', ')}`;
  if (requested.length !== current.length) return 'The order must list every item of the session';
  return null;
}

export interface CompletionItem {
  id: string;
  decision: SessionDecision | null;
  revisionId: string | null;
}

export type CompletionStep =
  | { id: string; apply: true; decision: SessionDecision; revisionId: string }
  | { id: string; apply: false; reason: string };

/**
 * What completing does with each item, in session order: decided items are applied to their
 * stage; undecided items, and items whose revision was deleted since, are left alone.
 */
export function planCompletion(items: readonly CompletionItem[]): CompletionStep[] {
  return items.map((item) => {
    if (!item.decision) return { id: item.id, apply: false, reason: 'No decision was recorded' };
    if (!item.revisionId)
      return { id: item.id, apply: false, reason: 'The revision was deleted since it was added' };
    return { id: item.id, apply: true, decision: item.decision, revisionId: item.revisionId };
  });
}

/**
 * Whether an item's decision would reach its stage if the session were completed now: the
 * same rules as a decision taken on the stage (see planDecision). Shown next to each item so
 * the producer can fix the stage (submit it for review, write the note a FORMAL stage needs)
 * before completing.
 */
export function previewApplication(item: {
  decision: SessionDecision | null;
  note: string | null;
  stage: { name: string; status: StageStatus; approvalType: ApprovalType };
  revision: { label: string; sentToClient: boolean; status: RevisionStatus } | null;
}): Check {
  if (!item.decision) return refuse('No decision yet: completing leaves this stage as it is');
  if (!item.revision) return refuse('The revision was deleted since it was added');
  const plan = planDecision({
    decision: item.decision,
    byClient: false,
    stage: item.stage,
    revision: item.revision,
    note: item.note,
  });
  return plan.ok ? ok : refuse(plan.reason);
}

/** A new order after moving the item at `from` to `to` (indexes clamped; a copy). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || from >= next.length) return next;
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [moved] = next.splice(from, 1);
  next.splice(target, 0, moved as T);
  return next;
}

/**
 * The 1-based position present mode shows for `?present=` (anything unreadable → the first
 * item; past the end → the last), or null when there is nothing to present.
 */
export function presentPosition(raw: string | undefined, itemCount: number): number | null {
  if (itemCount < 1) return null;
  const n = Number.parseInt(raw ?? '', 10);
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(n, itemCount);
}

/** Counts of a session's decisions, for progress and the summary. */
export function countDecisions(items: readonly { decision: SessionDecision | null }[]) {
  let approved = 0;
  let changesRequested = 0;
  for (const i of items) {
    if (i.decision === 'APPROVED') approved += 1;
    else if (i.decision === 'CHANGES_REQUESTED') changesRequested += 1;
  }
  return {
    total: items.length,
    approved,
    changesRequested,
    undecided: items.length - approved - changesRequested,
  };
}
