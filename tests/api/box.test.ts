import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boxConnections,
  boxPushLogs,
  boxWebhookEvents,
  projects,
} from '../../src/server/db/schema';
import { createBoxJobHandlers } from '../../src/server/modules/box/jobs';
import { processBoxEvent } from '../../src/server/modules/box/box-inbound';
import { inboundResolverOf } from '../../src/server/modules/box';
import { signBoxWebhook } from '../../src/server/modules/box/webhook-signature';
import type { InboundFile, InboundResolver } from '../../src/server/modules/inbound/contract';
import { startFakeBox, type FakeBox } from '../helpers/fake-box';
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

const PRIMARY = 'primary-signature-key-0123456789';
const SECONDARY = 'secondary-signature-key-9876543210';
const DEV_TOKEN = 'developer-token-abcdefghijkl';

let ctx: TestContext;
let fake: FakeBox;
let org: SeededOrg;
let producerCookie: string;
let producer: ReturnType<typeof client>;
let admin: ReturnType<typeof client>;
let artist: ReturnType<typeof client>;
let outsider: ReturnType<typeof client>;
let pipelineId: string;
let connectionId: string;
let handlers: ReturnType<typeof createBoxJobHandlers>;
/** The same jobs with a small chunked-upload threshold. */
let chunkedHandlers: ReturnType<typeof createBoxJobHandlers>;

const png = () =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();

/** Parts and thresholds of the chunked-upload tests (Box: 8 MiB parts, sessions from 20 MB). */
const PART_SIZE = 32 * 1024;
const CHUNKED_THRESHOLD = 96 * 1024;

/** A PNG of noise (it does not compress): about 197 KB, so above CHUNKED_THRESHOLD. */
const noisePng = () =>
  sharp(randomBytes(256 * 256 * 3), { raw: { width: 256, height: 256, channels: 3 } })
    .png()
    .toBuffer();

