import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTeamMemberships, projects, users as usersTable } from '../../src/server/db/schema';
import {
  client,
  createTestApp,
  seedOrg,
  signIn,
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
  org = await seedOrg(ctx, 'Teams Org');
  other = await seedOrg(ctx, 'Teams Other Org');
  admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
  producer = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  viewer = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
  otherAdmin = client(ctx, await signIn(ctx, other.users.ADMIN.email));
});
afterAll(async () => ctx?.close());

let seq = 0;
const uniq = (prefix: string) => `${prefix} ${++seq}${Math.random().toString(36).slice(2, 6)}`;

async function createTeam(c: Client, body: Record<string, unknown> = {}) {
  const res = await c.post('/api/client-teams', { name: uniq('Team'), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    name: string;
    slug: string;
    memberCount: number;
    projectCount: number;
  };
}

async function createPod(c: Client, body: Record<string, unknown> = {}) {
  const res = await c.post('/api/pods', { name: uniq('Pod'), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    name: string;
    slug: string;
    memberCount: number;
    leadUser: unknown;
  };
}

async function insertProject(orgId: string, clientTeamId: string | null) {
  const [p] = await ctx.database.db
    .insert(projects)
    .values({
      organizationId: orgId,
      projectCode: `P-${++seq}-${Date.now()}`,
      name: 'Owned project',
      clientTeamId,
    })
    .returning();
  return p!;
}

/** Follows nextCursor to the end. */
async function collect(c: Client, url: string, limit: number, key = 'id') {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await c.get(
      `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: Record<string, string>[]; nextCursor: string | null };
    expect(body.items.length).toBeLessThanOrEqual(limit);
    ids.push(...body.items.map((i) => i[key]!));
    cursor = body.nextCursor;
    expect(++pages).toBeLessThan(100);
  } while (cursor);
  return ids;
}

const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

describe('client teams', () => {
  describe('GET/POST /api/client-teams', () => {
    it('creates a team with a slug derived from its name', async () => {
      const res = await admin.post('/api/client-teams', { name: '  Acme Corp (EU) ' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        id: expect.any(String),
        name: 'Acme Corp (EU)',
        slug: 'acme-corp-eu',
        memberCount: 0,
        projectCount: 0,
        createdAt: expect.any(String),
      });
      const listed = (await admin.get('/api/client-teams')).json();
      expect(ids(listed)).toContain(res.json().id);
    });

    it('takes an explicit slug', async () => {
      const t = await createTeam(admin, { name: 'Globex', slug: 'globex-intl' });
      expect(t.slug).toBe('globex-intl');
    });

    it('refuses a duplicate slug in the same organization with 409, explicit or derived', async () => {
      await createTeam(admin, { name: 'Initech' });
      const derived = await admin.post('/api/client-teams', { name: 'INITECH!' });
      expect(derived.statusCode).toBe(409);
      expect(derived.json().error.code).toBe('CONFLICT');
      const explicit = await admin.post('/api/client-teams', {
        name: 'Other name',
        slug: 'initech',
      });
      expect(explicit.statusCode).toBe(409);
      // Another organization may use the same slug.
      const theirs = await otherAdmin.post('/api/client-teams', { name: 'Initech' });
      expect(theirs.statusCode).toBe(201);
      expect(theirs.json().slug).toBe('initech');
    });

    it('refuses bad input and unknown fields with 400 and fields', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ name: '' }, 'name'],
        [{ name: '   ' }, 'name'],
        [{}, 'name'],
        [{ name: 'x'.repeat(201) }, 'name'],
        [{ name: 'Ok', slug: 'Not A Slug' }, 'slug'],
        [{ name: 'Ok', slug: 'trailing-' }, 'slug'],
        [{ name: 'Ok', slug: '' }, 'slug'],
        [{ name: '!!!' }, 'name'],
      ];
      for (const [body, path] of cases) {
        const res = await admin.post('/api/client-teams', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
        expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
      }
      const unknown = await admin.post('/api/client-teams', {
        name: 'Ok',
        organizationId: other.orgId,
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.fields.length).toBeGreaterThan(0);
    });

    it('lets PRODUCER (CLIENT_TEAM_MANAGE) manage teams; 403 for ARTIST and CLIENT_VIEWER', async () => {
      expect((await producer.get('/api/client-teams')).statusCode).toBe(200);
      await createTeam(producer);
      for (const c of [artist, viewer]) {
        const list = await c.get('/api/client-teams');
        expect(list.statusCode).toBe(403);
        expect(list.json().error.code).toBe('FORBIDDEN');
        expect((await c.post('/api/client-teams', { name: uniq('Nope') })).statusCode).toBe(403);
      }
      expect((await client(ctx).get('/api/client-teams')).statusCode).toBe(401);
    });

    it('never lists another organization’s teams', async () => {
      const theirs = await createTeam(otherAdmin);
      const mine = await createTeam(admin);
      const myIds = await collect(admin, '/api/client-teams', 200);
      const theirIds = await collect(otherAdmin, '/api/client-teams', 200);
      expect(myIds).toContain(mine.id);
      expect(myIds).not.toContain(theirs.id);
      expect(theirIds).toContain(theirs.id);
      expect(theirIds).not.toContain(mine.id);
    });

    it('pages through more teams than the limit without duplicates or gaps', async () => {
      const o = await seedOrg(ctx, 'Teams Paging Org');
      const c = client(ctx, await signIn(ctx, o.users.ADMIN.email));
      const created: string[] = [];
      for (let i = 0; i < 7; i++)
        created.push((await createTeam(c, { name: `Paging Team ${i}` })).id);
      const first = (await c.get('/api/client-teams?limit=3')).json();
      expect(first.items).toHaveLength(3);
      expect(first.nextCursor).toEqual(expect.any(String));
      expect(ids(first)).toEqual(created.slice(-3).reverse());
      for (const limit of [1, 2, 3, 7]) {
        const all = await collect(c, '/api/client-teams', limit);
        expect(all, `limit ${limit}`).toEqual([...created].reverse());
      }
      expect((await c.get('/api/client-teams?limit=7')).json().nextCursor).toBeNull();
      expect((await c.get('/api/client-teams?limit=201')).statusCode).toBe(400);
      expect((await c.get('/api/client-teams?cursor=garbage')).statusCode).toBe(400);
    });
  });

  describe('PATCH /api/client-teams/:id', () => {
    it('renames a team and changes its slug', async () => {
      const t = await createTeam(admin);
      const res = await admin.patch(`/api/client-teams/${t.id}`, { name: 'Renamed Team' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: t.id, name: 'Renamed Team', slug: t.slug });
      const newSlug = `renamed-${Date.now()}`;
      const slug = await admin.patch(`/api/client-teams/${t.id}`, { slug: newSlug });
      expect(slug.json()).toMatchObject({ name: 'Renamed Team', slug: newSlug });
      const empty = await admin.patch(`/api/client-teams/${t.id}`, {});
      expect(empty.statusCode).toBe(200);
      expect(empty.json()).toMatchObject({ name: 'Renamed Team' });
    });

    it('refuses a slug taken by another team with 409', async () => {
      const a = await createTeam(admin);
      const b = await createTeam(admin);
      const res = await admin.patch(`/api/client-teams/${b.id}`, { slug: a.slug });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CONFLICT');
      // Keeping its own slug is fine.
      expect((await admin.patch(`/api/client-teams/${b.id}`, { slug: b.slug })).statusCode).toBe(
        200,
      );
    });

    it('refuses bad input with 400', async () => {
      const t = await createTeam(admin);
      for (const [body, path] of [
        [{ name: '' }, 'name'],
        [{ slug: 'UPPER' }, 'slug'],
      ] as const) {
        const res = await admin.patch(`/api/client-teams/${t.id}`, body);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.fields[0].path).toBe(path);
      }
      const unknown = await admin.patch(`/api/client-teams/${t.id}`, {
        organizationId: other.orgId,
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.fields.length).toBeGreaterThan(0);
    });

    it('is 404 for another organization’s team and unknown ids; 403 without the permission', async () => {
      const theirs = await createTeam(otherAdmin);
      for (const id of [theirs.id, 'no-such-team']) {
        const res = await admin.patch(`/api/client-teams/${id}`, { name: 'Hijacked' });
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
      expect((await admin.patch(`/api/client-teams/${theirs.id}`, {})).statusCode).toBe(404);
      const mine = await createTeam(admin);
      expect((await artist.patch(`/api/client-teams/${mine.id}`, { name: 'X' })).statusCode).toBe(
        403,
      );
      const still = (await otherAdmin.get('/api/client-teams?limit=200'))
        .json()
        .items.find((t: { id: string }) => t.id === theirs.id);
      expect(still.name).toBe(theirs.name);
    });
  });

  describe('DELETE /api/client-teams/:id', () => {
    it('deletes a team without projects, with its memberships', async () => {
      const t = await createTeam(admin);
      expect(
        (await admin.put(`/api/client-teams/${t.id}/members/${org.users.CLIENT_VIEWER.id}`))
          .statusCode,
      ).toBe(204);
      const res = await admin.delete(`/api/client-teams/${t.id}`);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(ids((await admin.get('/api/client-teams?limit=200')).json())).not.toContain(t.id);
      expect((await admin.delete(`/api/client-teams/${t.id}`)).statusCode).toBe(404);
      expect((await admin.get(`/api/client-teams/${t.id}/members`)).statusCode).toBe(404);
      const left = await ctx.database.db.query.clientTeamMemberships.findMany({
        where: eq(clientTeamMemberships.clientTeamId, t.id),
      });
      expect(left).toEqual([]);
      expect((await viewer.get('/api/me')).json().clientTeamIds).not.toContain(t.id);
    });

    it('refuses with 409 while the team owns a project', async () => {
      const t = await createTeam(admin);
      const p = await insertProject(org.orgId, t.id);
      const listed = (await admin.get('/api/client-teams?limit=200'))
        .json()
        .items.find((x: { id: string }) => x.id === t.id);
      expect(listed.projectCount).toBe(1);
      const res = await admin.delete(`/api/client-teams/${t.id}`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CONFLICT');
      expect(ids((await admin.get('/api/client-teams?limit=200')).json())).toContain(t.id);

      await ctx.database.db
        .update(projects)
        .set({ clientTeamId: null })
        .where(eq(projects.id, p.id));
      expect((await admin.delete(`/api/client-teams/${t.id}`)).statusCode).toBe(204);
    });

    it('is 404 for another organization’s team (and leaves it alone); 403 without the permission', async () => {
      const theirs = await createTeam(otherAdmin);
      const res = await admin.delete(`/api/client-teams/${theirs.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      expect(ids((await otherAdmin.get('/api/client-teams?limit=200')).json())).toContain(
        theirs.id,
      );
      // Even when it owns a project: no 409 that would reveal it.
      await insertProject(other.orgId, theirs.id);
      expect((await admin.delete(`/api/client-teams/${theirs.id}`)).statusCode).toBe(404);

      const mine = await createTeam(admin);
      for (const c of [artist, viewer])
        expect((await c.delete(`/api/client-teams/${mine.id}`)).statusCode).toBe(403);
    });
  });

  describe('members', () => {
    it('adds and removes members, and the client viewer’s /api/me follows', async () => {
      const t = await createTeam(admin);
      const viewerId = org.users.CLIENT_VIEWER.id;
      expect((await admin.get(`/api/client-teams/${t.id}/members`)).json()).toEqual({
        items: [],
        nextCursor: null,
      });

      expect((await admin.put(`/api/client-teams/${t.id}/members/${viewerId}`)).statusCode).toBe(
        204,
      );
      const members = (await admin.get(`/api/client-teams/${t.id}/members`)).json();
      expect(members.items).toEqual([
        {
          userId: viewerId,
          name: expect.any(String),
          email: org.users.CLIENT_VIEWER.email,
          role: 'CLIENT_VIEWER',
          isPrimary: false,
        },
      ]);
      expect(members.nextCursor).toBeNull();
      expect((await viewer.get('/api/me')).json().clientTeamIds).toContain(t.id);
      const listed = (await admin.get('/api/client-teams?limit=200'))
        .json()
        .items.find((x: { id: string }) => x.id === t.id);
      expect(listed.memberCount).toBe(1);

      // Adding again is idempotent.
      expect(
        (await admin.put(`/api/client-teams/${t.id}/members/${viewerId}`, {})).statusCode,
      ).toBe(204);
      expect((await admin.get(`/api/client-teams/${t.id}/members`)).json().items).toHaveLength(1);

      const removed = await admin.delete(`/api/client-teams/${t.id}/members/${viewerId}`);
      expect(removed.statusCode).toBe(204);
      expect((await admin.get(`/api/client-teams/${t.id}/members`)).json().items).toEqual([]);
      expect((await viewer.get('/api/me')).json().clientTeamIds).not.toContain(t.id);
      // Removing a non-member is 404.
      const again = await admin.delete(`/api/client-teams/${t.id}/members/${viewerId}`);
      expect(again.statusCode).toBe(404);
      expect(again.json().error.code).toBe('NOT_FOUND');
    });

    it('sets the primary team: one per user, kept when a PUT does not mention it', async () => {
      const a = await createTeam(admin);
      const b = await createTeam(admin);
      const viewerId = org.users.CLIENT_VIEWER.id;
      const primaryOf = async (teamId: string) =>
        (await admin.get(`/api/client-teams/${teamId}/members`))
          .json()
          .items.find((m: { userId: string }) => m.userId === viewerId)?.isPrimary;

      expect(
        (await admin.put(`/api/client-teams/${a.id}/members/${viewerId}`, { isPrimary: true }))
          .statusCode,
      ).toBe(204);
      expect(await primaryOf(a.id)).toBe(true);
      expect(
        (await admin.put(`/api/client-teams/${a.id}/members/${viewerId}`, {})).statusCode,
      ).toBe(204);
      expect(await primaryOf(a.id)).toBe(true);

      expect(
        (await admin.put(`/api/client-teams/${b.id}/members/${viewerId}`, { isPrimary: true }))
          .statusCode,
      ).toBe(204);
      expect(await primaryOf(b.id)).toBe(true);
      expect(await primaryOf(a.id)).toBe(false);

      expect(
        (await admin.put(`/api/client-teams/${b.id}/members/${viewerId}`, { isPrimary: false }))
          .statusCode,
      ).toBe(204);
      expect(await primaryOf(b.id)).toBe(false);
      const me = (await viewer.get('/api/me')).json();
      expect(me.clientTeamIds).toEqual(expect.arrayContaining([a.id, b.id]));

      const bad = await admin.put(`/api/client-teams/${b.id}/members/${viewerId}`, {
        isPrimary: 'yes',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields[0].path).toBe('isPrimary');
      const unknown = await admin.put(`/api/client-teams/${b.id}/members/${viewerId}`, {
        role: 'ADMIN',
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.fields.length).toBeGreaterThan(0);
    });

    it('pages members by name', async () => {
      const o = await seedOrg(ctx, 'Members Paging Org');
      const c = client(ctx, await signIn(ctx, o.users.ADMIN.email));
      const t = await createTeam(c);
      const userIds = Object.values(o.users).map((u) => u.id);
      for (let i = 0; i < 3; i++) {
        const res = await c.post('/api/users', {
          email: `member${i}.${Date.now()}@members-paging.test`,
          name: `Member ${i}`,
          role: 'CLIENT_VIEWER',
          temporaryPassword: 'temporary-pass-1',
          clientTeamIds: [t.id],
        });
        expect(res.statusCode).toBe(201);
      }
      for (const id of userIds)
        expect((await c.put(`/api/client-teams/${t.id}/members/${id}`)).statusCode).toBe(204);
      const all = (await c.get(`/api/client-teams/${t.id}/members?limit=200`)).json();
      expect(all.items).toHaveLength(7);
      const names = all.items.map((m: { name: string }) => m.name);
      expect(names).toEqual(
        [...names].sort((x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)),
      );
      for (const limit of [1, 2, 3]) {
        const paged = await collect(c, `/api/client-teams/${t.id}/members`, limit, 'userId');
        expect(paged, `limit ${limit}`).toEqual(all.items.map((m: { userId: string }) => m.userId));
      }
      expect((await c.get(`/api/client-teams/${t.id}/members?cursor=nope`)).statusCode).toBe(400);
      expect((await c.get(`/api/client-teams/${t.id}/members?limit=0`)).statusCode).toBe(400);
    });

    it('is 404 for another organization’s team or user, and 403 without the permission', async () => {
      const mine = await createTeam(admin);
      const theirs = await createTeam(otherAdmin);
      await otherAdmin.put(
        `/api/client-teams/${theirs.id}/members/${other.users.CLIENT_VIEWER.id}`,
      );

      const cases: [string, () => Promise<{ statusCode: number }>][] = [
        ['list their team', () => admin.get(`/api/client-teams/${theirs.id}/members`)],
        [
          'add my user to their team',
          () => admin.put(`/api/client-teams/${theirs.id}/members/${org.users.CLIENT_VIEWER.id}`),
        ],
        [
          'add their user to my team',
          () => admin.put(`/api/client-teams/${mine.id}/members/${other.users.CLIENT_VIEWER.id}`),
        ],
        [
          'add an unknown user',
          () => admin.put(`/api/client-teams/${mine.id}/members/no-such-user`),
        ],
        [
          'add to an unknown team',
          () => admin.put(`/api/client-teams/no-such-team/members/${org.users.CLIENT_VIEWER.id}`),
        ],
        [
          'remove from their team',
          () =>
            admin.delete(`/api/client-teams/${theirs.id}/members/${other.users.CLIENT_VIEWER.id}`),
        ],
      ];
      for (const [what, call] of cases) {
        const res = (await call()) as { statusCode: number; json(): { error: { code: string } } };
        expect(res.statusCode, what).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
      expect((await admin.get(`/api/client-teams/${mine.id}/members`)).json().items).toEqual([]);
      const theirMembers = (await otherAdmin.get(`/api/client-teams/${theirs.id}/members`)).json()
        .items;
      expect(theirMembers.map((m: { userId: string }) => m.userId)).toEqual([
        other.users.CLIENT_VIEWER.id,
      ]);

      for (const c of [artist, viewer]) {
        expect((await c.get(`/api/client-teams/${mine.id}/members`)).statusCode).toBe(403);
        expect(
          (await c.put(`/api/client-teams/${mine.id}/members/${org.users.CLIENT_VIEWER.id}`))
            .statusCode,
        ).toBe(403);
        expect(
          (await c.delete(`/api/client-teams/${mine.id}/members/${org.users.CLIENT_VIEWER.id}`))
            .statusCode,
        ).toBe(403);
      }
    });
  });
});

describe('pods', () => {
  it('creates a pod with a derived slug and an optional lead', async () => {
    const res = await admin.post('/api/pods', {
      name: 'North Star Pod',
      leadUserId: org.users.PRODUCER.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      id: expect.any(String),
      name: 'North Star Pod',
      slug: 'north-star-pod',
      leadUser: { id: org.users.PRODUCER.id, name: expect.any(String) },
      memberCount: 0,
      createdAt: expect.any(String),
    });
    const slug = `no-lead-${Date.now()}`;
    const noLead = await createPod(admin, { slug });
    expect(noLead.leadUser).toBeNull();
    expect(noLead.slug).toBe(slug);
    expect(ids((await admin.get('/api/pods?limit=200')).json())).toEqual(
      expect.arrayContaining([res.json().id, noLead.id]),
    );
  });

  it('refuses a duplicate slug with 409, but not across organizations', async () => {
    await createPod(admin, { name: 'Twin Pod' });
    const dup = await admin.post('/api/pods', { name: 'Twin  pod!' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('CONFLICT');
    expect((await admin.post('/api/pods', { name: 'Other', slug: 'twin-pod' })).statusCode).toBe(
      409,
    );
    expect((await otherAdmin.post('/api/pods', { name: 'Twin Pod' })).statusCode).toBe(201);
  });

  it('refuses a lead from another organization or an unknown lead with 400', async () => {
    for (const leadUserId of [other.users.PRODUCER.id, 'no-such-user']) {
      const res = await admin.post('/api/pods', { name: uniq('Lead Pod'), leadUserId });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('leadUserId');
    }
  });

  it('refuses bad input and unknown fields with 400 and fields', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'name'],
      [{}, 'name'],
      [{ name: 'Ok', slug: 'Bad Slug' }, 'slug'],
      [{ name: 'Ok', leadUserId: 42 }, 'leadUserId'],
      [{ name: 'Ok', leadUserId: '' }, 'leadUserId'],
      [{ name: '???' }, 'name'],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post('/api/pods', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    const unknown = await admin.post('/api/pods', { name: 'Ok', memberIds: [] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
    expect(unknown.json().error.fields.length).toBeGreaterThan(0);
  });

  it('lets PRODUCER (POD_MANAGE) manage pods; 403 for ARTIST and CLIENT_VIEWER', async () => {
    expect((await producer.get('/api/pods')).statusCode).toBe(200);
    const p = await createPod(producer);
    for (const c of [artist, viewer]) {
      expect((await c.get('/api/pods')).statusCode).toBe(403);
      expect((await c.post('/api/pods', { name: uniq('Nope') })).statusCode).toBe(403);
      expect((await c.patch(`/api/pods/${p.id}`, { name: 'Nope' })).statusCode).toBe(403);
      expect((await c.delete(`/api/pods/${p.id}`)).statusCode).toBe(403);
    }
    expect((await client(ctx).get('/api/pods')).statusCode).toBe(401);
  });

  it('renames a pod, changes and clears its lead', async () => {
    const p = await createPod(admin);
    const res = await admin.patch(`/api/pods/${p.id}`, {
      name: 'Renamed Pod',
      leadUserId: org.users.ARTIST.id,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: p.id,
      name: 'Renamed Pod',
      slug: p.slug,
      leadUser: { id: org.users.ARTIST.id },
    });
    const cleared = await admin.patch(`/api/pods/${p.id}`, { leadUserId: null });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ name: 'Renamed Pod', leadUser: null });
    const empty = await admin.patch(`/api/pods/${p.id}`, {});
    expect(empty.statusCode).toBe(200);
    expect(empty.json().name).toBe('Renamed Pod');
    const badLead = await admin.patch(`/api/pods/${p.id}`, { leadUserId: other.users.ADMIN.id });
    expect(badLead.statusCode).toBe(400);
    expect(badLead.json().error.fields[0].path).toBe('leadUserId');
    const emptyLead = await admin.patch(`/api/pods/${p.id}`, { leadUserId: '' });
    expect(emptyLead.statusCode).toBe(400);
    expect(emptyLead.json().error.fields[0].path).toBe('leadUserId');
    const badSlug = await admin.patch(`/api/pods/${p.id}`, { slug: '-x' });
    expect(badSlug.statusCode).toBe(400);
    expect(badSlug.json().error.fields[0].path).toBe('slug');
  });

  it('refuses a slug taken by another pod with 409', async () => {
    const a = await createPod(admin);
    const b = await createPod(admin);
    const res = await admin.patch(`/api/pods/${b.id}`, { slug: a.slug });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CONFLICT');
  });

  it('is 404 for another organization’s pod on PATCH and DELETE, whatever the body', async () => {
    const theirs = await createPod(otherAdmin);
    for (const body of [
      { name: 'Hijacked' },
      {},
      { leadUserId: 'no-such-user' },
      { leadUserId: org.users.ADMIN.id },
    ]) {
      const res = await admin.patch(`/api/pods/${theirs.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await admin.patch('/api/pods/no-such-pod', { name: 'X' })).statusCode).toBe(404);
    expect((await admin.delete(`/api/pods/${theirs.id}`)).statusCode).toBe(404);
    expect((await admin.delete('/api/pods/no-such-pod')).statusCode).toBe(404);
    const still = (await otherAdmin.get('/api/pods?limit=200'))
      .json()
      .items.find((p: { id: string }) => p.id === theirs.id);
    expect(still).toMatchObject({ name: theirs.name, leadUser: null });
    expect(ids((await admin.get('/api/pods?limit=200')).json())).not.toContain(theirs.id);
  });

  it('counts members, and deleting a pod leaves its members without a home pod', async () => {
    const p = await createPod(admin, { leadUserId: org.users.PRODUCER.id });
    for (const u of [org.users.ARTIST, org.users.PRODUCER]) {
      expect((await admin.patch(`/api/users/${u.id}`, { homePodId: p.id })).statusCode).toBe(200);
    }
    const listed = (await admin.get('/api/pods?limit=200'))
      .json()
      .items.find((x: { id: string }) => x.id === p.id);
    expect(listed.memberCount).toBe(2);

    const res = await admin.delete(`/api/pods/${p.id}`);
    expect(res.statusCode).toBe(204);
    expect(ids((await admin.get('/api/pods?limit=200')).json())).not.toContain(p.id);
    for (const u of [org.users.ARTIST, org.users.PRODUCER]) {
      expect((await admin.get(`/api/users/${u.id}`)).json().homePodId).toBeNull();
      const row = await ctx.database.db.query.users.findFirst({ where: eq(usersTable.id, u.id) });
      expect(row).toBeDefined();
      expect(row!.homePodId).toBeNull();
      expect(row!.disabledAt).toBeNull();
    }
    // The members keep their accounts.
    expect((await artist.get('/api/me')).statusCode).toBe(200);
    expect((await admin.delete(`/api/pods/${p.id}`)).statusCode).toBe(404);
  });

  it('pages through more pods than the limit without duplicates or gaps', async () => {
    const o = await seedOrg(ctx, 'Pods Paging Org');
    const c = client(ctx, await signIn(ctx, o.users.ADMIN.email));
    const created: string[] = [];
    for (let i = 0; i < 6; i++) created.push((await createPod(c, { name: `Paging Pod ${i}` })).id);
    const first = (await c.get('/api/pods?limit=4')).json();
    expect(first.items).toHaveLength(4);
    expect(first.nextCursor).toEqual(expect.any(String));
    for (const limit of [1, 4, 5, 6]) {
      expect(await collect(c, '/api/pods', limit), `limit ${limit}`).toEqual(
        [...created].reverse(),
      );
    }
    expect((await c.get('/api/pods?limit=6')).json().nextCursor).toBeNull();
    // Other organizations' pods never show up.
    const mine = await collect(admin, '/api/pods', 200);
    for (const id of created) expect(mine).not.toContain(id);
  });
});
