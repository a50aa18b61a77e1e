import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTeamMemberships, clientTeams, notifications } from '../../src/server/db/schema';
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
let producer: ReturnType<typeof client>;
let artist: ReturnType<typeof client>;
let projectId: string;
let teamId: string;

type Stage = {
  id: string;
  name: string;
  status: string;
  allowedMoves: string[];
  reworkTargets: { stageId: string }[];
};
const stageOf = (d: { stages: Stage[] }, name: string) => d.stages.find((s) => s.name === name)!;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Flow Org');
  other = await seedOrg(ctx, 'Outside Org');
  producer = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  const pipe = await producer.post('/api/pipelines', {
    name: 'Stills',
    stages: [
      { key: 'brief', name: 'Brief', approvalType: 'NONE' },
      { key: 'creative', name: 'Creative', approvalType: 'SIMPLE', prerequisites: ['brief'] },
      {
        key: 'retouch',
        name: 'Retouch',
        approvalType: 'SIMPLE',
        isOptional: true,
        prerequisites: ['creative'],
      },
      {
        key: 'final',
        name: 'Final Approval',
        approvalType: 'FORMAL',
        isCriticalGate: true,
        prerequisites: ['creative'],
      },
      { key: 'delivery', name: 'Delivery', prerequisites: ['final'] },
    ],
    reworks: [{ from: 'final', to: 'creative' }],
  });
  expect(pipe.statusCode).toBe(201);
  const [team] = await ctx.database.db
    .insert(clientTeams)
    .values({ organizationId: org.orgId, name: 'Acme', slug: 'acme' })
    .returning();
  teamId = team!.id;
  await ctx.database.db
    .insert(clientTeamMemberships)
    .values({ clientTeamId: teamId, userId: org.users.CLIENT_VIEWER.id });
  const project = await producer.post('/api/projects', {
    name: 'Spring Launch',
    projectCode: 'SPR-1',
    omgJobNumber: '100231',
    clientTeamId: teamId,
  });
  expect(project.statusCode).toBe(201);
  expect(project.json().pipeline.name).toBe('Stills');
  projectId = project.json().id;
});
afterAll(async () => ctx?.close());