async function upload(stageId: string, data: Buffer, filename: string) {
  const body = multipart([{ name: 'file', filename, contentType: 'image/png', data }]);
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/stages/${stageId}/revisions`,
    headers: { origin: TEST_ORIGIN, cookie: producerCookie, 'content-type': body.contentType },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

let projectCounter = 0;
/** A project (OMG job number) with one deliverable; its stage ids in pipeline order. */
async function freshDeliverable(name: string, omg = String(40000 + ++projectCounter)) {
  const project = await producer.post('/api/projects', {
    name: `Project ${name}`,
    projectCode: `BOX-${omg}`,
    omgJobNumber: omg,
    pipelineTemplateId: pipelineId,
  });
  expect(project.statusCode, project.body).toBe(201);
  const d = await producer.post(`/api/projects/${project.json().id}/deliverables`, { name });
  expect(d.statusCode, d.body).toBe(201);
  return {
    projectId: project.json().id as string,
    stageIds: d.json().stages.map((s: { id: string }) => s.id) as string[],
    omg,
  };
}

/** Uploads a PNG on the stage and sends it to the client: V{n}. */
async function sentRevision(stageId: string, filename = 'hero.png', data?: Buffer) {
  const r = await upload(stageId, data ?? (await png()), filename);
  const sent = await producer.post(`/api/stages/${stageId}/revisions/${r.id}/send-to-client`);
  expect(sent.statusCode, sent.body).toBe(200);
  return r.id;
}

const pushLogs = async (revisionId: string) =>
  ctx.database.db
    .select()
    .from(boxPushLogs)
    .where(eq(boxPushLogs.revisionId, revisionId))
    .orderBy(boxPushLogs.attempt);

function webhook(
  body: object | string,
  opts: {
    key?: string;
    header?: 'primary' | 'secondary';
    timestamp?: string;
    connection?: string;
  } = {},
) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = opts.timestamp ?? new Date().toISOString();
  const signature = signBoxWebhook(opts.key ?? PRIMARY, Buffer.from(raw), timestamp);
  const header = opts.header ?? 'primary';
  return ctx.app.inject({
    method: 'POST',
    url: `/api/webhooks/box/${opts.connection ?? connectionId}`,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'box-delivery-id': `delivery-${Math.random()}`,
      'box-delivery-timestamp': timestamp,
      'box-signature-version': '1',
      'box-signature-algorithm': 'HmacSHA256',
      [`box-signature-${header}`]: signature,
    },
    payload: raw,
  });
}

const fileEvent = (id: string, fileId: string, name: string) => ({
  type: 'webhook_event',
  id,
  created_at: new Date().toISOString(),
  trigger: 'FILE.UPLOADED',
  webhook: { id: '1234', type: 'webhook' },
  created_by: { type: 'user', id: '42', name: 'Uploader', login: 'up@example.com' },
  source: { id: fileId, type: 'file', name },
});

beforeAll(async () => {
  fake = await startFakeBox({
    developerToken: DEV_TOKEN,
    clientId: 'box-client-id',
    clientSecret: 'box-client-secret-xyz',
    enterpriseId: '777',
    partSize: PART_SIZE,
    minSessionFileSize: 64 * 1024,
  });
  ctx = await createTestApp();
  handlers = createBoxJobHandlers(ctx.database.db, ctx.config, null as never, () => {});
  chunkedHandlers = createBoxJobHandlers(
    ctx.database.db,
    ctx.config,
    null as never,
    () => {},
    undefined,
    { chunkedThreshold: CHUNKED_THRESHOLD, commitRetryDelayMs: 10 },
  );
  org = await seedOrg(ctx, 'Box Org');
  const other = await seedOrg(ctx, 'Box Outside');
  producerCookie = await signIn(ctx, org.users.PRODUCER.email);
  producer = client(ctx, producerCookie);
  admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  outsider = client(ctx, await signIn(ctx, other.users.ADMIN.email));
  const pipe = await producer.post('/api/pipelines', {
    name: 'Stills',
    stages: [
      { key: 'creative', name: 'Creative' },
      { key: 'final', name: 'Final Art' },
    ],
  });
  expect(pipe.statusCode, pipe.body).toBe(201);
  pipelineId = pipe.json().id;
});

afterAll(async () => {
  await ctx?.close();
  await fake?.close();
});

describe('without a Box connection', () => {
  it('logs the delivery as FAILED "No delivery connector configured"', async () => {
    const { stageIds } = await freshDeliverable('No Box');
    const revisionId = await sentRevision(stageIds[0]!);
    await handlers['delivery.push']!(
      { revisionId },
      { id: 'j', name: 'delivery.push', retryCount: 0 },
    );
    const logs = await pushLogs(revisionId);
    expect(logs).toMatchObject([
      { status: 'FAILED', attempt: 1, error: 'No delivery connector configured' },
    ]);
    // A producer may try again: still no connector, a second attempt says so.
    const retry = await producer.post(`/api/revisions/${revisionId}/deliveries/retry`);
    expect(retry.statusCode, retry.body).toBe(202);
    expect((await pushLogs(revisionId)).map((l) => [l.attempt, l.status])).toEqual([
      [1, 'FAILED'],
      [2, 'FAILED'],
    ]);
  });
});

describe('Box connections', () => {
  it('creates a connection; secrets are never returned, only "set" and the last 4', async () => {
    const res = await admin.post('/api/box/connections', {
      name: 'Agency Box',
      authMode: 'DEVELOPER_TOKEN',
      developerToken: DEV_TOKEN,
      rootFolderId: '0',
      webhookPrimaryKey: PRIMARY,
      webhookSecondaryKey: SECONDARY,
      apiBaseUrl: fake.apiBaseUrl,
      uploadBaseUrl: fake.uploadBaseUrl,
    });
    expect(res.statusCode, res.body).toBe(201);
    connectionId = res.json().id;
    const everything = [
      res.body,
      (await admin.get('/api/box/connections')).body,
      (await admin.get(`/api/box/connections/${connectionId}`)).body,
    ].join('\n');
    for (const secret of [DEV_TOKEN, PRIMARY, SECONDARY]) expect(everything).not.toContain(secret);
    expect(res.json()).toMatchObject({
      authMode: 'DEVELOPER_TOKEN',
      developerToken: { isSet: true, last4: 'ijkl' },
      webhookPrimaryKey: { isSet: true, last4: '6789' },
      webhookSecondaryKey: { isSet: true, last4: '3210' },
      clientSecret: { isSet: false },
      webhookUrl: `${TEST_ORIGIN}/api/webhooks/box/${connectionId}`,
    });
    // At rest the credentials are sealed: a database dump does not hand them out.
    const [stored] = await ctx.database.db
      .select()
      .from(boxConnections)
      .where(eq(boxConnections.id, connectionId));
    for (const v of [
      stored!.developerToken,
      stored!.webhookPrimaryKey,
      stored!.webhookSecondaryKey,
    ]) {
      expect(v).toMatch(/^enc:v1:/);
    }
    expect(JSON.stringify(stored)).not.toContain(DEV_TOKEN);
  });

  it('keeps omitted secrets on update and checks the credentials for the mode', async () => {
    const patched = await admin.patch(`/api/box/connections/${connectionId}`, { name: 'Agency' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Agency', developerToken: { isSet: true } });
    const ccg = await admin.patch(`/api/box/connections/${connectionId}`, {
      authMode: 'CLIENT_CREDENTIALS',
    });
    expect(ccg.statusCode).toBe(400);
    expect(
      ccg
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['clientId', 'clientSecret', 'enterpriseId']);
  });

  it('tests a connection against Box (developer token, then client credentials)', async () => {
    const ok = await admin.post(`/api/box/connections/${connectionId}/test`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      ok: true,
      user: { login: 'AutomationUser_123@boxdevedition.com' },
      rootFolder: { id: '0', name: 'All Files' },
    });
    const ccg = await admin.post('/api/box/connections', {
      name: 'CCG',
      authMode: 'CLIENT_CREDENTIALS',
      clientId: 'box-client-id',
      clientSecret: 'box-client-secret-xyz',
      enterpriseId: '777',
      rootFolderId: '0',
      webhookPrimaryKey: PRIMARY,
      apiBaseUrl: fake.apiBaseUrl,
      uploadBaseUrl: fake.uploadBaseUrl,
      isEnabled: false,
    });
    expect(ccg.statusCode, ccg.body).toBe(201);
    expect(ccg.body).not.toContain('box-client-secret-xyz');
    const tested = await admin.post(`/api/box/connections/${ccg.json().id}/test`);
    expect(tested.json()).toMatchObject({ ok: true });
    expect(fake.requests.some((r) => r.path === '/oauth2/token' && r.status === 200)).toBe(true);
    const wrong = await admin.patch(`/api/box/connections/${ccg.json().id}`, {
      clientSecret: 'not-the-secret',
    });
    expect(wrong.statusCode).toBe(200);
    const failed = (await admin.post(`/api/box/connections/${ccg.json().id}/test`)).json();
    expect(failed.ok).toBe(false);
    expect(failed.error).toContain('invalid');
    expect((await admin.delete(`/api/box/connections/${ccg.json().id}`)).statusCode).toBe(204);
  });

  it('answers 404 to another org and 403 without INTEGRATION_MANAGE', async () => {
    expect((await outsider.get(`/api/box/connections/${connectionId}`)).statusCode).toBe(404);
    expect(
      (await outsider.patch(`/api/box/connections/${connectionId}`, { name: 'x' })).statusCode,
    ).toBe(404);
    expect((await outsider.post(`/api/box/connections/${connectionId}/test`)).statusCode).toBe(404);
    expect((await outsider.delete(`/api/box/connections/${connectionId}`)).statusCode).toBe(404);
    expect((await outsider.get('/api/box/connections')).json().items).toEqual([]);
    expect((await artist.get('/api/box/connections')).statusCode).toBe(403);
  });

  it("sets a project's own Box folder; other orgs get 404", async () => {
    const { projectId } = await freshDeliverable('Folder Setting');
    const set = await producer.put(`/api/projects/${projectId}/box-folder`, { boxFolderId: '123' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ projectId, boxFolderId: '123' });
    expect((await producer.get(`/api/projects/${projectId}/box-folder`)).json().boxFolderId).toBe(
      '123',
    );
    expect(
      (await outsider.put(`/api/projects/${projectId}/box-folder`, { boxFolderId: '1' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await producer.put(`/api/projects/${projectId}/box-folder`, { boxFolderId: '../x' }))
        .statusCode,
    ).toBe(400);
  });
});

describe('outbound push', () => {
  it('creates {omg}_{slug}_V{major} and uploads {omg}_{slug}_{stage}_V{major}.{ext}', async () => {
    const { stageIds, omg } = await freshDeliverable('Hero Banner');
    const creativeV1 = await sentRevision(stageIds[0]!, 'hero-final.PNG');
    const finalV1 = await sentRevision(stageIds[1]!, 'hero-final.png');
    for (const revisionId of [creativeV1, finalV1])
      await handlers['delivery.push']!(
        { revisionId },
        { id: 'j', name: 'delivery.push', retryCount: 0 },
      );

    const folder = [...fake.folders.values()].find((f) => f.name === `${omg}_hero-banner_V1`);
    expect(folder?.parentId).toBe('0');
    const names = fake
      .childrenOf(folder!.id)
      .map((c) => c.name)
      .sort();
    expect(names).toEqual([
      `${omg}_hero-banner_creative_V1.png`,
      `${omg}_hero-banner_final-art_V1.png`,
    ]);
    const [log] = await pushLogs(creativeV1);
    expect(log).toMatchObject({
      status: 'SUCCESS',
      attempt: 1,
      boxFolderId: folder!.id,
      error: null,
    });
    expect(fake.files.get(log!.boxFileId!)?.name).toBe(`${omg}_hero-banner_creative_V1.png`);

    // The producer-facing log, with the Box links.
    const res = await producer.get(`/api/revisions/${creativeV1}/deliveries/box`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      canRetry: false,
      items: [
        {
          status: 'SUCCESS',
          boxFileId: log!.boxFileId,
          boxFileUrl: `https://app.box.com/file/${log!.boxFileId}`,
        },
      ],
    });
    // Running the job again changes nothing (already delivered).
    await handlers['delivery.push']!(
      { revisionId: creativeV1 },
      { id: 'j', name: 'delivery.push', retryCount: 0 },
    );
    expect(await pushLogs(creativeV1)).toHaveLength(1);
  });

  it("uses the project's own folder, and a name already there gets a new version", async () => {
    const { stageIds, omg, projectId } = await freshDeliverable('Side Panel');
    const projectFolder = fake.addFolder('0', `Client ${omg}`);
    await producer.put(`/api/projects/${projectId}/box-folder`, { boxFolderId: projectFolder });
    // Someone (or an attempt whose answer was lost) already put the file there.
    const folderId = fake.addFolder(projectFolder, `${omg}_side-panel_V1`);
    const existing = fake.addFile(
      folderId,
      `${omg}_side-panel_creative_V1.png`,
      Buffer.from('old'),
    );
    const revisionId = await sentRevision(stageIds[0]!);
    await handlers['delivery.push']!(
      { revisionId },
      { id: 'j', name: 'delivery.push', retryCount: 0 },
    );
    const [log] = await pushLogs(revisionId);
    expect(log).toMatchObject({ status: 'SUCCESS', boxFolderId: folderId, boxFileId: existing });
    expect(fake.files.get(existing)!.versions).toHaveLength(2);
  });

  it('logs a failed attempt (500), lets the job retry, then succeeds as attempt 2', async () => {
    const { stageIds } = await freshDeliverable('Retry Me');
    const revisionId = await sentRevision(stageIds[0]!);
    fake.fail({ status: 500, match: /^\/2\.0\/folders$/ });
    await expect(
      handlers['delivery.push']!({ revisionId }, { id: 'j', name: 'delivery.push', retryCount: 0 }),
    ).rejects.toThrow(/500/);
    let logs = await pushLogs(revisionId);
    expect(logs).toMatchObject([{ status: 'FAILED', attempt: 1 }]);
    expect(logs[0]!.error).toMatch(/Box answered 500/);
    // The job queue's retry (same handler) makes attempt 2.
    await handlers['delivery.push']!(
      { revisionId },
      { id: 'j', name: 'delivery.push', retryCount: 1 },
    );
    logs = await pushLogs(revisionId);
    expect(logs.map((l) => [l.attempt, l.status])).toEqual([
      [1, 'FAILED'],
      [2, 'SUCCESS'],
    ]);
  });

  it('says when Box throttles (429 with Retry-After)', async () => {
    const { stageIds } = await freshDeliverable('Throttled');
    const revisionId = await sentRevision(stageIds[0]!);
    fake.fail({ status: 429, retryAfter: 7, match: /^\/2\.0\/folders$/ });
    await expect(
      handlers['delivery.push']!({ revisionId }, { id: 'j', name: 'delivery.push', retryCount: 0 }),
    ).rejects.toThrow(/429/);
    const [log] = await pushLogs(revisionId);
    expect(log).toMatchObject({ status: 'FAILED', attempt: 1 });
    expect(log!.error).toContain('retry after 7 s');
  });

  it('lets a producer retry by hand; refuses once delivered; artists may not', async () => {
    const { stageIds, omg } = await freshDeliverable('Manual Retry');
    const revisionId = await sentRevision(stageIds[0]!);
    fake.fail({ status: 503, times: 1, match: /\/files\/content$/ });
    await expect(
      handlers['delivery.push']!({ revisionId }, { id: 'j', name: 'delivery.push', retryCount: 0 }),
    ).rejects.toThrow();
    const before = (await producer.get(`/api/revisions/${revisionId}/deliveries/box`)).json();
    expect(before).toMatchObject({ canRetry: true, items: [{ status: 'FAILED', attempt: 1 }] });
    expect((await artist.post(`/api/revisions/${revisionId}/deliveries/retry`)).statusCode).toBe(
      403,
    );
    expect((await outsider.post(`/api/revisions/${revisionId}/deliveries/retry`)).statusCode).toBe(
      404,
    );
    const retry = await producer.post(`/api/revisions/${revisionId}/deliveries/retry`);
    expect(retry.statusCode, retry.body).toBe(202);
    const logs = await pushLogs(revisionId);
    expect(logs.map((l) => [l.attempt, l.status])).toEqual([
      [1, 'FAILED'],
      [2, 'SUCCESS'],
    ]);
    expect(fake.files.get(logs[1]!.boxFileId!)?.name).toBe(`${omg}_manual-retry_creative_V1.png`);
    // The revisions module's log shows the same attempts.
    const log = (await producer.get(`/api/revisions/${revisionId}/deliveries`)).json().items;
    expect(log.map((l: { status: string }) => l.status)).toEqual(['SUCCESS', 'FAILED']);
    const again = await producer.post(`/api/revisions/${revisionId}/deliveries/retry`);
    expect(again.statusCode).toBe(409);
  });
});

