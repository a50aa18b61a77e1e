import { describe, expect, it } from 'vitest';
import {
  formatRevisionLabel,
  latestRevision,
  nextUploadVersion,
  planSendToClient,
  type VersionCoordinates,
} from '../../src/domain/version-chain';

type Rev = VersionCoordinates & { id: string };

/** Plays uploads ("u") and sends ("s") and returns the labels of the chain in order. */
function play(steps: string): { chain: Rev[]; labels: string[] } {
  const chain: Rev[] = [];
  for (const step of steps) {
    if (step === 'u') {
      const v = nextUploadVersion(chain);
      chain.push({ id: `r${chain.length}`, ...v, sentToClient: false });
    } else {
      const latest = latestRevision(chain)!;
      const plan = planSendToClient(chain, latest.id);
      if (!plan.ok) throw new Error(plan.reason);
      Object.assign(latest, { major: plan.major, minor: plan.minor, sentToClient: true });
    }
  }
  return { chain, labels: chain.map(formatRevisionLabel) };
}

describe('version chain', () => {
  it('formats labels: sent V{major}, internal V{major}.{minor}', () => {
    expect(formatRevisionLabel({ major: 0, minor: 2, sentToClient: false })).toBe('V0.2');
    expect(formatRevisionLabel({ major: 3, minor: 0, sentToClient: true })).toBe('V3');
  });

  it('runs the full sequence V0.1, V0.2 → V1, V1.1, V1.2 → V2', () => {
    // u u s: the second upload (V0.2) is promoted in place to V1.
    expect(play('uus').labels).toEqual(['V0.1', 'V1']);
    expect(play('uusuus').labels).toEqual(['V0.1', 'V1', 'V1.1', 'V2']);
    const { chain } = play('uusuu');
    expect(chain.map(formatRevisionLabel)).toEqual(['V0.1', 'V1', 'V1.1', 'V1.2']);
    expect(nextUploadVersion(chain)).toEqual({ major: 1, minor: 3 });
  });

  it('starts a stage at V0.1', () => {
    expect(nextUploadVersion([])).toEqual({ major: 0, minor: 1 });
  });

  it('sends only the latest internal revision', () => {
    const { chain } = play('uusuu');
    const older = chain.find((r) => formatRevisionLabel(r) === 'V1.1')!;
    expect(planSendToClient(chain, older.id)).toEqual({
      ok: false,
      reason: 'Only the latest revision (V1.2) can be sent; V1.1 is older',
    });
    const sent = chain.find((r) => r.sentToClient)!;
    expect(planSendToClient(chain, sent.id)).toEqual({
      ok: false,
      reason: 'V1 was already sent to the client',
    });
    const latest = latestRevision(chain)!;
    expect(planSendToClient(chain, latest.id)).toEqual({ ok: true, major: 2, minor: 0 });
    expect(planSendToClient(chain, 'nope').ok).toBe(false);
  });
});
