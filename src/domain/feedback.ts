/**
 * Feedback items (PRODUCT.md "Review") as pure rules: the item state machine, who may make
 * which move, and which items a new revision inherits.
 *
 *   OPEN ──► IN_PROGRESS ──► RESOLVED (with a note) ──► VERIFIED
 *    │  ◄──────┘               ▲  │                        │
 *    └─────────────────────────┘  └──► REOPENED ◄──────────┘
 *                                        │
 *                                        └──► IN_PROGRESS / RESOLVED
 */
export const FEEDBACK_STATUSES = [
  'OPEN',
  'IN_PROGRESS',
  'RESOLVED',
  'VERIFIED',
  'REOPENED',
] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const FEEDBACK_STATUS_LABEL: Record<FeedbackStatus, string> = {
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  RESOLVED: 'Resolved',
  VERIFIED: 'Verified',
  REOPENED: 'Reopened',
};

/**
 * Every legal move. OPEN → RESOLVED skips IN_PROGRESS for quick fixes; IN_PROGRESS → OPEN puts
 * an item back untouched; a RESOLVED item the reviewer is not happy with is REOPENED rather
 * than sent back to IN_PROGRESS, so the history says a fix was rejected.
 */
const MOVES: Record<FeedbackStatus, readonly FeedbackStatus[]> = {
  OPEN: ['IN_PROGRESS', 'RESOLVED'],
  IN_PROGRESS: ['OPEN', 'RESOLVED'],
  RESOLVED: ['VERIFIED', 'REOPENED'],
  VERIFIED: ['REOPENED'],
  REOPENED: ['IN_PROGRESS', 'RESOLVED'],
};

export type FeedbackMoveCheck = { ok: true } | { ok: false; reason: string };

/** The statuses an item in `from` may move to (ignoring who asks). */
export function feedbackMovesFrom(from: FeedbackStatus): readonly FeedbackStatus[] {
  return MOVES[from];
}

/**
 * Whether `from → to` is legal. Resolving needs a non-blank note in the same move: a
 * reviewer verifying the fix must be told what was done, and a reopened item resolved again
 * must say what changed this time.
 */
export function checkFeedbackMove(
  from: FeedbackStatus,
  to: FeedbackStatus,
  opts: { note?: string | null } = {},
): FeedbackMoveCheck {
  const label = (s: FeedbackStatus) => FEEDBACK_STATUS_LABEL[s].toLowerCase();
  if (from === to) return { ok: false, reason: `The item is already ${label(to)}` };
  if (!MOVES[from].includes(to)) {
    const hint =
      to === 'VERIFIED'
        ? 'only a resolved item can be verified'
        : to === 'REOPENED'
          ? 'only a resolved or verified item can be reopened'
          : `from ${label(from)} it can go to ${MOVES[from].map(label).join(' or ')}`;
    const article = /^[aeiou]/.test(label(from)) ? 'An' : 'A';
    return {
      ok: false,
      reason: `${article} ${label(from)} item cannot be moved to ${label(to)}: ${hint}`,
    };
  }
  if (to === 'RESOLVED' && !opts.note?.trim())
    return { ok: false, reason: 'Resolving an item needs a resolution note saying what was done' };
  return { ok: true };
}

/**
 * Who may make a move: `review` needs REVISION_REVIEW; `reviewOrAssignee` also lets the
 * item's assignee do it. Verifying is a reviewer's sign-off, and so is undoing one (reopening
 * a VERIFIED item); the rest is the assignee's own work.
 */
export function feedbackMoveAuthority(
  from: FeedbackStatus,
  to: FeedbackStatus,
): 'review' | 'reviewOrAssignee' {
  if (to === 'VERIFIED' || from === 'VERIFIED') return 'review';
  return 'reviewOrAssignee';
}

/** The moves a person may make now (for the UI's buttons). */
export function allowedFeedbackMoves(
  from: FeedbackStatus,
  who: { canReview: boolean; isAssignee: boolean },
): FeedbackStatus[] {
  return MOVES[from].filter((to) =>
    feedbackMoveAuthority(from, to) === 'review' ? who.canReview : who.canReview || who.isAssignee,
  );
}

/** What the planner needs to know of each feedback item of a stage. */
export interface CarryCandidate {
  id: string;
  status: FeedbackStatus;
  revisionId: string;
  /** The item this one was carried from (null for an original item). */
  carriedFromId: string | null;
  createdAt: Date;
}

/**
 * The chains of a stage's items. A chain is an original item and every copy carried from it,
 * linked by `carriedFromId`; a link to an item outside the list (deleted) starts a new chain.
 * Returns each item's chain root id.
 */
export function feedbackChainRoots(items: readonly CarryCandidate[]): Map<string, string> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const roots = new Map<string, string>();
  for (const item of items) {
    let cur = item;
    const seen = new Set<string>();
    // `seen` guards against a corrupt cycle; a real chain ends at an original item.
    while (cur.carriedFromId && byId.has(cur.carriedFromId) && !seen.has(cur.id)) {
      seen.add(cur.id);
      cur = byId.get(cur.carriedFromId)!;
    }
    roots.set(item.id, cur.id);
  }
  return roots;
}

/**
 * Which items a new revision (`targetRevisionId`) inherits: per chain, its newest item (the
 * one nothing was carried from yet), unless that item is VERIFIED or the chain already has an
 * item on the target revision. That last condition is what makes carrying idempotent: run it
 * twice, and the second run finds every chain already present; an item created directly on the
 * new revision is a chain of its own and is left alone too.
 */
export function planCarryOver<T extends CarryCandidate>(
  items: readonly T[],
  targetRevisionId: string,
): T[] {
  const roots = feedbackChainRoots(items);
  const carriedFrom = new Set(items.map((i) => i.carriedFromId).filter((id) => id !== null));
  const chains = new Map<string, T[]>();
  for (const item of items) {
    const root = roots.get(item.id)!;
    const chain = chains.get(root);
    if (chain) chain.push(item);
    else chains.set(root, [item]);
  }
  const plan: T[] = [];
  for (const chain of chains.values()) {
    if (chain.some((i) => i.revisionId === targetRevisionId)) continue;
    // The head is the item nothing was carried from; should a chain ever fork, the newest
    // head wins so one chain still yields one copy.
    const heads = chain.filter((i) => !carriedFrom.has(i.id));
    const head = heads.reduce<T | null>(
      (best, i) =>
        !best ||
        i.createdAt.getTime() > best.createdAt.getTime() ||
        (i.createdAt.getTime() === best.createdAt.getTime() && i.id > best.id)
          ? i
          : best,
      null,
    );
    if (head && head.status !== 'VERIFIED') plan.push(head);
  }
  return plan;
}
