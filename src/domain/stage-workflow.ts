/**
 * The lifecycle contract (PRODUCT.md) as pure functions: which stage moves are legal, when a
 * stage unblocks, what a rework reopens, and how a deliverable's status rolls up.
 */
export const STAGE_STATUSES = [
  'BLOCKED',
  'NOT_STARTED',
  'IN_PROGRESS',
  'IN_REVIEW',
  'CHANGES_REQUESTED',
  'APPROVED',
  'DELIVERED',
  'SKIPPED',
] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];
export type ApprovalType = 'NONE' | 'SIMPLE' | 'FORMAL';
export type DeliverableStatus =
  'NOT_STARTED' | 'IN_PROGRESS' | 'IN_REVIEW' | 'APPROVED' | 'ON_HOLD';

export interface StageState {
  key: string;
  name: string;
  order: number;
  status: StageStatus;
  approvalType: ApprovalType;
  isOptional: boolean;
  isCriticalGate: boolean;
  /** Keys of prerequisite stages of the same deliverable. */
  prerequisites: readonly string[];
}

export interface ReworkPath {
  from: string;
  to: string;
}

export type MoveCheck = { ok: true } | { ok: false; reason: string };

const DONE: readonly StageStatus[] = ['APPROVED', 'DELIVERED', 'SKIPPED'];
const NOT_YET_STARTED: readonly StageStatus[] = ['BLOCKED', 'NOT_STARTED', 'SKIPPED'];

export const STATUS_LABEL: Record<StageStatus, string> = {
  BLOCKED: 'Blocked',
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  IN_REVIEW: 'In review',
  CHANGES_REQUESTED: 'Changes requested',
  APPROVED: 'Approved',
  DELIVERED: 'Delivered',
  SKIPPED: 'Skipped',
};

export function hasStarted(status: StageStatus): boolean {
  return !NOT_YET_STARTED.includes(status);
}

/**
 * A move made by a person (PATCH, board drag). Automatic moves (unblocking) and rework have
 * their own functions; FORMAL decisions are recorded on a revision, not set by hand.
 */
export function checkManualMove(stage: StageState, to: StageStatus): MoveCheck {
  const from = stage.status;
  const no = (reason: string): MoveCheck => ({ ok: false, reason });
  if (from === to) return no(`${stage.name} is already ${STATUS_LABEL[to].toLowerCase()}`);
  switch (to) {
    case 'SKIPPED':
      if (!stage.isOptional) return no(`${stage.name} is not optional, so it cannot be skipped`);
      if (from !== 'NOT_STARTED' && from !== 'BLOCKED')
        return no(`${stage.name} has started and can no longer be skipped`);
      return { ok: true };
    case 'BLOCKED':
    case 'NOT_STARTED':
      return no(
        `${stage.name} becomes ${STATUS_LABEL[to].toLowerCase()} only automatically, from its prerequisites`,
      );
    case 'IN_PROGRESS':
      if (from === 'NOT_STARTED' || from === 'CHANGES_REQUESTED') return { ok: true };
      if (from === 'BLOCKED')
        return no(`${stage.name} is blocked until its prerequisites are done`);
      return no(
        `${stage.name} cannot go from ${STATUS_LABEL[from].toLowerCase()} back to in progress; use a rework path`,
      );
    case 'IN_REVIEW':
      if (from !== 'IN_PROGRESS') return no(`Only work in progress can be submitted for review`);
      if (stage.approvalType === 'NONE')
        return no(`${stage.name} needs no review: mark it approved when done`);
      return { ok: true };
    case 'APPROVED':
      if (from === 'IN_PROGRESS' && stage.approvalType === 'NONE') return { ok: true };
      if (from === 'IN_PROGRESS') return no(`${stage.name} must be reviewed before it is approved`);
      if (from !== 'IN_REVIEW') return no(`Only a stage in review can be approved`);
      if (stage.approvalType === 'FORMAL') {
        return no(`${stage.name} needs a formal decision recorded on a revision`);
      }
      return { ok: true };
    case 'CHANGES_REQUESTED':
      if (from !== 'IN_REVIEW') return no(`Changes can only be requested on a stage in review`);
      if (stage.approvalType === 'FORMAL') {
        return no(`${stage.name} needs a formal decision recorded on a revision`);
      }
      return { ok: true };
    case 'DELIVERED':
      if (from !== 'APPROVED') return no(`Only an approved stage can be marked delivered`);
      return { ok: true };
  }
}

/** Every status a person may move this stage to now. */
export function allowedManualMoves(stage: StageState): StageStatus[] {
  return STAGE_STATUSES.filter((s) => checkManualMove(stage, s).ok);
}

/** Whether a move is an internal review decision (needs the reviewer's permission). */
export function isReviewDecision(from: StageStatus, to: StageStatus): boolean {
  return from === 'IN_REVIEW' && (to === 'APPROVED' || to === 'CHANGES_REQUESTED');
}

/**
 * Ready = every prerequisite is approved, delivered or skipped, and every critical gate earlier
 * in the pipeline is approved or delivered.
 */
export function isReady(stage: StageState, all: readonly StageState[]): boolean {
  const byKey = new Map(all.map((s) => [s.key, s]));
  const prereqsDone = stage.prerequisites.every((p) => {
    const s = byKey.get(p);
    return !s || DONE.includes(s.status);
  });
  const gatesOpen = all
    .filter((g) => g.isCriticalGate && g.order < stage.order)
    .every((g) => g.status === 'APPROVED' || g.status === 'DELIVERED');
  return prereqsDone && gatesOpen;
}

export interface StatusChange {
  key: string;
  from: StageStatus;
  to: StageStatus;
}

