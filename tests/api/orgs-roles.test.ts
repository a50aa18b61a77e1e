import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSIONS, PERMISSIONS, ROLES } from '../../src/domain/permissions';
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
  org = await seedOrg(ctx, 'Roles Org');
  other = await seedOrg(ctx, 'Roles Other Org');
  admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
  producer = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  viewer = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
  otherAdmin = client(ctx, await signIn(ctx, other.users.ADMIN.email));
});
afterAll(async () => ctx?.close());

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('GET /api/organization', () => {
  it('answers every role with its own organization', async () => {
    for (const c of [admin, producer, artist, viewer]) {
      const res = await c.get('/api/organization');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: org.orgId,
        name: 'Roles Org',
        domain: expect.stringMatching(/\.test$/),
      });
    }
    expect((await otherAdmin.get('/api/organization')).json().id).toBe(other.orgId);
  });

  it('needs a session', async () => {
    const res = await client(ctx).get('/api/organization');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('PATCH /api/organization', () => {
  it('renames the organization for ORG_SETTINGS holders, only their own', async () => {
    const res = await admin.patch('/api/organization', { name: '  Roles Org Renamed  ' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: org.orgId, name: 'Roles Org Renamed' });
    expect((await artist.get('/api/organization')).json().name).toBe('Roles Org Renamed');
    expect((await otherAdmin.get('/api/organization')).json().name).toBe('Roles Other Org');
    expect((await admin.patch('/api/organization', { name: 'Roles Org' })).statusCode).toBe(200);
  });

  it('is 403 for roles without ORG_SETTINGS', async () => {
    for (const c of [producer, artist, viewer]) {
      const res = await c.patch('/api/organization', { name: 'Hijacked' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect((await admin.get('/api/organization')).json().name).toBe('Roles Org');
  });

  it('refuses an empty name, a missing name and unknown fields with 400 and fields', async () => {
    const empty = await admin.patch('/api/organization', { name: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('VALIDATION_FAILED');
    expect(empty.json().error.fields[0].path).toBe('name');

    const missing = await admin.patch('/api/organization', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.length).toBeGreaterThan(0);

    const unknown = await admin.patch('/api/organization', { name: 'X', domain: 'evil.test' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
    expect(unknown.json().error.fields.length).toBeGreaterThan(0);

    const tooLong = await admin.patch('/api/organization', { name: 'x'.repeat(201) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields[0].path).toBe('name');
  });
});

describe('GET /api/roles', () => {
  it('returns roles, the permission catalogue and the default matrix', async () => {
    const res = await admin.get('/api/roles');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.roles).toEqual([...ROLES]);
    expect(body.permissions).toHaveLength(33);
    expect(body.permissions.map((p: { key: string }) => p.key)).toEqual(PERMISSIONS);
    for (const p of body.permissions) {
      expect(p.group).toEqual(expect.any(String));
      expect(p.description).toEqual(expect.any(String));
    }
    for (const role of ROLES)
      expect(sorted(body.matrix[role])).toEqual(sorted(DEFAULT_ROLE_PERMISSIONS[role]));
  });

  it('lists the matrix in catalogue order', async () => {
    const body = (await admin.get('/api/roles')).json();
    for (const role of ROLES) {
      expect(body.matrix[role]).toEqual(PERMISSIONS.filter((p) => body.matrix[role].includes(p)));
    }
  });

  it('is 403 without ROLE_MANAGE', async () => {
    for (const c of [producer, artist, viewer]) {
      const res = await c.get('/api/roles');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('is 401 without a session', async () => {
    expect((await client(ctx).get('/api/roles')).statusCode).toBe(401);
  });
});

describe('PUT /api/roles/:role/permissions', () => {
  it('is 403 for PRODUCER, ARTIST and CLIENT_VIEWER, and changes nothing', async () => {
    for (const c of [producer, artist, viewer]) {
      const res = await c.put('/api/roles/ARTIST/permissions', { permissions: [...PERMISSIONS] });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const matrix = (await admin.get('/api/roles')).json().matrix;
    expect(sorted(matrix.ARTIST)).toEqual(sorted(DEFAULT_ROLE_PERMISSIONS.ARTIST));
  });

  it('refuses unknown permissions with 400 and a permissions field', async () => {
    const res = await admin.put('/api/roles/ARTIST/permissions', {
      permissions: ['PROJECT_VIEW', 'TIME_TRAVEL'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.fields[0].path).toBe('permissions');
    expect(res.json().error.message).toContain('TIME_TRAVEL');
  });

  it('refuses an unknown role, a missing list, a non-array and unknown fields with 400', async () => {
    const role = await admin.put('/api/roles/SUPERUSER/permissions', { permissions: [] });
    expect(role.statusCode).toBe(400);
    expect(role.json().error.fields.length).toBeGreaterThan(0);
    const lower = await admin.put('/api/roles/artist/permissions', { permissions: [] });
    expect(lower.statusCode).toBe(400);

    const missing = await admin.put('/api/roles/ARTIST/permissions', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].path).toBe('permissions');

    const notArray = await admin.put('/api/roles/ARTIST/permissions', {
      permissions: 'PROJECT_VIEW',
    });
    expect(notArray.statusCode).toBe(400);
    expect(notArray.json().error.fields[0].path).toBe('permissions');

    const extra = await admin.put('/api/roles/ARTIST/permissions', {
      permissions: [],
      role: 'ADMIN',
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('VALIDATION_FAILED');
    expect(extra.json().error.fields.length).toBeGreaterThan(0);
  });

  it('refuses to take ROLE_MANAGE from ADMIN with 409', async () => {
    const res = await admin.put('/api/roles/ADMIN/permissions', {
      permissions: PERMISSIONS.filter((p) => p !== 'ROLE_MANAGE'),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CONFLICT');
    expect(res.json().error.message).toMatch(/ROLE_MANAGE/);
    const empty = await admin.put('/api/roles/ADMIN/permissions', { permissions: [] });
    expect(empty.statusCode).toBe(409);
    // Admins can still manage roles.
    expect((await admin.get('/api/roles')).statusCode).toBe(200);
  });

  it('lets ADMIN lose a permission that is not locked, and get it back', async () => {
    const without = PERMISSIONS.filter((p) => p !== 'PROJECT_DELETE');
    const res = await admin.put('/api/roles/ADMIN/permissions', { permissions: without });
    expect(res.statusCode).toBe(200);
    expect(res.json().permissions).not.toContain('PROJECT_DELETE');
    expect((await admin.get('/api/me')).json().permissions).not.toContain('PROJECT_DELETE');
    expect(
      (await admin.put('/api/roles/ADMIN/permissions', { permissions: PERMISSIONS })).statusCode,
    ).toBe(200);
    expect((await admin.get('/api/me')).json().permissions).toContain('PROJECT_DELETE');
  });

  it('de-duplicates and answers in catalogue order', async () => {
    const res = await admin.put('/api/roles/CLIENT_VIEWER/permissions', {
      permissions: ['REVISION_REVIEW', 'PROJECT_VIEW', 'PROJECT_VIEW', 'STAGE_VIEW'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      role: 'CLIENT_VIEWER',
      permissions: PERMISSIONS.filter((p) =>
        ['REVISION_REVIEW', 'PROJECT_VIEW', 'STAGE_VIEW'].includes(p),
      ),
    });
    expect(sorted((await admin.get('/api/roles')).json().matrix.CLIENT_VIEWER)).toEqual(
      sorted(['REVISION_REVIEW', 'PROJECT_VIEW', 'STAGE_VIEW']),
    );
    // Restore the default.
    const restore = await admin.put('/api/roles/CLIENT_VIEWER/permissions', {
      permissions: [...DEFAULT_ROLE_PERMISSIONS.CLIENT_VIEWER],
    });
    expect(restore.statusCode).toBe(200);
  });

  it('can empty a role', async () => {
    const res = await admin.put('/api/roles/ARTIST/permissions', { permissions: [] });
    expect(res.statusCode).toBe(200);
    expect(res.json().permissions).toEqual([]);
    expect((await artist.get('/api/me')).json().permissions).toEqual([]);
    await admin.put('/api/roles/ARTIST/permissions', {
      permissions: [...DEFAULT_ROLE_PERMISSIONS.ARTIST],
    });
    expect(sorted((await artist.get('/api/me')).json().permissions)).toEqual(
      sorted(DEFAULT_ROLE_PERMISSIONS.ARTIST),
    );
  });

  it('changes what a user can do on their next request, with the same session', async () => {
    expect((await artist.get('/api/users')).statusCode).toBe(403);

    const grant = await admin.put('/api/roles/ARTIST/permissions', {
      permissions: [...DEFAULT_ROLE_PERMISSIONS.ARTIST, 'USER_MANAGE'],
    });
    expect(grant.statusCode).toBe(200);
    expect(grant.json().permissions).toContain('USER_MANAGE');

    const listed = await artist.get('/api/users');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((u: { id: string }) => u.id)).toContain(org.users.ARTIST.id);
    expect((await artist.get('/api/me')).json().permissions).toContain('USER_MANAGE');
    // The other roles did not change.
    expect((await producer.get('/api/users')).statusCode).toBe(403);
    expect((await viewer.get('/api/users')).statusCode).toBe(403);

    const revoke = await admin.put('/api/roles/ARTIST/permissions', {
      permissions: [...DEFAULT_ROLE_PERMISSIONS.ARTIST],
    });
    expect(revoke.statusCode).toBe(200);
    expect((await artist.get('/api/users')).statusCode).toBe(403);
    expect((await artist.get('/api/me')).json().permissions).not.toContain('USER_MANAGE');
  });

  it('lets a PRODUCER granted ROLE_MANAGE edit the matrix, until it is taken away', async () => {
    await admin.put('/api/roles/PRODUCER/permissions', {
      permissions: [...DEFAULT_ROLE_PERMISSIONS.PRODUCER, 'ROLE_MANAGE'],
    });
    expect((await producer.get('/api/roles')).statusCode).toBe(200);
    const res = await producer.put('/api/roles/PRODUCER/permissions', {
      permissions: [...DEFAULT_ROLE_PERMISSIONS.PRODUCER],
    });
    expect(res.statusCode).toBe(200);
    expect((await producer.get('/api/roles')).statusCode).toBe(403);
    expect(
      (await producer.put('/api/roles/PRODUCER/permissions', { permissions: [...PERMISSIONS] }))
        .statusCode,
    ).toBe(403);
  });

  it('edits only the caller’s organization', async () => {
    await admin.put('/api/roles/ARTIST/permissions', { permissions: ['PROJECT_VIEW'] });
    const mine = (await admin.get('/api/roles')).json().matrix.ARTIST;
    const theirs = (await otherAdmin.get('/api/roles')).json().matrix.ARTIST;
    expect(mine).toEqual(['PROJECT_VIEW']);
    expect(sorted(theirs)).toEqual(sorted(DEFAULT_ROLE_PERMISSIONS.ARTIST));
    const otherArtist = client(ctx, await signIn(ctx, other.users.ARTIST.email));
    expect(sorted((await otherArtist.get('/api/me')).json().permissions)).toEqual(
      sorted(DEFAULT_ROLE_PERMISSIONS.ARTIST),
    );
    await admin.put('/api/roles/ARTIST/permissions', {
      permissions: [...DEFAULT_ROLE_PERMISSIONS.ARTIST],
    });
  });
});