describe('outbound push of large files (upload sessions)', () => {
  const push = (revisionId: string, retryCount = 0) =>
    chunkedHandlers['delivery.push']!(
      { revisionId },
      { id: 'j', name: 'delivery.push', retryCount },
    );
  const sessionOf = (fileId: string) =>
    [...fake.uploadSessions.values()].find((s) => s.committedFileId === fileId);
  const requestsSince = (from: number) =>
    fake.requests
      .slice(from)
      .map((r) => `${r.method} ${r.path.replace(/[0-9A-F]{32}/, 'S')} ${r.status}`);

  it('pushes a file above the threshold in parts; the parts make up the original', async () => {
    const { stageIds, omg } = await freshDeliverable('Big Film');
    const bytes = await noisePng();
    expect(bytes.length).toBeGreaterThan(CHUNKED_THRESHOLD);
    const revisionId = await sentRevision(stageIds[0]!, 'film.png', bytes);
    fake.acceptCommits(1, 0); // Box still processing the parts: the commit is sent again
    const from = fake.requests.length;
    await push(revisionId);

    const [log] = await pushLogs(revisionId);
    expect(log).toMatchObject({ status: 'SUCCESS', attempt: 1, error: null });
    const file = fake.files.get(log!.boxFileId!)!;
    expect(file.name).toBe(`${omg}_big-film_creative_V1.png`);
    expect(file.versions).toHaveLength(1);
    expect(file.versions[0]!.equals(bytes)).toBe(true);

    const session = sessionOf(file.id)!;
    const totalParts = Math.ceil(bytes.length / PART_SIZE);
    expect(session).toMatchObject({
      state: 'committed',
      folderId: file.parentId,
      fileId: null,
      fileSize: bytes.length,
      totalParts,
    });
    const parts = [...session.parts.values()].sort((a, b) => a.offset - b.offset);
    expect(parts).toHaveLength(totalParts);
    parts.forEach((p, i) => {
      expect(p.offset).toBe(i * PART_SIZE);
      expect(p.size).toBe(i < totalParts - 1 ? PART_SIZE : bytes.length - i * PART_SIZE);
    });
    expect(Buffer.concat(parts.map((p) => p.data)).equals(bytes)).toBe(true);

    // No simple upload: session, parts, list, commit (202, then the file).
    const seen = requestsSince(from).filter((r) => r.includes('/upload/'));
    expect(seen).toEqual([
      'POST /upload/api/2.0/files/upload_sessions 201',
      ...Array.from(
        { length: totalParts },
        () => 'PUT /upload/api/2.0/files/upload_sessions/S 200',
      ),
      'GET /upload/api/2.0/files/upload_sessions/S/parts 200',
      'POST /upload/api/2.0/files/upload_sessions/S/commit 202',
      'POST /upload/api/2.0/files/upload_sessions/S/commit 201',
    ]);
  });

  it('uploads a new version of a name already there through a session', async () => {
    const { stageIds, omg } = await freshDeliverable('Big Again');
    const folderId = fake.addFolder('0', `${omg}_big-again_V1`);
    const existing = fake.addFile(folderId, `${omg}_big-again_creative_V1.png`, Buffer.from('old'));
    const bytes = await noisePng();
    const revisionId = await sentRevision(stageIds[0]!, 'film.png', bytes);
    const from = fake.requests.length;
    await push(revisionId);

    const [log] = await pushLogs(revisionId);
    expect(log).toMatchObject({ status: 'SUCCESS', boxFolderId: folderId, boxFileId: existing });
    const file = fake.files.get(existing)!;
    expect(file.versions).toHaveLength(2);
    expect(file.versions[1]!.equals(bytes)).toBe(true);
    expect(sessionOf(existing)).toMatchObject({ fileId: existing, folderId: null });
    expect(
      requestsSince(from).filter(
        (r) => r.includes('upload_sessions 20') || r.includes('upload_sessions 409'),
      ),
    ).toEqual([
      'POST /upload/api/2.0/files/upload_sessions 409',
      `POST /upload/api/2.0/files/${existing}/upload_sessions 201`,
    ]);
  });

  it('a part Box fails → FAILED attempt (session aborted); the job retry succeeds', async () => {
    const { stageIds } = await freshDeliverable('Big Retry');
    const bytes = await noisePng();
    const revisionId = await sentRevision(stageIds[0]!, 'film.png', bytes);
    fake.failParts({ status: 503, after: 2 }); // the third part fails
    const before = new Set(fake.uploadSessions.keys());
    await expect(push(revisionId)).rejects.toThrow(/503/);
    let logs = await pushLogs(revisionId);
    expect(logs).toMatchObject([{ status: 'FAILED', attempt: 1 }]);
    expect(logs[0]!.error).toMatch(/Box answered 503/);
    const failed = [...fake.uploadSessions.values()].filter((s) => !before.has(s.id));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ state: 'aborted' });
    expect(failed[0]!.parts.size).toBe(2);

    await push(revisionId, 1);
    logs = await pushLogs(revisionId);
    expect(logs.map((l) => [l.attempt, l.status])).toEqual([
      [1, 'FAILED'],
      [2, 'SUCCESS'],
    ]);
    const file = fake.files.get(logs[1]!.boxFileId!)!;
    expect(file.versions).toHaveLength(1);
    expect(file.versions[0]!.equals(bytes)).toBe(true);
  });

  it('the stand-in refuses a part with a wrong digest or a misaligned range', async () => {
    const folderId = fake.addFolder('0', 'Raw Session');
    const auth = { authorization: `Bearer ${DEV_TOKEN}`, 'content-type': 'application/json' };
    const created = await fetch(`${fake.uploadBaseUrl}/2.0/files/upload_sessions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ folder_id: folderId, file_size: 100_000, file_name: 'raw.bin' }),
    });
    expect(created.status).toBe(201);
    const session = (await created.json()) as {
      part_size: number;
      total_parts: number;
      session_endpoints: { upload_part: string };
    };
    expect(session).toMatchObject({ part_size: PART_SIZE, total_parts: 4 });
    const part = randomBytes(PART_SIZE);
    const sha = (b: Buffer) => `sha=${createHash('sha1').update(b).digest('base64')}`;
    const put = (headers: Record<string, string>, body: Buffer) =>
      fetch(session.session_endpoints.upload_part, {
        method: 'PUT',
        headers: {
          authorization: auth.authorization,
          'content-type': 'application/octet-stream',
          ...headers,
        },
        body: new Uint8Array(body),
      });
    const wrongDigest = await put(
      { digest: sha(Buffer.from('x')), 'content-range': `bytes 0-${PART_SIZE - 1}/100000` },
      part,
    );
    expect(wrongDigest.status).toBe(412);
    const misaligned = await put(
      { digest: sha(part), 'content-range': `bytes 1-${PART_SIZE}/100000` },
      part,
    );
    expect(misaligned.status).toBe(416);
    const ok = await put(
      { digest: sha(part), 'content-range': `bytes 0-${PART_SIZE - 1}/100000` },
      part,
    );
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { part: object }).part).toMatchObject({
      offset: 0,
      size: PART_SIZE,
      sha1: createHash('sha1').update(part).digest('hex'),
    });
    const tooSmall = await fetch(`${fake.uploadBaseUrl}/2.0/files/upload_sessions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ folder_id: folderId, file_size: 10, file_name: 'small.bin' }),
    });
    expect(tooSmall.status).toBe(400);
    expect(((await tooSmall.json()) as { code: string }).code).toBe('file_size_too_small');
  });
});

