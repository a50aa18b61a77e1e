import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientTeams,
  invitations,
  outboxEmails,
  users as usersTable,
} from '../../src/server/db/schema';
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
let other: SeededOrg;
type Client = ReturnType<typeof client>;
let admin: Client;
let producer: Client;
let artist: Client;
let viewer: Client;
let otherAdmin: Client;
const anon = () => client(ctx);

beforeAll(async () => {
  ctx = await createTestApp({ INVITATION_TTL_HOURS: '48' });
  org = await seedOrg(ctx, 'Invite Org');
  other = await seedOrg(ctx, 'Invite Other Org');
  admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
  producer = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  viewer = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
  otherAdmin = client(ctx, await signIn(ctx, other.users.ADMIN.email));
});
afterAll(async () => ctx?.close());

let seq = 0;
const newEmail = (prefix = 'invitee') =>
  `${prefix}.${++seq}.${Math.random().toString(36).slice(2, 6)}@invitee.test`;

async function mailsTo(to: string) {
  return ctx.database.db.query.outboxEmails.findMany({
    where: eq(outboxEmails.toAddress, to),
    orderBy: (t, { desc }) => [desc(t.createdAt)],
  });
}

function tokenOf(mail: { textBody: string } | undefined): string {
  const m = /accept-invite\?token=([A-Za-z0-9_\-%]+)/.exec(mail?.textBody ?? '');
  expect(m, 'accept link in the e-mail').toBeTruthy();
  return decodeURIComponent(m![1]!);
}

async function invite(c: Client, body: Record<string, unknown> = {}) {
  const email = (body.email as string | undefined) ?? newEmail();
  const res = await c.post('/api/invitations', { email, role: 'ARTIST', ...body });
  expect(res.statusCode, res.body).toBe(201);
  const mails = await mailsTo(email.toLowerCase());
  return { invitation: res.json(), token: tokenOf(mails[0]), email: email.toLowerCase() };
}

let ipSeq = 0;
function accept(body: Record<string, unknown>) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/invitations/accept',
    headers: { origin: TEST_ORIGIN },
    remoteAddress: `10.77.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`,
    payload: body,
  });
}

const lookup = (token: string) =>
  anon().get(`/api/invitations/lookup?token=${encodeURIComponent(token)}`);

async function listAll(c: Client) {
  const res = await c.get('/api/invitations?limit=200');
  expect(res.statusCode).toBe(200);
  return res.json().items as { id: string; email: string; status: string }[];
}

