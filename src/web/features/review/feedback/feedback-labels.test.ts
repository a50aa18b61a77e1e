import { describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../types';
import { groupByVersion } from './feedback-labels';

const item = (id: string, revisionId: string, revisionLabel: string) =>
  ({ id, revisionId, revisionLabel }) as FeedbackItem;

describe('groupByVersion', () => {
  it('groups items by revision, newest version first, keeping their order inside', () => {
    const groups = groupByVersion(
      [item('a', 'r1', 'V0.1'), item('b', 'r2', 'V0.2'), item('c', 'r1', 'V0.1')],
      ['r2', 'r1'],
    );
    expect(groups.map((g) => [g.label, g.items.map((i) => i.id)])).toEqual([
      ['V0.2', ['b']],
      ['V0.1', ['a', 'c']],
    ]);
  });

  it('puts revisions it does not know last', () => {
    const groups = groupByVersion([item('a', 'rx', 'V0.9'), item('b', 'r1', 'V0.1')], ['r1']);
    expect(groups.map((g) => g.label)).toEqual(['V0.1', 'V0.9']);
  });
});
