import { and, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundLogs, orgRolePermissions, revisions } from '../../src/server/db/schema';
import type { InboundFile, InboundResult } from '../../src/server/modules/inbound/contract';
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
let apiKey: string;
let artistKey: string;
let png: Buffer;
let deliverableId: string;
let projectId: string;
let stageId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Upload Org');
  producerCookie = await signIn(ctx, org.users.PRODUCER.email);
  producer = client(ctx, producerCookie);
  apiKey = (await producer.post('/api/api-keys', { name: 'Render farm' })).json().key;
  artistKey = (await producer.post('/api/api-keys', { name: 'Artist bot', role: 'ARTIST' })).json()
    .key;
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();
  const pipe = await producer.post('/api/pipelines', {
    name: 'Stills',
    stages: [{ key: 'creative', name: 'Creative', approvalType: 'SIMPLE' }],
  });
  expect(pipe.statusCode, pipe.body).toBe(201);
  const project = await producer.post('/api/projects', {
    name: 'Upload project',
    projectCode: 'UP-1',
    omgJobNumber: '5150',
    pipelineTemplateId: pipe.json().id,
  });
  expect(project.statusCode, project.body).toBe(201);
  projectId = project.json().id;
  const d = await producer.post(`/api/projects/${projectId}/deliverables`, { name: 'Hero Banner' });
  expect(d.statusCode, d.body).toBe(201);
  deliverableId = d.json().id;
  stageId = d.json().stages[0].id;
});
afterAll(async () => ctx?.close());

function upload(
  fileName: string,
  data: Buffer,
  opts: { key?: string; idem?: string; fields?: Record<string, string> } = {},
) {
  const body = multipart([
    ...Object.entries(opts.fields ?? {}).map(([name, value]) => ({ name, value })),
    { name: 'file', filename: fileName, contentType: 'image/png', data },
  ]);
  return ctx.app.inject({
    method: 'POST',
    url: '/api/v1/upload',
    headers: {
      authorization: `Bearer ${opts.key ?? apiKey}`,
      'content-type': body.contentType,
      ...(opts.idem ? { 'idempotency-key': opts.idem } : {}),
    },
    payload: body.payload,
  });
}

const revisionCount = async () =>
  (
    await ctx.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(revisions)
      .where(eq(revisions.deliverableStageId, stageId))
  )[0]!.n;

describe('POST /api/v1/upload', () => {
  it('needs an API key or a session, and multipart', async () => {
    const anon = await ctx.app.inject({ method: 'POST', url: '/api/v1/upload', payload: {} });
    expect(anon.statusCode).toBe(401);
    const json = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/upload',
      headers: { authorization: `Bearer ${apiKey}` },
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    const noFile = multipart([{ name: 'note', value: 'x' }]);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/upload',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': noFile.contentType },
      payload: noFile.payload,
    });
    expect(res.statusCode).toBe(400);
  });

  it('answers unmatched with the reason, and logs the attempt', async () => {
    const res = await upload('9999_nothing.png', png);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'unmatched' });
    expect(res.json().reason).toMatch(/job number|project/i);
    const [log] = await ctx.database.db
      .select()
      .from(inboundLogs)
      .where(eq(inboundLogs.id, res.json().inboundLogId));
    expect(log).toMatchObject({
      channel: 'API',
      outcome: 'UNMATCHED',
      fileName: '9999_nothing.png',
    });
  });

  it('adds a revision when matched; a retry with a new boundary gets the stored answer', async () => {
    const before = await revisionCount();
    const first = await upload('5150_hero-banner.png', png, {
      idem: 'upload-1',
      fields: { note: 'a' },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ outcome: 'revision', deliverableId, projectId, stageId });
    expect(first.json().revisionId).toBeTruthy();
    // multipart() picks a new random boundary each time: the raw bodies differ.
    const retry = await upload('5150_hero-banner.png', png, {
      idem: 'upload-1',
      fields: { note: 'a' },
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await revisionCount()).toBe(before + 1);

    // Other bytes, or another field value, under the same key: a different request.
    const otherBytes = Buffer.concat([png, Buffer.from([0])]);
    expect(
      (
        await upload('5150_hero-banner.png', otherBytes, {
          idem: 'upload-1',
          fields: { note: 'a' },
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (await upload('5150_hero-banner.png', png, { idem: 'upload-1', fields: { note: 'b' } }))
        .statusCode,
    ).toBe(422);
    expect(await revisionCount()).toBe(before + 1);
  });

  it('100 concurrent identical uploads (each with its own boundary) make one revision', async () => {
    const before = await revisionCount();
    const results = await Promise.all(
      Array.from({ length: 100 }, () => upload('5150_hero-banner.png', png, { idem: 'burst-1' })),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(
      statuses.every((c) => c === 200 || c === 409),
      statuses.join(','),
    ).toBe(true);
    const ok = results.filter((r) => r.statusCode === 200);
    expect(new Set(ok.map((r) => r.json().revisionId)).size).toBe(1);
    expect(await revisionCount()).toBe(before + 1);
  });

  it('needs REVISION_CREATE (the permissions of the key role)', async () => {
    expect((await upload('9999_x.png', png, { key: artistKey })).statusCode).toBe(200);
    await ctx.database.db
      .delete(orgRolePermissions)
      .where(
        and(
          eq(orgRolePermissions.organizationId, org.orgId),
          eq(orgRolePermissions.role, 'ARTIST'),
          eq(orgRolePermissions.permission, 'REVISION_CREATE'),
        ),
      );
    const res = await upload('9999_x.png', png, { key: artistKey });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/REVISION_CREATE/);
  });

  it('holds the file while the deliverable awaits the client', async () => {
    const latest = (await producer.get(`/api/stages/${stageId}/revisions`)).json().items[0];
    const sent = await producer.post(
      `/api/stages/${stageId}/revisions/${latest.id}/send-to-client`,
    );
    expect(sent.statusCode, sent.body).toBe(200);
    const before = await revisionCount();
    const res = await upload('5150_hero-banner_v2.png', png);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'held', deliverableId, projectId });
    expect(res.json().holdingPenFileId).toBeTruthy();
    expect(await revisionCount()).toBe(before);
  });

  it('answers 409 while the first request is still running, then the stored answer', async () => {
    const integrations = ctx.app.services.integrations as { inbound: unknown };
    const real = integrations.inbound;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    integrations.inbound = {
      ingest: async (file: InboundFile): Promise<InboundResult> => {
        calls++;
        file.stream.resume();
        await gate;
        return { outcome: 'unmatched', inboundLogId: 'log-1', reason: 'held back by the test' };
      },
    };
    try {
      const first = upload('slow.png', png, { idem: 'slow-1' });
      // Wait until the first request is inside the resolver.
      for (let i = 0; i < 200 && calls === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(calls).toBe(1);
      const meanwhile = await upload('slow.png', png, { idem: 'slow-1' });
      expect(meanwhile.statusCode).toBe(409);
      expect(meanwhile.json().error.code).toBe('CONFLICT');
      release();
      const done = await first;
      expect(done.statusCode).toBe(200);
      const after = await upload('slow.png', png, { idem: 'slow-1' });
      expect(after.json()).toEqual(done.json());
      expect(calls).toBe(1);
    } finally {
      integrations.inbound = real;
    }
  });

  it('a session user may upload too (the manual channel of the API)', async () => {
    const body = multipart([
      { name: 'file', filename: '9999_none.png', contentType: 'image/png', data: png },
    ]);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/upload',
      headers: { origin: TEST_ORIGIN, cookie: producerCookie, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().outcome).toBe('unmatched');
  });
});
