import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

let ctx: TestContext;
let org: SeededOrg;
let producerCookie: string;
let producer: ReturnType<typeof client>;
let artist: ReturnType<typeof client>;
let viewer: ReturnType<typeof client>;
let outsider: ReturnType<typeof client>;
let deliverableId: string;
let stageIds: string[];
const work = mkdtempSync(path.join(tmpdir(), 'revisions-test-'));

interface Revision {
  id: string;
  stageId: string;
  major: number;
  minor: number;
  label: string;
  sentToClient: boolean;
  status: string;
  asset: {
    kind: string;
    mimeType: string;
    width: number | null;
    height: number | null;
    fps: number | null;
    url: string;
    previewUrl: string | null;
    thumbnailUrl: string | null;
    posterUrl: string | null;
    hlsUrl: string | null;
    processing: { state: string; progress: number; error: string | null };
  };
}

function upload(stageId: string, data: Buffer, filename: string, contentType: string) {
  const body = multipart([{ name: 'file', filename, contentType, data }]);
  return ctx.app.inject({
    method: 'POST',
    url: `/api/stages/${stageId}/revisions`,
    headers: { origin: TEST_ORIGIN, cookie: producerCookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function uploadOk(stageId: string, data: Buffer, filename: string, type = 'image/png') {
  const res = await upload(stageId, data, filename, type);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Revision;
}

/** Polls the revision until its processing settles. */
async function processed(id: string, timeoutMs = 60_000): Promise<Revision> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const r = (await producer.get(`/api/revisions/${id}`)).json() as Revision;
    if (r.asset.processing.state === 'done' || r.asset.processing.state === 'failed') return r;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`revision ${id} still processing after ${timeoutMs} ms`);
}

const png = (w: number, h: number, alpha = true) =>
  sharp({
    create: {
      width: w,
      height: h,
      channels: alpha ? 4 : 3,
      background: alpha ? { r: 255, g: 0, b: 0, alpha: 0 } : { r: 20, g: 120, b: 200 },
    },
  })
    .composite([
      {
        input: {
          create: { width: w / 2, height: h, channels: 4, background: '#0000ffff' },
        },
        left: 0,
        top: 0,
      },
    ])
    .png()
    .toBuffer();

async function freshStage(name: string): Promise<string> {
  const project = await producer.post('/api/projects', {
    name: `Project ${name}`,
    projectCode: `P-${name}`,
    pipelineTemplateId: pipelineId,
  });
  expect(project.statusCode).toBe(201);
  const d = await producer.post(`/api/projects/${project.json().id}/deliverables`, { name });
  expect(d.statusCode).toBe(201);
  return d.json().stages[0].id;
}

let pipelineId: string;

beforeAll(async () => {
  ctx = await createTestApp({ MEDIA_MAX_IMAGE_PIXELS: '30000000' }, { withJobs: true });
  org = await seedOrg(ctx, 'Revisions Org');
  const other = await seedOrg(ctx, 'Revisions Outside');
  producerCookie = await signIn(ctx, org.users.PRODUCER.email);
  producer = client(ctx, producerCookie);
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  viewer = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
  outsider = client(ctx, await signIn(ctx, other.users.ADMIN.email));

  const pipe = await producer.post('/api/pipelines', {
    name: 'Stills',
    stages: [
      { key: 'creative', name: 'Creative', approvalType: 'SIMPLE' },
      { key: 'final', name: 'Final', prerequisites: ['creative'] },
    ],
  });
  expect(pipe.statusCode).toBe(201);
  pipelineId = pipe.json().id;
  const [team] = await ctx.database.db
    .insert(clientTeams)
    .values({ organizationId: org.orgId, name: 'Acme', slug: 'acme' })
    .returning();
  await ctx.database.db
    .insert(clientTeamMemberships)
    .values({ clientTeamId: team!.id, userId: org.users.CLIENT_VIEWER.id });
  const project = await producer.post('/api/projects', {
    name: 'Spring Launch',
    projectCode: 'SPR-1',
    clientTeamId: team!.id,
    pipelineTemplateId: pipelineId,
  });
  expect(project.statusCode).toBe(201);
  const d = await producer.post(`/api/projects/${project.json().id}/deliverables`, {
    name: 'Hero Banner',
  });
  expect(d.statusCode).toBe(201);
  deliverableId = d.json().id;
  stageIds = d.json().stages.map((s: { id: string }) => s.id);
});
afterAll(async () => {
  await ctx?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('images', () => {
  it('flattens a PNG with alpha onto white and makes a PNG preview and a JPEG thumbnail', async () => {
    const created = await uploadOk(stageIds[0]!, await png(64, 32), 'hero.png');
    expect(created).toMatchObject({
      label: 'V0.1',
      major: 0,
      minor: 1,
      sentToClient: false,
      status: 'SUBMITTED',
      asset: { kind: 'image', mimeType: 'image/png', width: 64, height: 32 },
    });
    const r = await processed(created.id);
    expect(r.asset.processing).toEqual({ state: 'done', progress: 100, error: null });
    const preview = await producer.get(r.asset.previewUrl!);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/png');
    const { data, info } = await sharp(preview.rawPayload)
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3); // no alpha left
    const at = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
    ];
    expect(at(info.width - 1, 0)).toEqual([255, 255, 255]); // was transparent
    expect(at(0, 0)).toEqual([0, 0, 255]); // opaque blue stays blue
    const thumb = await producer.get(r.asset.thumbnailUrl!);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(thumb.rawPayload).metadata()).format).toBe('jpeg');

    // Work started on the stage with the first upload.
    const d = (await producer.get(`/api/deliverables/${deliverableId}`)).json();
    expect(d.stages[0].status).toBe('IN_PROGRESS');
    expect(d.status).toBe('IN_PROGRESS');
  });

  it('converts a TIFF to a PNG preview and keeps a JPEG a JPEG', async () => {
    const tiff = await sharp({
      create: { width: 40, height: 30, channels: 3, background: '#336699' },
    })
      .tiff()
      .toBuffer();
    const t = await processed((await uploadOk(stageIds[0]!, tiff, 'scan.tif', 'image/tiff')).id);
    expect(t.asset.mimeType).toBe('image/tiff');
    const tp = await producer.get(t.asset.previewUrl!);
    expect((await sharp(tp.rawPayload).metadata()).format).toBe('png');

    const jpeg = await sharp({
      create: { width: 40, height: 30, channels: 3, background: '#993311' },
    })
      .jpeg()
      .toBuffer();
    const j = await processed((await uploadOk(stageIds[0]!, jpeg, 'photo.jpg', 'image/jpeg')).id);
    expect(j.asset.mimeType).toBe('image/jpeg');
    expect(
      (await sharp((await producer.get(j.asset.previewUrl!)).rawPayload).metadata()).format,
    ).toBe('jpeg');
  });

  it('detects the kind from the bytes: a PNG named .mp4 and declared video/mp4 is an image', async () => {
    const r = await uploadOk(stageIds[0]!, await png(20, 20), 'clip.mp4', 'video/mp4');
    expect(r.asset.kind).toBe('image');
    expect(r.asset.mimeType).toBe('image/png');
  });

  it('refuses what is neither an image nor a video with 415 and the accepted list; nothing is stored', async () => {
    const before = blobFolders();
    const res = await upload(
      stageIds[0]!,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'x.png',
      'image/png',
    );
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.json().error.message).toMatch(/Accepted: PNG, JPEG, TIFF/);
    expect(blobFolders()).toEqual(before);
  });

  it('refuses an image over the pixel limit (decompression bomb) with 413; nothing is stored', async () => {
    const before = blobFolders();
    const big = await sharp({
      create: { width: 8000, height: 4000, channels: 3, background: '#ffffff' },
    })
      .png()
      .toBuffer();
    const res = await upload(stageIds[0]!, big, 'bomb.png', 'image/png');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toMatch(/megapixels/);
    expect(blobFolders()).toEqual(before);
  });

  it('asks for exactly one file in the field "file"', async () => {
    const none = multipart([{ name: 'title', value: 'x' }]);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/stages/${stageIds[0]}/revisions`,
      headers: { origin: TEST_ORIGIN, cookie: producerCookie, 'content-type': none.contentType },
      payload: none.payload,
    });
    expect(res.statusCode).toBe(400);
  });
});

const blobFolders = () => {
  const dir = path.join(ctx.config.DATA_DIR, 'blobs', 'revisions');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

describe('the version chain', () => {
  it('runs V0.1, V0.2 → V1 → V1.1, V1.2 → V2, sending only the latest internal revision', async () => {
    const stageId = await freshStage('Chain');
    const labels = async () =>
      ((await producer.get(`/api/stages/${stageId}/revisions`)).json().items as Revision[]).map(
        (r) => r.label,
      );
    const v01 = await uploadOk(stageId, await png(8, 8), 'a.png');
    const v02 = await uploadOk(stageId, await png(8, 8), 'b.png');
    expect([v01.label, v02.label]).toEqual(['V0.1', 'V0.2']);

    const older = await producer.post(`/api/stages/${stageId}/revisions/${v01.id}/send-to-client`);
    expect(older.statusCode).toBe(409);
    expect(older.json().error.message).toMatch(/Only the latest revision \(V0\.2\)/);

    const sent = await producer.post(`/api/stages/${stageId}/revisions/${v02.id}/send-to-client`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({
      id: v02.id,
      label: 'V1',
      major: 1,
      minor: 0,
      sentToClient: true,
      status: 'IN_REVIEW',
    });
    expect(sent.json().sentAt).toBeTruthy();
    const again = await producer.post(`/api/stages/${stageId}/revisions/${v02.id}/send-to-client`);
    expect(again.statusCode).toBe(409);

    expect((await uploadOk(stageId, await png(8, 8), 'c.png')).label).toBe('V1.1');
    const v12 = await uploadOk(stageId, await png(8, 8), 'd.png');
    expect(v12.label).toBe('V1.2');
    const v2 = await producer.post(`/api/stages/${stageId}/revisions/${v12.id}/send-to-client`);
    expect(v2.json().label).toBe('V2');
    expect(await labels()).toEqual(['V2', 'V1.1', 'V1', 'V0.1']);

    // Pages follow the chain order.
    const first = (await producer.get(`/api/stages/${stageId}/revisions?limit=2`)).json();
    expect(first.items.map((r: Revision) => r.label)).toEqual(['V2', 'V1.1']);
    const second = (
      await producer.get(`/api/stages/${stageId}/revisions?limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((r: Revision) => r.label)).toEqual(['V1', 'V0.1']);
    expect(second.nextCursor).toBeNull();
  });

  it('puts the deliverable IN_REVIEW on send and logs the delivery attempt', async () => {
    const stageId = await freshStage('Send');
    const r = await uploadOk(stageId, await png(8, 8), 'a.png');
    const sent = await producer.post(`/api/stages/${stageId}/revisions/${r.id}/send-to-client`);
    expect(sent.statusCode).toBe(200);
    const d = (await producer.get(`/api/deliverables/${sent.json().deliverableId}`)).json();
    expect(d.status).toBe('IN_REVIEW');
    const history = (await producer.get(`/api/deliverables/${d.id}/history`)).json().items;
    expect(history.map((h: { note: string | null }) => h.note)).toContain(
      'V0.1 sent to the client as V1',
    );
    let log: { status: string; error: string; attempt: number }[] = [];
    for (let i = 0; i < 100 && log.length === 0; i++) {
      log = (await producer.get(`/api/revisions/${r.id}/deliveries`)).json().items;
      if (!log.length) await new Promise((res) => setTimeout(res, 100));
    }
    expect(log[0]).toMatchObject({
      status: 'FAILED',
      attempt: 1,
      error: 'No delivery connector configured',
    });
  });

  it('gives concurrent uploads distinct minors, never an error or a duplicate', async () => {
    const stageId = await freshStage('Race');
    const image = await png(8, 8);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => upload(stageId, image, `r${i}.png`, 'image/png')),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    const minors = results.map((r) => (r.json() as Revision).minor).sort();
    expect(minors).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('who sees what', () => {
  let sentId: string;
  let internalId: string;
  beforeAll(async () => {
    const stageId = stageIds[1]!;
    const a = await uploadOk(stageId, await png(8, 8), 'final-a.png');
    await producer.post(`/api/stages/${stageId}/revisions/${a.id}/send-to-client`);
    sentId = a.id;
    internalId = (await uploadOk(stageId, await png(8, 8), 'final-b.png')).id;
    await processed(internalId);
    await processed(sentId);
  });

  it('shows a client viewer only the versions sent to them, by every route', async () => {
    const list = (await viewer.get(`/api/stages/${stageIds[1]}/revisions`)).json();
    expect(list.items.map((r: Revision) => r.id)).toEqual([sentId]);
    expect((await viewer.get(`/api/revisions/${sentId}`)).statusCode).toBe(200);
    expect((await viewer.get(`/api/revisions/${sentId}/file`)).statusCode).toBe(200);
    for (const url of [
      `/api/revisions/${internalId}`,
      `/api/revisions/${internalId}/file`,
      `/api/revisions/${internalId}/preview`,
      `/api/revisions/${internalId}/thumbnail`,
      `/api/revisions/${sentId}/deliveries`,
    ])
      expect((await viewer.get(url)).statusCode, url).toBe(404);
  });

  it('hides everything from another organization (404) and checks permissions (403)', async () => {
    for (const url of [
      `/api/stages/${stageIds[1]}/revisions`,
      `/api/revisions/${sentId}`,
      `/api/revisions/${sentId}/file`,
      `/api/revisions/${sentId}/preview`,
    ])
      expect((await outsider.get(url)).statusCode, url).toBe(404);
    expect(
      (await outsider.post(`/api/stages/${stageIds[1]}/revisions/${internalId}/send-to-client`))
        .statusCode,
    ).toBe(404);
    // Artists upload but do not send; client viewers do neither.
    expect(
      (await artist.post(`/api/stages/${stageIds[1]}/revisions/${internalId}/send-to-client`))
        .statusCode,
    ).toBe(403);
    const body = multipart([
      { name: 'file', filename: 'x.png', contentType: 'image/png', data: await png(8, 8) },
    ]);
    const viewerCookie = await signIn(ctx, org.users.CLIENT_VIEWER.email);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/stages/${stageIds[1]}/revisions`,
      headers: { origin: TEST_ORIGIN, cookie: viewerCookie, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(403);
  });

  it('serves files with safe headers', async () => {
    const f = await producer.get(`/api/revisions/${sentId}/file`);
    expect(f.headers['content-disposition']).toMatch(/^attachment; filename="final-a.png"/);
    expect(f.headers['x-content-type-options']).toBe('nosniff');
    const p = await producer.get(`/api/revisions/${sentId}/preview`);
    expect(p.headers['cache-control']).toMatch(/private/);
  });
});

describe.runIf(hasFfmpeg)('videos', () => {
  it('shows a failed run its error (without server paths) and retries it on request', async () => {
    const fake = Buffer.alloc(64 * 1024);
    fake.writeUInt32BE(32, 0);
    fake.write('ftypisom', 4, 'latin1');
    fake.write('isomiso2avc1mp41', 16, 'latin1');
    const created = await uploadOk(stageIds[0]!, fake, 'broken.mp4', 'video/mp4');
    const failed = await processed(created.id);
    expect(failed.asset.processing.state).toBe('failed');
    expect(failed.asset.processing.error).toBeTruthy();
    expect(failed.asset.processing.error).not.toContain(ctx.config.DATA_DIR);
    expect(failed.asset.processing.error).not.toContain(tmpdir());
    const retried = await producer.post(`/api/revisions/${created.id}/reprocess`);
    expect(retried.statusCode).toBe(200);
    expect(['pending', 'running', 'failed']).toContain(retried.json().asset.processing.state);
    expect((await processed(created.id)).asset.processing.state).toBe('failed');
    expect((await artist.post(`/api/revisions/${created.id}/reprocess`)).statusCode).not.toBe(403);
    expect((await viewer.post(`/api/revisions/${created.id}/reprocess`)).statusCode).toBe(403);
  });

  it('probes, makes a poster, a thumbnail and an HLS ladder that ffprobe can play', async () => {
    const input = path.join(work, 'clip.mp4');
    const gen = spawnSync('ffmpeg', [
      '-hide_banner',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=640x360:rate=24000/1001:duration=3',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=3',
      '-shortest',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      input,
    ]);
    expect(gen.status).toBe(0);
    const created = await uploadOk(
      stageIds[0]!,
      readFileSync(input),
      'clip.mov',
      'application/octet-stream',
    );
    expect(created.asset.kind).toBe('video');
    const r = await processed(created.id, 90_000);
    expect(r.asset.processing, JSON.stringify(r.asset.processing)).toMatchObject({ state: 'done' });
    expect(r.asset).toMatchObject({ width: 640, height: 360 });
    expect(r.asset.fps).toBeCloseTo(23.976, 2);
    expect((await producer.get(r.asset.posterUrl!)).headers['content-type']).toBe('image/jpeg');
    const master = await producer.get(r.asset.hlsUrl!);
    expect(master.statusCode).toBe(200);
    expect(master.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(master.body).toMatch(/#EXTM3U/);
    // Follow the playlist to a segment through the API.
    const variant = master.body.split('\n').find((l) => l.endsWith('.m3u8'))!;
    const base = r.asset.hlsUrl!.replace(/master\.m3u8$/, '');
    const media = await producer.get(base + variant);
    expect(media.statusCode).toBe(200);
    const segment = media.body.split('\n').find((l) => l.endsWith('.ts'))!;
    const seg = await producer.get(base + path.posix.join(path.posix.dirname(variant), segment));
    expect(seg.statusCode).toBe(200);
    expect(seg.headers['content-type']).toBe('video/mp2t');
    // The stored playlist is playable by ffprobe.
    const stored = readdirSync(path.join(ctx.config.DATA_DIR, 'blobs', 'revisions', r.id));
    const hlsDir = stored
      .map((n) => path.join(ctx.config.DATA_DIR, 'blobs', 'revisions', r.id, n))
      .find((p) => existsSync(path.join(p, 'master.m3u8')))!;
    const probe = spawnSync('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type',
      '-of',
      'csv=p=0',
      path.join(hlsDir, 'master.m3u8'),
    ]);
    expect(probe.status).toBe(0);
    expect(probe.stdout.toString()).toMatch(/video/);
    // Path tricks stay inside the rendition.
    expect((await producer.get(base + '..%2F..%2Fsecret.ts')).statusCode).toBe(404);
  });
});
