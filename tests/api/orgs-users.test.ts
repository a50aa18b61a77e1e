import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users as usersTable } from '../../src/server/db/schema';
import {
  client,
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

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Users Org');
  other = await seedOrg(ctx, 'Users Other Org');
  admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
  producer = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  viewer = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
  otherAdmin = client(ctx, await signIn(ctx, other.users.ADMIN.email));
});
afterAll(async () => ctx?.close());

let seq = 0;
const uniqueEmail = (prefix = 'user') =>
  `${prefix}.${++seq}.${Math.random().toString(36).slice(2, 6)}@users-org.test`;

async function createUser(c: Client, body: Record<string, unknown> = {}) {
  const res = await c.post('/api/users', {
    email: uniqueEmail(),
    name: `User ${seq}`,
    role: 'ARTIST',
    temporaryPassword: 'temporary-pass-1',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; email: string; name: string };
}

/** Follows nextCursor to the end; fails on an endless loop. */
async function collect(c: Client, url: string, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await c.get(
      `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { id: string }[]; nextCursor: string | null };
    expect(body.items.length).toBeLessThanOrEqual(limit);
    ids.push(...body.items.map((i) => i.id));
    cursor = body.nextCursor;
    expect(++pages).toBeLessThan(100);
  } while (cursor);
  return ids;
}

describe('GET /api/users', () => {
  it('lists the users of the caller’s organization only', async () => {
    const res = await admin.get('/api/users');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.nextCursor).toBeNull();
    const ids = body.items.map((u: { id: string }) => u.id);
    for (const u of Object.values(org.users)) expect(ids).toContain(u.id);
    for (const u of Object.values(other.users)) expect(ids).not.toContain(u.id);
    const theirs = (await otherAdmin.get('/api/users'))
      .json()
      .items.map((u: { id: string }) => u.id);
    for (const u of Object.values(org.users)) expect(theirs).not.toContain(u.id);
  });

  it('presents users without secrets', async () => {
    const res = await admin.get('/api/users');
    const me = res.json().items.find((u: { id: string }) => u.id === org.users.CLIENT_VIEWER.id);
    expect(me).toMatchObject({
      id: org.users.CLIENT_VIEWER.id,
      email: org.users.CLIENT_VIEWER.email,
      role: 'CLIENT_VIEWER',
      isExternal: true,
      disabled: false,
      mustChangePassword: false,
      homePodId: null,
      createdAt: expect.any(String),
    });
    expect(res.body).not.toMatch(/"password"|argon2|passwordHash|"hash"/i);
  });

  it('is 403 without USER_MANAGE and 401 without a session', async () => {
    for (const c of [producer, artist, viewer]) {
      const res = await c.get('/api/users');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect((await client(ctx).get('/api/users')).statusCode).toBe(401);
  });

  it('filters by name or e-mail with q, treating % and _ literally', async () => {
    const u = await createUser(admin, { name: 'Zebulon Quartermaine' });
    const byName = (await admin.get('/api/users?q=quarterm')).json().items;
    expect(byName.map((x: { id: string }) => x.id)).toEqual([u.id]);
    const byEmail = (
      await admin.get(`/api/users?q=${encodeURIComponent(u.email.slice(0, 12).toUpperCase())}`)
    ).json();
    expect(byEmail.items.map((x: { id: string }) => x.id)).toContain(u.id);
    expect((await admin.get('/api/users?q=%25')).json().items).toEqual([]);
    // As a wildcard, "admi_" would match every admin@… address.
    expect((await admin.get('/api/users?q=admi_')).json().items).toEqual([]);
    expect((await admin.get('/api/users?q=admi%25')).json().items).toEqual([]);
    // Another org's users never match.
    expect((await otherAdmin.get('/api/users?q=quarterm')).json().items).toEqual([]);
  });

  it('validates limit and cursor', async () => {
    for (const q of ['limit=0', 'limit=201', 'limit=abc', 'limit=-1']) {
      const res = await admin.get(`/api/users?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields[0].path).toBe('limit');
    }
    const bad = await admin.get('/api/users?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('cursor');
    expect((await admin.get('/api/users?limit=200')).statusCode).toBe(200);
  });

  it('pages through users created in the same instant (one transaction) without losing any', async () => {
    // seedOrg creates its four users in one transaction: identical created_at.
    const o = await seedOrg(ctx, 'Same Instant Org');
    const c = client(ctx, await signIn(ctx, o.users.ADMIN.email));
    for (const limit of [1, 2, 3]) {
      const ids = await collect(c, '/api/users', limit);
      expect(ids, `limit ${limit}`).toHaveLength(4);
      expect(new Set(ids).size).toBe(4);
      expect(new Set(ids)).toEqual(new Set(Object.values(o.users).map((u) => u.id)));
    }
  });

  it('pages through more users than the limit: no duplicates, nothing missing, newest first', async () => {
    const o = await seedOrg(ctx, 'Paging Users Org');
    const c = client(ctx, await signIn(ctx, o.users.ADMIN.email));
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await createUser(c, { name: `Pager ${i}` })).id);
    const expected = [...Object.values(o.users).map((u) => u.id), ...created];

    const first = (await c.get('/api/users?limit=3')).json();
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(first.items.map((u: { id: string }) => u.id)).toEqual(created.slice(-3).reverse());

    const ids = await collect(c, '/api/users', 3);
    expect(ids).toHaveLength(expected.length);
    expect(new Set(ids)).toEqual(new Set(expected));
    expect(await collect(c, '/api/users', 200)).toEqual(ids);
    // Exactly a multiple of the limit: the last page has no cursor.
    expect(await collect(c, '/api/users', 11)).toEqual(ids);
    const all = (await c.get('/api/users?limit=11')).json();
    expect(all.items).toHaveLength(11);
    expect(all.nextCursor).toBeNull();
  });
});

