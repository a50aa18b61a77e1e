import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  decideIdempotency,
  fingerprintText,
  IDEMPOTENCY_TTL_MS,
  isValidIdempotencyKey,
  multipartContent,
} from '../../src/domain/idempotency';

describe('canonicalJson', () => {
  it('ignores key order and whitespace at every depth', () => {
    const a = { b: 1, a: { y: [1, { q: 2, p: 1 }], x: 'z' } };
    const b = JSON.parse('{ "a": {"x": "z", "y": [1, {"p": 1, "q": 2}]}, "b": 1 }') as unknown;
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"z","y":[1,{"p":1,"q":2}]},"b":1}');
  });

  it('keeps array order and value types apart', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('fingerprints', () => {
  it('include method and path', () => {
    const body = { title: 'x' };
    expect(fingerprintText('post', '/api/briefs', body)).toBe(
      fingerprintText('POST', '/api/briefs', { title: 'x' }),
    );
    expect(fingerprintText('POST', '/api/briefs', body)).not.toBe(
      fingerprintText('POST', '/api/v1/upload', body),
    );
  });

  it('see multipart fields and file hashes, not their order', () => {
    const one = multipartContent(
      [
        { name: 'note', value: 'a' },
        { name: 'tag', value: '1' },
      ],
      [{ field: 'file', fileName: '123_hero.png', sha256: 'abc' }],
    );
    const two = multipartContent(
      [
        { name: 'tag', value: '1' },
        { name: 'note', value: 'a' },
      ],
      [{ field: 'file', fileName: '123_hero.png', sha256: 'abc' }],
    );
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    const otherBytes = multipartContent(
      [
        { name: 'note', value: 'a' },
        { name: 'tag', value: '1' },
      ],
      [{ field: 'file', fileName: '123_hero.png', sha256: 'abd' }],
    );
    expect(canonicalJson(one)).not.toBe(canonicalJson(otherBytes));
  });
});

describe('keys', () => {
  it.each([
    ['abc', true],
    ['8e0f-4c1a_x.y:z', true],
    ['', false],
    ['has space', false],
    ['é', false],
    ['x'.repeat(255), true],
    ['x'.repeat(256), false],
  ])('%j valid: %s', (key, valid) => {
    expect(isValidIdempotencyKey(key)).toBe(valid);
  });
});

describe('decideIdempotency', () => {
  const now = new Date('2026-11-02T12:00:00Z');
  const fresh = new Date(now.getTime() - 60_000);
  it('replays a finished request with the same fingerprint', () => {
    expect(
      decideIdempotency({ requestHash: 'h', state: 'DONE', createdAt: fresh }, 'h', now),
    ).toEqual({
      kind: 'replay',
    });
  });
  it('holds off while the first is running', () => {
    expect(
      decideIdempotency({ requestHash: 'h', state: 'IN_FLIGHT', createdAt: fresh }, 'h', now),
    ).toEqual({ kind: 'in-flight' });
  });
  it('refuses a different request, running or done', () => {
    for (const state of ['DONE', 'IN_FLIGHT'] as const) {
      expect(
        decideIdempotency({ requestHash: 'h', state, createdAt: fresh }, 'other', now),
      ).toEqual({ kind: 'mismatch' });
    }
  });
  it('forgets records after 24 hours', () => {
    const old = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
    expect(
      decideIdempotency({ requestHash: 'h', state: 'DONE', createdAt: old }, 'x', now),
    ).toEqual({
      kind: 'expired',
    });
    const almost = new Date(now.getTime() - IDEMPOTENCY_TTL_MS + 1000);
    expect(
      decideIdempotency({ requestHash: 'h', state: 'DONE', createdAt: almost }, 'h', now),
    ).toEqual({ kind: 'replay' });
  });
});
