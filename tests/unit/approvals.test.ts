import { describe, expect, it } from 'vitest';
import { planDecision, type DecisionInput } from '../../src/domain/approvals';

const base = (over: Partial<DecisionInput> = {}): DecisionInput => ({
  decision: 'APPROVED',
  byClient: false,
  stage: { name: 'Creative', status: 'IN_REVIEW', approvalType: 'SIMPLE' },
  revision: { label: 'V0.2', sentToClient: false, status: 'SUBMITTED' },
  note: null,
  ...over,
});

describe('internal decisions', () => {
  it('moves a SIMPLE stage in review and the revision with it', () => {
    expect(planDecision(base())).toEqual({ ok: true, stageTo: 'APPROVED', revisionTo: 'APPROVED' });
    expect(planDecision(base({ decision: 'CHANGES_REQUESTED', revision: null }))).toEqual({
      ok: true,
      stageTo: 'CHANGES_REQUESTED',
      revisionTo: null,
    });
  });

  it('refuses stages with no review step and stages not in review', () => {
    expect(
      planDecision(base({ stage: { name: 'Brief', status: 'IN_REVIEW', approvalType: 'NONE' } })),
    ).toMatchObject({ ok: false, reason: 'Brief has no review step: mark it done instead' });
    for (const status of ['NOT_STARTED', 'IN_PROGRESS', 'APPROVED', 'BLOCKED'] as const)
      expect(
        planDecision(base({ stage: { name: 'Creative', status, approvalType: 'SIMPLE' } })).ok,
      ).toBe(false);
  });

  it('needs a revision and a note for a FORMAL decision', () => {
    const formal = { name: 'Final', status: 'IN_REVIEW', approvalType: 'FORMAL' } as const;
    expect(planDecision(base({ stage: formal, revision: null, note: 'ok' }))).toMatchObject({
      ok: false,
      invalid: true,
    });
    expect(planDecision(base({ stage: formal, note: '  ' }))).toMatchObject({
      ok: false,
      reason: 'A formal decision needs a note saying why',
    });
    expect(planDecision(base({ stage: formal, note: 'Colours match the guide' }))).toEqual({
      ok: true,
      stageTo: 'APPROVED',
      revisionTo: 'APPROVED',
    });
  });

  it('leaves a version that awaits the client to the client', () => {
    const awaiting = { label: 'V1', sentToClient: true, status: 'IN_REVIEW' } as const;
    expect(planDecision(base({ revision: awaiting }))).toEqual({
      ok: true,
      stageTo: 'APPROVED',
      revisionTo: null,
    });
  });
});

describe('client decisions', () => {
  const awaiting = { label: 'V1', sentToClient: true, status: 'IN_REVIEW' } as const;
  it('approving a sent version delivers its stage', () => {
    expect(planDecision(base({ byClient: true, revision: awaiting }))).toEqual({
      ok: true,
      stageTo: 'DELIVERED',
      revisionTo: 'APPROVED',
    });
  });

  it('requesting changes needs a note and sends the stage back', () => {
    const changes = base({ byClient: true, revision: awaiting, decision: 'CHANGES_REQUESTED' });
    expect(planDecision(changes)).toMatchObject({ ok: false, invalid: true });
    expect(planDecision({ ...changes, note: 'Logo bigger' })).toEqual({
      ok: true,
      stageTo: 'CHANGES_REQUESTED',
      revisionTo: 'CHANGES_REQUESTED',
    });
  });

  it('decides only on a sent version still awaiting a decision', () => {
    expect(planDecision(base({ byClient: true }))).toMatchObject({
      ok: false,
      reason: 'V0.2 is not awaiting your decision',
    });
    expect(
      planDecision(base({ byClient: true, revision: { ...awaiting, status: 'APPROVED' } })),
    ).toMatchObject({ ok: false, reason: 'V1 is not awaiting your decision' });
    expect(planDecision(base({ byClient: true, revision: null }))).toMatchObject({ ok: false });
  });
});
