import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEmails, sessions, users } from '../../src/server/db/schema';
import {
  client,
  cookieFrom,
  createTestApp,
  PASSWORD,
  seedOrg,
  signIn,
  TEST_ORIGIN,
  type SeededOrg,
  type TestContext,
} from '../helpers/test-app';

let ctx: TestContext;
let org: SeededOrg;

beforeAll(async () => {
  ctx = await createTestApp({ LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3', SESSION_IDLE_MINUTES: '30' });
  org = await seedOrg(ctx, 'Auth Org');
});
afterAll(async () => ctx?.close());

const signInRaw = (email: string, password: string, ip = '10.0.0.1') =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    headers: { origin: TEST_ORIGIN },
    remoteAddress: ip,
    payload: { email, password },
  });

async function latestMail(to: string) {
  const rows = await ctx.database.db.query.outboxEmails.findMany({
    where: eq(outboxEmails.toAddress, to),
    orderBy: (t, { desc }) => [desc(t.createdAt)],
  });
  return rows[0];
}

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite session cookie with the idle expiry', async () => {
    const res = await signInRaw(org.users.PRODUCER.email, PASSWORD);
    expect(res.statusCode).toBe(200);
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/prodtrack\.session_token=/);
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);
    expect(raw).toMatch(/Max-Age=1800/);
    expect(raw).not.toMatch(/Secure/); // plain http in this test
  });

  it('marks the cookie Secure when the app is served over https', async () => {
    const https = await createTestApp({ APP_URL: 'https://prodtrack.example.test' });
    try {
      const o = await seedOrg(https, 'Https Org');
      const res = await https.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        headers: { origin: 'https://prodtrack.example.test' },
        payload: { email: o.users.ADMIN.email, password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(
        /__Secure-prodtrack\.session_token=.*Secure/,
      );
    } finally {
      await https.close();
    }
  });

  it('issues a new session token at every sign-in (no fixation)', async () => {
    const a = cookieFrom(await signInRaw(org.users.ARTIST.email, PASSWORD));
    const b = cookieFrom(await signInRaw(org.users.ARTIST.email, PASSWORD));
    expect(a).not.toEqual(b);
  });

  it('answers /api/me with user, organization, role and permissions', async () => {
    const cookie = await signIn(ctx, org.users.ARTIST.email);
    const res = await client(ctx, cookie).get('/api/me');
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.user.email).toBe(org.users.ARTIST.email);
    expect(me.organization.id).toBe(org.orgId);
    expect(me.role).toBe('ARTIST');
    expect(me.permissions).toContain('REVISION_CREATE');
    expect(me.permissions).not.toContain('USER_MANAGE');
    expect(JSON.stringify(me)).not.toMatch(/"password"|argon2/i);
    const account = await ctx.database.db.query.accounts.findFirst({
      where: (a, { eq: eq2 }) => eq2(a.userId, me.user.id),
    });
    expect(account?.password).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password with 401 and the error envelope', async () => {
    const res = await signInRaw(org.users.ADMIN.email, 'not-the-password', '10.0.0.9');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: { code: 'INVALID_CREDENTIALS', message: 'Wrong e-mail or password' },
    });
  });

  it('throttles an account after repeated failures with 429 and Retry-After', async () => {
    const email = org.users.CLIENT_VIEWER.email;
    for (let i = 0; i < 3; i++)
      expect((await signInRaw(email, 'wrong-password', `10.1.0.${i}`)).statusCode).toBe(401);
    const blocked = await signInRaw(email, PASSWORD, '10.1.0.99');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles an IP that tries many accounts', async () => {
    const t = await createTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '4' });
    try {
      const inject = (email: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in/email',
          headers: { origin: TEST_ORIGIN },
          remoteAddress: '10.9.9.9',
          payload: { email, password: 'wrong-password' },
        });
      for (let i = 0; i < 4; i++) expect((await inject(`nobody${i}@x.test`)).statusCode).toBe(401);
      expect((await inject('nobody-else@x.test')).statusCode).toBe(429);
    } finally {
      await t.close();
    }
  });

  it('rejects malformed JSON, unknown fields and bad e-mails with 400 and a message', async () => {
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_REQUEST');

    const unknown = await signInRawBody({
      email: org.users.ADMIN.email,
      password: PASSWORD,
      admin: true,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');

    const email = await signInRawBody({ email: 'not-an-email', password: PASSWORD });
    expect(email.statusCode).toBe(400);
    expect(email.json().error.fields[0].path).toBe('email');
  });

  it('refuses oversize bodies with 413', async () => {
    const res = await signInRawBody({ email: 'a@b.test', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('signs out: the cookie no longer works', async () => {
    const cookie = await signIn(ctx, org.users.PRODUCER.email);
    expect((await client(ctx, cookie).get('/api/me')).statusCode).toBe(200);
    expect((await client(ctx, cookie).post('/api/auth/sign-out')).statusCode).toBe(200);
    const after = await client(ctx, cookie).get('/api/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('ends a session past its absolute lifetime even if used recently', async () => {
    const cookie = await signIn(ctx, org.users.PRODUCER.email);
    const user = await ctx.database.db.query.users.findFirst({
      where: eq(users.email, org.users.PRODUCER.email),
    });
    await ctx.database.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 8 * 24 * 3600_000) })
      .where(eq(sessions.userId, user!.id));
    expect((await client(ctx, cookie).get('/api/me')).statusCode).toBe(401);
  });

  it('refuses disabled accounts', async () => {
    const admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
    const t = await seedOrg(ctx, 'Disabled Org');
    const adminT = client(ctx, await signIn(ctx, t.users.ADMIN.email));
    const artistCookie = await signIn(ctx, t.users.ARTIST.email);
    expect(
      (await adminT.patch(`/api/users/${t.users.ARTIST.id}`, { disabled: true })).statusCode,
    ).toBe(200);
    // Existing sessions end, and new sign-ins fail.
    expect((await client(ctx, artistCookie).get('/api/me')).statusCode).toBe(401);
    expect((await signInRaw(t.users.ARTIST.email, PASSWORD, '10.3.0.1')).statusCode).toBe(401);
    // Another org's admin cannot touch this user.
    expect(
      (await admin.patch(`/api/users/${t.users.ARTIST.id}`, { disabled: false })).statusCode,
    ).toBe(404);
  });
});

function signInRawBody(body: unknown) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    headers: { origin: TEST_ORIGIN },
    remoteAddress: '10.2.0.1',
    payload: body as object,
  });
}