describe('Box webhook', () => {
  it('accepts a delivery signed with the primary key and stores the event once', async () => {
    const res = await webhook(fileEvent('evt-primary', '9001', '40001_hero-banner.png'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ received: true, duplicate: false, status: 'RECEIVED' });
    const [event] = await ctx.database.db
      .select()
      .from(boxWebhookEvents)
      .where(eq(boxWebhookEvents.eventId, 'evt-primary'));
    expect(event).toMatchObject({
      organizationId: org.orgId,
      trigger: 'FILE.UPLOADED',
      boxFileId: '9001',
      fileName: '40001_hero-banner.png',
      status: 'RECEIVED',
    });
  });

  it('accepts the secondary key (rotation) and refuses a wrong key', async () => {
    const secondary = await webhook(fileEvent('evt-secondary', '9002', 'a.png'), {
      key: SECONDARY,
      header: 'secondary',
    });
    expect(secondary.statusCode, secondary.body).toBe(200);
    const wrong = await webhook(fileEvent('evt-wrong', '9003', 'a.png'), { key: 'not-our-key' });
    expect(wrong.statusCode).toBe(401);
    // The secondary key in the primary header does not count.
    const swapped = await webhook(fileEvent('evt-swapped', '9004', 'a.png'), { key: SECONDARY });
    expect(swapped.statusCode).toBe(401);
    const stored = await ctx.database.db.select().from(boxWebhookEvents);
    expect(stored.map((e) => e.eventId)).not.toContain('evt-wrong');
    expect(stored.map((e) => e.eventId)).not.toContain('evt-swapped');
  });

  it('refuses a tampered body and a delivery older than 10 minutes', async () => {
    const body = JSON.stringify(fileEvent('evt-tamper', '9005', 'a.png'));
    const timestamp = new Date().toISOString();
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/webhooks/box/${connectionId}`,
      headers: {
        'content-type': 'application/json',
        'box-delivery-timestamp': timestamp,
        'box-signature-primary': signBoxWebhook(PRIMARY, Buffer.from(body), timestamp),
      },
      payload: body.replace('9005', '9006'),
    });
    expect(res.statusCode).toBe(401);
    const stale = await webhook(fileEvent('evt-stale', '9007', 'a.png'), {
      timestamp: new Date(Date.now() - 11 * 60_000).toISOString(),
    });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.message).toContain('10 minutes');
  });

  it('answers 404 for an unknown connection', async () => {
    const res = await webhook(fileEvent('evt-x', '1', 'a.png'), { connection: 'nope' });
    expect(res.statusCode).toBe(404);
  });

  it('a redelivery of the same event is acknowledged and has no second effect', async () => {
    const event = fileEvent('evt-replay', '9010', '40001_hero-banner.png');
    const first = await webhook(event);
    const second = await webhook(event);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ duplicate: true, eventId: first.json().eventId });
    const rows = await ctx.database.db
      .select()
      .from(boxWebhookEvents)
      .where(eq(boxWebhookEvents.eventId, 'evt-replay'));
    expect(rows).toHaveLength(1);
  });

  it('stores other triggers as IGNORED', async () => {
    const res = await webhook({
      ...fileEvent('evt-folder', '55', 'x'),
      trigger: 'FOLDER.CREATED',
      source: { id: '55', type: 'folder', name: 'x' },
    });
    expect(res.json()).toMatchObject({ status: 'IGNORED' });
  });

  it('the job downloads the file and hands it to the inbound resolver (channel BOX)', async () => {
    const fileId = fake.addFile('0', '40001_hero-banner_v2.png', Buffer.from('box bytes'));
    const res = await webhook(fileEvent('evt-job', fileId, '40001_hero-banner_v2.png'));
    const eventRowId = res.json().eventId as string;
    const seen: { file: Omit<InboundFile, 'stream'>; bytes: string }[] = [];
    const stub: InboundResolver = {
      async ingest(file) {
        const chunks: Buffer[] = [];
        for await (const c of file.stream) chunks.push(Buffer.from(c as Buffer));
        const { stream: _s, ...rest } = file;
        seen.push({ file: rest, bytes: Buffer.concat(chunks).toString() });
        return { outcome: 'unmatched', inboundLogId: 'log-1', reason: 'No project 40001' };
      },
    };
    await processBoxEvent(ctx.database.db, eventRowId, () => stub);
    await processBoxEvent(ctx.database.db, eventRowId, () => stub); // twice: one effect
    expect(seen).toEqual([
      {
        file: {
          organizationId: org.orgId,
          channel: 'BOX',
          fileName: '40001_hero-banner_v2.png',
          boxFileId: fileId,
          actor: { userId: null, apiKeyId: null, name: 'Box (Agency)' },
        },
        bytes: 'box bytes',
      },
    ]);
    const events = (await admin.get(`/api/box/connections/${connectionId}/events`)).json().items;
    expect(events.find((e: { id: string }) => e.id === eventRowId)).toMatchObject({
      status: 'PROCESSED',
      error: 'No project 40001',
    });
  });

  it('ignores files prodtrack pushed itself', async () => {
    const [pushed] = await ctx.database.db
      .select()
      .from(boxPushLogs)
      .where(eq(boxPushLogs.status, 'SUCCESS'))
      .limit(1);
    const res = await webhook(fileEvent('evt-own', pushed!.boxFileId!, pushed!.fileName!));
    const stub: InboundResolver = {
      ingest: () => Promise.reject(new Error('must not be called')),
    };
    await processBoxEvent(ctx.database.db, res.json().eventId, () => stub);
    const [row] = await ctx.database.db
      .select()
      .from(boxWebhookEvents)
      .where(eq(boxWebhookEvents.id, res.json().eventId));
    expect(row!.status).toBe('IGNORED');
  });

  const hasResolver = () => inboundResolverOf(ctx.app.services.inbound) !== null;
  it('webhook → job → the real inbound resolver makes a revision (when the resolver exists)', async (t) => {
    // Skipped until the inbound module exposes its resolver.
    if (!hasResolver()) t.skip();
    const { stageIds, omg } = await freshDeliverable('Inbound Real');
    const name = `${omg}_inbound-real.png`;
    const fileId = fake.addFile('0', name, await png());
    const res = await webhook(fileEvent(`evt-real-${omg}`, fileId, name));
    await handlers['inbound.box']!(
      { eventId: res.json().eventId },
      { id: 'j', name: 'inbound.box', retryCount: 0 },
    );
    await webhook(fileEvent(`evt-real-${omg}`, fileId, name)); // replay: no second revision
    await handlers['inbound.box']!(
      { eventId: res.json().eventId },
      { id: 'j', name: 'inbound.box', retryCount: 0 },
    );
    const chain = (await producer.get(`/api/stages/${stageIds[0]}/revisions`)).json().items;
    expect(chain).toHaveLength(1);
    const [row] = await ctx.database.db
      .select()
      .from(boxWebhookEvents)
      .where(eq(boxWebhookEvents.id, res.json().eventId));
    expect(row!.status).toBe('PROCESSED');
    expect(row!.inboundLogId).toBeTruthy();
  });
});

describe('with the job queue running', () => {
  let jobs: TestContext;
  beforeAll(async () => {
    jobs = await createTestApp({}, { withJobs: true });
  });
  afterAll(async () => {
    await jobs?.close();
  });

  it('send-to-client pushes to Box in the background; the log shows SUCCESS', async () => {
    const o = await seedOrg(jobs, 'Box Jobs');
    const cookie = await signIn(jobs, o.users.PRODUCER.email);
    const p = client(jobs, cookie);
    const conn = await p.post('/api/box/connections', {
      name: 'Box',
      authMode: 'DEVELOPER_TOKEN',
      developerToken: DEV_TOKEN,
      rootFolderId: '0',
      webhookPrimaryKey: PRIMARY,
      apiBaseUrl: fake.apiBaseUrl,
      uploadBaseUrl: fake.uploadBaseUrl,
    });
    expect(conn.statusCode, conn.body).toBe(201);
    const pipe = await p.post('/api/pipelines', {
      name: 'One',
      stages: [{ key: 'layout', name: 'Layout' }],
    });
    const project = await p.post('/api/projects', {
      name: 'Queued',
      projectCode: 'Q-1',
      omgJobNumber: '77001',
      pipelineTemplateId: pipe.json().id,
    });
    await jobs.database.db
      .update(projects)
      .set({ boxFolderId: null })
      .where(eq(projects.id, project.json().id));
    const d = await p.post(`/api/projects/${project.json().id}/deliverables`, { name: 'Poster' });
    const stageId = d.json().stages[0].id as string;
    const body = multipart([
      { name: 'file', filename: 'poster.png', contentType: 'image/png', data: await png() },
    ]);
    const up = await jobs.app.inject({
      method: 'POST',
      url: `/api/stages/${stageId}/revisions`,
      headers: { origin: TEST_ORIGIN, cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
    const revisionId = up.json().id as string;
    await p.post(`/api/stages/${stageId}/revisions/${revisionId}/send-to-client`);
    let items: { status: string }[] = [];
    for (let i = 0; i < 100; i++) {
      items = (await p.get(`/api/revisions/${revisionId}/deliveries`)).json().items;
      if (items[0]?.status === 'SUCCESS') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(items).toMatchObject([{ status: 'SUCCESS', attempt: 1 }]);
    const folder = [...fake.folders.values()].find((f) => f.name === '77001_poster_V1');
    expect(fake.childrenOf(folder!.id).map((c) => c.name)).toEqual(['77001_poster_layout_V1.png']);

    // A webhook delivery is stored and its job queued (and run) in the background.
    const event = fileEvent('evt-queued', '424242', '77001_poster.png');
    const raw = JSON.stringify(event);
    const timestamp = new Date().toISOString();
    const res = await jobs.app.inject({
      method: 'POST',
      url: `/api/webhooks/box/${conn.json().id}`,
      headers: {
        'content-type': 'application/json',
        'box-delivery-timestamp': timestamp,
        'box-signature-primary': signBoxWebhook(PRIMARY, Buffer.from(raw), timestamp),
      },
      payload: raw,
    });
    expect(res.statusCode, res.body).toBe(200);
    let row: typeof boxWebhookEvents.$inferSelect | undefined;
    for (let i = 0; i < 50; i++) {
      [row] = await jobs.database.db
        .select()
        .from(boxWebhookEvents)
        .where(eq(boxWebhookEvents.id, res.json().eventId));
      if (row?.status !== 'RECEIVED' || row.error) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // The file does not exist in the fake Box: the job ran and recorded why it failed (or,
    // before the inbound resolver lands, that it waits for it).
    expect(row!.status === 'FAILED' || Boolean(row!.error)).toBe(true);
  });
});
