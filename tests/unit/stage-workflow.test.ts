import { describe, expect, it } from 'vitest';
import {
  allowedManualMoves,
  applyMove,
  checkManualMove,
  currentStage,
  deliverableStatus,
  initialStatuses,
  planRework,
  STAGE_STATUSES,
  type StageState,
  type StageStatus,
} from '../../src/domain/stage-workflow';

function pipeline(statuses: Partial<Record<string, StageStatus>> = {}): StageState[] {
  const defs: Omit<StageState, 'status'>[] = [
    {
      key: 'brief',
      name: 'Brief',
      order: 0,
      approvalType: 'NONE',
      isOptional: false,
      isCriticalGate: false,
      prerequisites: [],
    },
    {
      key: 'creative',
      name: 'Creative',
      order: 1,
      approvalType: 'SIMPLE',
      isOptional: false,
      isCriticalGate: false,
      prerequisites: ['brief'],
    },
    {
      key: 'retouch',
      name: 'Retouch',
      order: 2,
      approvalType: 'SIMPLE',
      isOptional: true,
      isCriticalGate: false,
      prerequisites: ['creative'],
    },
    {
      key: 'final',
      name: 'Final Approval',
      order: 3,
      approvalType: 'FORMAL',
      isOptional: false,
      isCriticalGate: true,
      prerequisites: ['creative'],
    },
    {
      key: 'delivery',
      name: 'Delivery',
      order: 4,
      approvalType: 'NONE',
      isOptional: false,
      isCriticalGate: false,
      prerequisites: ['final', 'retouch'],
    },
  ];
  const init = initialStatuses(defs);
  return defs.map((d) => ({ ...d, status: statuses[d.key] ?? init.get(d.key)! }));
}

describe('initial statuses', () => {
  it('starts stages without prerequisites and blocks the rest', () => {
    expect(pipeline().map((s) => s.status)).toEqual([
      'NOT_STARTED',
      'BLOCKED',
      'BLOCKED',
      'BLOCKED',
      'BLOCKED',
    ]);
  });
});

describe('manual moves', () => {
  const base = (over: Partial<StageState>): StageState => ({
    key: 'k',
    name: 'Creative',
    order: 0,
    status: 'NOT_STARTED',
    approvalType: 'SIMPLE',
    isOptional: false,
    isCriticalGate: false,
    prerequisites: [],
    ...over,
  });

  it.each([
    ['NOT_STARTED', 'IN_PROGRESS', 'SIMPLE', true],
    ['IN_PROGRESS', 'IN_REVIEW', 'SIMPLE', true],
    ['IN_PROGRESS', 'IN_REVIEW', 'NONE', false],
    ['IN_PROGRESS', 'APPROVED', 'NONE', true],
    ['IN_PROGRESS', 'APPROVED', 'SIMPLE', false],
    ['IN_REVIEW', 'APPROVED', 'SIMPLE', true],
    ['IN_REVIEW', 'CHANGES_REQUESTED', 'SIMPLE', true],
    ['IN_REVIEW', 'APPROVED', 'FORMAL', false],
    ['IN_REVIEW', 'CHANGES_REQUESTED', 'FORMAL', false],
    ['CHANGES_REQUESTED', 'IN_PROGRESS', 'SIMPLE', true],
    ['APPROVED', 'DELIVERED', 'SIMPLE', true],
    ['APPROVED', 'IN_PROGRESS', 'SIMPLE', false],
    ['BLOCKED', 'IN_PROGRESS', 'SIMPLE', false],
    ['BLOCKED', 'NOT_STARTED', 'SIMPLE', false],
    ['DELIVERED', 'APPROVED', 'SIMPLE', false],
    ['NOT_STARTED', 'DELIVERED', 'SIMPLE', false],
  ] as const)('%s → %s (%s) allowed: %s', (from, to, approvalType, ok) => {
    expect(checkManualMove(base({ status: from, approvalType }), to).ok).toBe(ok);
  });

  it('skips only optional stages that have not started', () => {
    expect(checkManualMove(base({ isOptional: true }), 'SKIPPED').ok).toBe(true);
    expect(checkManualMove(base({ isOptional: true, status: 'BLOCKED' }), 'SKIPPED').ok).toBe(true);
    const notOptional = checkManualMove(base({}), 'SKIPPED');
    expect(notOptional).toEqual({
      ok: false,
      reason: 'Creative is not optional, so it cannot be skipped',
    });
    expect(checkManualMove(base({ isOptional: true, status: 'IN_PROGRESS' }), 'SKIPPED').ok).toBe(
      false,
    );
  });

  it('checks every pair without throwing and lists allowed moves', () => {
    for (const from of STAGE_STATUSES) {
      for (const to of STAGE_STATUSES) {
        const r = checkManualMove(base({ status: from }), to);
        if (!r.ok) expect(r.reason.length).toBeGreaterThan(5);
      }
    }
    expect(allowedManualMoves(base({ status: 'IN_REVIEW' }))).toEqual([
      'CHANGES_REQUESTED',
      'APPROVED',
    ]);
  });
});

