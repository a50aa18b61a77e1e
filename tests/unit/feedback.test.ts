import { describe, expect, it } from 'vitest';
import {
  allowedFeedbackMoves,
  checkFeedbackMove,
  FEEDBACK_STATUSES,
  feedbackChainRoots,
  feedbackMoveAuthority,
  planCarryOver,
  type CarryCandidate,
  type FeedbackStatus,
} from '../../src/domain/feedback';
import { FEEDBACK_STATUSES as DB_FEEDBACK_STATUSES } from '../../src/server/db/schema';

type Pair = `${FeedbackStatus}->${FeedbackStatus}`;

/** The whole table, written out: every pair not listed here must be refused. */
const LEGAL: ReadonlySet<Pair> = new Set<Pair>([
  'OPEN->IN_PROGRESS',
  'OPEN->RESOLVED',
  'IN_PROGRESS->OPEN',
  'IN_PROGRESS->RESOLVED',
  'RESOLVED->VERIFIED',
  'RESOLVED->REOPENED',
  'VERIFIED->REOPENED',
  'REOPENED->IN_PROGRESS',
  'REOPENED->RESOLVED',
]);

const pairs = FEEDBACK_STATUSES.flatMap((from) =>
  FEEDBACK_STATUSES.map((to) => [from, to] as const),
);

describe('feedback state machine', () => {
  it('has the same statuses as the database enum', () => {
    expect([...FEEDBACK_STATUSES]).toEqual([...DB_FEEDBACK_STATUSES]);
  });

  it.each(pairs)('%s → %s', (from, to) => {
    const withNote = checkFeedbackMove(from, to, { note: 'Fixed the logo colour' });
    if (LEGAL.has(`${from}->${to}`)) {
      expect(withNote).toEqual({ ok: true });
    } else {
      expect(withNote.ok).toBe(false);
      if (!withNote.ok) expect(withNote.reason.length).toBeGreaterThan(10);
    }
    // Without a note only RESOLVED changes its answer.
    const bare = checkFeedbackMove(from, to);
    if (to === 'RESOLVED' && LEGAL.has(`${from}->${to}`)) {
      expect(bare).toEqual({
        ok: false,
        reason: 'Resolving an item needs a resolution note saying what was done',
      });
    } else {
      expect(bare.ok).toBe(withNote.ok);
    }
  });

  it('refuses a blank note and staying put, with reasons people can read', () => {
    expect(checkFeedbackMove('IN_PROGRESS', 'RESOLVED', { note: '   \n' }).ok).toBe(false);
    expect(checkFeedbackMove('IN_PROGRESS', 'RESOLVED', { note: null }).ok).toBe(false);
    expect(checkFeedbackMove('OPEN', 'OPEN')).toEqual({
      ok: false,
      reason: 'The item is already open',
    });
    expect(checkFeedbackMove('OPEN', 'VERIFIED')).toEqual({
      ok: false,
      reason: 'An open item cannot be moved to verified: only a resolved item can be verified',
    });
    expect(checkFeedbackMove('IN_PROGRESS', 'REOPENED')).toMatchObject({
      reason: expect.stringMatching(/only a resolved or verified item can be reopened/),
    });
    expect(checkFeedbackMove('VERIFIED', 'OPEN')).toMatchObject({
      reason: expect.stringMatching(/from verified it can go to reopened/),
    });
  });

  it('keeps verification (and undoing it) for reviewers, the rest for assignees too', () => {
    for (const [from, to] of pairs) {
      const expected = to === 'VERIFIED' || from === 'VERIFIED' ? 'review' : 'reviewOrAssignee';
      expect(feedbackMoveAuthority(from, to)).toBe(expected);
    }
  });

  it('lists the moves a person may make', () => {
    const reviewer = { canReview: true, isAssignee: false };
    const assignee = { canReview: false, isAssignee: true };
    const bystander = { canReview: false, isAssignee: false };
    expect(allowedFeedbackMoves('RESOLVED', reviewer)).toEqual(['VERIFIED', 'REOPENED']);
    expect(allowedFeedbackMoves('RESOLVED', assignee)).toEqual(['REOPENED']);
    expect(allowedFeedbackMoves('VERIFIED', assignee)).toEqual([]);
    expect(allowedFeedbackMoves('OPEN', assignee)).toEqual(['IN_PROGRESS', 'RESOLVED']);
    for (const s of FEEDBACK_STATUSES) expect(allowedFeedbackMoves(s, bystander)).toEqual([]);
    for (const s of FEEDBACK_STATUSES)
      expect(allowedFeedbackMoves(s, reviewer)).toEqual(
        FEEDBACK_STATUSES.filter((to) => LEGAL.has(`${s}->${to}`)),
      );
  });
});

