import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientTeamMemberships,
  clientTeams,
  invitations,
  notifications,
  pods,
  projects,
} from '../../src/server/db/schema';
import {
  client,
  createTestApp,
  seedOrg,
  signIn,
  type SeededOrg,
  type TestContext,
} from '../helpers/test-app';
import { multipart } from '../helpers/multipart';

/**
 * Walks every route of the OpenAPI document as someone who must not see org A's data — an
 * admin of another organization, and a client viewer of another client team — with every id
 * of org A in every path parameter, and checks that nothing of org A comes back or changes.
 */
let ctx: TestContext;
let orgA: SeededOrg;
let orgB: SeededOrg;
const secretsA = new Set<string>();
let teamX: string;
let teamY: string;

type OpenApi = {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
  >;
};
type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  format?: string;
  minLength?: number;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
};

/** A minimal body that passes validation, so the walk reaches the lookup, not just the schema. */
function sampleFor(schema: JsonSchema | undefined): unknown {
  if (!schema) return {};
  if (schema.anyOf?.length)
    return sampleFor(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0]);
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = sampleFor(schema.properties?.[key]);
      return out;
    }
    case 'string':
      if (schema.format === 'email') return 'walker@example.test';
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 12));
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      return {};
  }
}

beforeAll(async () => {
  ctx = await createTestApp();
  orgA = await seedOrg(ctx, 'Secret Org');
  orgB = await seedOrg(ctx, 'Walker Org');
  const db = ctx.database.db;
  const [x] = await db
    .insert(clientTeams)
    .values({ organizationId: orgA.orgId, name: 'Team X Secret', slug: 'team-x' })
    .returning();
  const [y] = await db
    .insert(clientTeams)
    .values({ organizationId: orgA.orgId, name: 'Team Y', slug: 'team-y' })
    .returning();
  teamX = x!.id;
  teamY = y!.id;
  await db
    .insert(clientTeamMemberships)
    .values({ clientTeamId: teamY, userId: orgA.users.CLIENT_VIEWER.id });
  const [pod] = await db
    .insert(pods)
    .values({ organizationId: orgA.orgId, name: 'Pod Secret', slug: 'pod-secret' })
    .returning();
  const [project] = await db
    .insert(projects)
    .values({
      organizationId: orgA.orgId,
      projectCode: 'SEC-1',
      name: 'Secret Project',
      clientTeamId: teamX,
      omgJobNumber: '777001',
    })
    .returning();
  const [note] = await db
    .insert(notifications)
    .values({
      organizationId: orgA.orgId,
      userId: orgA.users.ADMIN.id,
      type: 'COMMENT',
      title: 'Secret note',
      message: 'hush',
    })
    .returning();
  const adminA = client(ctx, await signIn(ctx, orgA.users.ADMIN.email));
  const inv = await adminA.post('/api/invitations', {
    email: 'secret.invitee@a.test',
    role: 'ARTIST',
  });
  expect(inv.statusCode).toBe(201);
  const [invRow] = await db.select().from(invitations);
  // Work with a revision sent to the client, so the walk reaches stages and revisions too.
  const pipe = await adminA.post('/api/pipelines', {
    name: 'Secret Pipeline',
    stages: [{ key: 'creative', name: 'Creative' }],
  });
  const workProject = await adminA.post('/api/projects', {
    name: 'Secret Work',
    projectCode: 'SEC-2',
    clientTeamId: teamX,
    pipelineTemplateId: pipe.json().id,
  });
  const deliverable = await adminA.post(`/api/projects/${workProject.json().id}/deliverables`, {
    name: 'Secret Deliverable',
  });
  const stageId = deliverable.json().stages[0].id as string;
  const png = await sharp({
    create: { width: 4, height: 4, channels: 3, background: '#000000' },
  })
    .png()
    .toBuffer();
  const form = multipart([
    { name: 'file', filename: 'secret-file.png', contentType: 'image/png', data: png },
  ]);
  const uploaded = await ctx.app.inject({
    method: 'POST',
    url: `/api/stages/${stageId}/revisions`,
    headers: {
      origin: 'http://localhost:3999',
      cookie: await signIn(ctx, orgA.users.ADMIN.email),
      'content-type': form.contentType,
    },
    payload: form.payload,
  });
  expect(uploaded.statusCode).toBe(201);
  const revisionId = uploaded.json().id as string;
  expect(
    (await adminA.post(`/api/stages/${stageId}/revisions/${revisionId}/send-to-client`)).statusCode,
  ).toBe(200);
  for (const id of [deliverable.json().id, stageId, revisionId, workProject.json().id])
    secretsA.add(id);
  secretsA.add('secret-file.png');

  for (const role of Object.values(orgA.users)) {
    secretsA.add(role.id);
    secretsA.add(role.email);
  }
  for (const id of [orgA.orgId, teamX, pod!.id, project!.id, note!.id, invRow!.id])
    secretsA.add(id);
  for (const text of [
    'Team X Secret',
    'Pod Secret',
    'Secret Project',
    'Secret note',
    'secret.invitee@a.test',
    'Secret Org',
  ]) {
    secretsA.add(text);
  }
});
afterAll(async () => ctx?.close());