describe('projects', () => {
  it('refuses a duplicate OMG job number in the same org, allows it in another', async () => {
    const dup = await producer.post('/api/projects', {
      name: 'Again',
      projectCode: 'SPR-2',
      omgJobNumber: '100231',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toMatch(/100231/);
    const outsider = client(ctx, await signIn(ctx, other.users.ADMIN.email));
    expect(
      (
        await outsider.post('/api/projects', {
          name: 'Theirs',
          projectCode: 'SPR-1',
          omgJobNumber: '100231',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await outsider.patch(`/api/projects/${projectId}`, { name: 'Hijack' })).statusCode,
    ).toBe(404);
    expect(
      (await artist.post('/api/projects', { name: 'Nope', projectCode: 'X-1' })).statusCode,
    ).toBe(403);
  });
});

describe('deliverables and the stage workflow', () => {
  let id: string;

  it("creates stages from the project's pipeline: ready ones NOT_STARTED, the rest BLOCKED", async () => {
    const res = await producer.post(`/api/projects/${projectId}/deliverables`, {
      name: 'Hero Banner',
      dueDate: '2026-12-20',
    });
    expect(res.statusCode).toBe(201);
    const d = res.json();
    id = d.id;
    expect(d.slug).toBe('hero-banner');
    expect(d.project.omgJobNumber).toBe('100231');
    expect(d.stages.map((s: Stage) => `${s.name}:${s.status}`)).toEqual([
      'Brief:NOT_STARTED',
      'Creative:BLOCKED',
      'Retouch:BLOCKED',
      'Final Approval:BLOCKED',
      'Delivery:BLOCKED',
    ]);
    expect(d.status).toBe('NOT_STARTED');
  });

  it('refuses a clashing slug with a hint to set an alias', async () => {
    const clash = await producer.post(`/api/projects/${projectId}/deliverables`, {
      name: 'Hero banner!',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toMatch(/alias/);
    const aliased = await producer.post(`/api/projects/${projectId}/deliverables`, {
      name: 'Hero banner!',
      boxAliasSlug: 'hero-banner-eu',
    });
    expect(aliased.statusCode).toBe(201);
    expect(aliased.json().slug).toBe('hero-banner-eu');
  });

  it('moves stages by the rules, unblocks dependents and notifies their assignees', async () => {
    let d = (await producer.get(`/api/deliverables/${id}`)).json();
    const creative = stageOf(d, 'Creative');
    expect(
      (
        await producer.put(`/api/stages/${creative.id}/assignments/${org.users.ARTIST.id}`, {
          role: 'LEAD',
        })
      ).statusCode,
    ).toBe(204);

    const brief = stageOf(d, 'Brief');
    expect(brief.allowedMoves).toEqual(['IN_PROGRESS']);
    d = (await artist.patch(`/api/stages/${brief.id}`, { status: 'IN_PROGRESS' })).json();
    expect(d.status).toBe('IN_PROGRESS');
    const illegal = await artist.patch(`/api/stages/${brief.id}`, { status: 'IN_REVIEW' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error).toEqual({
      code: 'STAGE_MOVE_NOT_ALLOWED',
      message: 'Brief needs no review: mark it approved when done',
    });
    d = (await artist.patch(`/api/stages/${brief.id}`, { status: 'APPROVED' })).json();
    expect(stageOf(d, 'Creative').status).toBe('NOT_STARTED');

    const unblocked = await ctx.database.db.query.notifications.findMany({
      where: eq(notifications.userId, org.users.ARTIST.id),
    });
    expect(unblocked.map((n) => n.type)).toContain('STAGE_UNBLOCKED');
    expect(unblocked.map((n) => n.type)).toContain('ASSIGNMENT');
  });

  it('lets only reviewers decide a SIMPLE review, and FORMAL needs a recorded decision', async () => {
    let d = (await artist.get(`/api/deliverables/${id}`)).json();
    const creative = stageOf(d, 'Creative');
    await artist.patch(`/api/stages/${creative.id}`, { status: 'IN_PROGRESS' });
    d = (await artist.patch(`/api/stages/${creative.id}`, { status: 'IN_REVIEW' })).json();
    expect(stageOf(d, 'Creative').allowedMoves).toEqual([]); // the artist cannot decide
    expect(
      (await artist.patch(`/api/stages/${creative.id}`, { status: 'APPROVED' })).statusCode,
    ).toBe(403);
    d = (await producer.patch(`/api/stages/${creative.id}`, { status: 'APPROVED' })).json();
    expect(stageOf(d, 'Final Approval').status).toBe('NOT_STARTED');
    expect(stageOf(d, 'Retouch').status).toBe('NOT_STARTED');
    expect(stageOf(d, 'Delivery').status).toBe('BLOCKED'); // behind the critical gate

    const retouch = stageOf(d, 'Retouch');
    expect(
      (await producer.patch(`/api/stages/${retouch.id}`, { status: 'SKIPPED' })).statusCode,
    ).toBe(200);
    const final = stageOf(d, 'Final Approval');
    await producer.patch(`/api/stages/${final.id}`, { status: 'IN_PROGRESS' });
    await producer.patch(`/api/stages/${final.id}`, { status: 'IN_REVIEW' });
    const formal = await producer.patch(`/api/stages/${final.id}`, { status: 'APPROVED' });
    expect(formal.statusCode).toBe(409);
    expect(formal.json().error.message).toMatch(/formal decision/);
  });

  it('reworks only along declared paths and resets what depends on the target', async () => {
    let d = (await producer.get(`/api/deliverables/${id}`)).json();
    const final = stageOf(d, 'Final Approval');
    const brief = stageOf(d, 'Brief');
    const creative = stageOf(d, 'Creative');
    expect(final.reworkTargets.map((t) => t.stageId)).toEqual([creative.id]);
    const bad = await producer.post(`/api/deliverables/${id}/rework`, {
      fromStageId: final.id,
      toStageId: brief.id,
      note: 'redo',
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.message).toBe('Final Approval can only go back to Creative');
    const ok = await producer.post(`/api/deliverables/${id}/rework`, {
      fromStageId: final.id,
      toStageId: creative.id,
      note: 'Logo too small',
    });
    expect(ok.statusCode).toBe(200);
    d = ok.json();
    expect(stageOf(d, 'Creative').status).toBe('CHANGES_REQUESTED');
    expect(stageOf(d, 'Final Approval').status).toBe('BLOCKED');
    expect(stageOf(d, 'Retouch').status).toBe('SKIPPED');

    const history = (await producer.get(`/api/deliverables/${id}/history`)).json().items;
    const rework = history.find(
      (h: { note: string | null; stageName: string | null }) =>
        h.note?.includes('Logo too small') && h.stageName === 'Creative',
    );
    expect(rework).toMatchObject({
      stageName: 'Creative',
      fromStatus: 'APPROVED',
      toStatus: 'CHANGES_REQUESTED',
    });
    expect(rework.actor.id).toBe(org.users.PRODUCER.id);
    expect(history.length).toBeGreaterThan(8);
  });

  it('puts a deliverable on hold and back', async () => {
    const held = (await producer.patch(`/api/deliverables/${id}`, { isOnHold: true })).json();
    expect(held.status).toBe('ON_HOLD');
    const back = (await producer.patch(`/api/deliverables/${id}`, { isOnHold: false })).json();
    expect(back.status).toBe('IN_PROGRESS');
  });

  it('lists, filters and pages deliverables; shows the board with allowed drops', async () => {
    for (let i = 0; i < 3; i++)
      await producer.post(`/api/projects/${projectId}/deliverables`, { name: `Banner ${i}` });
    const first = (await producer.get('/api/deliverables?limit=2&sort=name')).json();
    const second = (
      await producer.get(`/api/deliverables?limit=2&sort=name&cursor=${first.nextCursor}`)
    ).json();
    const names = [...first.items, ...second.items].map((d: { name: string }) => d.name);
    expect(names).toEqual(['Banner 0', 'Banner 1', 'Banner 2', 'Hero Banner']);
    const mine = (await producer.get(`/api/deliverables?assigneeId=${org.users.ARTIST.id}`)).json()
      .items;
    expect(mine.map((d: { name: string }) => d.name)).toEqual(['Hero Banner']);
    expect(mine[0].currentStage.name).toBe('Creative');

    const board = (await producer.get('/api/board')).json();
    expect(board.pipeline.stages.map((s: { name: string }) => s.name)).toContain('Final Approval');
    const hero = board.cards.find((c: { name: string }) => c.name === 'Hero Banner');
    expect(hero.columnName).toBe('Creative');
    const fresh = board.cards.find((c: { name: string }) => c.name === 'Banner 0');
    expect(fresh.columnName).toBe('Brief');

    const work = (await artist.get('/api/me/work')).json().items;
    expect(work.map((w: { deliverableName: string }) => w.deliverableName)).toEqual([
      'Hero Banner',
    ]);
  });

  it('hides deliverables from other orgs and other client teams', async () => {
    const outsider = client(ctx, await signIn(ctx, other.users.ADMIN.email));
    expect((await outsider.get(`/api/deliverables/${id}`)).statusCode).toBe(404);
    const d = (await producer.get(`/api/deliverables/${id}`)).json();
    expect(
      (await outsider.patch(`/api/stages/${d.stages[0].id}`, { status: 'IN_PROGRESS' })).statusCode,
    ).toBe(404);
    expect((await outsider.get('/api/deliverables')).json().items).toEqual([]);

    const clientViewer = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
    expect((await clientViewer.get(`/api/deliverables/${id}`)).statusCode).toBe(200);
    expect(
      (await clientViewer.patch(`/api/stages/${d.stages[0].id}`, { status: 'IN_PROGRESS' }))
        .statusCode,
    ).toBe(403);
    const internal = (
      await producer.post('/api/projects', { name: 'Internal', projectCode: 'INT-9' })
    ).json();
    const hidden = (
      await producer.post(`/api/projects/${internal.id}/deliverables`, { name: 'Secret' })
    ).json();
    expect((await clientViewer.get(`/api/deliverables/${hidden.id}`)).statusCode).toBe(404);
    expect(
      (await clientViewer.get('/api/deliverables'))
        .json()
        .items.map((x: { name: string }) => x.name),
    ).not.toContain('Secret');
  });
});

describe('custom field values on projects and deliverables', () => {
  it('validates values on every write and returns them', async () => {
    const admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
    expect(
      (
        await admin.post('/api/custom-fields', {
          entityType: 'PROJECT',
          fieldName: 'Market',
          fieldType: 'SELECT',
          options: ['EU', 'US'],
          isRequired: true,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await admin.post('/api/custom-fields', {
          entityType: 'DELIVERABLE',
          fieldName: 'Size',
          fieldType: 'NUMBER',
        })
      ).statusCode,
    ).toBe(201);
    const missing = await producer.post('/api/projects', { name: 'CF', projectCode: 'CF-1' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].path).toBe('customFields.Market');
    const wrong = await producer.post('/api/projects', {
      name: 'CF',
      projectCode: 'CF-1',
      customFields: { Market: 'APAC' },
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await producer.post('/api/projects', {
      name: 'CF',
      projectCode: 'CF-1',
      customFields: { Market: 'EU' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().customFields).toEqual({ Market: 'EU' });
    const d = await producer.post(`/api/projects/${ok.json().id}/deliverables`, {
      name: 'Sized',
      customFields: { Size: 'big' },
    });
    expect(d.statusCode).toBe(400);
    expect(d.json().error.fields[0].path).toBe('customFields.Size');
    const d2 = await producer.post(`/api/projects/${ok.json().id}/deliverables`, {
      name: 'Sized',
      customFields: { Size: 300 },
    });
    expect(d2.json().customFields).toEqual({ Size: 300 });
    const patched = await producer.patch(`/api/deliverables/${d2.json().id}`, {
      customFields: { Size: null },
    });
    expect(patched.json().customFields).toEqual({});
  });
});
