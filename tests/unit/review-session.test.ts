import { describe, expect, it } from 'vitest';
import {
  canTransition,
  checkComplete,
  checkDecide,
  checkEditItems,
  checkOrder,
  checkStart,
  countDecisions,
  moveItem,
  nextStatus,
  presentPosition,
  previewApplication,
  planCompletion,
  SESSION_STATUSES,
} from '../../src/domain/review-session';

describe('review session status machine', () => {
  it('moves DRAFT → IN_PROGRESS → COMPLETED and never back', () => {
    expect(nextStatus('DRAFT')).toBe('IN_PROGRESS');
    expect(nextStatus('IN_PROGRESS')).toBe('COMPLETED');
    expect(nextStatus('COMPLETED')).toBeNull();
    const legal = SESSION_STATUSES.flatMap((from) =>
      SESSION_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`),
    );
    expect(legal).toEqual(['DRAFT>IN_PROGRESS', 'IN_PROGRESS>COMPLETED']);
  });

  it('starts only a draft with at least one item', () => {
    expect(checkStart('DRAFT', 1)).toEqual({ ok: true });
    expect(checkStart('DRAFT', 0)).toEqual({
      ok: false,
      reason: 'Add at least one revision before starting the session',
    });
    expect(checkStart('IN_PROGRESS', 3).ok).toBe(false);
    expect(checkStart('COMPLETED', 3).ok).toBe(false);
  });

  it('completes only a session in progress', () => {
    expect(checkComplete('IN_PROGRESS')).toEqual({ ok: true });
    expect(checkComplete('DRAFT')).toEqual({
      ok: false,
      reason: 'The session is a draft: only a session in progress can be completed',
    });
    expect(checkComplete('COMPLETED').ok).toBe(false);
  });

  it('items change until completion; decisions only while in progress', () => {
    expect(checkEditItems('DRAFT').ok).toBe(true);
    expect(checkEditItems('IN_PROGRESS').ok).toBe(true);
    expect(checkEditItems('COMPLETED').ok).toBe(false);
    expect(checkDecide('DRAFT').ok).toBe(false);
    expect(checkDecide('IN_PROGRESS').ok).toBe(true);
    expect(checkDecide('COMPLETED').ok).toBe(false);
  });
});

describe('checkOrder', () => {
  it('accepts a permutation of every item', () => {
    expect(checkOrder(['a', 'b', 'c'], ['c', 'a', 'b'])).toBeNull();
    expect(checkOrder([], [])).toBeNull();
  });
  it('refuses duplicates, strangers and missing items', () => {
    expect(checkOrder(['a', 'b'], ['a', 'a'])).toBe('An item appears twice in the order');
    expect(checkOrder(['a', 'b'], ['a', 'x'])).toBe('Not an item of this session: x');
    expect(checkOrder(['a', 'b'], ['a'])).toBe('The order must list every item of the session');
  });
});

describe('planCompletion', () => {
  it('applies decided items and explains the others, in order', () => {
    expect(
      planCompletion([
        { id: '1', decision: 'APPROVED', revisionId: 'r1' },
        { id: '2', decision: null, revisionId: 'r2' },
        { id: '3', decision: 'CHANGES_REQUESTED', revisionId: null },
        { id: '4', decision: 'CHANGES_REQUESTED', revisionId: 'r4' },
      ]),
    ).toEqual([
      { id: '1', apply: true, decision: 'APPROVED', revisionId: 'r1' },
      { id: '2', apply: false, reason: 'No decision was recorded' },
      { id: '3', apply: false, reason: 'The revision was deleted since it was added' },
      { id: '4', apply: true, decision: 'CHANGES_REQUESTED', revisionId: 'r4' },
    ]);
  });
});

describe('what the session screens compute', () => {
  const stage = { name: 'Creative', status: 'IN_REVIEW' as const, approvalType: 'SIMPLE' as const };
  const revision = { label: 'V0.2', sentToClient: false, status: 'SUBMITTED' as const };

  it('previews whether a decision would reach its stage', () => {
    expect(previewApplication({ decision: 'APPROVED', note: null, stage, revision })).toEqual({
      ok: true,
    });
    expect(previewApplication({ decision: null, note: null, stage, revision }).ok).toBe(false);
    expect(previewApplication({ decision: 'APPROVED', note: null, stage, revision: null })).toEqual(
      { ok: false, reason: 'The revision was deleted since it was added' },
    );
    expect(
      previewApplication({
        decision: 'APPROVED',
        note: null,
        stage: { ...stage, status: 'IN_PROGRESS' },
        revision,
      }),
    ).toEqual({ ok: false, reason: 'Creative is not in review: submit it for review first' });
    const formal = { ...stage, approvalType: 'FORMAL' as const };
    expect(
      previewApplication({ decision: 'CHANGES_REQUESTED', note: ' ', stage: formal, revision }),
    ).toEqual({ ok: false, reason: 'A formal decision needs a note saying why' });
    expect(
      previewApplication({ decision: 'APPROVED', note: 'Great', stage: formal, revision }).ok,
    ).toBe(true);
  });

  it('moves an item to a new place without touching the original', () => {
    const list = ['a', 'b', 'c', 'd'];
    expect(moveItem(list, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(list, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(list, 1, 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(moveItem(list, 1, -5)).toEqual(['b', 'a', 'c', 'd']);
    expect(moveItem(list, 9, 0)).toEqual(list);
    expect(list).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reads the present-mode position leniently', () => {
    expect(presentPosition('3', 12)).toBe(3);
    expect(presentPosition(undefined, 12)).toBe(1);
    expect(presentPosition('abc', 12)).toBe(1);
    expect(presentPosition('0', 12)).toBe(1);
    expect(presentPosition('40', 12)).toBe(12);
    expect(presentPosition('1', 0)).toBeNull();
  });

  it('counts decisions', () => {
    expect(
      countDecisions([
        { decision: 'APPROVED' },
        { decision: null },
        { decision: 'CHANGES_REQUESTED' },
        { decision: 'APPROVED' },
      ]),
    ).toEqual({ total: 4, approved: 2, changesRequested: 1, undecided: 1 });
  });
});