async function walk(cookie: string, secrets: Set<string>, ids: string[]) {
  const doc = (await client(ctx).get('/api/openapi.json')).json() as OpenApi;
  const c = client(ctx, cookie);
  const leaks: string[] = [];
  let requests = 0;
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (path === '/api/notifications/stream') continue; // checked over a real connection below
    if (path.startsWith('/api/auth/')) continue; // sign-in endpoints take no ids and hold no org data
    for (const [method, op] of Object.entries(ops)) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const candidates = params.length ? ids : [''];
      for (const id of candidates) {
        let url = path;
        for (const p of params) url = url.replace(`{${p}}`, p === 'role' ? 'ARTIST' : id);
        const body = sampleFor(op.requestBody?.content?.['application/json']?.schema);
        const m = method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
        const res = await ctx.app.inject({
          method: m,
          url,
          headers: { cookie, origin: 'http://localhost:3999' },
          ...(m === 'GET' || m === 'DELETE' ? {} : { payload: body as object }),
        });
        requests++;
        for (const s of secrets) {
          if (res.body.includes(s)) leaks.push(`${m} ${url} → ${res.statusCode} contains ${s}`);
        }
        if (params.length && params.some((p) => p !== 'role') && res.statusCode < 300) {
          leaks.push(`${m} ${url} → ${res.statusCode} succeeded with a foreign id`);
        }
      }
    }
  }
  void c;
  return { leaks, requests };
}

describe('isolation between organizations and client teams', () => {
  it('answers every route for an admin of another organization with nothing of org A', async () => {
    const cookie = await signIn(ctx, orgB.users.ADMIN.email);
    const ids = [...secretsA].filter((s) => /^[0-9a-z]{24}$/.test(s));
    const { leaks, requests } = await walk(cookie, secretsA, ids);
    expect(requests).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
    // And nothing of org A changed.
    const adminA = client(ctx, await signIn(ctx, orgA.users.ADMIN.email));
    const teams = (await adminA.get('/api/client-teams'))
      .json()
      .items.map((t: { name: string }) => t.name);
    expect(teams).toEqual(expect.arrayContaining(['Team X Secret', 'Team Y']));
    const usersA = (await adminA.get('/api/users')).json().items;
    expect(usersA.every((u: { disabled: boolean }) => !u.disabled)).toBe(true);
    expect(usersA.map((u: { role: string }) => u.role).sort()).toEqual([
      'ADMIN',
      'ARTIST',
      'CLIENT_VIEWER',
      'PRODUCER',
    ]);
  });

  it("answers every route for a client viewer of another team with nothing of team X's work", async () => {
    const cookie = await signIn(ctx, orgA.users.CLIENT_VIEWER.email);
    const secretsX = new Set([
      teamX,
      'Team X Secret',
      'Secret Project',
      'secret.invitee@a.test',
      'Secret note',
    ]);
    const ids = [...secretsA].filter(
      (s) => /^[0-9a-z]{24}$/.test(s) && s !== orgA.users.CLIENT_VIEWER.id,
    );
    const { leaks } = await walk(cookie, secretsX, ids);
    expect(leaks).toEqual([]);
  });

  it('refuses every non-public route without a session', async () => {
    const doc = (await client(ctx).get('/api/openapi.json')).json() as OpenApi;
    const open: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        const url = path.replace(/\{(\w+)\}/g, 'abc');
        const res = await ctx.app.inject({ method: method.toUpperCase() as 'GET', url });
        if (res.statusCode !== 401)
          open.push(`${method.toUpperCase()} ${path} → ${res.statusCode}`);
      }
    }
    // Only sign-in, password reset, invitation acceptance, health and public config are open.
    for (const line of open) {
      expect(line).toMatch(/\/api\/(auth\/|health|public\/config|invitations\/(lookup|accept))/);
    }
  });

  it("never streams another organization's notifications", async () => {
    const cookie = await signIn(ctx, orgB.users.ADMIN.email);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as AddressInfo;
    let body = '';
    const req = http.get({
      host: '127.0.0.1',
      port,
      path: '/api/notifications/stream',
      headers: { cookie },
    });
    const res = await new Promise<http.IncomingMessage>((r) => req.on('response', r));
    res.on('data', (d: Buffer) => (body += d.toString()));
    await ctx.app.services.notifications.notify(ctx.database.db, {
      organizationId: orgA.orgId,
      userIds: Object.values(orgA.users).map((u) => u.id),
      type: 'COMMENT',
      title: 'Another secret',
      message: 'hush',
    });
    await new Promise((r) => setTimeout(r, 500));
    req.destroy();
    expect(body).toContain('event: unread');
    expect(body).not.toContain('Another secret');
  });
});