describe('must change password', () => {
  it('blocks the app until the temporary password is changed', async () => {
    const admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
    const created = await admin.post('/api/users', {
      email: 'temp.user@auth-org.test',
      name: 'Temp User',
      role: 'ARTIST',
      temporaryPassword: 'temporary-pass-1',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().mustChangePassword).toBe(true);

    const cookie = await signIn(ctx, 'temp.user@auth-org.test', 'temporary-pass-1');
    const c = client(ctx, cookie);
    expect((await c.get('/api/me')).json().user.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/notifications');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const wrong = await c.post('/api/me/password', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'a-brand-new-pass',
    });
    expect(wrong.statusCode).toBe(400);
    const same = await c.post('/api/me/password', {
      currentPassword: 'temporary-pass-1',
      newPassword: 'temporary-pass-1',
    });
    expect(same.statusCode).toBe(400);
    const short = await c.post('/api/me/password', {
      currentPassword: 'temporary-pass-1',
      newPassword: 'short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].path).toBe('newPassword');

    expect(
      (
        await c.post('/api/me/password', {
          currentPassword: 'temporary-pass-1',
          newPassword: 'a-brand-new-pass',
        })
      ).statusCode,
    ).toBe(204);
    expect((await c.get('/api/notifications')).statusCode).toBe(200);
    await signIn(ctx, 'temp.user@auth-org.test', 'a-brand-new-pass');
  });
});

describe('forgot password', () => {
  it('e-mails a single-use token that sets a new password and ends old sessions', async () => {
    const t = await seedOrg(ctx, 'Reset Org');
    const email = t.users.ARTIST.email;
    const oldCookie = await signIn(ctx, email);
    const res = await client(ctx).post('/api/auth/request-password-reset', { email });
    expect(res.statusCode).toBe(200);
    const mail = await latestMail(email);
    expect(mail?.subject).toMatch(/Reset/);
    const token = /reset-password\?token=([^\s]+)/.exec(mail!.textBody)?.[1];
    expect(token).toBeTruthy();

    const reset = await client(ctx).post('/api/auth/reset-password', {
      token: decodeURIComponent(token!),
      newPassword: 'reset-new-password',
    });
    expect(reset.statusCode).toBe(200);
    expect((await client(ctx, oldCookie).get('/api/me')).statusCode).toBe(401);
    await signIn(ctx, email, 'reset-new-password');

    const reuse = await client(ctx).post('/api/auth/reset-password', {
      token: decodeURIComponent(token!),
      newPassword: 'another-new-password',
    });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().error.code).toBe('INVALID_TOKEN');
  });

  it('does not reveal whether an address exists', async () => {
    const res = await client(ctx).post('/api/auth/request-password-reset', {
      email: 'nobody@nowhere.test',
    });
    expect(res.statusCode).toBe(200);
    expect(await latestMail('nobody@nowhere.test')).toBeUndefined();
  });

  it('refuses an expired token', async () => {
    const t = await createTestApp({ PASSWORD_RESET_TTL_MINUTES: '5' });
    try {
      const o = await seedOrg(t, 'Expiry Org');
      const asked = await client(t).post('/api/auth/request-password-reset', {
        email: o.users.ADMIN.email,
      });
      expect(asked.statusCode).toBe(200);
      const mail = await t.database.db.query.outboxEmails.findFirst({
        where: eq(outboxEmails.toAddress, o.users.ADMIN.email),
      });
      expect(mail, 'the reset e-mail').toBeTruthy();
      const token = decodeURIComponent(/token=([^\s]+)/.exec(mail!.textBody)![1]!);
      const { verifications } = await import('../../src/server/db/schema');
      const expired = await t.database.db
        .update(verifications)
        .set({ expiresAt: new Date(Date.now() - 60_000) })
        .returning({ id: verifications.id });
      expect(expired.length).toBeGreaterThan(0);
      const res = await client(t).post('/api/auth/reset-password', {
        token,
        newPassword: 'too-late-password',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('INVALID_TOKEN');
    } finally {
      await t.close();
    }
  });
});

describe('health and docs', () => {
  it('reports the database and migrations', async () => {
    const res = await client(ctx).get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite',
      migrations: { applied: expect.any(Number) },
    });
    expect(res.json().migrations.applied).toBeGreaterThan(0);
  });

  it('serves the OpenAPI document and the interactive docs', async () => {
    const doc = (await client(ctx).get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/me', '/api/users', '/api/roles']),
    );
    const docs = await client(ctx).get('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/html/);
  });

  it('answers unknown API routes with a 404 envelope', async () => {
    const res = await client(ctx).get('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