/** Initial statuses for a new deliverable's stages. */
export function initialStatuses(
  stages: readonly Omit<StageState, 'status'>[],
): Map<string, StageStatus> {
  const blocked = stages.map((s) => ({ ...s, status: 'BLOCKED' as StageStatus }));
  const out = new Map<string, StageStatus>();
  for (const s of blocked) out.set(s.key, isReady(s, blocked) ? 'NOT_STARTED' : 'BLOCKED');
  return out;
}

/**
 * Settles BLOCKED ↔ NOT_STARTED after any change, until nothing moves. Only stages that have
 * not started are touched.
 */
export function settleReadiness(stages: readonly StageState[]): StatusChange[] {
  const current = stages.map((s) => ({ ...s }));
  const original = new Map(stages.map((s) => [s.key, s.status]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const s of current) {
      if (s.status !== 'BLOCKED' && s.status !== 'NOT_STARTED') continue;
      const next: StageStatus = isReady(s, current) ? 'NOT_STARTED' : 'BLOCKED';
      if (next !== s.status) {
        s.status = next;
        changed = true;
      }
    }
  }
  return current
    .filter((s) => original.get(s.key) !== s.status)
    .map((s) => ({ key: s.key, from: original.get(s.key)!, to: s.status }));
}

/** Applies a move to a copy of the stages and settles readiness: every change, in order. */
export function applyMove(
  stages: readonly StageState[],
  key: string,
  to: StageStatus,
): StatusChange[] {
  const target = stages.find((s) => s.key === key);
  if (!target) throw new Error(`Unknown stage ${key}`);
  const moved = stages.map((s) => (s.key === key ? { ...s, status: to } : s));
  return [{ key, from: target.status, to }, ...settleReadiness(moved)];
}

function dependentsOf(stages: readonly StageState[], key: string): Set<string> {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stages) {
      if (!out.has(s.key) && s.prerequisites.some((p) => p === key || out.has(p))) {
        out.add(s.key);
        grew = true;
      }
    }
  }
  return out;
}

export type ReworkPlan = { ok: true; changes: StatusChange[] } | { ok: false; reason: string };

/**
 * Rework: only along a declared path from a started stage to an earlier one. The target becomes
 * CHANGES_REQUESTED; every stage depending on it that had started goes back to NOT_STARTED or
 * BLOCKED (then readiness settles).
 */
export function planRework(
  stages: readonly StageState[],
  reworks: readonly ReworkPath[],
  fromKey: string,
  toKey: string,
): ReworkPlan {
  const from = stages.find((s) => s.key === fromKey);
  const to = stages.find((s) => s.key === toKey);
  if (!from || !to) return { ok: false, reason: 'Both stages must belong to this deliverable' };
  const targets = reworks
    .filter((r) => r.from === fromKey)
    .map((r) => stages.find((s) => s.key === r.to)!);
  if (!reworks.some((r) => r.from === fromKey && r.to === toKey)) {
    if (targets.length === 0) return { ok: false, reason: `${from.name} has no rework path` };
    const names = targets.filter(Boolean).map((t) => t.name);
    return { ok: false, reason: `${from.name} can only go back to ${names.join(' or ')}` };
  }
  if (!hasStarted(from.status))
    return { ok: false, reason: `${from.name} has not started, so there is nothing to rework` };
  const reset = dependentsOf(stages, toKey);
  const next = stages.map((s) => {
    if (s.key === toKey) return { ...s, status: 'CHANGES_REQUESTED' as StageStatus };
    if (reset.has(s.key) && hasStarted(s.status)) return { ...s, status: 'BLOCKED' as StageStatus };
    return { ...s };
  });
  const settled = new Map(settleReadiness(next).map((c) => [c.key, c.to]));
  const changes: StatusChange[] = [];
  for (const s of stages) {
    const n = next.find((x) => x.key === s.key)!;
    const final = settled.get(s.key) ?? n.status;
    if (final !== s.status) changes.push({ key: s.key, from: s.status, to: final });
  }
  return { ok: true, changes };
}

/** Declared rework targets reachable from a stage now. */
export function reworkTargets(
  stages: readonly StageState[],
  reworks: readonly ReworkPath[],
  fromKey: string,
): string[] {
  const from = stages.find((s) => s.key === fromKey);
  if (!from || !hasStarted(from.status)) return [];
  return reworks.filter((r) => r.from === fromKey).map((r) => r.to);
}

/** Derived deliverable status: the first rule that holds wins (PRODUCT.md). */
export function deliverableStatus(input: {
  isOnHold: boolean;
  awaitingClient: boolean;
  stages: readonly StageStatus[];
}): DeliverableStatus {
  if (input.isOnHold) return 'ON_HOLD';
  if (input.awaitingClient) return 'IN_REVIEW';
  const counted = input.stages.filter((s) => s !== 'SKIPPED');
  if (counted.length > 0 && counted.every((s) => s === 'APPROVED' || s === 'DELIVERED'))
    return 'APPROVED';
  if (input.stages.some(hasStarted)) return 'IN_PROGRESS';
  return 'NOT_STARTED';
}

/**
 * The stage a deliverable is "at" (board column): the first active one in pipeline order, else
 * the first ready one, else the last stage that is not skipped.
 */
export function currentStage<T extends { order: number; status: StageStatus }>(
  stages: readonly T[],
): T | null {
  const sorted = [...stages].sort((a, b) => a.order - b.order);
  return (
    sorted.find(
      (s) =>
        s.status === 'IN_PROGRESS' || s.status === 'CHANGES_REQUESTED' || s.status === 'IN_REVIEW',
    ) ??
    sorted.find((s) => s.status === 'NOT_STARTED') ??
    [...sorted].reverse().find((s) => s.status !== 'SKIPPED') ??
    null
  );
}