describe('unblocking', () => {
  it('unblocks dependents when prerequisites are done', () => {
    const s = pipeline({ brief: 'IN_PROGRESS' });
    const changes = applyMove(s, 'brief', 'APPROVED');
    expect(changes).toEqual([
      { key: 'brief', from: 'IN_PROGRESS', to: 'APPROVED' },
      { key: 'creative', from: 'BLOCKED', to: 'NOT_STARTED' },
    ]);
  });

  it('holds every later stage behind a critical gate until it is approved', () => {
    const s = pipeline({
      brief: 'APPROVED',
      creative: 'IN_REVIEW',
      retouch: 'BLOCKED',
      final: 'BLOCKED',
      delivery: 'BLOCKED',
    });
    const afterCreative = applyMove(s, 'creative', 'APPROVED');
    expect(afterCreative.map((c) => c.key)).toEqual(['creative', 'retouch', 'final']);
    const s2 = pipeline({
      brief: 'APPROVED',
      creative: 'APPROVED',
      retouch: 'SKIPPED',
      final: 'IN_REVIEW',
      delivery: 'BLOCKED',
    });
    expect(applyMove(s2, 'final', 'APPROVED')).toContainEqual({
      key: 'delivery',
      from: 'BLOCKED',
      to: 'NOT_STARTED',
    });
  });
});

describe('rework', () => {
  const reworks = [{ from: 'final', to: 'creative' }];

  it('reopens the target and resets started dependents', () => {
    const s = pipeline({
      brief: 'APPROVED',
      creative: 'APPROVED',
      retouch: 'APPROVED',
      final: 'IN_REVIEW',
      delivery: 'BLOCKED',
    });
    const plan = planRework(s, reworks, 'final', 'creative');
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(new Map(plan.changes.map((c) => [c.key, c.to]))).toEqual(
      new Map([
        ['creative', 'CHANGES_REQUESTED'],
        ['retouch', 'BLOCKED'],
        ['final', 'BLOCKED'],
      ]),
    );
    expect(plan.changes.find((c) => c.key === 'brief')).toBeUndefined();
  });

  it('refuses undeclared paths with the reason', () => {
    const s = pipeline({ brief: 'APPROVED', creative: 'APPROVED', final: 'IN_REVIEW' });
    expect(planRework(s, reworks, 'final', 'brief')).toEqual({
      ok: false,
      reason: 'Final Approval can only go back to Creative',
    });
    expect(planRework(s, reworks, 'creative', 'brief')).toEqual({
      ok: false,
      reason: 'Creative has no rework path',
    });
    const notStarted = pipeline();
    expect(planRework(notStarted, reworks, 'final', 'creative').ok).toBe(false);
  });
});

describe('deliverable status', () => {
  it('follows the first rule that holds', () => {
    expect(deliverableStatus({ isOnHold: true, awaitingClient: true, stages: ['APPROVED'] })).toBe(
      'ON_HOLD',
    );
    expect(
      deliverableStatus({ isOnHold: false, awaitingClient: true, stages: ['IN_PROGRESS'] }),
    ).toBe('IN_REVIEW');
    expect(
      deliverableStatus({
        isOnHold: false,
        awaitingClient: false,
        stages: ['APPROVED', 'SKIPPED', 'DELIVERED'],
      }),
    ).toBe('APPROVED');
    expect(
      deliverableStatus({
        isOnHold: false,
        awaitingClient: false,
        stages: ['APPROVED', 'BLOCKED'],
      }),
    ).toBe('IN_PROGRESS');
    expect(
      deliverableStatus({
        isOnHold: false,
        awaitingClient: false,
        stages: ['NOT_STARTED', 'BLOCKED'],
      }),
    ).toBe('NOT_STARTED');
    expect(deliverableStatus({ isOnHold: false, awaitingClient: false, stages: ['SKIPPED'] })).toBe(
      'NOT_STARTED',
    );
  });

  it('finds the current stage', () => {
    const s = pipeline({ brief: 'APPROVED', creative: 'IN_PROGRESS' });
    expect(currentStage(s)?.key).toBe('creative');
    expect(currentStage(pipeline())?.key).toBe('brief');
    const done = pipeline({
      brief: 'APPROVED',
      creative: 'APPROVED',
      retouch: 'SKIPPED',
      final: 'APPROVED',
      delivery: 'DELIVERED',
    });
    expect(currentStage(done)?.key).toBe('delivery');
  });
});
