/**
 * Idempotency-Key rules (API.md): a request's fingerprint is its method, path and semantic
 * content; a stored record answers a retry with the same fingerprint, refuses a different one,
 * and holds off a retry while the first request still runs. Pure; hashing happens in the server.
 */

/** How long a stored answer is kept (and honoured). */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

/** Header values we accept as keys: printable ASCII, 1 to 255 characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY_PATTERN.test(key);
}

/**
 * JSON with object keys sorted at every depth, so two bodies that mean the same thing (key
 * order, whitespace) have the same text. `undefined` members are dropped as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** One file of a multipart request, as it enters the fingerprint. */
export interface FingerprintFile {
  field: string;
  fileName: string;
  sha256: string;
}

/**
 * The semantic content of a multipart request: its text fields (order-insensitive, repeated
 * names kept in order) and each file's field, name and SHA-256 — never the raw body, whose
 * boundary changes on every retry.
 */
export function multipartContent(
  fields: readonly { name: string; value: string }[],
  files: readonly FingerprintFile[],
): unknown {
  const byName: Record<string, string[]> = {};
  for (const f of fields) (byName[f.name] ??= []).push(f.value);
  return {
    multipart: {
      fields: byName,
      files: [...files].sort((a, b) =>
        a.field === b.field ? a.fileName.localeCompare(b.fileName) : a.field < b.field ? -1 : 1,
      ),
    },
  };
}

/** The text whose hash is the request's fingerprint. */
export function fingerprintText(method: string, path: string, content: unknown): string {
  return canonicalJson({ method: method.toUpperCase(), path, content: content ?? null });
}

export interface StoredIdempotencyRecord {
  requestHash: string;
  state: 'IN_FLIGHT' | 'DONE';
  createdAt: Date;
}

export type IdempotencyDecision =
  /** The record is past its 24 hours: forget it and treat the request as new. */
  | { kind: 'expired' }
  /** Same key, different request. */
  | { kind: 'mismatch' }
  /** Same request, the first one has not stored its answer yet. */
  | { kind: 'in-flight' }
  /** Same request, answered: send the stored answer. */
  | { kind: 'replay' };

/** What to do with a request whose key already has a record. */
export function decideIdempotency(
  existing: StoredIdempotencyRecord,
  requestHash: string,
  now: Date,
): IdempotencyDecision {
  if (existing.createdAt.getTime() + IDEMPOTENCY_TTL_MS <= now.getTime())
    return { kind: 'expired' };
  if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
  if (existing.state === 'IN_FLIGHT') return { kind: 'in-flight' };
  return { kind: 'replay' };
}
