import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTeamMemberships, clientTeams } from '../../src/server/db/schema';
import { multipart } from '../helpers/multipart';
import {
  client,
  createTestApp,
  seedOrg,
  signIn,
  TEST_ORIGIN,
  type SeededOrg,
  type TestContext,
} from '../helpers/test-app';

type Client = ReturnType<typeof client>;

let ctx: TestContext;
let org: SeededOrg;
let producerCookie: string;
let outsiderCookie: string;
let producer: Client;
let artist: Client;
let viewer: Client;
let outsider: Client;
let projectId: string;
let outsideProjectId: string;
let png: Buffer;

async function upload(cookie: string, stageId: string) {
  const body = multipart([
    { name: 'file', filename: 'v.png', contentType: 'image/png', data: png },
  ]);
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/stages/${stageId}/revisions`,
    headers: { origin: TEST_ORIGIN, cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; label: string };
}

/** A deliverable whose first stage (Creative, SIMPLE) has one revision, optionally in review. */
async function revisionInReview(name: string, inReview = true, as = producer, project = projectId) {
  const d = await as.post(`/api/projects/${project}/deliverables`, { name });
  expect(d.statusCode, d.body).toBe(201);
  const stageId = (d.json().stages as { id: string }[])[0]!.id;
  const v = await upload(as === outsider ? outsiderCookie : producerCookie, stageId);
  if (inReview)
    expect((await as.patch(`/api/stages/${stageId}`, { status: 'IN_REVIEW' })).statusCode).toBe(
      200,
    );
  return { deliverableId: d.json().id as string, stageId, revisionId: v.id, label: v.label };
}

const stageStatus = async (deliverableId: string, stageId: string) =>
  (
    (await producer.get(`/api/deliverables/${deliverableId}`)).json().stages as {
      id: string;
      status: string;
    }[]
  ).find((s) => s.id === stageId)!.status;

async function pipelineAndProject(as: Client, code: string, clientTeamId?: string) {
  const pipe = await as.post('/api/pipelines', {
    name: 'Sessions',
    stages: [
      { key: 'creative', name: 'Creative', approvalType: 'SIMPLE' },
      { key: 'final', name: 'Final', approvalType: 'FORMAL', prerequisites: ['creative'] },
    ],
  });
  expect(pipe.statusCode, pipe.body).toBe(201);
  const project = await as.post('/api/projects', {
    name: `Launch ${code}`,
    projectCode: code,
    ...(clientTeamId ? { clientTeamId } : {}),
    pipelineTemplateId: pipe.json().id,
  });
  expect(project.statusCode, project.body).toBe(201);
  return project.json().id as string;
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Sessions Org');
  const other = await seedOrg(ctx, 'Sessions Outside');
  producerCookie = await signIn(ctx, org.users.PRODUCER.email);
  producer = client(ctx, producerCookie);
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  viewer = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
  outsiderCookie = await signIn(ctx, other.users.ADMIN.email);
  outsider = client(ctx, outsiderCookie);
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })
    .png()
    .toBuffer();
  const [team] = await ctx.database.db
    .insert(clientTeams)
    .values({ organizationId: org.orgId, name: 'Acme', slug: 'acme' })
    .returning();
  await ctx.database.db
    .insert(clientTeamMemberships)
    .values({ clientTeamId: team!.id, userId: org.users.CLIENT_VIEWER.id });
  projectId = await pipelineAndProject(producer, 'RS-1', team!.id);
  outsideProjectId = await pipelineAndProject(outsider, 'RS-X');
});
afterAll(async () => ctx?.close());

async function newSession(name = 'Friday review') {
  const res = await producer.post('/api/review-sessions', { name, description: 'Weekly' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('a review session, start to finish', () => {
  it('create → add two → order → start → decide → complete moves the stages, summary lists them', async () => {
    const a = await revisionInReview('Hero Banner');
    const b = await revisionInReview('Social Cutdown');
    const created = await producer.post('/api/review-sessions', {
      name: 'Friday review',
      description: 'Weekly client prep',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Friday review',
      status: 'DRAFT',
      itemCount: 0,
      items: [],
      createdBy: { id: org.users.PRODUCER.id },
    });
    const id = created.json().id as string;

    const one = await producer.post(`/api/review-sessions/${id}/items`, {
      revisionId: a.revisionId,
    });
    expect(one.statusCode, one.body).toBe(201);
    const two = await producer.post(`/api/review-sessions/${id}/items`, {
      revisionIds: [b.revisionId],
    });
    expect(two.statusCode, two.body).toBe(201);
    const items = two.json().items as { id: string }[];
    expect(two.json().items).toMatchObject([
      {
        position: 1,
        stage: { id: a.stageId, name: 'Creative', status: 'IN_REVIEW' },
        deliverable: { id: a.deliverableId, name: 'Hero Banner' },
        revision: { id: a.revisionId, label: 'V0.1', asset: { kind: 'image' } },
        decision: null,
      },
      { position: 2, deliverable: { name: 'Social Cutdown' } },
    ]);

    // The same stage twice is refused.
    const dup = await producer.post(`/api/review-sessions/${id}/items`, {
      revisionId: a.revisionId,
    });
    expect(dup.statusCode).toBe(409);

    const ordered = await producer.put(`/api/review-sessions/${id}/items/order`, {
      ids: [items[1]!.id, items[0]!.id],
    });
    expect(ordered.statusCode, ordered.body).toBe(200);
    expect(ordered.json().items.map((i: { id: string }) => i.id)).toEqual([
      items[1]!.id,
      items[0]!.id,
    ]);
    expect(
      (await producer.put(`/api/review-sessions/${id}/items/order`, { ids: [items[0]!.id] }))
        .statusCode,
    ).toBe(400);

    // Decisions wait for the session to start.
    expect(
      (
        await producer.patch(`/api/review-sessions/${id}/items/${items[0]!.id}`, {
          decision: 'APPROVED',
        })
      ).statusCode,
    ).toBe(409);
    const started = await producer.post(`/api/review-sessions/${id}/start`);
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().status).toBe('IN_PROGRESS');

    const approve = await producer.patch(`/api/review-sessions/${id}/items/${items[0]!.id}`, {
      decision: 'APPROVED',
      note: 'Lovely',
    });
    expect(approve.statusCode, approve.body).toBe(200);
    expect(approve.json()).toMatchObject({
      decision: 'APPROVED',
      decisionNote: 'Lovely',
      decidedBy: { id: org.users.PRODUCER.id },
    });
    expect(approve.json().decidedAt).toEqual(expect.any(String));
    const changes = await producer.patch(`/api/review-sessions/${id}/items/${items[1]!.id}`, {
      decision: 'CHANGES_REQUESTED',
      note: 'Logo too small',
    });
    expect(changes.statusCode, changes.body).toBe(200);
    // Nothing reaches the stages before completion.
    expect(await stageStatus(a.deliverableId, a.stageId)).toBe('IN_REVIEW');

    const done = await producer.post(`/api/review-sessions/${id}/complete`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ applied: 2, notApplied: 0 });
    expect(done.json().session.status).toBe('COMPLETED');
    expect(done.json().results).toEqual([
      expect.objectContaining({ itemId: items[1]!.id, applied: true, reason: null }),
      expect.objectContaining({ itemId: items[0]!.id, applied: true, reason: null }),
    ]);
    expect(await stageStatus(a.deliverableId, a.stageId)).toBe('APPROVED');
    expect(await stageStatus(b.deliverableId, b.stageId)).toBe('CHANGES_REQUESTED');
    const decisions = (await producer.get(`/api/stages/${b.stageId}/decisions`)).json().items;
    expect(decisions[0]).toMatchObject({
      decision: 'CHANGES_REQUESTED',
      note: 'Logo too small',
      revisionId: b.revisionId,
    });

    const summary = await producer.get(`/api/review-sessions/${id}/summary`);
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toMatchObject({
      session: { id, name: 'Friday review', status: 'COMPLETED' },
      counts: { total: 2, approved: 1, changesRequested: 1, undecided: 0 },
      items: [
        {
          position: 1,
          deliverable: { name: 'Social Cutdown' },
          stage: { name: 'Creative' },
          revision: { label: 'V0.1' },
          decision: 'CHANGES_REQUESTED',
          note: 'Logo too small',
          decidedBy: { id: org.users.PRODUCER.id },
        },
        { position: 2, deliverable: { name: 'Hero Banner' }, decision: 'APPROVED', note: 'Lovely' },
      ],
    });

    // Completed is final: no going back, no more changes.
    expect((await producer.post(`/api/review-sessions/${id}/start`)).statusCode).toBe(409);
    expect((await producer.post(`/api/review-sessions/${id}/complete`)).statusCode).toBe(409);
    expect(
      (await producer.delete(`/api/review-sessions/${id}/items/${items[0]!.id}`)).statusCode,
    ).toBe(409);
    expect(
      (
        await producer.patch(`/api/review-sessions/${id}/items/${items[0]!.id}`, {
          decision: 'CHANGES_REQUESTED',
        })
      ).statusCode,
    ).toBe(409);
  });

  it('a decision the lifecycle refuses is reported per item; the rest apply and the session completes', async () => {
    const ready = await revisionInReview('Ready');
    const notInReview = await revisionInReview('Not Yet', false);
    const undecided = await revisionInReview('Skipped');
    const id = await newSession();
    expect(
      (
        await producer.post(`/api/review-sessions/${id}/items`, {
          revisionIds: [ready.revisionId, notInReview.revisionId, undecided.revisionId],
        })
      ).statusCode,
    ).toBe(201);
    const items = (await producer.get(`/api/review-sessions/${id}`)).json().items as {
      id: string;
    }[];
    await producer.post(`/api/review-sessions/${id}/start`);
    for (const item of items.slice(0, 2))
      expect(
        (
          await producer.patch(`/api/review-sessions/${id}/items/${item.id}`, {
            decision: 'APPROVED',
          })
        ).statusCode,
      ).toBe(200);
    const done = await producer.post(`/api/review-sessions/${id}/complete`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      applied: 1,
      notApplied: 2,
      session: { status: 'COMPLETED' },
      results: [
        { itemId: items[0]!.id, applied: true },
        {
          itemId: items[1]!.id,
          applied: false,
          reason: 'Creative is not in review: submit it for review first',
        },
        { itemId: items[2]!.id, applied: false, reason: 'No decision was recorded' },
      ],
    });
    expect(await stageStatus(ready.deliverableId, ready.stageId)).toBe('APPROVED');
    expect(await stageStatus(notInReview.deliverableId, notInReview.stageId)).not.toBe('APPROVED');
  });

  it('illegal transitions and edits are 409', async () => {
    const id = await newSession('Empty');
    const start = await producer.post(`/api/review-sessions/${id}/start`);
    expect(start.statusCode).toBe(409);
    expect(start.json().error.message).toBe(
      'Add at least one revision before starting the session',
    );
    expect((await producer.post(`/api/review-sessions/${id}/complete`)).statusCode).toBe(409);
    const r1 = await revisionInReview('Two In One');
    const second = await upload(producerCookie, r1.stageId);
    const same = await producer.post(`/api/review-sessions/${id}/items`, {
      revisionIds: [r1.revisionId, second.id],
    });
    expect(same.statusCode).toBe(409);
    const add = await producer.post(`/api/review-sessions/${id}/items`, {
      revisionId: r1.revisionId,
    });
    expect(add.statusCode).toBe(201);
    expect((await producer.post(`/api/review-sessions/${id}/start`)).statusCode).toBe(200);
    expect((await producer.post(`/api/review-sessions/${id}/start`)).statusCode).toBe(409);
    // Items may still be removed while in progress.
    const itemId = add.json().items[0].id as string;
    expect((await producer.delete(`/api/review-sessions/${id}/items/${itemId}`)).statusCode).toBe(
      204,
    );
    expect((await producer.delete(`/api/review-sessions/${id}/items/${itemId}`)).statusCode).toBe(
      404,
    );
    expect(
      (await producer.patch(`/api/review-sessions/${id}`, { name: 'Renamed' })).json().name,
    ).toBe('Renamed');
  });
});

describe('who may see and run sessions', () => {
  let id: string;
  let itemId: string;
  beforeAll(async () => {
    const r = await revisionInReview('Permissions');
    id = await newSession('Guarded');
    const res = await producer.post(`/api/review-sessions/${id}/items`, {
      revisionId: r.revisionId,
    });
    itemId = res.json().items[0].id;
  });

  it('an artist reads but may not create, edit or run (403)', async () => {
    expect((await artist.get('/api/review-sessions')).statusCode).toBe(200);
    expect((await artist.get(`/api/review-sessions/${id}`)).statusCode).toBe(200);
    expect((await artist.get(`/api/review-sessions/${id}/summary`)).statusCode).toBe(200);
    expect((await artist.post('/api/review-sessions', { name: 'Mine' })).statusCode).toBe(403);
    expect((await artist.patch(`/api/review-sessions/${id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await artist.post(`/api/review-sessions/${id}/start`)).statusCode).toBe(403);
    expect((await artist.post(`/api/review-sessions/${id}/complete`)).statusCode).toBe(403);
    expect(
      (await artist.put(`/api/review-sessions/${id}/items/order`, { ids: [itemId] })).statusCode,
    ).toBe(403);
    expect((await artist.delete(`/api/review-sessions/${id}/items/${itemId}`)).statusCode).toBe(
      403,
    );
  });

  it('a client viewer gets 404 everywhere: sessions are internal', async () => {
    expect((await viewer.get('/api/review-sessions')).statusCode).toBe(404);
    expect((await viewer.get(`/api/review-sessions/${id}`)).statusCode).toBe(404);
    expect((await viewer.get(`/api/review-sessions/${id}/summary`)).statusCode).toBe(404);
    expect((await viewer.post('/api/review-sessions', { name: 'x' })).statusCode).toBe(404);
    expect((await viewer.post(`/api/review-sessions/${id}/start`)).statusCode).toBe(404);
    expect(
      (await viewer.patch(`/api/review-sessions/${id}/items/${itemId}`, { decision: 'APPROVED' }))
        .statusCode,
    ).toBe(404);
  });

  it('another org sees nothing (404), and its revisions cannot be added (404)', async () => {
    expect((await outsider.get(`/api/review-sessions/${id}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/review-sessions/${id}/summary`)).statusCode).toBe(404);
    expect((await outsider.post(`/api/review-sessions/${id}/start`)).statusCode).toBe(404);
    expect((await outsider.get('/api/review-sessions')).json().items).toEqual([]);
    const foreign = await revisionInReview('Theirs', false, outsider, outsideProjectId);
    const res = await producer.post(`/api/review-sessions/${id}/items`, {
      revisionId: foreign.revisionId,
    });
    expect(res.statusCode).toBe(404);
    expect((await producer.get(`/api/review-sessions/${id}`)).json().itemCount).toBe(1);
  });

  it('lists newest first, paginated', async () => {
    const first = await producer.get('/api/review-sessions?limit=2');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items).toHaveLength(2);
    expect(first.json().nextCursor).toEqual(expect.any(String));
    const next = await producer.get(
      `/api/review-sessions?limit=200&cursor=${first.json().nextCursor}`,
    );
    const all = [...first.json().items, ...next.json().items] as { createdAt: string }[];
    const times = all.map((s) => s.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(first.json().items[0].name).toBe('Guarded');
  });
});

