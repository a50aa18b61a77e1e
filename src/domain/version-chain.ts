/**
 * The per-stage version chain (PRODUCT.md "Revisions and the version chain"): uploads add the
 * next minor of the current major (V0.1, V0.2 …); send-to-client promotes the latest internal
 * revision in place to the next major (V1), and later uploads continue V1.1, V1.2 … One helper
 * formats every label, on the server and in the web app.
 */
export interface VersionCoordinates {
  major: number;
  minor: number;
  sentToClient: boolean;
}

/** Sent → `V{major}`; internal → `V{major}.{minor}`. */
export function formatRevisionLabel(v: VersionCoordinates): string {
  return v.sentToClient ? `V${v.major}` : `V${v.major}.${v.minor}`;
}

/** The coordinates of the next upload on a stage, given the revisions it already has. */
export function nextUploadVersion(chain: readonly VersionCoordinates[]): {
  major: number;
  minor: number;
} {
  if (chain.length === 0) return { major: 0, minor: 1 };
  const major = Math.max(...chain.map((r) => r.major));
  const minor = Math.max(...chain.filter((r) => r.major === major).map((r) => r.minor));
  return { major, minor: minor + 1 };
}

/** The latest revision of a chain (highest major, then highest minor). */
export function latestRevision<T extends VersionCoordinates>(chain: readonly T[]): T | null {
  let best: T | null = null;
  for (const r of chain) {
    if (!best || r.major > best.major || (r.major === best.major && r.minor > best.minor)) best = r;
  }
  return best;
}

export type SendCheck = { ok: true; major: number; minor: 0 } | { ok: false; reason: string };

/**
 * Only the latest revision, and only while it is internal, can be sent; it becomes the next
 * major with minor 0.
 */
export function planSendToClient<T extends VersionCoordinates & { id: string }>(
  chain: readonly T[],
  revisionId: string,
): SendCheck {
  const target = chain.find((r) => r.id === revisionId);
  if (!target) return { ok: false, reason: 'That revision is not on this stage' };
  if (target.sentToClient)
    return { ok: false, reason: `${formatRevisionLabel(target)} was already sent to the client` };
  const latest = latestRevision(chain)!;
  if (latest.id !== target.id) {
    return {
      ok: false,
      reason: `Only the latest revision (${formatRevisionLabel(latest)}) can be sent; ${formatRevisionLabel(target)} is older`,
    };
  }
  const major = Math.max(...chain.map((r) => r.major)) + 1;
  return { ok: true, major, minor: 0 };
}
