/**
 * The brief triage lifecycle (PRODUCT.md "Files in and out"): PENDING → REVIEWING → ACCEPTED /
 * REJECTED, and an accepted brief is converted into a project (CONVERTED). Pure rules, shared
 * by the server (which enforces them) and the web app (which offers only legal actions).
 */
export const BRIEF_STATUSES = [
  'PENDING',
  'REVIEWING',
  'ACCEPTED',
  'REJECTED',
  'CONVERTED',
  'ARCHIVED',
] as const;
export type BriefStatus = (typeof BRIEF_STATUSES)[number];

export const BRIEF_STATUS_LABEL: Record<BriefStatus, string> = {
  PENDING: 'Pending',
  REVIEWING: 'Reviewing',
  ACCEPTED: 'Accepted',
  REJECTED: 'Rejected',
  CONVERTED: 'Converted',
  ARCHIVED: 'Archived',
};

/**
 * Moves a person may make with a status change. CONVERTED is reached only by converting the
 * brief into a project (which creates the project in the same transaction), never set by hand;
 * a converted brief is final because a project now carries the work.
 */
const MANUAL_MOVES: Record<BriefStatus, readonly BriefStatus[]> = {
  PENDING: ['REVIEWING', 'ARCHIVED'],
  REVIEWING: ['ACCEPTED', 'REJECTED', 'PENDING'],
  ACCEPTED: ['REVIEWING', 'ARCHIVED'],
  REJECTED: ['REVIEWING', 'ARCHIVED'],
  CONVERTED: [],
  ARCHIVED: ['PENDING'],
};

export type BriefMoveCheck = { ok: true } | { ok: false; reason: string };

export function isBriefStatus(value: string): value is BriefStatus {
  return (BRIEF_STATUSES as readonly string[]).includes(value);
}

/** The statuses a person can move a brief to from `from` (for the triage buttons). */
export function nextBriefStatuses(from: BriefStatus): readonly BriefStatus[] {
  return MANUAL_MOVES[from];
}

/** Whether a person may move a brief from `from` to `to`, with the reason when not. */
export function checkBriefMove(from: BriefStatus, to: BriefStatus): BriefMoveCheck {
  if (from === to) return { ok: false, reason: `The brief is already ${BRIEF_STATUS_LABEL[to]}` };
  if (to === 'CONVERTED')
    return { ok: false, reason: 'Convert the brief into a project to mark it converted' };
  if (from === 'CONVERTED')
    return { ok: false, reason: 'A converted brief is final: its project carries the work' };
  if (MANUAL_MOVES[from].includes(to)) return { ok: true };
  const allowed = MANUAL_MOVES[from].map((s) => BRIEF_STATUS_LABEL[s]).join(', ');
  return {
    ok: false,
    reason: `A ${BRIEF_STATUS_LABEL[from].toLowerCase()} brief can move to ${allowed}, not ${BRIEF_STATUS_LABEL[to]}`,
  };
}

/** Only an accepted brief becomes a project: triage decides first. */
export function checkBriefConversion(from: BriefStatus): BriefMoveCheck {
  if (from === 'ACCEPTED') return { ok: true };
  if (from === 'CONVERTED')
    return { ok: false, reason: 'This brief has already been converted into a project' };
  return {
    ok: false,
    reason: `Only an accepted brief can be converted into a project (this one is ${BRIEF_STATUS_LABEL[from]})`,
  };
}
