import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefs, clientTeams, projects } from '../../src/server/db/schema';
import { signBriefDelivery } from '../../src/server/modules/briefs/brief-webhook';
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
let producer: Client;
let artist: Client;
let otherProducer: Client;
let apiKey: string;
let teamId: string;

interface Brief {
  id: string;
  title: string;
  status: string;
  source: string;
  externalId: string | null;
  rawPayload: unknown;
  priority: string;
  requestorEmail: string | null;
  requestedDueDate: string | null;
  clientTeam: { id: string; name: string } | null;
  convertedProject: { id: string; name: string; projectCode: string } | null;
  nextStatuses: string[];
  history?: {
    fromStatus: string | null;
    toStatus: string;
    note: string | null;
    actor: string | null;
  }[];
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Briefs Org');
  other = await seedOrg(ctx, 'Briefs Other');
  producer = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  otherProducer = client(ctx, await signIn(ctx, other.users.PRODUCER.email));
  const key = await producer.post('/api/api-keys', { name: 'Intake' });
  apiKey = key.json().key;
  const [team] = await ctx.database.db
    .insert(clientTeams)
    .values({ organizationId: org.orgId, name: 'Acme', slug: 'acme' })
    .returning();
  teamId = team!.id;
});
afterAll(async () => ctx?.close());