describe('POST /api/users', () => {
  it('creates a user with a temporary password they must change', async () => {
    const email = uniqueEmail('Mixed.Case');
    const res = await admin.post('/api/users', {
      email,
      name: '  New Person ',
      role: 'PRODUCER',
      temporaryPassword: 'temporary-pass-1',
    });
    expect(res.statusCode).toBe(201);
    const u = res.json();
    expect(u).toMatchObject({
      email: email.toLowerCase(),
      name: 'New Person',
      role: 'PRODUCER',
      isExternal: false,
      mustChangePassword: true,
      disabled: false,
      lastLoginAt: null,
    });
    const c = client(ctx, await signIn(ctx, email.toLowerCase(), 'temporary-pass-1'));
    const me = (await c.get('/api/me')).json();
    expect(me.organization.id).toBe(org.orgId);
    expect(me.role).toBe('PRODUCER');
    expect(me.user.mustChangePassword).toBe(true);
    expect((await admin.get(`/api/users/${u.id}`)).json().email).toBe(email.toLowerCase());
  });

  it('marks CLIENT_VIEWERs external and puts them in the given client teams', async () => {
    const team = (
      await admin.post('/api/client-teams', { name: `Users Team ${Date.now()}` })
    ).json();
    const u = await createUser(admin, { role: 'CLIENT_VIEWER', clientTeamIds: [team.id, team.id] });
    expect((await admin.get(`/api/users/${u.id}`)).json().isExternal).toBe(true);
    const members = (await admin.get(`/api/client-teams/${team.id}/members`)).json().items;
    expect(members.map((m: { userId: string }) => m.userId)).toEqual([u.id]);
  });

  it('refuses client teams of another organization with 400', async () => {
    const theirTeam = (
      await otherAdmin.post('/api/client-teams', { name: `Their Team ${Date.now()}` })
    ).json();
    const res = await admin.post('/api/users', {
      email: uniqueEmail(),
      name: 'Sneaky',
      role: 'CLIENT_VIEWER',
      temporaryPassword: 'temporary-pass-1',
      clientTeamIds: [theirTeam.id],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('clientTeamIds');
    const none = await admin.post('/api/users', {
      email: uniqueEmail(),
      name: 'Sneaky',
      role: 'CLIENT_VIEWER',
      temporaryPassword: 'temporary-pass-1',
      clientTeamIds: ['does-not-exist'],
    });
    expect(none.statusCode).toBe(400);
  });

  it('refuses a duplicate e-mail with 409, in any organization and any case', async () => {
    for (const email of [
      org.users.ARTIST.email,
      org.users.ARTIST.email.toUpperCase(),
      other.users.ARTIST.email,
    ]) {
      const res = await admin.post('/api/users', {
        email,
        name: 'Dup',
        role: 'ARTIST',
        temporaryPassword: 'temporary-pass-1',
      });
      expect(res.statusCode, email).toBe(409);
      expect(res.json().error.code).toBe('CONFLICT');
    }
  });

  it('refuses bad input and unknown fields with 400 and fields', async () => {
    const base = {
      email: uniqueEmail(),
      name: 'Valid',
      role: 'ARTIST',
      temporaryPassword: 'temporary-pass-1',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, email: 'not-an-email' }, 'email'],
      [{ ...base, name: '' }, 'name'],
      [{ ...base, role: 'OWNER' }, 'role'],
      [{ ...base, temporaryPassword: 'short' }, 'temporaryPassword'],
      [{ ...base, clientTeamIds: 'x' }, 'clientTeamIds'],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post('/api/users', body);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    const unknown = await admin.post('/api/users', { ...base, organizationId: other.orgId });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.length).toBeGreaterThan(0);
    const missing = await admin.post('/api/users', { email: uniqueEmail() });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.length).toBeGreaterThanOrEqual(3);
    // Nothing was created.
    expect(
      (await admin.get(`/api/users?q=${encodeURIComponent(base.email)}`)).json().items,
    ).toEqual([]);
  });

  it('is 403 without USER_MANAGE', async () => {
    for (const c of [producer, artist, viewer]) {
      const res = await c.post('/api/users', {
        email: uniqueEmail(),
        name: 'Nope',
        role: 'ADMIN',
        temporaryPassword: 'temporary-pass-1',
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('GET /api/users/:id', () => {
  it('returns a user of the organization', async () => {
    const res = await admin.get(`/api/users/${org.users.PRODUCER.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: org.users.PRODUCER.id,
      role: 'PRODUCER',
      email: org.users.PRODUCER.email,
    });
  });

  it('is 404 (not 403) for another organization’s user and for unknown ids', async () => {
    for (const id of [other.users.ADMIN.id, other.users.ARTIST.id, 'no-such-user']) {
      const res = await admin.get(`/api/users/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('is 403 without USER_MANAGE', async () => {
    expect((await artist.get(`/api/users/${org.users.ARTIST.id}`)).statusCode).toBe(403);
    expect((await producer.get(`/api/users/${org.users.ARTIST.id}`)).statusCode).toBe(403);
  });
});

describe('PATCH /api/users/:id', () => {
  it('changes name, department, capacity and home pod', async () => {
    const u = await createUser(admin);
    const pod = (await admin.post('/api/pods', { name: `Users Pod ${Date.now()}` })).json();
    const res = await admin.patch(`/api/users/${u.id}`, {
      name: 'Renamed',
      department: 'Motion',
      maxCapacity: 12,
      homePodId: pod.id,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Renamed',
      department: 'Motion',
      maxCapacity: 12,
      homePodId: pod.id,
    });
    expect(
      (await admin.get(`/api/pods`)).json().items.find((p: { id: string }) => p.id === pod.id)
        .memberCount,
    ).toBe(1);
    const cleared = await admin.patch(`/api/users/${u.id}`, { department: null, homePodId: null });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ department: null, homePodId: null, name: 'Renamed' });
  });

  it('answers an empty patch with the unchanged user', async () => {
    const res = await admin.patch(`/api/users/${org.users.ARTIST.id}`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: org.users.ARTIST.id, role: 'ARTIST' });
  });

  it('changes a role, which applies on the user’s next request', async () => {
    const u = await createUser(admin, { role: 'ARTIST' });
    const cookie = await signIn(ctx, u.email, 'temporary-pass-1');
    const c = client(ctx, cookie);
    expect(
      (
        await c.post('/api/me/password', {
          currentPassword: 'temporary-pass-1',
          newPassword: PASSWORD,
        })
      ).statusCode,
    ).toBe(204);
    expect((await c.get('/api/me')).json().role).toBe('ARTIST');

    const res = await admin.patch(`/api/users/${u.id}`, { role: 'CLIENT_VIEWER' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'CLIENT_VIEWER', isExternal: true });
    const me = (await c.get('/api/me')).json();
    expect(me.role).toBe('CLIENT_VIEWER');
    expect(me.user.isExternal).toBe(true);
    expect(me.permissions).toContain('REVISION_REVIEW');

    const back = await admin.patch(`/api/users/${u.id}`, { role: 'PRODUCER' });
    expect(back.json()).toMatchObject({ role: 'PRODUCER', isExternal: false });
    expect((await c.get('/api/me')).json().role).toBe('PRODUCER');
  });

  it('disables a user (ending their sessions) and enables them again', async () => {
    const u = await createUser(admin);
    const cookie = await signIn(ctx, u.email, 'temporary-pass-1');
    expect((await client(ctx, cookie).get('/api/me')).statusCode).toBe(200);
    const res = await admin.patch(`/api/users/${u.id}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await client(ctx, cookie).get('/api/me')).statusCode).toBe(401);
    const signInRes = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: TEST_ORIGIN },
      remoteAddress: '10.44.0.1',
      payload: { email: u.email, password: 'temporary-pass-1' },
    });
    expect(signInRes.statusCode).toBe(401);
    // Disabled users still show up in the list, flagged.
    const listed = (await admin.get(`/api/users?q=${encodeURIComponent(u.email)}`)).json().items;
    expect(listed[0]).toMatchObject({ id: u.id, disabled: true });

    const again = await admin.patch(`/api/users/${u.id}`, { disabled: false });
    expect(again.statusCode).toBe(200);
    expect(again.json().disabled).toBe(false);
    await signIn(ctx, u.email, 'temporary-pass-1');
  });

  it('refuses a pod of another organization or an unknown pod with 400', async () => {
    const theirPod = (
      await otherAdmin.post('/api/pods', { name: `Their Pod ${Date.now()}` })
    ).json();
    for (const homePodId of [theirPod.id, 'no-such-pod']) {
      const res = await admin.patch(`/api/users/${org.users.ARTIST.id}`, { homePodId });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('homePodId');
    }
    expect((await admin.get(`/api/users/${org.users.ARTIST.id}`)).json().homePodId).toBeNull();
  });

  it('refuses bad input and unknown fields with 400 and fields', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ maxCapacity: 101 }, 'maxCapacity'],
      [{ maxCapacity: -1 }, 'maxCapacity'],
      [{ maxCapacity: 1.5 }, 'maxCapacity'],
      [{ role: 'GOD' }, 'role'],
      [{ disabled: 'yes' }, 'disabled'],
      [{ name: '' }, 'name'],
      [{ homePodId: '' }, 'homePodId'],
      [{ homePodId: 42 }, 'homePodId'],
    ];
    for (const [body, path] of cases) {
      const res = await admin.patch(`/api/users/${org.users.ARTIST.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    for (const body of [
      { email: 'new@x.test' },
      { organizationId: other.orgId },
      { mustChangePassword: false },
    ]) {
      const res = await admin.patch(`/api/users/${org.users.ARTIST.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields.length).toBeGreaterThan(0);
    }
    const row = await ctx.database.db.query.users.findFirst({
      where: eq(usersTable.id, org.users.ARTIST.id),
    });
    expect(row!.email).toBe(org.users.ARTIST.email);
    expect(row!.organizationId).toBe(org.orgId);
  });

  it('is 404 (not 403) for another organization’s user, and changes nothing there', async () => {
    for (const body of [{ role: 'ADMIN' }, { disabled: true }, { name: 'Hacked' }]) {
      const res = await admin.patch(`/api/users/${other.users.ARTIST.id}`, body);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await admin.patch('/api/users/no-such-user', { name: 'X' })).statusCode).toBe(404);
    const theirs = (await otherAdmin.get(`/api/users/${other.users.ARTIST.id}`)).json();
    expect(theirs).toMatchObject({
      role: 'ARTIST',
      disabled: false,
      name: expect.not.stringMatching(/Hacked/),
    });
  });

  it('is 403 without USER_MANAGE (even for your own account)', async () => {
    expect(
      (await producer.patch(`/api/users/${org.users.ARTIST.id}`, { disabled: true })).statusCode,
    ).toBe(403);
    expect(
      (await artist.patch(`/api/users/${org.users.ARTIST.id}`, { role: 'ADMIN' })).statusCode,
    ).toBe(403);
    expect(
      (await viewer.patch(`/api/users/${org.users.CLIENT_VIEWER.id}`, { role: 'ADMIN' }))
        .statusCode,
    ).toBe(403);
    expect((await admin.get(`/api/users/${org.users.ARTIST.id}`)).json()).toMatchObject({
      role: 'ARTIST',
      disabled: false,
    });
  });
});

describe('the last active admin', () => {
  it('cannot be demoted or disabled (409), until there is another admin', async () => {
    const o = await seedOrg(ctx, 'Last Admin Org');
    const a = client(ctx, await signIn(ctx, o.users.ADMIN.email));
    const adminId = o.users.ADMIN.id;

    for (const body of [
      { role: 'PRODUCER' },
      { role: 'CLIENT_VIEWER' },
      { disabled: true },
      { role: 'ARTIST', disabled: true },
    ]) {
      const res = await a.patch(`/api/users/${adminId}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(409);
      expect(res.json().error.code).toBe('CONFLICT');
    }
    // Harmless changes to the last admin still work.
    expect(
      (await a.patch(`/api/users/${adminId}`, { role: 'ADMIN', name: 'Still Admin' })).statusCode,
    ).toBe(200);
    expect((await a.patch(`/api/users/${adminId}`, { disabled: false })).statusCode).toBe(200);

    // A disabled admin does not count.
    const second = await a.post('/api/users', {
      email: `second.admin.${Date.now()}@last-admin.test`,
      name: 'Second Admin',
      role: 'ADMIN',
      temporaryPassword: 'temporary-pass-1',
    });
    expect(second.statusCode).toBe(201);
    const secondId = second.json().id;
    expect((await a.patch(`/api/users/${secondId}`, { disabled: true })).statusCode).toBe(200);
    expect((await a.patch(`/api/users/${adminId}`, { role: 'PRODUCER' })).statusCode).toBe(409);

    // With a second active admin, the first can step down.
    expect((await a.patch(`/api/users/${secondId}`, { disabled: false })).statusCode).toBe(200);
    const down = await a.patch(`/api/users/${adminId}`, { role: 'PRODUCER' });
    expect(down.statusCode).toBe(200);
    expect(down.json().role).toBe('PRODUCER');
    // …and has lost USER_MANAGE on the very next request.
    expect((await a.get('/api/users')).statusCode).toBe(403);

    // Now the second admin is the last one.
    const b = client(ctx, await signIn(ctx, second.json().email, 'temporary-pass-1'));
    await b.post('/api/me/password', {
      currentPassword: 'temporary-pass-1',
      newPassword: PASSWORD,
    });
    expect((await b.patch(`/api/users/${secondId}`, { disabled: true })).statusCode).toBe(409);
    expect((await b.patch(`/api/users/${secondId}`, { role: 'ARTIST' })).statusCode).toBe(409);
  });

  it('is counted per organization', async () => {
    // Another org's admins do not save this org's last admin.
    const o = await seedOrg(ctx, 'Lonely Admin Org');
    const a = client(ctx, await signIn(ctx, o.users.ADMIN.email));
    expect((await a.patch(`/api/users/${o.users.ADMIN.id}`, { role: 'ARTIST' })).statusCode).toBe(
      409,
    );
  });
});

describe('no escalation through USER_MANAGE', () => {
  it('lets only admins grant ADMIN or change an admin', async () => {
    const t = await createTestApp();
    try {
      const o = await seedOrg(t, 'Escalation Org');
      const admin = client(t, await signIn(t, o.users.ADMIN.email));
      const roles = (await admin.get('/api/roles')).json();
      await admin.put('/api/roles/PRODUCER/permissions', {
        permissions: [...roles.matrix.PRODUCER, 'USER_MANAGE'],
      });
      const producer = client(t, await signIn(t, o.users.PRODUCER.email));
      expect((await producer.get('/api/users')).statusCode).toBe(200);
      const self = await producer.patch(`/api/users/${o.users.PRODUCER.id}`, { role: 'ADMIN' });
      expect(self.statusCode).toBe(403);
      const demote = await producer.patch(`/api/users/${o.users.ADMIN.id}`, { disabled: true });
      expect(demote.statusCode).toBe(403);
      const invite = await producer.post('/api/invitations', {
        email: 'boss@esc.test',
        role: 'ADMIN',
      });
      expect(invite.statusCode).toBe(403);
      const create = await producer.post('/api/users', {
        email: 'boss2@esc.test',
        name: 'Boss',
        role: 'ADMIN',
        temporaryPassword: 'temporary-pass-1',
      });
      expect(create.statusCode).toBe(403);
      // Other roles stay within reach.
      const artist = await producer.patch(`/api/users/${o.users.ARTIST.id}`, {
        department: 'Stills',
      });
      expect(artist.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