let clock = 0;
function item(
  id: string,
  revisionId: string,
  status: FeedbackStatus = 'OPEN',
  carriedFromId: string | null = null,
): CarryCandidate {
  return {
    id,
    revisionId,
    status,
    carriedFromId,
    createdAt: new Date(1_700_000_000_000 + ++clock),
  };
}
const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

describe('planCarryOver', () => {
  it('carries every item that is not verified', () => {
    const items = [
      item('a', 'r1', 'OPEN'),
      item('b', 'r1', 'IN_PROGRESS'),
      item('c', 'r1', 'RESOLVED'),
      item('d', 'r1', 'VERIFIED'),
      item('e', 'r1', 'REOPENED'),
    ];
    expect(ids(planCarryOver(items, 'r2'))).toEqual(['a', 'b', 'c', 'e']);
  });

  it('carries a chain from its newest item only', () => {
    const items = [
      item('a1', 'r1', 'IN_PROGRESS'),
      item('a2', 'r2', 'IN_PROGRESS', 'a1'),
      item('b1', 'r1', 'OPEN'),
      item('b2', 'r2', 'VERIFIED', 'b1'), // verified on r2: the chain ends there
    ];
    expect(ids(planCarryOver(items, 'r3'))).toEqual(['a2']);
  });

  it('is idempotent: a chain already on the target revision is left alone', () => {
    const before = [item('a', 'r1'), item('b', 'r1', 'RESOLVED')];
    const first = planCarryOver(before, 'r2');
    expect(ids(first)).toEqual(['a', 'b']);
    const after = [...before, ...first.map((src) => item(`${src.id}'`, 'r2', src.status, src.id))];
    expect(planCarryOver(after, 'r2')).toEqual([]);
  });

  it('never duplicates across quick successive revisions', () => {
    let items = [item('a', 'r1'), item('b', 'r1', 'VERIFIED'), item('c', 'r1', 'RESOLVED')];
    for (const target of ['r2', 'r3', 'r3', 'r4']) {
      const plan = planCarryOver(items, target);
      items = [...items, ...plan.map((s) => item(`${s.id}@${target}`, target, s.status, s.id))];
    }
    const roots = feedbackChainRoots(items);
    for (const target of ['r2', 'r3', 'r4']) {
      const onTarget = items.filter((i) => i.revisionId === target).map((i) => roots.get(i.id));
      expect(onTarget.sort()).toEqual(['a', 'c']);
    }
    expect(items).toHaveLength(3 + 2 * 3);
  });

  it('leaves items made on the target revision alone', () => {
    expect(planCarryOver([item('new', 'r2'), item('old', 'r1')], 'r2').map((i) => i.id)).toEqual([
      'old',
    ]);
  });

  it('treats a link to a missing (deleted) item as the start of a chain', () => {
    expect(ids(planCarryOver([item('x', 'r2', 'OPEN', 'gone')], 'r3'))).toEqual(['x']);
    expect(feedbackChainRoots([item('x', 'r2', 'OPEN', 'gone')]).get('x')).toBe('x');
  });

  it('copes with a forked chain (newest head wins) and a corrupt cycle (nothing)', () => {
    const forked = [
      item('a', 'r1'),
      item('a-old', 'r2', 'OPEN', 'a'),
      item('a-new', 'r2', 'IN_PROGRESS', 'a'),
    ];
    expect(ids(planCarryOver(forked, 'r3'))).toEqual(['a-new']);
    const cycle = [item('p', 'r1', 'OPEN', 'q'), item('q', 'r2', 'OPEN', 'p')];
    expect(planCarryOver(cycle, 'r3')).toEqual([]);
  });

  it('carries nothing from nothing', () => {
    expect(planCarryOver([], 'r1')).toEqual([]);
  });
});
