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

let ctx: TestContext;
let org: SeededOrg;
let producerCookie: string;
let producer: ReturnType<typeof client>;
let artist: ReturnType<typeof client>;
let viewer: ReturnType<typeof client>;
let outsider: ReturnType<typeof client>;
let projectId: string;
let png: Buffer;

async function upload(stageId: string) {
  const body = multipart([
    { name: 'file', filename: 'v.png', contentType: 'image/png', data: png },
  ]);
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/stages/${stageId}/revisions`,
    headers: { origin: TEST_ORIGIN, cookie: producerCookie, 'content-type': body.contentType },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; label: string };
}

/** A deliverable on a pipeline Creative (SIMPLE) → Final (FORMAL). */
async function deliverable(name: string) {
  const d = await producer.post(`/api/projects/${projectId}/deliverables`, { name });
  expect(d.statusCode).toBe(201);
  const [creative, final] = d.json().stages as { id: string }[];
  return { id: d.json().id as string, creative: creative!.id, final: final!.id };
}

const stageOf = async (deliverableId: string, stageId: string) =>
  (
    (await producer.get(`/api/deliverables/${deliverableId}`)).json().stages as {
      id: string;
      status: string;
    }[]
  ).find((s) => s.id === stageId)!;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Approvals Org');
  const other = await seedOrg(ctx, 'Approvals Outside');
  producerCookie = await signIn(ctx, org.users.PRODUCER.email);
  producer = client(ctx, producerCookie);
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  viewer = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
  outsider = client(ctx, await signIn(ctx, other.users.ADMIN.email));
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })
    .png()
    .toBuffer();
  const pipe = await producer.post('/api/pipelines', {
    name: 'Reviewed',
    stages: [
      { key: 'creative', name: 'Creative', approvalType: 'SIMPLE' },
      { key: 'final', name: 'Final', approvalType: 'FORMAL', prerequisites: ['creative'] },
    ],
  });
  expect(pipe.statusCode).toBe(201);
  const [team] = await ctx.database.db
    .insert(clientTeams)
    .values({ organizationId: org.orgId, name: 'Acme', slug: 'acme' })
    .returning();
  await ctx.database.db
    .insert(clientTeamMemberships)
    .values({ clientTeamId: team!.id, userId: org.users.CLIENT_VIEWER.id });
  const project = await producer.post('/api/projects', {
    name: 'Launch',
    projectCode: 'L-1',
    clientTeamId: team!.id,
    pipelineTemplateId: pipe.json().id,
  });
  projectId = project.json().id;
});
afterAll(async () => ctx?.close());

describe('internal decisions', () => {
  it('a producer approves a SIMPLE stage in review; the revision follows and the next stage unblocks', async () => {
    const d = await deliverable('Simple');
    const v = await upload(d.creative);
    const early = await producer.post(`/api/stages/${d.creative}/decisions`, {
      decision: 'APPROVED',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(
      'Creative is not in review: submit it for review first',
    );
    expect(
      (await producer.patch(`/api/stages/${d.creative}`, { status: 'IN_REVIEW' })).statusCode,
    ).toBe(200);
    expect(
      (await artist.post(`/api/stages/${d.creative}/decisions`, { decision: 'APPROVED' }))
        .statusCode,
    ).toBe(403);
    const res = await producer.post(`/api/stages/${d.creative}/decisions`, {
      decision: 'APPROVED',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      revisionId: v.id,
      revisionLabel: 'V0.1',
      decision: 'APPROVED',
      byClient: false,
    });
    expect((await stageOf(d.id, d.creative)).status).toBe('APPROVED');
    expect((await stageOf(d.id, d.final)).status).toBe('NOT_STARTED');
    expect((await producer.get(`/api/revisions/${v.id}`)).json().status).toBe('APPROVED');
  });

  it('a FORMAL decision needs a revision on the stage and a note, and keeps who, when and why', async () => {
    const d = await deliverable('Formal');
    await upload(d.creative);
    await producer.patch(`/api/stages/${d.creative}`, { status: 'IN_REVIEW' });
    await producer.post(`/api/stages/${d.creative}/decisions`, { decision: 'APPROVED' });
    const v = await upload(d.final);
    await producer.patch(`/api/stages/${d.final}`, { status: 'IN_REVIEW' });
    const noNote = await producer.post(`/api/stages/${d.final}/decisions`, {
      decision: 'CHANGES_REQUESTED',
      revisionId: v.id,
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.message).toBe('A formal decision needs a note saying why');
    const other = await deliverable('Elsewhere');
    const foreign = await upload(other.creative);
    expect(
      (
        await producer.post(`/api/stages/${d.final}/decisions`, {
          decision: 'APPROVED',
          revisionId: foreign.id,
          note: 'x',
        })
      ).statusCode,
    ).toBe(404);
    const res = await producer.post(`/api/stages/${d.final}/decisions`, {
      decision: 'CHANGES_REQUESTED',
      revisionId: v.id,
      note: 'Type is too small',
    });
    expect(res.statusCode).toBe(201);
    expect((await stageOf(d.id, d.final)).status).toBe('CHANGES_REQUESTED');
    const list = (await producer.get(`/api/stages/${d.final}/decisions`)).json().items;
    expect(list[0]).toMatchObject({
      decision: 'CHANGES_REQUESTED',
      note: 'Type is too small',
      revisionLabel: 'V0.1',
      decidedBy: { id: org.users.PRODUCER.id },
    });
    // A new revision resumes the work.
    await upload(d.final);
    expect((await stageOf(d.id, d.final)).status).toBe('IN_PROGRESS');
  });
});

describe("the client's decision", () => {
  it('approving a sent version delivers the stage and ends IN_REVIEW', async () => {
    const d = await deliverable('Client Approves');
    const v = await upload(d.creative);
    const unsent = await viewer.post(`/api/stages/${d.creative}/decisions`, {
      decision: 'APPROVED',
      revisionId: v.id,
    });
    expect(unsent.statusCode).toBe(404); // the client cannot see an unsent version
    await producer.post(`/api/stages/${d.creative}/revisions/${v.id}/send-to-client`);
    expect((await producer.get(`/api/deliverables/${d.id}`)).json().status).toBe('IN_REVIEW');
    const res = await viewer.post(`/api/stages/${d.creative}/decisions`, { decision: 'APPROVED' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ revisionLabel: 'V1', byClient: true });
    expect((await producer.get(`/api/revisions/${v.id}`)).json().status).toBe('APPROVED');
    expect((await stageOf(d.id, d.creative)).status).toBe('DELIVERED');
    expect((await producer.get(`/api/deliverables/${d.id}`)).json().status).not.toBe('IN_REVIEW');
    const again = await viewer.post(`/api/stages/${d.creative}/decisions`, {
      decision: 'APPROVED',
      revisionId: v.id,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('V1 is not awaiting your decision');
  });

  it('requesting changes needs a note and sends stage and revision back', async () => {
    const d = await deliverable('Client Changes');
    const v = await upload(d.creative);
    await producer.post(`/api/stages/${d.creative}/revisions/${v.id}/send-to-client`);
    expect(
      (await viewer.post(`/api/stages/${d.creative}/decisions`, { decision: 'CHANGES_REQUESTED' }))
        .statusCode,
    ).toBe(400);
    const res = await viewer.post(`/api/stages/${d.creative}/decisions`, {
      decision: 'CHANGES_REQUESTED',
      note: 'Make the logo bigger',
    });
    expect(res.statusCode).toBe(201);
    expect((await producer.get(`/api/revisions/${v.id}`)).json().status).toBe('CHANGES_REQUESTED');
    expect((await stageOf(d.id, d.creative)).status).toBe('CHANGES_REQUESTED');
    expect((await producer.get(`/api/deliverables/${d.id}`)).json().status).toBe('IN_PROGRESS');
    // The client sees their own decisions; other organizations see nothing.
    const theirs = (await viewer.get(`/api/stages/${d.creative}/decisions`)).json().items;
    expect(theirs.every((x: { byClient: boolean }) => x.byClient)).toBe(true);
    expect((await outsider.get(`/api/stages/${d.creative}/decisions`)).statusCode).toBe(404);
    expect(
      (await outsider.post(`/api/stages/${d.creative}/decisions`, { decision: 'APPROVED' }))
        .statusCode,
    ).toBe(404);
  });
});
