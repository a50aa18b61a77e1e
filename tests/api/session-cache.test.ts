import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../../src/server/db/schema';
import {
  client,
  createTestApp,
  seedOrg,
  signIn,
  type SeededOrg,
  type TestContext,
} from '../helpers/test-app';

// Session resolution reads the session row on every request (no cache) in one query, and leaves
// expiry, deletion and the sliding refresh to better-auth: these pin that behaviour down.
const IDLE_MINUTES = 30;
const EXPIRES_IN_MS = IDLE_MINUTES * 60_000;
const UPDATE_AGE_MS = Math.min(IDLE_MINUTES * 15, 3600) * 1000; // as in better-auth.ts

let ctx: TestContext;
let org: SeededOrg;

beforeAll(async () => {
  ctx = await createTestApp({ SESSION_IDLE_MINUTES: String(IDLE_MINUTES) });
  org = await seedOrg(ctx, 'Session Org');
});
afterAll(async () => ctx?.close());

const tokenOf = (cookie: string) => decodeURIComponent(cookie.split('=')[1]!).split('.')[0]!;
const sessionRow = (cookie: string) =>
  ctx.database.db.query.sessions.findFirst({ where: eq(sessions.token, tokenOf(cookie)) });
const setExpiresAt = (cookie: string, expiresAt: Date) =>
  ctx.database.db
    .update(sessions)
    .set({ expiresAt })
    .where(eq(sessions.token, tokenOf(cookie)));
const sessionCookies = (res: { headers: Record<string, unknown> }) =>
  [res.headers['set-cookie'] ?? []].flat().filter((c) => String(c).includes('session_token'));

describe('session resolution', () => {
  it('takes one query for a signed-in request', async () => {
    const cookie = await signIn(ctx, org.users.PRODUCER.email);
    const pool = ctx.database.pool;
    const original = pool.query;
    let queries = 0;
    pool.query = ((...args: Parameters<typeof original>) => {
      queries++;
      return (original as (...a: unknown[]) => unknown).apply(pool, args);
    }) as typeof original;
    try {
      const request = {
        headers: { cookie },
        cookies: ctx.app.parseCookie(cookie),
        caller: null,
      } as unknown as FastifyRequest;
      const caller = await ctx.app.services.sessions.resolve(request);
      expect(caller?.email).toBe(org.users.PRODUCER.email);
      expect(caller?.permissions.has('DELIVERABLE_VIEW')).toBe(true);
      expect(queries).toBe(1);
    } finally {
      pool.query = original;
    }
  });

  it('notices a deleted session on the next request', async () => {
    const cookie = await signIn(ctx, org.users.PRODUCER.email);
    expect((await client(ctx, cookie).get('/api/me')).statusCode).toBe(200);
    await ctx.database.db.delete(sessions).where(eq(sessions.token, tokenOf(cookie)));
    expect((await client(ctx, cookie).get('/api/me')).statusCode).toBe(401);
  });

  it('refuses an expired session and removes it', async () => {
    const cookie = await signIn(ctx, org.users.PRODUCER.email);
    expect((await client(ctx, cookie).get('/api/me')).statusCode).toBe(200);
    await setExpiresAt(cookie, new Date(Date.now() - 1000));
    expect((await client(ctx, cookie).get('/api/me')).statusCode).toBe(401);
    expect(await sessionRow(cookie)).toBeUndefined();
  });

  it('refuses a cookie whose signature does not match', async () => {
    const cookie = await signIn(ctx, org.users.PRODUCER.email);
    const [name, value] = cookie.split('=') as [string, string];
    const [token, signature] = decodeURIComponent(value).split('.') as [string, string];
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    for (const forged of [`${token}.${flipped}`, token, `${token}.`]) {
      const res = await client(ctx, `${name}=${encodeURIComponent(forged)}`).get('/api/me');
      expect(res.statusCode).toBe(401);
    }
    expect((await client(ctx, cookie).get('/api/me')).statusCode).toBe(200);
  });

  it('leaves a session used within updateAge as it is', async () => {
    const cookie = await signIn(ctx, org.users.PRODUCER.email);
    const before = await sessionRow(cookie);
    const res = await client(ctx, cookie).get('/api/me');
    expect(res.statusCode).toBe(200);
    expect(sessionCookies(res)).toEqual([]);
    expect((await sessionRow(cookie))!.expiresAt).toEqual(before!.expiresAt);
  });

  it('extends an idle session once updateAge has passed, with a fresh cookie', async () => {
    const cookie = await signIn(ctx, org.users.PRODUCER.email);
    // Last extended just over updateAge ago.
    await setExpiresAt(cookie, new Date(Date.now() + EXPIRES_IN_MS - UPDATE_AGE_MS - 5_000));
    const res = await client(ctx, cookie).get('/api/me');
    expect(res.statusCode).toBe(200);
    expect(sessionCookies(res)).toHaveLength(1);
    const extended = (await sessionRow(cookie))!.expiresAt.getTime();
    expect(Math.abs(extended - (Date.now() + EXPIRES_IN_MS))).toBeLessThan(60_000);
    // Not again until updateAge has passed once more.
    const next = await client(ctx, cookie).get('/api/me');
    expect(sessionCookies(next)).toEqual([]);
    expect((await sessionRow(cookie))!.expiresAt.getTime()).toBe(extended);
  });

  it('picks up a role change on the next request', async () => {
    const t = await seedOrg(ctx, 'Role Change Org');
    const cookie = await signIn(ctx, t.users.ARTIST.email);
    expect((await client(ctx, cookie).get('/api/me')).json().role).toBe('ARTIST');
    await ctx.database.db
      .update(users)
      .set({ role: 'PRODUCER' })
      .where(eq(users.id, t.users.ARTIST.id));
    expect((await client(ctx, cookie).get('/api/me')).json().role).toBe('PRODUCER');
  });

  it('still signs in with a leftover session-data cookie', async () => {
    const cookie = await signIn(ctx, org.users.PRODUCER.email);
    const res = await client(ctx, `${cookie}; prodtrack.session_data=stale`).get('/api/me');
    expect(res.statusCode).toBe(200);
  });
});