describe('queries per request', () => {
  it('the detail and the summary do not grow with the number of items (no N+1)', async () => {
    const small = await newSession('Small');
    const large = await newSession('Large');
    const revisions = [];
    for (const n of [1, 2, 3, 4]) revisions.push(await revisionInReview(`Counted ${n}`, false));
    await producer.post(`/api/review-sessions/${small}/items`, {
      revisionId: revisions[0]!.revisionId,
    });
    await producer.post(`/api/review-sessions/${large}/items`, {
      revisionIds: revisions.map((r) => r.revisionId),
    });
    const pool = ctx.database.pool as unknown as { query: (...args: unknown[]) => unknown };
    const original = pool.query;
    let queries = 0;
    pool.query = (...args: unknown[]) => {
      queries++;
      return original.apply(pool, args);
    };
    const count = async (url: string) => {
      queries = 0;
      const res = await producer.get(url);
      expect(res.statusCode, res.body).toBe(200);
      return queries;
    };
    try {
      expect(await count(`/api/review-sessions/${large}`)).toBe(
        await count(`/api/review-sessions/${small}`),
      );
      expect(await count(`/api/review-sessions/${large}/summary`)).toBe(
        await count(`/api/review-sessions/${small}/summary`),
      );
      expect(queries).toBeGreaterThan(0);
    } finally {
      pool.query = original;
    }
  });
});

