import { existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientTeamMemberships,
  clientTeams,
  inboundLogs,
  statusHistory,
} from '../../src/server/db/schema';
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
let other: SeededOrg;
const cookies: Record<string, string> = {};
let producer: Client;
let admin: Client;
let artist: Client;
let viewer: Client;
let outsider: Client;
let pipelineId: string;
let projectId: string;
let teamId: string;

interface Result {
  outcome: 'revision' | 'held' | 'unmatched';
  inboundLogId: string;
  projectId?: string;
  deliverableId?: string;
  stageId?: string;
  revisionId?: string;
  holdingPenFileId?: string;
  reason?: string;
  label?: string;
  deliverableName?: string;
  stageName?: string;
}

const png = (seed = 0) =>
  sharp({
    create: { width: 16, height: 12, channels: 3, background: { r: seed % 255, g: 80, b: 160 } },
  })
    .png()
    .toBuffer();

function inboundUpload(cookie: string, filename: string, data: Buffer, type = 'image/png') {
  const body = multipart([{ name: 'file', filename, contentType: type, data }]);
  return ctx.app.inject({
    method: 'POST',
    url: '/api/inbound/upload',
    headers: { origin: TEST_ORIGIN, cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function inboundOk(filename: string, data?: Buffer, cookie = cookies.PRODUCER!) {
  const res = await inboundUpload(cookie, filename, data ?? (await png()));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Result;
}

async function stageUpload(stageId: string) {
  const body = multipart([
    { name: 'file', filename: 'manual.png', contentType: 'image/png', data: await png(7) },
  ]);
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/stages/${stageId}/revisions`,
    headers: { origin: TEST_ORIGIN, cookie: cookies.PRODUCER!, 'content-type': body.contentType },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; label: string };
}

async function deliverable(name: string, extra: Record<string, unknown> = {}, project = projectId) {
  const res = await producer.post(`/api/projects/${project}/deliverables`, { name, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  const d = res.json() as { id: string; stages: { id: string; name: string }[] };
  return { id: d.id, stageIds: d.stages.map((s) => s.id) };
}

async function chain(stageId: string) {
  const res = await producer.get(`/api/stages/${stageId}/revisions`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { id: string; label: string; fileName: string }[] }).items;
}

async function notificationsOf(who: Client, type: string) {
  const res = await who.get('/api/notifications?limit=200');
  expect(res.statusCode, res.body).toBe(200);
  return (
    res.json() as { items: { type: string; title: string; message: string; link: string }[] }
  ).items.filter((n) => n.type === type);
}

/** A deliverable with V1 sent to the client (IN_REVIEW), and an open feedback item on V0.1. */
async function withClient(name: string) {
  const d = await deliverable(name);
  const v01 = await stageUpload(d.stageIds[0]!);
  const item = await producer.post(`/api/stages/${d.stageIds[0]}/feedback-items`, {
    summary: `Fix the logo on ${name}`,
    revisionId: v01.id,
  });
  expect(item.statusCode, item.body).toBe(201);
  const sent = await producer.post(
    `/api/stages/${d.stageIds[0]}/revisions/${v01.id}/send-to-client`,
  );
  expect(sent.statusCode, sent.body).toBe(200);
  expect(sent.json().label).toBe('V1');
  const after = (await producer.get(`/api/deliverables/${d.id}`)).json();
  expect(after.status).toBe('IN_REVIEW');
  return { ...d, v1: v01.id, itemId: item.json().id as string };
}

const blobFolder = (id: string) => path.join(ctx.config.DATA_DIR, 'blobs', 'inbound', id);

beforeAll(async () => {
  ctx = await createTestApp({}, { withJobs: true });
  org = await seedOrg(ctx, 'Inbound Org');
  other = await seedOrg(ctx, 'Inbound Outside');
  for (const role of ['ADMIN', 'PRODUCER', 'ARTIST', 'CLIENT_VIEWER'] as const)
    cookies[role] = await signIn(ctx, org.users[role].email);
  producer = client(ctx, cookies.PRODUCER);
  admin = client(ctx, cookies.ADMIN);
  artist = client(ctx, cookies.ARTIST);
  viewer = client(ctx, cookies.CLIENT_VIEWER);
  cookies.OUTSIDER = await signIn(ctx, other.users.ADMIN.email);
  outsider = client(ctx, cookies.OUTSIDER);

  const pipe = await producer.post('/api/pipelines', {
    name: 'Stills',
    stages: [
      { key: 'design', name: 'Design', approvalType: 'SIMPLE' },
      { key: 'final', name: 'Final', prerequisites: ['design'] },
    ],
  });
  expect(pipe.statusCode, pipe.body).toBe(201);
  pipelineId = pipe.json().id;
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
    omgJobNumber: '1234',
    clientTeamId: teamId,
    pipelineTemplateId: pipelineId,
  });
  expect(project.statusCode, project.body).toBe(201);
  projectId = project.json().id;
});
afterAll(async () => {
  await ctx?.close();
});

describe('matched, not with the client → a revision', () => {
  let hero: { id: string; stageIds: string[] };

  beforeAll(async () => {
    hero = await deliverable('Hero Banner');
    const assigned = await producer.put(
      `/api/stages/${hero.stageIds[0]}/assignments/${org.users.ARTIST.id}`,
      { role: 'LEAD' },
    );
    expect(assigned.statusCode, assigned.body).toBe(204);
  });

  it('adds the next minor on the current stage and says where it went', async () => {
    const r = await inboundOk('1234_hero-banner_v1.png');
    expect(r).toMatchObject({
      outcome: 'revision',
      projectId,
      deliverableId: hero.id,
      stageId: hero.stageIds[0],
      label: 'V0.1',
      deliverableName: 'Hero Banner',
      stageName: 'Design',
    });
    const items = await chain(hero.stageIds[0]!);
    expect(items.map((i) => [i.id, i.label, i.fileName])).toEqual([
      [r.revisionId, 'V0.1', '1234_hero-banner_v1.png'],
    ]);
    const d = (await producer.get(`/api/deliverables/${hero.id}`)).json();
    expect(d.stages[0].status).toBe('IN_PROGRESS');

    // Upper case, no version: the same deliverable, the next minor.
    const again = await inboundOk('1234_HERO-BANNER.PNG');
    expect(again).toMatchObject({ outcome: 'revision', label: 'V0.2' });

    const [log] = await ctx.database.db
      .select()
      .from(inboundLogs)
      .where(eq(inboundLogs.id, r.inboundLogId));
    expect(log).toMatchObject({
      channel: 'MANUAL',
      outcome: 'REVISION',
      fileName: '1234_hero-banner_v1.png',
      matchedProjectId: projectId,
      matchedDeliverableId: hero.id,
      revisionId: r.revisionId,
      organizationId: org.orgId,
    });
  });

  it('notifies the stage assignees and the reviewers, not the sender', async () => {
    const forArtist = await notificationsOf(artist, 'NEW_FILE_AWAITING_REVIEWER');
    expect(forArtist.some((n) => n.title === 'V0.1 arrived on Hero Banner · Design')).toBe(true);
    const forAdmin = await notificationsOf(admin, 'NEW_FILE_AWAITING_REVIEWER');
    expect(forAdmin.some((n) => n.link === `/deliverables/${hero.id}`)).toBe(true);
    expect(await notificationsOf(producer, 'NEW_FILE_AWAITING_REVIEWER')).toHaveLength(0);
    expect(await notificationsOf(viewer, 'NEW_FILE_AWAITING_REVIEWER')).toHaveLength(0);
  });

  it('finds a deliverable by its alias slug', async () => {
    const social = await deliverable('Social Cut 9x16', { boxAliasSlug: 'social' });
    const r = await inboundOk('1234_social_v3.jpg');
    expect(r).toMatchObject({ outcome: 'revision', deliverableId: social.id, label: 'V0.1' });
  });

  it('refuses a file that is not an image or video: 415, logged as ERROR, nothing kept', async () => {
    const res = await inboundUpload(
      cookies.PRODUCER!,
      '1234_hero-banner_v9.png',
      Buffer.from('just some text, not a picture'),
    );
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const logs = await ctx.database.db
      .select()
      .from(inboundLogs)
      .where(eq(inboundLogs.fileName, '1234_hero-banner_v9.png'));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ outcome: 'ERROR', matchedDeliverableId: hero.id });
    expect(logs[0]!.error).toMatch(/not an image or video/);
    expect((await chain(hero.stageIds[0]!)).length).toBe(2);
  });

  it('takes Box files with no user behind them (the contract, called directly)', async () => {
    const r = await ctx.app.services.inbound.ingest({
      organizationId: org.orgId,
      channel: 'BOX',
      fileName: 'Drop/1234_hero-banner_v4.png',
      stream: Readable.from([await png(3)]),
      actor: { userId: null, apiKeyId: null, name: 'Box connection' },
      boxFileId: 'box-file-42',
    });
    expect(r).toMatchObject({ outcome: 'revision', label: 'V0.3', deliverableId: hero.id });
    const [log] = await ctx.database.db
      .select()
      .from(inboundLogs)
      .where(eq(inboundLogs.id, r.inboundLogId));
    expect(log).toMatchObject({ channel: 'BOX', boxFileId: 'box-file-42', boxStatus: 'MATCHED' });
    const history = await ctx.database.db
      .select()
      .from(statusHistory)
      .where(eq(statusHistory.entityId, r.revisionId!));
    expect(history[0]).toMatchObject({
      actorUserId: null,
      note: 'V0.3 arrived by Box (1234_hero-banner_v4.png)',
    });
  });
});

describe('unmatched', () => {
  it.each([
    ['hello.png', /does not follow the naming pattern/],
    ['1234-hero-banner.png', /does not follow the naming pattern/],
    ['9999_hero-banner.png', /No project with the OMG job number 9999/],
    ['1234_no-such-thing_v2.png', /No deliverable with the slug “no-such-thing” in Spring Launch/],
  ])('%s → unmatched with the reason, nothing stored', async (name, reason) => {
    const r = await inboundOk(name);
    expect(r.outcome).toBe('unmatched');
    expect(r.reason).toMatch(reason);
    expect(r.revisionId).toBeUndefined();
    const [log] = await ctx.database.db
      .select()
      .from(inboundLogs)
      .where(eq(inboundLogs.id, r.inboundLogId));
    expect(log).toMatchObject({ outcome: 'UNMATCHED', channel: 'MANUAL', fileName: name });
    expect(log!.reason).toMatch(reason);
  });

  it('notifies the users with INBOUND_MANAGE, naming the channel and the reason', async () => {
    const mine = await notificationsOf(admin, 'BOX_UNMATCHED_FILE');
    const n = mine.find(
      (x) => x.title === 'Unmatched file from manual upload: 9999_hero-banner.png',
    );
    expect(n).toBeDefined();
    expect(n!.message).toMatch(/No project with the OMG job number 9999/);
    expect(n!.link).toBe('/inbound?outcome=UNMATCHED');
    // The sender saw the answer; artists and client viewers have no INBOUND_MANAGE.
    expect(await notificationsOf(producer, 'BOX_UNMATCHED_FILE')).toHaveLength(0);
    expect(await notificationsOf(artist, 'BOX_UNMATCHED_FILE')).toHaveLength(0);
    expect(await notificationsOf(viewer, 'BOX_UNMATCHED_FILE')).toHaveLength(0);
  });

  it('two deliverables answering to one slug are ambiguous', async () => {
    await deliverable('Twin A', { boxAliasSlug: 'twin' });
    // The second one's name slugifies to the first one's alias (aliases are checked on write,
    // so this is the only way to get there).
    const b = await deliverable('Twin B');
    await ctx.database.db.execute(
      `update deliverables set name = 'Twin' where id = '${b.id}'` as never,
    );
    const r = await inboundOk('1234_twin.png');
    expect(r).toMatchObject({ outcome: 'unmatched' });
    expect(r.reason).toMatch(/Ambiguous slug/);
  });
});

describe('the holding pen', () => {
  it('holds a file while the deliverable is with the client, and promotes it to V1.1 with the open feedback', async () => {
    const kv = await withClient('Key Visual');
    const before = await chain(kv.stageIds[0]!);
    expect(before.map((r) => r.label)).toEqual(['V1']);

    const held = await inboundOk('1234_key-visual_v2.png', await png(42));
    expect(held).toMatchObject({
      outcome: 'held',
      deliverableId: kv.id,
      stageId: kv.stageIds[0],
      stageName: 'Design',
    });
    expect(held.reason).toMatch(/Key Visual is with the client: V1 of Design awaits a decision/);
    expect(held.holdingPenFileId).toBeTruthy();
    expect((await chain(kv.stageIds[0]!)).map((r) => r.label)).toEqual(['V1']); // nothing added

    const list = await producer.get(`/api/deliverables/${kv.id}/holding-pen`);
    expect(list.statusCode, list.body).toBe(200);
    const [file] = list.json().items;
    expect(file).toMatchObject({
      id: held.holdingPenFileId,
      fileName: '1234_key-visual_v2.png',
      source: 'MANUAL',
      parsed: { jobNumber: '1234', slug: 'key-visual', version: 2 },
      suggestedStage: { id: kv.stageIds[0], name: 'Design' },
      asset: { kind: 'image', mimeType: 'image/png', width: 16, height: 12 },
    });
    expect(file.asset.previewUrl).toBe(file.asset.url);
    // Staff can look at it (artists too), with the headers of revision originals.
    const content = await artist.get(file.asset.url);
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.headers['content-security-policy']).toContain('sandbox');
    expect(content.rawPayload.equals(await png(42))).toBe(true);

    // Artists may look but not promote.
    const denied = await artist.post(`/api/deliverables/${kv.id}/holding-pen/${file.id}`, {
      stageId: kv.stageIds[0],
    });
    expect(denied.statusCode).toBe(403);

    const promoted = await producer.post(`/api/deliverables/${kv.id}/holding-pen/${file.id}`, {
      stageId: kv.stageIds[0],
    });
    expect(promoted.statusCode, promoted.body).toBe(201);
    expect(promoted.json()).toMatchObject({
      id: file.id,
      label: 'V1.1',
      stageId: kv.stageIds[0],
      fileName: '1234_key-visual_v2.png',
      status: 'SUBMITTED',
    });
    expect((await chain(kv.stageIds[0]!)).map((r) => r.label)).toEqual(['V1.1', 'V1']);
    expect((await producer.get(`/api/deliverables/${kv.id}/holding-pen`)).json().items).toEqual([]);

    // The open feedback item followed the new revision.
    const items = (
      await producer.get(
        `/api/stages/${kv.stageIds[0]}/feedback-items?revisionId=${promoted.json().id}`,
      )
    ).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      summary: 'Fix the logo on Key Visual',
      carriedFrom: { revisionLabel: 'V1' },
    });

    // Processing runs on the held file's bytes.
    const until = Date.now() + 30_000;
    let state = '';
    while (Date.now() < until) {
      state = (await producer.get(`/api/revisions/${file.id}`)).json().asset.processing.state;
      if (state === 'done' || state === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(state).toBe('done');
    const original = await producer.get(`/api/revisions/${file.id}/file`);
    expect(original.rawPayload.equals(await png(42))).toBe(true);

    // The log follows the file into the chain.
    const [log] = await ctx.database.db
      .select()
      .from(inboundLogs)
      .where(eq(inboundLogs.id, held.inboundLogId));
    expect(log).toMatchObject({ outcome: 'HELD', revisionId: file.id, holdingPenFileId: null });

    // Promoting again answers the same revision; discarding it now is a conflict.
    const again = await producer.post(`/api/deliverables/${kv.id}/holding-pen/${file.id}`, {
      stageId: kv.stageIds[1],
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: file.id, label: 'V1.1', stageId: kv.stageIds[0] });
    const discard = await producer.delete(`/api/deliverables/${kv.id}/holding-pen/${file.id}`);
    expect(discard.statusCode).toBe(409);
  });

  it('two producers promoting at once make one revision', async () => {
    const d = await withClient('Race Banner');
    const held = await inboundOk('1234_race-banner.png');
    expect(held.outcome).toBe('held');
    const admin2 = client(ctx, cookies.ADMIN);
    const url = `/api/deliverables/${d.id}/holding-pen/${held.holdingPenFileId}`;
    const [a, b] = await Promise.all([
      producer.post(url, { stageId: d.stageIds[0] }),
      admin2.post(url, { stageId: d.stageIds[0] }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect((await chain(d.stageIds[0]!)).map((r) => r.label)).toEqual(['V1.1', 'V1']);
  });

  it('discard removes the file and its blob; a second discard is 404', async () => {
    const d = await withClient('Discard Me');
    const held = await inboundOk('1234_discard-me_v5.png');
    const id = held.holdingPenFileId!;
    expect(existsSync(blobFolder(id))).toBe(true);
    const bad = await producer.post(`/api/deliverables/${d.id}/holding-pen/${id}`, {
      stageId: 'not-a-stage',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('stageId');

    const res = await producer.delete(`/api/deliverables/${d.id}/holding-pen/${id}`);
    expect(res.statusCode, res.body).toBe(204);
    expect(existsSync(blobFolder(id))).toBe(false);
    expect((await producer.get(`/api/deliverables/${d.id}/holding-pen`)).json().items).toEqual([]);
    expect((await producer.delete(`/api/deliverables/${d.id}/holding-pen/${id}`)).statusCode).toBe(
      404,
    );
    const promote = await producer.post(`/api/deliverables/${d.id}/holding-pen/${id}`, {
      stageId: d.stageIds[0],
    });
    expect(promote.statusCode).toBe(404);
    expect((await chain(d.stageIds[0]!)).map((r) => r.label)).toEqual(['V1']);
  });

  it('is invisible to client viewers and to other organizations (404)', async () => {
    const d = await withClient('Private Pen');
    const held = await inboundOk('1234_private-pen.png');
    const id = held.holdingPenFileId!;
    // The client viewer can see the deliverable itself (their team's project) …
    expect((await viewer.get(`/api/deliverables/${d.id}`)).statusCode).toBe(200);
    for (const who of [viewer, outsider]) {
      expect((await who.get(`/api/deliverables/${d.id}/holding-pen`)).statusCode).toBe(404);
      expect((await who.get(`/api/deliverables/${d.id}/holding-pen/${id}/file`)).statusCode).toBe(
        404,
      );
      expect(
        (await who.post(`/api/deliverables/${d.id}/holding-pen/${id}`, { stageId: d.stageIds[0] }))
          .statusCode,
      ).toBe(404);
      expect((await who.delete(`/api/deliverables/${d.id}/holding-pen/${id}`)).statusCode).toBe(
        404,
      );
    }
    expect((await viewer.get('/api/inbound/log')).statusCode).toBe(404);
    const upload = await inboundUpload(cookies.CLIENT_VIEWER!, '1234_private-pen.png', await png());
    expect(upload.statusCode).toBe(404);
    // Another org's upload with our job number does not reach our project.
    const theirs = await inboundOk('1234_private-pen.png', undefined, cookies.OUTSIDER);
    expect(theirs).toMatchObject({ outcome: 'unmatched' });
    expect(theirs.reason).toMatch(/No project with the OMG job number 1234/);
    expect((await producer.get(`/api/deliverables/${d.id}/holding-pen`)).json().items).toHaveLength(
      1,
    );
  });
});

describe('the inbound log', () => {
  it('lists attempts newest first, filters and pages; INBOUND_MANAGE only', async () => {
    const all = await producer.get('/api/inbound/log?limit=200');
    expect(all.statusCode, all.body).toBe(200);
    const items = all.json().items as { outcome: string; channel: string; receivedAt: string }[];
    expect(items.length).toBeGreaterThan(5);
    const times = items.map((i) => i.receivedAt);
    expect([...times].sort().reverse()).toEqual(times);

    const unmatched = (await producer.get('/api/inbound/log?outcome=UNMATCHED&limit=200')).json()
      .items as { outcome: string; reason: string; project: { name: string } | null }[];
    expect(unmatched.length).toBeGreaterThanOrEqual(4);
    expect(unmatched.every((i) => i.outcome === 'UNMATCHED')).toBe(true);
    expect(unmatched.some((i) => i.project?.name === 'Spring Launch')).toBe(true);
    const box = (await producer.get('/api/inbound/log?channel=BOX')).json().items;
    expect(box).toHaveLength(1);
    expect(box[0]).toMatchObject({ boxFileId: 'box-file-42', revision: { label: 'V0.3' } });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await producer.get(
        `/api/inbound/log?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.statusCode, page.body).toBe(200);
      seen.push(...(page.json().items as { id: string }[]).map((i) => i.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual((items as unknown as { id: string }[]).map((i) => i.id));

    expect((await artist.get('/api/inbound/log')).statusCode).toBe(403);
    const theirs = (await outsider.get('/api/inbound/log?limit=200')).json().items;
    expect(theirs.every((i: { fileName: string }) => i.fileName === '1234_private-pen.png')).toBe(
      true,
    );
  });
});

describe('matching rules on pipelines', () => {
  it.each([
    ['(\\d+)_(\\w+)_\\1', /does not support/],
    ['(\\d+)_(?=x)(\\w+)', /does not support/],
    ['^(\\d+)_[a-z]+$', /two capture groups/],
    ['(\\d+_([a-z]+)', /not a valid regular expression/],
  ])('refuses %j on save', async (pattern, message) => {
    const res = await producer.post('/api/pipelines', {
      name: `Bad ${pattern}`,
      inboundFilenameRegex: pattern,
      stages: [{ key: 'a', name: 'A' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.fields[0].path).toBe('inboundFilenameRegex');
    expect(res.json().error.message).toMatch(message);
  });

  it('saves a valid pattern, matches with it, and refuses an invalid one on update', async () => {
    const pattern = '^OMG(\\d+)-([a-z0-9-]+?)(?:-V(\\d+))?\\.\\w+$';
    const res = await producer.post('/api/pipelines', {
      name: 'Video',
      inboundFilenameRegex: pattern,
      stages: [{ key: 'edit', name: 'Edit' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().inboundFilenameRegex).toBe(pattern);
    const pipe = res.json();
    const project = await producer.post('/api/projects', {
      name: 'Teasers',
      projectCode: 'TSR-1',
      omgJobNumber: '5555',
      pipelineTemplateId: pipe.id,
    });
    expect(project.statusCode, project.body).toBe(201);
    const teaser = await deliverable('Teaser', {}, project.json().id);

    const r = await inboundOk('omg5555-TEASER-V2.png');
    expect(r).toMatchObject({ outcome: 'revision', deliverableId: teaser.id, stageName: 'Edit' });
    // The default naming does not apply to this pipeline's projects.
    const d = await inboundOk('5555_teaser.png');
    expect(d.outcome).toBe('unmatched');
    expect(d.reason).toMatch(/naming pattern of Teasers \(job 5555\): its pipeline sets its own/);

    const body = {
      name: 'Video',
      stages: pipe.stages.map((s: { id: string; name: string }) => ({ key: s.id, name: s.name })),
    };
    const bad = await producer.put(`/api/pipelines/${pipe.id}`, {
      ...body,
      inboundFilenameRegex: '(a)(?<!b)',
    });
    expect(bad.statusCode).toBe(400);
    // Left out: unchanged; blank: back to the default.
    const kept = await producer.put(`/api/pipelines/${pipe.id}`, body);
    expect(kept.json().inboundFilenameRegex).toBe(pattern);
    const cleared = await producer.put(`/api/pipelines/${pipe.id}`, {
      ...body,
      inboundFilenameRegex: '  ',
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().inboundFilenameRegex).toBeNull();
    expect((await inboundOk('5555_teaser.png')).outcome).toBe('revision');
  });
});
