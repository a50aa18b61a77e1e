import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintText } from '../../src/domain/idempotency';
import { apiKeys, briefs, idempotencyRecords } from '../../src/server/db/schema';
import { sha256Hex } from '../../src/server/modules/integrations/idempotency.service';
import { createIntegrationJobHandlers } from '../../src/server/modules/integrations/jobs';
import {
  client,
  createTestApp,
  seedOrg,
  signIn,
  TEST_ORIGIN,
  type SeededOrg,
  type TestContext,
} from '../helpers/test-app';

let ctx: TestContext;
let org: SeededOrg;
let other: SeededOrg;
type Client = ReturnType<typeof client>;
let admin: Client;
let producer: Client;
let artist: Client;
let otherAdmin: Client;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Keys Org');
  other = await seedOrg(ctx, 'Keys Other');
  admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
  producer = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  otherAdmin = client(ctx, await signIn(ctx, other.users.ADMIN.email));
});
afterAll(async () => ctx?.close());

interface KeyOut {
  id: string;
  name: string;
  role: string;
  keyPrefix: string;
  key?: string;
  createdBy: { id: string; name: string } | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

async function createKey(c: Client, body: Record<string, unknown> = {}) {
  const res = await c.post('/api/api-keys', {
    name: `Key ${Math.random().toString(36).slice(2, 7)}`,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as KeyOut & { key: string };
}

/** A request with an API key (and optionally an Idempotency-Key). */
function withKey(
  key: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return ctx.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}`, ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

describe('API keys', () => {
  it('creates a key shown once, stored hashed, listed without the key', async () => {
    const created = await createKey(producer, { name: 'Intake system' });
    expect(created.key).toMatch(/^ptk_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.keyPrefix)).toBe(true);
    expect(created.role).toBe('PRODUCER');
    expect(created.createdBy?.id).toBe(org.users.PRODUCER.id);

    const [row] = await ctx.database.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row!.keyHash).not.toContain(created.key);
    expect(JSON.stringify(row)).not.toContain(created.key);

    const list = await producer.get('/api/api-keys');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.key);
    const item = (list.json().items as KeyOut[]).find((k) => k.id === created.id);
    expect(item).toMatchObject({ name: 'Intake system', keyPrefix: created.keyPrefix });
    expect(item).not.toHaveProperty('key');
  });

  it('needs API_KEY_MANAGE, keeps keys per org, and only admins make admin keys', async () => {
    expect((await artist.post('/api/api-keys', { name: 'x' })).statusCode).toBe(403);
    expect((await artist.get('/api/api-keys')).statusCode).toBe(403);
    const mine = await createKey(admin);
    const theirs = (await otherAdmin.get('/api/api-keys')).json().items as KeyOut[];
    expect(theirs.map((k) => k.id)).not.toContain(mine.id);
    expect((await otherAdmin.delete(`/api/api-keys/${mine.id}`)).statusCode).toBe(404);
    expect((await producer.post('/api/api-keys', { name: 'root', role: 'ADMIN' })).statusCode).toBe(
      403,
    );
    expect(
      (await producer.post('/api/api-keys', { name: 'cv', role: 'CLIENT_VIEWER' })).statusCode,
    ).toBe(400);
    expect((await producer.post('/api/api-keys', { name: '' })).statusCode).toBe(400);
    const adminKey = await createKey(admin, { role: 'ADMIN' });
    expect(adminKey.role).toBe('ADMIN');
  });

  it('authenticates /api/briefs with the role of the key and records it', async () => {
    const { key, id } = await createKey(producer, { name: 'Workfront' });
    const res = await withKey(key, 'POST', '/api/briefs', { title: 'From the key' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().source).toBe('api');
    const detail = await producer.get(`/api/briefs/${res.json().id}`);
    expect(detail.json().history[0]).toMatchObject({
      toStatus: 'PENDING',
      actor: 'API key Workfront',
    });
    const [row] = await ctx.database.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row!.lastUsedAt).not.toBeNull();

    // An artist-role key lacks BRIEF_MANAGE: signed in, but not allowed.
    const artistKey = await createKey(producer, { role: 'ARTIST' });
    expect((await withKey(artistKey.key, 'POST', '/api/briefs', { title: 'x' })).statusCode).toBe(
      403,
    );
  });

  it('is accepted only on /api/v1/* and /api/briefs', async () => {
    const { key } = await createKey(producer);
    const res = await withKey(key, 'GET', '/api/projects');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/only on \/api\/v1\/\* and \/api\/briefs/);
    expect((await withKey(key, 'GET', '/api/api-keys')).statusCode).toBe(401);
    expect((await withKey(key, 'GET', '/api/briefs')).statusCode).toBe(200);
  });

  it('refuses unknown and revoked keys with 401 and a clear message', async () => {
    const unknown = await withKey('ptk_not-a-real-key', 'GET', '/api/briefs');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'The API key is not valid',
    });
    const malformed = await ctx.app.inject({
      method: 'GET',
      url: '/api/briefs',
      headers: { authorization: 'Basic abc' },
    });
    expect(malformed.statusCode).toBe(401);

    const created = await createKey(producer, { name: 'Short lived' });
    expect((await withKey(created.key, 'GET', '/api/briefs')).statusCode).toBe(200);
    expect((await artist.delete(`/api/api-keys/${created.id}`)).statusCode).toBe(403);
    const revoke = await producer.delete(`/api/api-keys/${created.id}`);
    expect(revoke.statusCode).toBe(204);
    const after = await withKey(created.key, 'GET', '/api/briefs');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toBe('The API key "Short lived" has been revoked');
    expect((await producer.delete(`/api/api-keys/${created.id}`)).statusCode).toBe(204);
    const listed = (await producer.get('/api/api-keys')).json().items as KeyOut[];
    expect(listed.find((k) => k.id === created.id)?.revokedAt).not.toBeNull();
  });

  it('is not accepted by an API key to manage keys, even with the permission', async () => {
    const { key } = await createKey(admin, { role: 'ADMIN' });
    expect((await withKey(key, 'POST', '/api/api-keys', { name: 'child' })).statusCode).toBe(401);
  });
});

describe('Idempotency-Key', () => {
  let key: string;
  let keyId: string;
  beforeAll(async () => {
    const k = await createKey(producer, { name: 'Idempotent' });
    key = k.key;
    keyId = k.id;
  });

  const post = (body: unknown, idem: string, k = key) =>
    withKey(k, 'POST', '/api/briefs', body, { 'idempotency-key': idem });

  const countTitled = async (title: string) =>
    (
      await ctx.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(briefs)
        .where(and(eq(briefs.organizationId, org.orgId), eq(briefs.title, title)))
    )[0]!.n;

  it('replays the stored status and body for the same request', async () => {
    const body = { title: 'Replay me', priority: 'HIGH', extra: { b: 1, a: 2 } };
    const first = await post(body, 'replay-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // Same meaning, other key order: the same request.
    const again = await post(
      { extra: { a: 2, b: 1 }, priority: 'HIGH', title: 'Replay me' },
      'replay-1',
    );
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await countTitled('Replay me')).toBe(1);
  });

  it('refuses the same key with a different request (422)', async () => {
    expect((await post({ title: 'Original' }, 'reuse-1')).statusCode).toBe(201);
    const res = await post({ title: 'Different' }, 'reuse-1');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countTitled('Different')).toBe(0);
    // Another route with the same key is another scope.
    const other = await withKey(
      key,
      'POST',
      '/api/briefs/nope/status',
      { status: 'REVIEWING' },
      {
        'idempotency-key': 'reuse-1',
      },
    );
    expect(other.statusCode).toBe(404);
  });

  it('answers 409 while the first request is still running', async () => {
    const body = { title: 'Still running' };
    await ctx.database.db.insert(idempotencyRecords).values({
      organizationId: org.orgId,
      keyHolder: keyId,
      route: 'POST /api/briefs',
      key: 'running-1',
      requestHash: sha256Hex(fingerprintText('POST', '/api/briefs', body)),
      state: 'IN_FLIGHT',
    });
    const res = await post(body, 'running-1');
    expect(res.statusCode).toBe(409);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json().error.message).toMatch(/still being processed/);
    // A different request with that key is refused as reuse, running or not.
    expect((await post({ title: 'other' }, 'running-1')).statusCode).toBe(422);
    expect(await countTitled('Still running')).toBe(0);
  });

  it('scopes keys by org and key holder', async () => {
    const otherKey = await createKey(otherAdmin);
    const body = { title: 'Scoped' };
    expect((await post(body, 'scoped-1')).statusCode).toBe(201);
    const theirs = await post(body, 'scoped-1', otherKey.key);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    // A person's session is another key holder than the API key.
    const bySession = await ctx.app.inject({
      method: 'POST',
      url: '/api/briefs',
      headers: {
        origin: TEST_ORIGIN,
        cookie: await signIn(ctx, org.users.PRODUCER.email),
        'idempotency-key': 'scoped-1',
      },
      payload: body,
    });
    expect(bySession.statusCode).toBe(201);
    expect(bySession.json().source).toBe('manual');
    expect(await countTitled('Scoped')).toBe(2);
  });

  it('stores refusals too, and refuses a malformed key', async () => {
    const first = await post({ title: 'x', clientTeamId: 'no-such-team' }, 'refused-1');
    expect(first.statusCode).toBe(400);
    const again = await post({ title: 'x', clientTeamId: 'no-such-team' }, 'refused-1');
    expect(again.statusCode).toBe(400);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await post({ title: 'x' }, 'has space')).statusCode).toBe(400);
  });

  it('100 concurrent identical requests have exactly one effect', async () => {
    const body = { title: 'Concurrent brief', description: 'one, please' };
    const results = await Promise.all(
      Array.from({ length: 100 }, () => post(body, 'concurrent-1')),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(
      statuses.every((s) => s === 201 || s === 409),
      statuses.join(','),
    ).toBe(true);
    const created = results.filter((r) => r.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.json().id)).size).toBe(1);
    expect(created.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    expect(await countTitled('Concurrent brief')).toBe(1);
    // Once settled, every retry gets the stored answer.
    const late = await post(body, 'concurrent-1');
    expect(late.statusCode).toBe(201);
    expect(late.json().id).toBe(created[0]!.json().id);
  });

  it('keeps records 24 hours; the sweep removes older ones', async () => {
    const body = { title: 'Old record' };
    expect((await post(body, 'old-1')).statusCode).toBe(201);
    expect((await post({ title: 'Fresh record' }, 'fresh-1')).statusCode).toBe(201);
    await ctx.database.db
      .update(idempotencyRecords)
      .set({ createdAt: new Date(Date.now() - 25 * 3600_000) })
      .where(eq(idempotencyRecords.key, 'old-1'));
    const logs: string[] = [];
    const handlers = createIntegrationJobHandlers(ctx.database.db, ctx.config, (m) => logs.push(m));
    await handlers['integrations.sweep']!(
      {},
      { id: 'j', name: 'integrations.sweep', retryCount: 0 },
    );
    const keys = (
      await ctx.database.db
        .select({ key: idempotencyRecords.key })
        .from(idempotencyRecords)
        .where(eq(idempotencyRecords.keyHolder, keyId))
    ).map((r) => r.key);
    expect(keys).not.toContain('old-1');
    expect(keys).toContain('fresh-1');
    expect(logs.join('\n')).toMatch(/idempotency records older than 24 h removed/);
    // The key is free again: a new request runs (a new brief).
    const reused = await post({ title: 'Old record' }, 'old-1');
    expect(reused.statusCode).toBe(201);
    expect(reused.headers['idempotent-replayed']).toBeUndefined();
    expect(await countTitled('Old record')).toBe(2);
  });

  it('treats an unswept record older than 24 hours as gone', async () => {
    expect((await post({ title: 'Expired A' }, 'expired-1')).statusCode).toBe(201);
    await ctx.database.db
      .update(idempotencyRecords)
      .set({ createdAt: new Date(Date.now() - 25 * 3600_000) })
      .where(eq(idempotencyRecords.key, 'expired-1'));
    const res = await post({ title: 'Expired B' }, 'expired-1');
    expect(res.statusCode).toBe(201);
    expect(res.json().title).toBe('Expired B');
  });
});