describe('what the web screens need', () => {
  it('lists by status with decision counts', async () => {
    const a = await revisionInReview('Counted Banner');
    const id = await newSession('Counted review');
    await producer.post(`/api/review-sessions/${id}/items`, { revisionIds: [a.revisionId] });
    const drafts = (await producer.get('/api/review-sessions?status=DRAFT&limit=200')).json();
    const listed = (drafts.items as { id: string; status: string }[]).find((s) => s.id === id);
    expect(listed).toMatchObject({ itemCount: 1, approvedCount: 0, changesRequestedCount: 0 });
    expect((drafts.items as { status: string }[]).every((s) => s.status === 'DRAFT')).toBe(true);
    await producer.post(`/api/review-sessions/${id}/start`);
    const item = (await producer.get(`/api/review-sessions/${id}`)).json().items[0];
    await producer.patch(`/api/review-sessions/${id}/items/${item.id}`, { decision: 'APPROVED' });
    const running = (
      await producer.get('/api/review-sessions?status=IN_PROGRESS&limit=200')
    ).json();
    expect((running.items as { id: string }[]).find((s) => s.id === id)).toMatchObject({
      approvedCount: 1,
    });
    expect((await producer.get('/api/review-sessions?status=NOPE')).statusCode).toBe(400);
  });

  it('items carry the version coordinates, the project and the approval type', async () => {
    const a = await revisionInReview('Labelled Banner');
    const id = await newSession('Labelled');
    const res = await producer.post(`/api/review-sessions/${id}/items`, {
      revisionId: a.revisionId,
    });
    expect(res.json().items[0]).toMatchObject({
      project: { id: projectId },
      stage: { id: a.stageId, name: 'Creative', status: 'IN_REVIEW', approvalType: 'SIMPLE' },
      revision: { id: a.revisionId, label: 'V0.1', major: 0, minor: 1, sentToClient: false },
    });
    const summary = (await producer.get(`/api/review-sessions/${id}/summary`)).json();
    expect(summary.items[0]).toMatchObject({
      itemId: res.json().items[0].id,
      project: { id: projectId },
      stage: { status: 'IN_REVIEW' },
      revision: { label: 'V0.1' },
    });
  });

  it('candidates: the latest revision of stages by filter or by id, marking those in the session', async () => {
    const a = await revisionInReview('Candidate One');
    await upload(producerCookie, a.stageId); // V0.2 is now the latest
    const b = await revisionInReview('Candidate Two', false);
    const d = await producer.post(`/api/projects/${projectId}/deliverables`, { name: 'Empty One' });
    const emptyStage = (d.json().stages as { id: string }[])[0]!.id;
    const id = await newSession('Candidates');
    await producer.post(`/api/review-sessions/${id}/items`, { revisionId: a.revisionId });

    const filtered = await producer.get(
      `/api/review-sessions/candidates?projectId=${projectId}&stageStatus=IN_REVIEW&sessionId=${id}`,
    );
    expect(filtered.statusCode, filtered.body).toBe(200);
    const items = filtered.json().items as {
      stage: { id: string; status: string };
      revision: { label: string } | null;
      inSession: boolean;
    }[];
    expect(items.every((c) => c.stage.status === 'IN_REVIEW' && c.revision)).toBe(true);
    const one = items.find((c) => c.stage.id === a.stageId)!;
    expect(one).toMatchObject({ revision: { label: 'V0.2' }, inSession: true });
    expect(items.some((c) => c.stage.id === b.stageId)).toBe(false);

    const picked = await producer.get(
      `/api/review-sessions/candidates?stageIds=${emptyStage},${b.stageId}`,
    );
    expect(picked.statusCode, picked.body).toBe(200);
    expect(picked.json().items).toMatchObject([
      { stage: { id: emptyStage }, revision: null, inSession: false },
      { stage: { id: b.stageId }, revision: { id: b.revisionId } },
    ]);
    // Other orgs' stages and client viewers: nothing.
    const outside = await outsider.get(`/api/review-sessions/candidates?stageIds=${b.stageId}`);
    expect(outside.json().items).toEqual([]);
    expect((await viewer.get('/api/review-sessions/candidates')).statusCode).toBe(404);
    expect((await artist.get('/api/review-sessions/candidates')).statusCode).toBe(403);
  });
});
