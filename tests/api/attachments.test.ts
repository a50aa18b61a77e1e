import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientTeamMemberships,
  clientTeams,
  deliverableAttachments,
} from '../../src/server/db/schema';
import {
  client,
  createTestApp,
  seedOrg,
  signIn,
  TEST_ORIGIN,
  type SeededOrg,
  type TestContext,
} from '../helpers/test-app';
import { multipart, type FormPart } from '../helpers/multipart';

let ctx: TestContext;
let org: SeededOrg;
let other: SeededOrg;
let producerCookie: string;
let producer: ReturnType<typeof client>;
let artist: ReturnType<typeof client>;
let viewer: ReturnType<typeof client>;
let outsider: ReturnType<typeof client>;
let deliverableId: string;
let stageDefIds: string[];
let foreignStageDefId: string;

function upload(cookie: string, id: string, parts: FormPart[]) {
  const body = multipart(parts);
  return ctx.app.inject({
    method: 'POST',
    url: `/api/deliverables/${id}/attachments`,
    headers: { origin: TEST_ORIGIN, cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

const filePart = (data: Buffer, filename = 'notes.txt', contentType = 'text/plain'): FormPart => ({
  name: 'file',
  filename,
  contentType,
  data,
});

const blobRoot = () => path.join(ctx.config.DATA_DIR, 'blobs');
const blobFiles = () => {
  const dir = path.join(blobRoot(), 'attachments');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Attach Org');
  other = await seedOrg(ctx, 'Attach Outside');
  producerCookie = await signIn(ctx, org.users.PRODUCER.email);
  producer = client(ctx, producerCookie);
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  viewer = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
  outsider = client(ctx, await signIn(ctx, other.users.ADMIN.email));

  const pipe = await producer.post('/api/pipelines', {
    name: 'Stills',
    stages: [
      { key: 'brief', name: 'Brief' },
      { key: 'creative', name: 'Creative', prerequisites: ['brief'] },
    ],
  });
  expect(pipe.statusCode).toBe(201);
  const otherPipe = await producer.post('/api/pipelines', {
    name: 'Motion',
    stages: [{ key: 'edit', name: 'Edit' }],
  });
  expect(otherPipe.statusCode).toBe(201);
  foreignStageDefId = otherPipe.json().stages[0].id;

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
    pipelineTemplateId: pipe.json().id,
  });
  expect(project.statusCode).toBe(201);
  const d = await producer.post(`/api/projects/${project.json().id}/deliverables`, {
    name: 'Hero Banner',
  });
  expect(d.statusCode).toBe(201);
  deliverableId = d.json().id;
  stageDefIds = d.json().stages.map((s: { stageDefinitionId: string }) => s.stageDefinitionId);
  expect(stageDefIds).toHaveLength(2);
});
afterAll(async () => ctx?.close());

describe('links', () => {
  it('attaches an http(s) link, optionally tagged to a stage of the deliverable', async () => {
    const res = await producer.post(`/api/deliverables/${deliverableId}/attachments/link`, {
      title: 'Figma board',
      url: 'https://figma.com/file/abc',
      stageDefinitionId: stageDefIds[1],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'link',
      title: 'Figma board',
      url: 'https://figma.com/file/abc',
      stageDefinitionId: stageDefIds[1],
      mimeType: null,
      fileSize: null,
      createdBy: { id: org.users.PRODUCER.id },
    });
  });

  it('refuses non-http URLs with 400', async () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'ftp://x.test/a',
      'nope',
    ]) {
      const res = await producer.post(`/api/deliverables/${deliverableId}/attachments/link`, {
        title: 'Bad',
        url,
      });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields[0].path).toBe('url');
    }
  });

  it('refuses a stage that is not one of this deliverable’s stages with 400', async () => {
    for (const stageDefinitionId of [foreignStageDefId, 'does-not-exist']) {
      const res = await producer.post(`/api/deliverables/${deliverableId}/attachments/link`, {
        title: 'Doc',
        url: 'https://docs.test/a',
        stageDefinitionId,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('stageDefinitionId');
    }
  });

  it('needs DELIVERABLE_UPDATE (403 for an artist)', async () => {
    const res = await artist.post(`/api/deliverables/${deliverableId}/attachments/link`, {
      title: 'Doc',
      url: 'https://docs.test/a',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('files', () => {
  let fileId: string;
  const bytes = Buffer.concat([Buffer.from('hello attachment\n'), randomBytes(3000)]);

  it('uploads a file (streamed to the blob store) and serves the same bytes back', async () => {
    const res = await upload(producerCookie, deliverableId, [
      filePart(bytes, 'brief notes.txt', 'text/plain'),
      { name: 'stageDefinitionId', value: stageDefIds[0]! },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    fileId = a.id;
    expect(a).toMatchObject({
      kind: 'file',
      title: 'brief notes.txt',
      url: `/api/attachments/${a.id}/file`,
      mimeType: 'text/plain',
      fileSize: bytes.length,
      stageDefinitionId: stageDefIds[0],
      createdBy: { id: org.users.PRODUCER.id, name: 'PRODUCER of Attach Org' },
    });
    const [row] = await ctx.database.db
      .select()
      .from(deliverableAttachments)
      .where(eq(deliverableAttachments.id, a.id));
    expect(row!.url).toMatch(/^blob:attachments\/[0-9a-z]{24}$/);

    const dl = await producer.get(a.url);
    expect(dl.statusCode).toBe(200);
    expect(Buffer.compare(dl.rawPayload, bytes)).toBe(0);
    expect(dl.headers['content-type']).toBe('text/plain');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="brief notes.txt"; filename*=UTF-8''brief%20notes.txt`,
    );
    // an artist (DELIVERABLE_VIEW) may download too
    expect((await artist.get(a.url)).statusCode).toBe(200);
  });

  it('lists files and links with their authors', async () => {
    const res = await artist.get(`/api/deliverables/${deliverableId}/attachments`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((i: { kind: string; title: string }) => `${i.kind}:${i.title}`)).toEqual([
      'file:brief notes.txt',
      'link:Figma board',
    ]);
    expect(body.items[0].url).toBe(`/api/attachments/${fileId}/file`);
    expect(body.items[1].createdBy.name).toBe('PRODUCER of Attach Org');
    const page = await artist.get(`/api/deliverables/${deliverableId}/attachments?limit=1`);
    expect(page.json().items).toHaveLength(1);
    const next = await artist.get(
      `/api/deliverables/${deliverableId}/attachments?limit=1&cursor=${page.json().nextCursor}`,
    );
    expect(next.json().items[0].kind).toBe('link');
    expect(next.json().nextCursor).toBeNull();
  });

  it('takes a title field, serves a safe download name for it', async () => {
    const res = await upload(producerCookie, deliverableId, [
      { name: 'title', value: 'Plan "v2" été/../x;.pdf' },
      filePart(Buffer.from('%PDF-1.4 tiny'), 'scan.pdf', 'application/pdf'),
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().title).toBe('Plan "v2" été/../x;.pdf');
    const dl = await producer.get(res.json().url);
    expect(dl.statusCode).toBe(200);
    const cd = String(dl.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(cd).not.toMatch(/[/\\]|\.\./);
    expect(cd).toContain("filename*=UTF-8''x%3B.pdf");
  });

  it('refuses a request without a file, or with a file under another name', async () => {
    const none = await upload(producerCookie, deliverableId, [{ name: 'title', value: 'x' }]);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields[0].path).toBe('file');
    const wrong = await upload(producerCookie, deliverableId, [
      { name: 'upload', filename: 'a.txt', contentType: 'text/plain', data: Buffer.from('a') },
    ]);
    expect(wrong.statusCode).toBe(400);
    const json = await producer.post(`/api/deliverables/${deliverableId}/attachments`, {
      title: 'x',
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('validates the stage tag, and leaves no blob behind when the upload fails', async () => {
    const before = blobFiles();
    // stage field after the file: the blob is written first, then removed
    const after = await upload(producerCookie, deliverableId, [
      filePart(Buffer.from('some bytes')),
      { name: 'stageDefinitionId', value: foreignStageDefId },
    ]);
    expect(after.statusCode).toBe(400);
    expect(after.json().error.fields[0].path).toBe('stageDefinitionId');
    // stage field before the file: refused before any byte is stored
    const first = await upload(producerCookie, deliverableId, [
      { name: 'stageDefinitionId', value: 'nope' },
      filePart(Buffer.from('some bytes')),
    ]);
    expect(first.statusCode).toBe(400);
    expect(blobFiles()).toEqual(before);
  });

  it('answers 413 with the error envelope for a file over the limit, and keeps no blob', async () => {
    const service = ctx.app.services.attachments;
    const saved = service.maxFileBytes;
    service.maxFileBytes = 1024;
    try {
      const before = blobFiles();
      const res = await upload(producerCookie, deliverableId, [filePart(randomBytes(5000))]);
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(blobFiles()).toEqual(before);
      // exactly at the limit is fine
      const ok = await upload(producerCookie, deliverableId, [filePart(randomBytes(1024))]);
      expect(ok.statusCode).toBe(201);
      expect((await producer.delete(`/api/attachments/${ok.json().id}`)).statusCode).toBe(204);
    } finally {
      service.maxFileBytes = saved;
    }
  });

  it('hides everything from another organization (404)', async () => {
    expect((await outsider.get(`/api/deliverables/${deliverableId}/attachments`)).statusCode).toBe(
      404,
    );
    expect((await outsider.get(`/api/attachments/${fileId}/file`)).statusCode).toBe(404);
    expect((await outsider.delete(`/api/attachments/${fileId}`)).statusCode).toBe(404);
    expect(
      (
        await outsider.post(`/api/deliverables/${deliverableId}/attachments/link`, {
          title: 'x',
          url: 'https://x.test',
        })
      ).statusCode,
    ).toBe(404);
    const outsiderCookie = await signIn(ctx, other.users.ADMIN.email);
    const up = await upload(outsiderCookie, deliverableId, [filePart(Buffer.from('x'))]);
    expect(up.statusCode).toBe(404);
    expect(up.json().error.code).toBe('NOT_FOUND');
  });

  it('gives client viewers an empty list and 404 on download', async () => {
    const list = await viewer.get(`/api/deliverables/${deliverableId}/attachments`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ items: [], nextCursor: null });
    expect((await viewer.get(`/api/attachments/${fileId}/file`)).statusCode).toBe(404);
    expect((await viewer.get('/api/deliverables/nope/attachments')).statusCode).toBe(404);
  });

  it('deletes the row, then the blob file on disk', async () => {
    const [row] = await ctx.database.db
      .select()
      .from(deliverableAttachments)
      .where(eq(deliverableAttachments.id, fileId));
    const blobPath = path.join(blobRoot(), row!.url.slice('blob:'.length));
    expect(existsSync(blobPath)).toBe(true);
    expect((await artist.delete(`/api/attachments/${fileId}`)).statusCode).toBe(403);
    const res = await producer.delete(`/api/attachments/${fileId}`);
    expect(res.statusCode).toBe(204);
    expect(existsSync(blobPath)).toBe(false);
    expect((await producer.get(`/api/attachments/${fileId}/file`)).statusCode).toBe(404);
    expect((await producer.delete(`/api/attachments/${fileId}`)).statusCode).toBe(404);
  });

  it('documents the multipart body in OpenAPI', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/deliverables/{id}/attachments'].post;
    const schema = op.requestBody.content['multipart/form-data'].schema;
    expect(schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(schema.required).toEqual(['file']);
  });
});