const viaKey = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${apiKey}`, ...headers },
    payload: payload as object,
  });

async function createBrief(c: Client, body: Record<string, unknown>) {
  const res = await c.post('/api/briefs', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Brief;
}

async function move(id: string, status: string, note?: string) {
  const res = await producer.post(`/api/briefs/${id}/status`, { status, note });
  return res;
}

describe('briefs by hand and by API key', () => {
  it('creates by hand (BRIEF_MANAGE) with source manual', async () => {
    const b = await createBrief(producer, {
      title: 'Holiday campaign',
      description: 'Six hero images',
      requestorName: 'Dana',
      requestorEmail: 'dana@client.test',
      priority: 'HIGH',
      requestedDueDate: '2026-12-20',
      clientTeamId: teamId,
    });
    expect(b).toMatchObject({
      source: 'manual',
      status: 'PENDING',
      priority: 'HIGH',
      clientTeam: { id: teamId, name: 'Acme' },
      rawPayload: null,
      nextStatuses: ['REVIEWING', 'ARCHIVED'],
    });
    expect(b.requestedDueDate).toBe('2026-12-20T00:00:00.000Z');
    expect((await artist.post('/api/briefs', { title: 'x' })).statusCode).toBe(403);
    expect((await artist.get('/api/briefs')).statusCode).toBe(403);
    expect((await producer.post('/api/briefs', { title: '' })).statusCode).toBe(400);
    expect(
      (await producer.post('/api/briefs', { title: 'x', clientTeamId: 'nope' })).statusCode,
    ).toBe(400);
  });

  it('by API key: unmapped members kept, idempotent on externalId', async () => {
    const body = {
      title: 'Spring launch',
      externalId: 'WF-1001',
      requestorEmail: 'ops@client.test',
      budgetCode: 'B-77',
      channels: ['social', 'web'],
    };
    const first = await viaKey('/api/briefs', body);
    expect(first.statusCode, first.body).toBe(201);
    const b = first.json() as Brief;
    expect(b).toMatchObject({ source: 'api', externalId: 'WF-1001' });
    expect(b.rawPayload).toEqual({ budgetCode: 'B-77', channels: ['social', 'web'] });

    // The same externalId again (another request, no Idempotency-Key): the same brief, 200.
    const again = await viaKey('/api/briefs', { ...body, title: 'Spring launch (resent)' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(b.id);
    expect(again.json().title).toBe('Spring launch');
    const [{ n }] = (await ctx.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(briefs)
      .where(and(eq(briefs.organizationId, org.orgId), eq(briefs.externalId, 'WF-1001')))) as [
      { n: number },
    ];
    expect(n).toBe(1);

    // externalId is per org: another org may use the same one.
    const theirs = await otherProducer.post('/api/briefs', {
      title: 'Theirs',
      externalId: 'WF-1001',
    });
    expect(theirs.statusCode).toBe(201);
    expect((await otherProducer.get(`/api/briefs/${b.id}`)).statusCode).toBe(404);
  });

  it('lists with a status filter, search, counts and pagination', async () => {
    for (let i = 0; i < 5; i++) await createBrief(producer, { title: `Paged ${i}` });
    const page1 = await producer.get('/api/briefs?limit=2&q=Paged');
    expect(page1.statusCode).toBe(200);
    const p1 = page1.json() as { items: Brief[]; nextCursor: string | null };
    expect(p1.items.map((x) => x.title)).toEqual(['Paged 4', 'Paged 3']);
    expect(p1.nextCursor).not.toBeNull();
    const page2 = (
      await producer.get(`/api/briefs?limit=2&q=Paged&cursor=${p1.nextCursor}`)
    ).json();
    expect(page2.items.map((x: Brief) => x.title)).toEqual(['Paged 2', 'Paged 1']);

    const one = (await producer.get('/api/briefs?q=Paged%200')).json().items[0] as Brief;
    expect((await move(one.id, 'REVIEWING')).statusCode).toBe(200);
    const reviewing = (await producer.get('/api/briefs?status=REVIEWING')).json().items as Brief[];
    expect(reviewing.map((x) => x.id)).toEqual([one.id]);
    const counts = (await producer.get('/api/briefs/counts')).json();
    expect(counts.counts.REVIEWING).toBe(1);
    expect(counts.total).toBeGreaterThanOrEqual(7);
    expect((await producer.get('/api/briefs?status=NOPE')).statusCode).toBe(400);
  });
});

describe('triage and conversion', () => {
  it('follows PENDING → REVIEWING → ACCEPTED / REJECTED and records who did it', async () => {
    const b = await createBrief(producer, { title: 'Triage me' });
    const illegal = await move(b.id, 'ACCEPTED');
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error.message).toMatch(/pending brief can move to Reviewing, Archived/);
    expect((await move(b.id, 'REVIEWING')).statusCode).toBe(200);
    const rejected = await move(b.id, 'REJECTED', 'Out of scope');
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().status).toBe('REJECTED');
    expect((await move(b.id, 'REVIEWING')).statusCode).toBe(200);
    expect((await move(b.id, 'CONVERTED')).statusCode).toBe(409);
    const accepted = (await move(b.id, 'ACCEPTED')).json() as Brief;
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.history!.map((h) => h.toStatus)).toEqual([
      'PENDING',
      'REVIEWING',
      'REJECTED',
      'REVIEWING',
      'ACCEPTED',
    ]);
    expect(accepted.history![2]).toMatchObject({
      note: 'Out of scope',
      actor: `PRODUCER of Briefs Org`,
    });
    expect(
      (await otherProducer.post(`/api/briefs/${b.id}/status`, { status: 'REVIEWING' })).statusCode,
    ).toBe(404);
  });

  it('converts an accepted brief into a project, linked both ways, in one transaction', async () => {
    const b = await createBrief(producer, {
      title: 'Convert me',
      description: 'From the brief',
      requestorName: 'Dana',
      priority: 'URGENT',
      requestedDueDate: '2027-01-15',
      clientTeamId: teamId,
    });
    const early = await producer.post(`/api/briefs/${b.id}/convert`, { projectCode: 'CNV-1' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/Only an accepted brief/);
    await move(b.id, 'REVIEWING');
    await move(b.id, 'ACCEPTED');

    // A taken project code fails the whole conversion: no project, the brief unchanged.
    await producer.post('/api/projects', { name: 'Existing', projectCode: 'TAKEN-1' });
    const clash = await producer.post(`/api/briefs/${b.id}/convert`, { projectCode: 'TAKEN-1' });
    expect(clash.statusCode).toBe(409);
    const unchanged = (await producer.get(`/api/briefs/${b.id}`)).json() as Brief;
    expect(unchanged.status).toBe('ACCEPTED');
    expect(unchanged.convertedProject).toBeNull();
    expect(
      await ctx.database.db.select().from(projects).where(eq(projects.name, 'Convert me')),
    ).toHaveLength(0);

    expect(
      (await artist.post(`/api/briefs/${b.id}/convert`, { projectCode: 'CNV-1' })).statusCode,
    ).toBe(403);
    const res = await producer.post(`/api/briefs/${b.id}/convert`, {
      projectCode: 'CNV-1',
      omgJobNumber: '424242',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { brief, project } = res.json() as {
      brief: Brief;
      project: { id: string; name: string };
    };
    expect(brief.status).toBe('CONVERTED');
    expect(brief.convertedProject).toEqual({
      id: project.id,
      name: 'Convert me',
      projectCode: 'CNV-1',
    });
    expect(brief.nextStatuses).toEqual([]);
    expect(brief.history!.at(-1)).toMatchObject({ fromStatus: 'ACCEPTED', toStatus: 'CONVERTED' });

    const p = (await producer.get(`/api/projects/${project.id}`)).json();
    expect(p).toMatchObject({
      name: 'Convert me',
      projectCode: 'CNV-1',
      omgJobNumber: '424242',
      description: 'From the brief',
      priority: 'URGENT',
      requestor: 'Dana',
      clientTeam: { id: teamId },
    });
    expect(p.dueDate).toBe('2027-01-15T00:00:00.000Z');
    // And back: the project's briefs.
    const fromProject = (await producer.get(`/api/briefs?projectId=${project.id}`)).json().items;
    expect(fromProject.map((x: Brief) => x.id)).toEqual([b.id]);

    // Final: no second conversion, no edits, no moves.
    expect(
      (await producer.post(`/api/briefs/${b.id}/convert`, { projectCode: 'CNV-2' })).statusCode,
    ).toBe(409);
    expect((await producer.patch(`/api/briefs/${b.id}`, { title: 'x' })).statusCode).toBe(409);
    expect((await move(b.id, 'REVIEWING')).statusCode).toBe(409);
  });

  it('edits a brief', async () => {
    const b = await createBrief(producer, { title: 'Edit me' });
    const res = await producer.patch(`/api/briefs/${b.id}`, { title: 'Edited', priority: 'LOW' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Edited', priority: 'LOW' });
  });
});

describe('briefs by signed webhook', () => {
  let endpoint: { id: string; path: string; secret: string };
  beforeAll(async () => {
    const res = await producer.post('/api/webhook-endpoints', { name: 'Workfront' });
    expect(res.statusCode, res.body).toBe(201);
    endpoint = res.json();
    expect(endpoint.secret).toMatch(/^whsec_/);
  });

  let seq = 0;
  function deliver(
    body: unknown,
    opts: { id?: string; at?: Date; secret?: string; signature?: string; endpointId?: string } = {},
  ) {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const id = opts.id ?? `msg_${++seq}_${Math.random().toString(36).slice(2)}`;
    const at = opts.at ?? new Date();
    const signature =
      opts.signature ?? signBriefDelivery(opts.secret ?? endpoint.secret, id, at, raw);
    return ctx.app.inject({
      method: 'POST',
      url: `/api/webhooks/briefs/${opts.endpointId ?? endpoint.id}`,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signature,
      },
      payload: raw,
    });
  }

  it('lists and manages endpoints with INTEGRATION_MANAGE, never showing the secret again', async () => {
    const list = await producer.get('/api/webhook-endpoints');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(endpoint.secret);
    expect(list.json().items[0]).toMatchObject({
      name: 'Workfront',
      isEnabled: true,
      path: endpoint.path,
    });
    expect((await artist.get('/api/webhook-endpoints')).statusCode).toBe(403);
    expect(
      (await otherProducer.patch(`/api/webhook-endpoints/${endpoint.id}`, { isEnabled: false }))
        .statusCode,
    ).toBe(404);
  });

  it('accepts a valid delivery, mapping aliases and keeping the rest', async () => {
    const res = await deliver({
      type: 'brief.created',
      timestamp: new Date().toISOString(),
      data: {
        id: 'WF-9',
        name: 'Summer teaser',
        due_date: '2027-06-01',
        priority: 'high',
        budget: 1200,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ externalId: 'WF-9', status: 'PENDING', created: true });
    const b = (await producer.get(`/api/briefs/${res.json().id}`)).json() as Brief;
    expect(b).toMatchObject({
      title: 'Summer teaser',
      source: 'webhook:Workfront',
      priority: 'HIGH',
      requestedDueDate: '2027-06-01T00:00:00.000Z',
    });
    expect(b.rawPayload).toMatchObject({ type: 'brief.created', budget: 1200 });
    expect(b.history![0]).toMatchObject({ actor: null, note: 'Received by webhook Workfront' });
  });

  it('answers a replay (same webhook-id) with the first answer, and never duplicates', async () => {
    const body = { externalId: 'WF-10', title: 'Replayed' };
    const id = 'msg_replay_1';
    const first = await deliver(body, { id });
    expect(first.statusCode).toBe(201);
    const replay = await deliver(body, { id });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    // A new message about the same brief: not created again.
    const resent = await deliver(body);
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toMatchObject({ id: first.json().id, created: false });
    // The same webhook-id with another body is refused.
    expect((await deliver({ ...body, title: 'Changed' }, { id })).statusCode).toBe(422);
    const all = await ctx.database.db.select().from(briefs).where(eq(briefs.externalId, 'WF-10'));
    expect(all).toHaveLength(1);
  });

  it('refuses a bad signature, a stale or future timestamp, and missing headers', async () => {
    const body = { title: 'Forged', externalId: 'WF-666' };
    const wrongSecret = await deliver(body, {
      secret: `whsec_${Buffer.from('another secret, 32 bytes long!!').toString('base64')}`,
    });
    expect(wrongSecret.statusCode).toBe(401);
    expect(wrongSecret.json().error.message).toMatch(/signature does not match/);
    const garbage = await deliver(body, { signature: 'v1,AAAA' });
    expect(garbage.statusCode).toBe(401);
    const stale = await deliver(body, { at: new Date(Date.now() - 6 * 60_000) });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.message).toMatch(/more than 5 minutes/);
    expect((await deliver(body, { at: new Date(Date.now() + 6 * 60_000) })).statusCode).toBe(401);
    const missing = await ctx.app.inject({
      method: 'POST',
      url: `/api/webhooks/briefs/${endpoint.id}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    expect(missing.statusCode).toBe(401);
    // The body is signed byte for byte: a re-serialised body fails.
    const raw = JSON.stringify(body);
    const at = new Date();
    const sig = signBriefDelivery(endpoint.secret, 'msg_bytes', at, raw);
    const tampered = await ctx.app.inject({
      method: 'POST',
      url: `/api/webhooks/briefs/${endpoint.id}`,
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_bytes',
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': sig,
      },
      payload: JSON.stringify(body, null, 2),
    });
    expect(tampered.statusCode).toBe(401);
    expect(
      await ctx.database.db.select().from(briefs).where(eq(briefs.externalId, 'WF-666')),
    ).toHaveLength(0);
  });

  it('refuses invalid briefs, unknown and disabled endpoints', async () => {
    const invalid = await deliver({ description: 'no title' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.fields[0].path).toBe('title');
    expect((await deliver('not json')).statusCode).toBe(400);
    expect((await deliver({ title: 'x' }, { endpointId: 'nope' })).statusCode).toBe(404);
    const disabled = await producer.patch(`/api/webhook-endpoints/${endpoint.id}`, {
      isEnabled: false,
    });
    expect(disabled.json().isEnabled).toBe(false);
    expect((await deliver({ title: 'x' })).statusCode).toBe(404);
    await producer.patch(`/api/webhook-endpoints/${endpoint.id}`, { isEnabled: true });
    expect((await deliver({ title: 'Back on' })).statusCode).toBe(201);
  });
});
