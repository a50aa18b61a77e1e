import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, toPage } from '../../src/server/http/pagination';
import { AppError } from '../../src/server/errors';

describe('keyset pagination', () => {
  it('round-trips a cursor', () => {
    const key = { createdAt: new Date('2026-01-02T03:04:05.678Z'), id: 'abc' };
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
  });

  it('refuses a tampered cursor with a validation error', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(AppError);
    expect(() => decodeCursor(Buffer.from('["nope", 3]').toString('base64url'))).toThrow(/cursor/);
  });

  it('uses the extra row only to know there is a next page', () => {
    const rows = [1, 2, 3].map((i) => ({ id: `r${i}`, createdAt: new Date(3000 - i) }));
    const page = toPage(rows, 2, (r) => r.id);
    expect(page.items).toEqual(['r1', 'r2']);
    expect(decodeCursor(page.nextCursor!)!.id).toBe('r2');
    expect(toPage(rows.slice(0, 2), 2, (r) => r.id).nextCursor).toBeNull();
  });
});
