import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTeamMemberships, clientTeams, projects } from '../../src/server/db/schema';
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
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Visible Org');
  other = await seedOrg(ctx, 'Other Org');
  const db = ctx.database.db;
  const [mine, theirs] = await db
    .insert(clientTeams)
    .values([
      { organizationId: org.orgId, name: 'Mine', slug: 'mine' },
      { organizationId: org.orgId, name: 'Theirs', slug: 'theirs' },
    ])
    .returning();
  await db
    .insert(clientTeamMemberships)
    .values({ clientTeamId: mine!.id, userId: org.users.CLIENT_VIEWER.id });
  const rows = await db
    .insert(projects)
    .values([
      {
        organizationId: org.orgId,
        projectCode: 'P-MINE',
        name: 'Mine project',
        clientTeamId: mine!.id,
        estimatedCost: 5000,
      },
      {
        organizationId: org.orgId,
        projectCode: 'P-THEIRS',
        name: 'Theirs project',
        clientTeamId: theirs!.id,
      },
      { organizationId: org.orgId, projectCode: 'P-INT', name: 'Internal project' },
      { organizationId: other.orgId, projectCode: 'P-MINE', name: 'Other org project' },
    ])
    .returning();
  for (const r of rows) ids[r.name] = r.id;
});
afterAll(async () => ctx?.close());

describe('project visibility', () => {
  it('shows staff every project of their organization only', async () => {
    const c = client(ctx, await signIn(ctx, org.users.ARTIST.email));
    const names = (await c.get('/api/projects'))
      .json()
      .items.map((p: { name: string }) => p.name)
      .sort();
    expect(names).toEqual(['Internal project', 'Mine project', 'Theirs project']);
    expect((await c.get(`/api/projects/${ids['Other org project']}`)).statusCode).toBe(404);
  });

  it("narrows a client viewer to their client teams' projects, without internal costs", async () => {
    const c = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
    const list = (await c.get('/api/projects')).json();
    expect(list.items.map((p: { name: string }) => p.name)).toEqual(['Mine project']);
    expect(list.items[0]).not.toHaveProperty('estimatedCost');
    expect((await c.get(`/api/projects/${ids['Theirs project']}`)).statusCode).toBe(404);
    expect((await c.get(`/api/projects/${ids['Internal project']}`)).statusCode).toBe(404);
    expect((await c.get(`/api/projects/${ids['Mine project']}`)).statusCode).toBe(200);
  });

  it('shows a client viewer in no team nothing', async () => {
    const admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
    const teams = (await admin.get('/api/client-teams')).json().items;
    const mine = teams.find((t: { name: string }) => t.name === 'Mine');
    expect(
      (await admin.delete(`/api/client-teams/${mine.id}/members/${org.users.CLIENT_VIEWER.id}`))
        .statusCode,
    ).toBe(204);
    const c = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
    expect((await c.get('/api/projects')).json().items).toEqual([]);
  });

  it('filters and paginates', async () => {
    const c = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
    const first = (await c.get('/api/projects?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await c.get(`/api/projects?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const bad = await c.get('/api/projects?status=NOPE');
    expect(bad.statusCode).toBe(400);
  });
});
