import { eq } from 'drizzle-orm';
import { OAuth2Server } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/server/db/schema';
import {
  client,
  cookieFrom,
  createTestApp,
  seedOrg,
  TEST_ORIGIN,
  type SeededOrg,
  type TestContext,
} from '../helpers/test-app';

let oidc: OAuth2Server;
let ctx: TestContext;
let org: SeededOrg;
let nextIdentity: { sub: string; email: string; name: string };

beforeAll(async () => {
  oidc = new OAuth2Server();
  await oidc.issuer.keys.generate('RS256');
  await oidc.start(0, 'localhost');
  const identity = () => ({ ...nextIdentity, email_verified: true });
  oidc.service.on('beforeTokenSigning', (token) => Object.assign(token.payload, identity()));
  oidc.service.on('beforeUserinfo', (res) => {
    res.body = { ...identity() };
  });
  ctx = await createTestApp({
    OIDC_ISSUER: oidc.issuer.url!,
    OIDC_CLIENT_ID: 'prodtrack-test',
    OIDC_CLIENT_SECRET: 'prodtrack-secret',
    OIDC_LABEL: 'Sign in with Entra ID',
  });
  org = await seedOrg(ctx, 'Sso Org');
});
afterAll(async () => {
  await ctx?.close();
  await oidc?.stop();
});

/** Walks the real authorization-code flow against the mock identity provider. */
async function ssoSignIn(): Promise<{ status: number; cookie: string; location?: string }> {
  const start = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/oauth2',
    headers: { origin: TEST_ORIGIN },
    payload: { providerId: 'oidc', callbackURL: '/', errorCallbackURL: '/login' },
  });
  expect(start.statusCode).toBe(200);
  const stateCookie = cookieFrom(start);
  const authorize = await fetch(start.json().url as string, { redirect: 'manual' });
  expect(authorize.status).toBe(302);
  const back = new URL(authorize.headers.get('location')!);
  expect(back.pathname).toBe('/api/auth/callback/oidc');
  const callback = await ctx.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: { cookie: stateCookie },
  });
  return {
    status: callback.statusCode,
    cookie: cookieFrom(callback),
    location: callback.headers.location as string | undefined,
  };
}

describe('OIDC single sign-on', () => {
  it('advertises the provider to the sign-in page', async () => {
    const res = await client(ctx).get('/api/public/config');
    expect(res.json().oidc).toEqual({
      enabled: true,
      providerId: 'oidc',
      label: 'Sign in with Entra ID',
    });
  });

  it('signs in an existing user by e-mail and links the identity', async () => {
    nextIdentity = { sub: 'entra-123', email: org.users.PRODUCER.email, name: 'Producer via SSO' };
    const result = await ssoSignIn();
    expect(result.status).toBe(302);
    expect(result.location).toBe('/');
    const me = await client(ctx, result.cookie).get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(org.users.PRODUCER.email);
    expect(me.json().role).toBe('PRODUCER');
    const row = await ctx.database.db.query.users.findFirst({
      where: eq(users.email, org.users.PRODUCER.email),
    });
    expect(row?.lastLoginAt).toBeTruthy();
  });

  it('refuses an unknown user when no default organization is configured', async () => {
    nextIdentity = { sub: 'entra-999', email: 'stranger@elsewhere.test', name: 'Stranger' };
    const result = await ssoSignIn();
    expect(result.cookie).not.toMatch(/session_token/);
    expect(result.location ?? '').toMatch(/error/);
    const row = await ctx.database.db.query.users.findFirst({
      where: eq(users.email, 'stranger@elsewhere.test'),
    });
    expect(row).toBeUndefined();
  });

  it('refuses a disabled user', async () => {
    await ctx.database.db
      .update(users)
      .set({ disabledAt: new Date() })
      .where(eq(users.id, org.users.ARTIST.id));
    nextIdentity = { sub: 'entra-art', email: org.users.ARTIST.email, name: 'Artist' };
    const result = await ssoSignIn();
    expect(result.cookie).not.toMatch(/session_token=[^;]+/);
  });
});
