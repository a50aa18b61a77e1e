import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTeamMemberships, clientTeams, users } from '../../src/server/db/schema';
import { createUserWithPassword } from '../../src/server/modules/orgs/org-bootstrap';
import { eq } from 'drizzle-orm';
import {
  client,
  createTestApp,
  PASSWORD,
  seedOrg,
  signIn,
  type SeededOrg,
  type TestContext,
} from '../helpers/test-app';

interface Person {
  id: string;
  name: string;
  handle: string;
  isExternal: boolean;
}

let ctx: TestContext;
let org: SeededOrg;
let other: SeededOrg;
let producer: ReturnType<typeof client>;
let stageWithTeam: string;
let stageWithoutTeam: string;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Mention Org');
  other = await seedOrg(ctx, 'Mention Outside');
  const db = ctx.database.db;
  await db.transaction((tx) =>
    createUserWithPassword(db, tx, org.orgId, {
      email: `Jane.Doe@mention-${org.orgId}.test`,
      name: 'Jane Doe',
      role: 'ARTIST',
      password: PASSWORD,
    }),
  );
  const gone = await db.transaction((tx) =>
    createUserWithPassword(db, tx, org.orgId, {
      email: `gone@mention-${org.orgId}.test`,
      name: 'Gone Person',
      role: 'ARTIST',
      password: PASSWORD,
    }),
  );
  await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, gone.id));
  const [team] = await db
    .insert(clientTeams)
    .values({ organizationId: org.orgId, name: 'Acme', slug: 'acme' })
    .returning();
  await db
    .insert(clientTeamMemberships)
    .values({ clientTeamId: team!.id, userId: org.users.CLIENT_VIEWER.id });

  producer = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
  const pipe = await producer.post('/api/pipelines', {
    name: 'Stills',
    stages: [{ key: 'a', name: 'Design', approvalType: 'SIMPLE' }],
  });
  expect(pipe.statusCode, pipe.body).toBe(201);
  const stageOf = async (code: string, clientTeamId?: string) => {
    const project = await producer.post('/api/projects', {
      name: `Project ${code}`,
      projectCode: code,
      pipelineTemplateId: pipe.json().id,
      ...(clientTeamId ? { clientTeamId } : {}),
    });
    expect(project.statusCode, project.body).toBe(201);
    const d = await producer.post(`/api/projects/${project.json().id}/deliverables`, {
      name: 'Key visual',
    });
    expect(d.statusCode, d.body).toBe(201);
    return d.json().stages[0].id as string;
  };
  stageWithTeam = await stageOf('MEN-1', team!.id);
  stageWithoutTeam = await stageOf('MEN-2');
});

afterAll(async () => {
  await ctx?.close();
});

describe('GET /api/stages/:stageId/mentionable', () => {
  it("lists active staff and the project's client team, with the handle to write", async () => {
    const res = await producer.get(`/api/stages/${stageWithTeam}/mentionable`);
    expect(res.statusCode, res.body).toBe(200);
    const people: Person[] = res.json().items;
    const handles = people.map((p) => p.handle);
    expect(handles).toContain('producer');
    expect(handles).toContain('artist');
    expect(handles).toContain('admin');
    // The e-mail's local part, lower-cased: what domain/mentions.ts parses.
    expect(people.find((p) => p.name === 'Jane Doe')?.handle).toBe('jane.doe');
    expect(people.find((p) => p.handle === 'client-viewer')?.isExternal).toBe(true);
    expect(handles).not.toContain('gone');
    // Nobody from another organization.
    expect(people.map((p) => p.id)).not.toContain(other.users.ADMIN.id);
    // Sorted by name.
    const names = people.map((p) => p.name);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
  });

  it('leaves out clients of other teams (a project without a client team has none)', async () => {
    const res = await producer.get(`/api/stages/${stageWithoutTeam}/mentionable`);
    expect(res.statusCode, res.body).toBe(200);
    const people: Person[] = res.json().items;
    expect(people.some((p) => p.isExternal)).toBe(false);
    expect(people.map((p) => p.handle)).toContain('artist');
  });

  it('is 404 for client viewers, other organizations and unknown stages', async () => {
    const viewer = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
    expect((await viewer.get(`/api/stages/${stageWithTeam}/mentionable`)).statusCode).toBe(404);
    const outsider = client(ctx, await signIn(ctx, other.users.ADMIN.email));
    expect((await outsider.get(`/api/stages/${stageWithTeam}/mentionable`)).statusCode).toBe(404);
    expect((await producer.get('/api/stages/nope/mentionable')).statusCode).toBe(404);
    expect((await client(ctx).get(`/api/stages/${stageWithTeam}/mentionable`)).statusCode).toBe(
      401,
    );
  });
});