describe('POST /api/invitations', () => {
  it('creates a pending invitation and e-mails a link, never returning the token', async () => {
    const email = newEmail('Mixed.CASE');
    const res = await admin.post('/api/invitations', { email, role: 'PRODUCER' });
    expect(res.statusCode).toBe(201);
    const inv = res.json();
    expect(inv).toMatchObject({
      id: expect.any(String),
      email: email.toLowerCase(),
      role: 'PRODUCER',
      clientTeamIds: [],
      status: 'PENDING',
      invitedBy: { id: org.users.ADMIN.id, name: expect.any(String) },
    });
    const ttl = new Date(inv.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(47 * 3600_000);
    expect(ttl).toBeLessThanOrEqual(48 * 3600_000);

    const mails = await mailsTo(email.toLowerCase());
    expect(mails).toHaveLength(1);
    expect(mails[0]!.organizationId).toBe(org.orgId);
    expect(mails[0]!.subject).toMatch(/Invite Org/);
    const token = tokenOf(mails[0]);
    expect(mails[0]!.textBody).toContain(`${TEST_ORIGIN}/accept-invite?token=`);
    expect(res.body).not.toContain(token);
    // Only a hash is stored.
    const row = await ctx.database.db.query.invitations.findFirst({
      where: eq(invitations.id, inv.id),
    });
    expect(JSON.stringify(row)).not.toContain(token);

    expect((await listAll(admin)).map((i) => i.id)).toContain(inv.id);
  });

  it('refuses an address that already has an account (any organization) with 409', async () => {
    for (const email of [org.users.ARTIST.email, other.users.ARTIST.email.toUpperCase()]) {
      const res = await admin.post('/api/invitations', { email, role: 'ARTIST' });
      expect(res.statusCode, email).toBe(409);
      expect(res.json().error.code).toBe('CONFLICT');
    }
  });

  it('refuses a second invitation while one is pending with 409', async () => {
    const { email } = await invite(admin);
    const res = await admin.post('/api/invitations', { email, role: 'PRODUCER' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CONFLICT');
    expect(await mailsTo(email)).toHaveLength(1);
    // Another organization may invite the same address.
    expect((await otherAdmin.post('/api/invitations', { email, role: 'ARTIST' })).statusCode).toBe(
      201,
    );
  });

  it('refuses client teams that are unknown or belong to another organization with 400', async () => {
    const theirs = (
      await otherAdmin.post('/api/client-teams', { name: `Their Team ${Date.now()}` })
    ).json();
    for (const clientTeamIds of [[theirs.id], ['no-such-team']]) {
      const res = await admin.post('/api/invitations', {
        email: newEmail(),
        role: 'CLIENT_VIEWER',
        clientTeamIds,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('clientTeamIds');
    }
  });

  it('refuses bad input and unknown fields with 400 and fields', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'nope', role: 'ARTIST' }, 'email'],
      [{ role: 'ARTIST' }, 'email'],
      [{ email: newEmail(), role: 'OWNER' }, 'role'],
      [{ email: newEmail() }, 'role'],
      [{ email: newEmail(), role: 'ARTIST', clientTeamIds: 'x' }, 'clientTeamIds'],
      [{ email: newEmail(), role: 'ARTIST', clientTeamIds: [''] }, 'clientTeamIds.0'],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post('/api/invitations', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    const unknown = await admin.post('/api/invitations', {
      email: newEmail(),
      role: 'ARTIST',
      expiresAt: '2999-01-01',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.length).toBeGreaterThan(0);
  });

  it('is 403 without USER_MANAGE', async () => {
    for (const c of [producer, artist, viewer]) {
      const email = newEmail();
      const res = await c.post('/api/invitations', { email, role: 'ADMIN' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect(await mailsTo(email)).toEqual([]);
    }
    expect(
      (await anon().post('/api/invitations', { email: newEmail(), role: 'ADMIN' })).statusCode,
    ).toBe(401);
  });
});

describe('GET /api/invitations', () => {
  it('lists only the caller’s organization, and is 403 without USER_MANAGE', async () => {
    const mine = await invite(admin);
    const theirs = await invite(otherAdmin);
    const myIds = (await listAll(admin)).map((i) => i.id);
    expect(myIds).toContain(mine.invitation.id);
    expect(myIds).not.toContain(theirs.invitation.id);
    expect((await listAll(otherAdmin)).map((i) => i.id)).not.toContain(mine.invitation.id);
    for (const c of [producer, artist, viewer])
      expect((await c.get('/api/invitations')).statusCode).toBe(403);
  });

  it('pages through more invitations than the limit without duplicates or gaps', async () => {
    const o = await seedOrg(ctx, 'Invite Paging Org');
    const c = client(ctx, await signIn(ctx, o.users.ADMIN.email));
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await invite(c)).invitation.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await c.get(
        `/api/invitations?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((i: { id: string }) => i.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
    expect((await c.get('/api/invitations?limit=7')).json().nextCursor).toBeNull();
    expect((await c.get('/api/invitations?cursor=%%%')).statusCode).toBe(400);
  });
});

describe('lookup and accept', () => {
  it('describes a pending invitation by its token', async () => {
    const { token, email } = await invite(admin, { role: 'PRODUCER' });
    const res = await lookup(token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      email,
      role: 'PRODUCER',
      organizationName: 'Invite Org',
      expiresAt: expect.any(String),
    });
  });

  it('answers unknown tokens with 404 and malformed lookups with 400', async () => {
    const res = await lookup('x'.repeat(43));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await anon().get('/api/invitations/lookup')).statusCode).toBe(400);
    expect((await lookup('short')).statusCode).toBe(400);
    expect(
      (await accept({ token: 'y'.repeat(43), name: 'Nobody', password: PASSWORD })).statusCode,
    ).toBe(404);
  });

  it('creates the account with the role and client teams, signs it in, and is single-use', async () => {
    const teamA = (
      await admin.post('/api/client-teams', { name: `Invite Team A ${Date.now()}` })
    ).json();
    const teamB = (
      await admin.post('/api/client-teams', { name: `Invite Team B ${Date.now()}` })
    ).json();
    const { invitation, token, email } = await invite(admin, {
      role: 'CLIENT_VIEWER',
      clientTeamIds: [teamA.id, teamB.id, teamA.id],
    });
    expect([...invitation.clientTeamIds].sort()).toEqual([teamA.id, teamB.id].sort());

    const res = await accept({ token, name: '  Clara Client ', password: 'clara-password-1' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ email });
    const cookie = cookieFrom(res);
    expect(cookie).toMatch(/prodtrack\.session_token=/);

    const me = await client(ctx, cookie).get('/api/me');
    expect(me.statusCode).toBe(200);
    const body = me.json();
    expect(body.user).toMatchObject({
      email,
      name: 'Clara Client',
      mustChangePassword: false,
      isExternal: true,
    });
    expect(body.organization.id).toBe(org.orgId);
    expect(body.role).toBe('CLIENT_VIEWER');
    expect([...body.clientTeamIds].sort()).toEqual([teamA.id, teamB.id].sort());
    // Not blocked by the password-change gate.
    expect((await client(ctx, cookie).get('/api/notifications')).statusCode).toBe(200);

    const user = await ctx.database.db.query.users.findFirst({
      where: eq(usersTable.email, email),
    });
    expect(user).toMatchObject({
      organizationId: org.orgId,
      role: 'CLIENT_VIEWER',
      mustChangePassword: false,
    });
    const members = (await admin.get(`/api/client-teams/${teamA.id}/members`)).json().items;
    expect(members.map((m: { userId: string }) => m.userId)).toContain(user!.id);

    // The password works for later sign-ins.
    await signIn(ctx, email, 'clara-password-1');

    // The invitation is now ACCEPTED and its link is dead.
    expect((await listAll(admin)).find((i) => i.id === invitation.id)?.status).toBe('ACCEPTED');
    expect((await lookup(token)).statusCode).toBe(404);
    const twice = await accept({ token, name: 'Clara Again', password: 'another-password-1' });
    expect(twice.statusCode).toBe(404);
    expect(twice.json().error.code).toBe('NOT_FOUND');
    expect(cookieFrom(twice)).toBe('');
    // Nor can it be resent or revoked any more.
    expect((await admin.post(`/api/invitations/${invitation.id}/resend`)).statusCode).toBe(409);
    expect((await admin.delete(`/api/invitations/${invitation.id}`)).statusCode).toBe(409);
    // And the address is now taken.
    expect((await admin.post('/api/invitations', { email, role: 'ARTIST' })).statusCode).toBe(409);
  });

  it('creates an ADMIN or ARTIST with that role’s permissions', async () => {
    for (const role of ['ADMIN', 'ARTIST'] as const) {
      const { token } = await invite(admin, { role });
      const res = await accept({ token, name: `New ${role}`, password: 'new-password-123' });
      expect(res.statusCode).toBe(200);
      const me = (await client(ctx, cookieFrom(res)).get('/api/me')).json();
      expect(me.role).toBe(role);
      expect(me.user.isExternal).toBe(false);
      expect(me.clientTeamIds).toEqual([]);
      if (role === 'ADMIN') expect(me.permissions).toContain('USER_MANAGE');
      else expect(me.permissions).not.toContain('USER_MANAGE');
    }
  });

  it('lets only one of two simultaneous accepts win', async () => {
    const { token, email } = await invite(admin);
    const [a, b] = await Promise.all([
      accept({ token, name: 'Racer A', password: 'racer-password-1' }),
      accept({ token, name: 'Racer B', password: 'racer-password-2' }),
    ]);
    expect([a.statusCode, b.statusCode].filter((s) => s === 200)).toHaveLength(1);
    expect([404, 409]).toContain([a, b].find((r) => r.statusCode !== 200)!.statusCode);
    const rows = await ctx.database.db.query.users.findMany({ where: eq(usersTable.email, email) });
    expect(rows).toHaveLength(1);
  });

  it('refuses bad input with 400 and fields, without using up the invitation', async () => {
    const { token } = await invite(admin);
    const cases: [Record<string, unknown>, string][] = [
      [{ token, name: '', password: 'long-enough-pass' }, 'name'],
      [{ token, name: 'Ok', password: 'short' }, 'password'],
      [{ token, password: 'long-enough-pass' }, 'name'],
      [{ name: 'Ok', password: 'long-enough-pass' }, 'token'],
    ];
    for (const [body, path] of cases) {
      const res = await accept(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    const unknown = await accept({
      token,
      name: 'Ok',
      password: 'long-enough-pass',
      role: 'ADMIN',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.length).toBeGreaterThan(0);
    expect((await lookup(token)).statusCode).toBe(200);
  });

  it('refuses an expired invitation (404 on lookup and accept); it can be resent', async () => {
    const { invitation, token, email } = await invite(admin);
    await ctx.database.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(invitations.id, invitation.id));
    expect((await lookup(token)).statusCode).toBe(404);
    const res = await accept({ token, name: 'Too Late', password: 'too-late-pass-1' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect(
      await ctx.database.db.query.users.findFirst({ where: eq(usersTable.email, email) }),
    ).toBeUndefined();
    expect((await listAll(admin)).find((i) => i.id === invitation.id)?.status).toBe('EXPIRED');

    const resent = await admin.post(`/api/invitations/${invitation.id}/resend`);
    expect(resent.statusCode).toBe(200);
    expect(resent.json().status).toBe('PENDING');
    expect(new Date(resent.json().expiresAt).getTime()).toBeGreaterThan(Date.now() + 47 * 3600_000);
    const fresh = tokenOf((await mailsTo(email))[0]);
    expect(fresh).not.toBe(token);
    expect((await lookup(token)).statusCode).toBe(404);
    expect(
      (await accept({ token: fresh, name: 'On Time', password: 'on-time-pass-1' })).statusCode,
    ).toBe(200);
  });

  it('lets an expired invitation be replaced by a new one', async () => {
    const { invitation, token, email } = await invite(admin, { role: 'ARTIST' });
    await ctx.database.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, invitation.id));
    const again = await admin.post('/api/invitations', { email, role: 'PRODUCER' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ status: 'PENDING', role: 'PRODUCER' });
    const fresh = tokenOf((await mailsTo(email))[0]);
    expect(fresh).not.toBe(token);
    expect((await lookup(token)).statusCode).toBe(404);
    expect((await lookup(fresh)).json().role).toBe('PRODUCER');
  });

  it('refuses to accept or resend when the address got an account in the meantime (409)', async () => {
    const { invitation, token, email } = await invite(admin);
    const created = await admin.post('/api/users', {
      email,
      name: 'Created Directly',
      role: 'ARTIST',
      temporaryPassword: 'temporary-pass-1',
    });
    expect(created.statusCode).toBe(201);
    const res = await accept({ token, name: 'Invitee', password: 'invitee-pass-1' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CONFLICT');
    const resend = await admin.post(`/api/invitations/${invitation.id}/resend`);
    expect(resend.statusCode).toBe(409);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('skips client teams deleted since the invitation was sent', async () => {
    const team = (
      await admin.post('/api/client-teams', { name: `Doomed Team ${Date.now()}` })
    ).json();
    const { token } = await invite(admin, { role: 'CLIENT_VIEWER', clientTeamIds: [team.id] });
    expect((await admin.delete(`/api/client-teams/${team.id}`)).statusCode).toBe(204);
    const res = await accept({ token, name: 'Survivor', password: 'survivor-pass-1' });
    expect(res.statusCode).toBe(200);
    expect((await client(ctx, cookieFrom(res)).get('/api/me')).json().clientTeamIds).toEqual([]);
    const still = await ctx.database.db.query.clientTeams.findFirst({
      where: and(eq(clientTeams.id, team.id), eq(clientTeams.organizationId, org.orgId)),
    });
    expect(still).toBeUndefined();
  });
});

describe('POST /api/invitations/:id/resend', () => {
  it('issues a new token; the old link stops working', async () => {
    const { invitation, token, email } = await invite(admin, { role: 'PRODUCER' });
    const res = await admin.post(`/api/invitations/${invitation.id}/resend`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: invitation.id,
      email,
      role: 'PRODUCER',
      status: 'PENDING',
    });
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(2);
    const fresh = tokenOf(mails[0]);
    expect(fresh).not.toBe(token);

    expect((await lookup(token)).statusCode).toBe(404);
    expect(
      (await accept({ token, name: 'Old Link', password: 'old-link-pass-1' })).statusCode,
    ).toBe(404);
    expect((await lookup(fresh)).statusCode).toBe(200);
    const ok = await accept({ token: fresh, name: 'New Link', password: 'new-link-pass-1' });
    expect(ok.statusCode).toBe(200);
    expect((await client(ctx, cookieFrom(ok)).get('/api/me')).json().role).toBe('PRODUCER');
  });

  it('is 404 for another organization’s invitation and unknown ids; 403 without USER_MANAGE', async () => {
    const theirs = await invite(otherAdmin);
    for (const id of [theirs.invitation.id, 'no-such-invitation']) {
      const res = await admin.post(`/api/invitations/${id}/resend`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect(await mailsTo(theirs.email)).toHaveLength(1);
    expect((await lookup(theirs.token)).statusCode).toBe(200);
    const mine = await invite(admin);
    for (const c of [producer, artist, viewer]) {
      expect((await c.post(`/api/invitations/${mine.invitation.id}/resend`)).statusCode).toBe(403);
    }
    expect((await lookup(mine.token)).statusCode).toBe(200);
  });
});

describe('DELETE /api/invitations/:id', () => {
  it('revokes: the link stops working, it cannot be resent, and the address can be invited again', async () => {
    const { invitation, token, email } = await invite(admin);
    const res = await admin.delete(`/api/invitations/${invitation.id}`);
    expect(res.statusCode).toBe(204);
    expect((await listAll(admin)).find((i) => i.id === invitation.id)?.status).toBe('REVOKED');
    expect((await lookup(token)).statusCode).toBe(404);
    const acc = await accept({ token, name: 'Revoked', password: 'revoked-pass-1' });
    expect(acc.statusCode).toBe(404);
    expect(
      await ctx.database.db.query.users.findFirst({ where: eq(usersTable.email, email) }),
    ).toBeUndefined();

    const resend = await admin.post(`/api/invitations/${invitation.id}/resend`);
    expect(resend.statusCode).toBe(409);
    expect(resend.json().error.code).toBe('CONFLICT');

    const again = await invite(admin, { email });
    expect(again.invitation.status).toBe('PENDING');
    expect(again.token).not.toBe(token);
    expect((await lookup(token)).statusCode).toBe(404);
    expect(
      (await accept({ token: again.token, name: 'Second Try', password: 'second-try-pass' }))
        .statusCode,
    ).toBe(200);
  });

  it('is 404 for another organization’s invitation and unknown ids; 403 without USER_MANAGE', async () => {
    const theirs = await invite(otherAdmin);
    for (const id of [theirs.invitation.id, 'no-such-invitation']) {
      const res = await admin.delete(`/api/invitations/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await lookup(theirs.token)).statusCode).toBe(200);
    expect((await listAll(otherAdmin)).find((i) => i.id === theirs.invitation.id)?.status).toBe(
      'PENDING',
    );

    const mine = await invite(admin);
    for (const c of [producer, artist, viewer]) {
      expect((await c.delete(`/api/invitations/${mine.invitation.id}`)).statusCode).toBe(403);
    }
    expect((await lookup(mine.token)).statusCode).toBe(200);
  });
});
