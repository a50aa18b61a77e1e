import { describe, expect, it } from 'vitest';
import {
  BRIEF_STATUSES,
  checkBriefConversion,
  checkBriefMove,
  nextBriefStatuses,
  type BriefStatus,
} from '../../src/domain/brief-status';

describe('brief status machine', () => {
  it.each<[BriefStatus, BriefStatus]>([
    ['PENDING', 'REVIEWING'],
    ['PENDING', 'ARCHIVED'],
    ['REVIEWING', 'ACCEPTED'],
    ['REVIEWING', 'REJECTED'],
    ['REVIEWING', 'PENDING'],
    ['ACCEPTED', 'REVIEWING'],
    ['REJECTED', 'REVIEWING'],
    ['REJECTED', 'ARCHIVED'],
    ['ARCHIVED', 'PENDING'],
  ])('%s → %s is allowed', (from, to) => {
    expect(checkBriefMove(from, to)).toEqual({ ok: true });
  });

  it.each<[BriefStatus, BriefStatus, RegExp]>([
    ['PENDING', 'ACCEPTED', /pending brief can move to Reviewing, Archived, not Accepted/],
    ['PENDING', 'REJECTED', /not Rejected/],
    ['PENDING', 'PENDING', /already Pending/],
    ['REVIEWING', 'CONVERTED', /Convert the brief into a project/],
    ['ACCEPTED', 'CONVERTED', /Convert the brief into a project/],
    ['CONVERTED', 'REVIEWING', /converted brief is final/],
    ['CONVERTED', 'ARCHIVED', /converted brief is final/],
    ['ARCHIVED', 'ACCEPTED', /not Accepted/],
  ])('%s → %s is refused', (from, to, reason) => {
    const check = checkBriefMove(from, to);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });

  it('offers exactly the legal moves, never CONVERTED', () => {
    for (const from of BRIEF_STATUSES) {
      for (const to of BRIEF_STATUSES) {
        const offered = nextBriefStatuses(from).includes(to);
        expect(checkBriefMove(from, to).ok, `${from} → ${to}`).toBe(offered);
      }
      expect(nextBriefStatuses(from)).not.toContain('CONVERTED');
    }
    expect(nextBriefStatuses('CONVERTED')).toEqual([]);
  });

  it('converts only accepted briefs', () => {
    expect(checkBriefConversion('ACCEPTED')).toEqual({ ok: true });
    for (const s of BRIEF_STATUSES.filter((x) => x !== 'ACCEPTED')) {
      expect(checkBriefConversion(s).ok, s).toBe(false);
    }
    const again = checkBriefConversion('CONVERTED');
    expect(!again.ok && again.reason).toMatch(/already been converted/);
  });
});
