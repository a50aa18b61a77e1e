import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTeamMemberships, clientTeams } from '../../src/server/db/schema';
import { createUserWithPassword } from '../../src/server/modules/orgs/org-bootstrap';
import { multipart } from '../helpers/multipart';
import {
  client,
  createTestApp,
  PASSWORD,
  seedOrg,
  signIn,
  TEST_ORIGIN,
  type SeededOrg,
  type TestContext,
} from '../helpers/test-app';

type Client = ReturnType<typeof client>;

interface Annotation {
  id: string;
  commentId: string;
  revisionId: string;
  type: string;
  data: Record<string, unknown>;
  x: number;
  y: number;
  timestampSeconds: number | null;
  frameThumbnailUrl: string | null;
}

interface Comment {
  id: string;
  stageId: string;
  revisionId: string | null;
  parentId: string | null;
  content: string | null;
  visibility: 'INTERNAL' | 'CLIENT';
  released: boolean;
  releasedAt: string | null;
  author: { id: string; name: string };
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  annotations: Annotation[];
}

let ctx: TestContext;
let org: SeededOrg;
let admin: Client;
let producer: Client;
let artist: Client;
let viewer: Client;
/** A client viewer of another client team of the same org. */
let otherViewer: Client;
/** The admin of another organization. */
let outsider: Client;
let outsiderOrg: SeededOrg;
let producerCookie: string;

let deliverableId: string;
let stageId: string;
let otherStageId: string;
/** V1: sent to the client. */
let sentRevisionId: string;
/** V1.1: internal. */
let internalRevisionId: string;
let videoStageId: string;
let videoRevisionId: string;

async function upload(stage: string, data: Buffer, filename: string, contentType: string) {
  const body = multipart([{ name: 'file', filename, contentType, data }]);
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/stages/${stage}/revisions`,
    headers: { origin: TEST_ORIGIN, cookie: producerCookie, 'content-type': body.contentType },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; label: string };
}

const png = (w = 16, h = 12) =>
  sharp({ create: { width: w, height: h, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();

/** Just enough of an MP4 (an ftyp box) to be sniffed as a video; it is never processed here. */
function fakeMp4(): Buffer {
  const b = Buffer.alloc(64);
  b.writeUInt32BE(24, 0);
  b.write('ftypisom', 4);
  b.writeUInt32BE(512, 12);
  b.write('isomiso2', 16);
  b.writeUInt32BE(40, 24);
  b.write('free', 28);
  return b;
}

async function postComment(who: Client, stage: string, body: Record<string, unknown>) {
  const res = await who.post(`/api/stages/${stage}/comments`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Comment;
}

async function listComments(who: Client, stage = stageId, query = '') {
  const res = await who.get(`/api/stages/${stage}/comments?limit=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Comment[];
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);

async function annotationsOf(who: Client, revisionId: string) {
  const res = await who.get(`/api/revisions/${revisionId}/annotations?limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Annotation[];
}

/** The COMMENT notifications of a user whose message contains `marker`. */
async function mentionsOf(who: Client, marker: string) {
  const res = await who.get('/api/notifications?limit=200');
  expect(res.statusCode, res.body).toBe(200);
  return (
    res.json().items as { type: string; title: string; message: string; link: string | null }[]
  ).filter((n) => n.type === 'COMMENT' && n.message.includes(marker));
}

const rect = (extra: Record<string, unknown> = {}) => ({
  type: 'RECTANGLE',
  data: { w: 0.25, h: 0.1 },
  x: 0.5,
  y: 0.5,
  ...extra,
});

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Comments Org');
  outsiderOrg = await seedOrg(ctx, 'Comments Outside');
  producerCookie = await signIn(ctx, org.users.PRODUCER.email);
  producer = client(ctx, producerCookie);
  admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  viewer = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
  outsider = client(ctx, await signIn(ctx, outsiderOrg.users.ADMIN.email));

  const db = ctx.database.db;
  const [acme, globex] = await db
    .insert(clientTeams)
    .values([
      { organizationId: org.orgId, name: 'Acme', slug: 'acme' },
      { organizationId: org.orgId, name: 'Globex', slug: 'globex' },
    ])
    .returning();
  const domain = org.users.ADMIN.email.split('@')[1]!;
  const other = await db.transaction((tx) =>
    createUserWithPassword(db, tx, org.orgId, {
      email: `globex.viewer@${domain}`,
      name: 'Globex Viewer',
      role: 'CLIENT_VIEWER',
      password: PASSWORD,
    }),
  );
  await db.insert(clientTeamMemberships).values([
    { clientTeamId: acme!.id, userId: org.users.CLIENT_VIEWER.id },
    { clientTeamId: globex!.id, userId: other.id },
  ]);
  otherViewer = client(ctx, await signIn(ctx, `globex.viewer@${domain}`));

  const pipe = await producer.post('/api/pipelines', {
    name: 'Review',
    stages: [
      { key: 'creative', name: 'Creative' },
      { key: 'final', name: 'Final', prerequisites: ['creative'] },
    ],
  });
  expect(pipe.statusCode, pipe.body).toBe(201);
  const project = await producer.post('/api/projects', {
    name: 'Launch',
    projectCode: 'LCH-1',
    clientTeamId: acme!.id,
    pipelineTemplateId: pipe.json().id,
  });
  expect(project.statusCode, project.body).toBe(201);
  const projectId = project.json().id as string;
  const d = await producer.post(`/api/projects/${projectId}/deliverables`, { name: 'Hero' });
  expect(d.statusCode, d.body).toBe(201);
  deliverableId = d.json().id;
  [stageId, otherStageId] = d.json().stages.map((s: { id: string }) => s.id);

  const v01 = await upload(stageId, await png(), 'a.png', 'image/png');
  const sent = await producer.post(`/api/stages/${stageId}/revisions/${v01.id}/send-to-client`);
  expect(sent.statusCode, sent.body).toBe(200);
  sentRevisionId = v01.id;
  internalRevisionId = (await upload(stageId, await png(), 'b.png', 'image/png')).id;

  const v = await producer.post(`/api/projects/${projectId}/deliverables`, { name: 'Spot' });
  videoStageId = v.json().stages[0].id;
  const video = await upload(videoStageId, fakeMp4(), 'spot.mp4', 'video/mp4');
  videoRevisionId = video.id;
  const got = await producer.get(`/api/revisions/${videoRevisionId}`);
  expect(got.json().asset.kind).toBe('video');
});
afterAll(async () => ctx?.close());

describe('writing and reading comments', () => {
  it('creates an INTERNAL comment by default, with the documented shape', async () => {
    const c = await postComment(producer, stageId, { content: 'First pass looks good' });
    expect(c).toMatchObject({
      stageId,
      revisionId: null,
      parentId: null,
      content: 'First pass looks good',
      visibility: 'INTERNAL',
      released: false,
      releasedAt: null,
      author: { id: org.users.PRODUCER.id, name: 'PRODUCER of Comments Org' },
      editedAt: null,
      deleted: false,
      annotations: [],
    });
    expect(new Date(c.createdAt).getTime()).not.toBeNaN();
    expect((await producer.get(`/api/comments/${c.id}`)).json()).toEqual(c);
  });

  it('returns markup as the raw text it was, in JSON', async () => {
    const xss = '<script>alert(1)</script> & <img src=x onerror=alert(2)> **bold**';
    const res = await producer.post(`/api/stages/${stageId}/comments`, { content: xss });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().content).toBe(xss);
    const got = await producer.get(`/api/comments/${res.json().id}`);
    expect(got.headers['content-type']).toMatch(/^application\/json/);
    expect(got.json().content).toBe(xss);
    const listed = await producer.get(`/api/stages/${stageId}/comments?limit=200`);
    expect(listed.headers['content-type']).toMatch(/^application\/json/);
    expect(listed.json().items.find((c: Comment) => c.id === res.json().id).content).toBe(xss);
  });

  it('validates content', async () => {
    for (const content of ['', '   \n\t', 'x'.repeat(10_001), 'nul \u0000 inside']) {
      const res = await producer.post(`/api/stages/${stageId}/comments`, { content });
      expect(res.statusCode, JSON.stringify(content.slice(0, 20))).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields[0].path).toBe('content');
    }
    expect(
      (await producer.post(`/api/stages/${stageId}/comments`, { content: 'x'.repeat(10_000) }))
        .statusCode,
    ).toBe(201);
    const extra = await producer.post(`/api/stages/${stageId}/comments`, {
      content: 'ok',
      authorId: org.users.ADMIN.id,
    });
    expect(extra.statusCode).toBe(400);
  });

  it('ties a comment to a revision of the same stage only, and filters by revision', async () => {
    const c = await postComment(producer, stageId, {
      content: 'about V1.1',
      revisionId: internalRevisionId,
    });
    expect(c.revisionId).toBe(internalRevisionId);
    const elsewhere = await producer.post(`/api/stages/${otherStageId}/comments`, {
      content: 'wrong stage',
      revisionId: internalRevisionId,
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.fields[0].path).toBe('revisionId');
    expect(
      (
        await producer.post(`/api/stages/${stageId}/comments`, {
          content: 'x',
          revisionId: 'nope',
        })
      ).statusCode,
    ).toBe(404);

    const filtered = await listComments(producer, stageId, `&revisionId=${internalRevisionId}`);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((x) => x.revisionId === internalRevisionId)).toBe(true);
    expect(ids(filtered)).toContain(c.id);
    expect(
      (await producer.get(`/api/stages/${otherStageId}/comments?revisionId=${internalRevisionId}`))
        .statusCode,
    ).toBe(404);
  });

  it('pages oldest first with a keyset cursor, replies after their parents', async () => {
    const stage = otherStageId;
    const root = await postComment(producer, stage, { content: 'page root' });
    const made = [root.id];
    for (let i = 0; i < 4; i++)
      made.push(
        (await postComment(artist, stage, { content: `reply ${i}`, parentId: root.id })).id,
      );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await producer.get(`/api/stages/${stage}/comments?limit=2${q}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made);
    const bad = await producer.get(`/api/stages/${stage}/comments?cursor=garbage`);
    expect(bad.statusCode).toBe(400);
  });
});

describe('visibility', () => {
  let internal: Comment;
  let internalAnnotated: Comment;
  let clientAnnotated: Comment;

  beforeAll(async () => {
    internal = await postComment(producer, stageId, {
      content: 'internal: the client will hate this crop',
      revisionId: sentRevisionId,
    });
    const a = await producer.post(`/api/revisions/${sentRevisionId}/annotations`, {
      content: 'internal annotation',
      annotation: rect(),
    });
    expect(a.statusCode, a.body).toBe(201);
    internalAnnotated = a.json();
    const b = await viewer.post(`/api/revisions/${sentRevisionId}/annotations`, {
      content: 'client annotation',
      annotation: { type: 'PIN', data: {}, x: 0.1, y: 0.9 },
    });
    expect(b.statusCode, b.body).toBe(201);
    clientAnnotated = b.json();
  });

  it('never shows a client viewer an internal comment: not by list, id or annotations', async () => {
    const listed = await listComments(viewer);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((c) => c.visibility === 'CLIENT')).toBe(true);
    expect(ids(listed)).not.toContain(internal.id);
    expect(ids(listed)).not.toContain(internalAnnotated.id);
    expect(ids(listed)).toContain(clientAnnotated.id);
    for (const id of [internal.id, internalAnnotated.id]) {
      const res = await viewer.get(`/api/comments/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    const anns = await annotationsOf(viewer, sentRevisionId);
    expect(anns.map((a) => a.commentId)).toEqual([clientAnnotated.id]);
    const staffAnns = await annotationsOf(producer, sentRevisionId);
    expect(staffAnns.map((a) => a.commentId)).toEqual(
      expect.arrayContaining([internalAnnotated.id, clientAnnotated.id]),
    );
  });

  it('makes client viewers write CLIENT comments; asking for INTERNAL is a 400', async () => {
    const c = await postComment(viewer, stageId, { content: 'from the client' });
    expect(c.visibility).toBe('CLIENT');
    expect(c.released).toBe(false);
    const asked = await viewer.post(`/api/stages/${stageId}/comments`, {
      content: 'sneaky',
      visibility: 'INTERNAL',
    });
    expect(asked.statusCode).toBe(400);
    expect(asked.json().error.fields[0].path).toBe('visibility');
    expect(
      (await postComment(viewer, stageId, { content: 'explicit', visibility: 'CLIENT' }))
        .visibility,
    ).toBe('CLIENT');
  });

  it('hides unsent revisions from client viewers (404 to comment, filter or annotate)', async () => {
    const onInternal = await viewer.post(`/api/stages/${stageId}/comments`, {
      content: 'on V1.1',
      revisionId: internalRevisionId,
    });
    expect(onInternal.statusCode).toBe(404);
    expect(
      (await viewer.get(`/api/stages/${stageId}/comments?revisionId=${internalRevisionId}`))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await viewer.post(`/api/revisions/${internalRevisionId}/annotations`, {
          content: 'x',
          annotation: rect(),
        })
      ).statusCode,
    ).toBe(404);
    expect((await viewer.get(`/api/revisions/${internalRevisionId}/annotations`)).statusCode).toBe(
      404,
    );
    const onSent = await postComment(viewer, stageId, {
      content: 'on V1',
      revisionId: sentRevisionId,
    });
    expect(onSent.revisionId).toBe(sentRevisionId);
  });

  it('hides a CLIENT comment a producer wrote on an unsent revision until it is sent', async () => {
    const stage = otherStageId;
    const r = await upload(stage, await png(), 'c.png', 'image/png');
    const c = await postComment(producer, stage, {
      content: 'for the client, once sent',
      visibility: 'CLIENT',
      revisionId: r.id,
    });
    expect((await viewer.get(`/api/comments/${c.id}`)).statusCode).toBe(404);
    expect(
      (await producer.post(`/api/stages/${stage}/revisions/${r.id}/send-to-client`)).statusCode,
    ).toBe(200);
    expect((await viewer.get(`/api/comments/${c.id}`)).statusCode).toBe(200);
  });

  it('keeps client viewers of other teams out (404)', async () => {
    expect((await otherViewer.get(`/api/stages/${stageId}/comments`)).statusCode).toBe(404);
    expect((await otherViewer.get(`/api/comments/${clientAnnotated.id}`)).statusCode).toBe(404);
    expect((await otherViewer.get(`/api/revisions/${sentRevisionId}/annotations`)).statusCode).toBe(
      404,
    );
    expect(
      (await otherViewer.post(`/api/stages/${stageId}/comments`, { content: 'hi' })).statusCode,
    ).toBe(404);
  });

  it("shows a client's comment to producers at once, to artists only once released", async () => {
    const c = await postComment(viewer, stageId, {
      content: 'Please make the logo bigger',
      revisionId: sentRevisionId,
    });
    expect(c).toMatchObject({ visibility: 'CLIENT', released: false, releasedAt: null });

    expect(ids(await listComments(producer))).toContain(c.id);
    expect(ids(await listComments(admin))).toContain(c.id);
    expect(ids(await listComments(artist))).not.toContain(c.id);
    expect((await artist.get(`/api/comments/${c.id}`)).statusCode).toBe(404);

    // An artist can neither see nor reply to it, nor release it.
    expect(
      (
        await artist.post(`/api/stages/${stageId}/comments`, {
          content: 'on it',
          parentId: c.id,
        })
      ).statusCode,
    ).toBe(404);
    expect((await artist.post(`/api/comments/${c.id}/release`)).statusCode).toBe(403);
    // The client has REVISION_REVIEW, but releasing is for agency staff.
    expect((await viewer.post(`/api/comments/${c.id}/release`)).statusCode).toBe(403);

    const released = await producer.post(`/api/comments/${c.id}/release`);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ id: c.id, released: true });
    expect(released.json().releasedAt).toBeTruthy();
    const again = await producer.post(`/api/comments/${c.id}/release`);
    expect(again.statusCode).toBe(200);
    expect(again.json().releasedAt).toBe(released.json().releasedAt);

    expect(ids(await listComments(artist))).toContain(c.id);
    expect((await artist.get(`/api/comments/${c.id}`)).json().content).toBe(
      'Please make the logo bigger',
    );
    expect(
      (
        await artist.post(`/api/stages/${stageId}/comments`, {
          content: 'on it',
          parentId: c.id,
        })
      ).statusCode,
    ).toBe(201);

    // The client rewrites it: it goes back behind the gate until a producer releases it again.
    const edited = await viewer.patch(`/api/comments/${c.id}`, { content: 'Make it HUGE' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ released: false, releasedAt: null });
    expect((await artist.get(`/api/comments/${c.id}`)).statusCode).toBe(404);
    expect((await producer.post(`/api/comments/${c.id}/release`)).statusCode).toBe(200);
    expect((await artist.get(`/api/comments/${c.id}`)).json().content).toBe('Make it HUGE');
  });

  it('hides unreleased client annotations from artists too', async () => {
    const a = await viewer.post(`/api/revisions/${sentRevisionId}/annotations`, {
      content: 'circle this',
      annotation: { type: 'ELLIPSE', data: { w: 0.2, h: 0.2 }, x: 0.3, y: 0.3 },
    });
    expect(a.statusCode).toBe(201);
    const commentId = a.json().id as string;
    expect((await annotationsOf(artist, sentRevisionId)).map((x) => x.commentId)).not.toContain(
      commentId,
    );
    expect((await annotationsOf(producer, sentRevisionId)).map((x) => x.commentId)).toContain(
      commentId,
    );
    await producer.post(`/api/comments/${commentId}/release`);
    expect((await annotationsOf(artist, sentRevisionId)).map((x) => x.commentId)).toContain(
      commentId,
    );
  });

  it('refuses to release an internal comment (409)', async () => {
    const res = await producer.post(`/api/comments/${internal.id}/release`);
    expect(res.statusCode).toBe(409);
  });

  it('lets producers write CLIENT comments (seen by all at once), not artists', async () => {
    const c = await postComment(producer, stageId, {
      content: 'Dear client, V1 is up',
      visibility: 'CLIENT',
    });
    expect(c).toMatchObject({ visibility: 'CLIENT', released: true });
    expect((await viewer.get(`/api/comments/${c.id}`)).statusCode).toBe(200);
    expect((await artist.get(`/api/comments/${c.id}`)).statusCode).toBe(200);
    const byArtist = await artist.post(`/api/stages/${stageId}/comments`, {
      content: 'hi client',
      visibility: 'CLIENT',
    });
    expect(byArtist.statusCode).toBe(403);
  });
});

describe('threads', () => {
  it('keeps internal threads internal', async () => {
    const root = await postComment(producer, stageId, { content: 'internal thread' });
    const clientReply = await viewer.post(`/api/stages/${stageId}/comments`, {
      content: 'let me in',
      parentId: root.id,
    });
    expect(clientReply.statusCode).toBe(404);
    const leak = await producer.post(`/api/stages/${stageId}/comments`, {
      content: 'tell the client',
      parentId: root.id,
      visibility: 'CLIENT',
    });
    expect(leak.statusCode).toBe(400);
    expect(leak.json().error.fields[0].path).toBe('visibility');
    const reply = await postComment(artist, stageId, { content: 'agreed', parentId: root.id });
    expect(reply).toMatchObject({ parentId: root.id, visibility: 'INTERNAL' });
  });

  it('lets the client and staff reply in a client thread, each with their own visibility', async () => {
    const root = await postComment(viewer, stageId, {
      content: 'client question',
      revisionId: sentRevisionId,
    });
    const answer = await postComment(producer, stageId, {
      content: 'client answer',
      parentId: root.id,
      visibility: 'CLIENT',
    });
    const note = await postComment(producer, stageId, {
      content: 'internal note under it',
      parentId: root.id,
    });
    const followUp = await postComment(viewer, stageId, {
      content: 'thanks',
      parentId: answer.id,
    });
    // Replies take their parent's revision.
    for (const c of [answer, note, followUp]) expect(c.revisionId).toBe(sentRevisionId);
    const seen = ids(await listComments(viewer));
    expect(seen).toEqual(expect.arrayContaining([root.id, answer.id, followUp.id]));
    expect(seen).not.toContain(note.id);
    // Parents come before replies.
    const order = ids(await listComments(producer));
    expect(order.indexOf(root.id)).toBeLessThan(order.indexOf(answer.id));
    expect(order.indexOf(answer.id)).toBeLessThan(order.indexOf(followUp.id));

    const otherRevision = await producer.post(`/api/stages/${stageId}/comments`, {
      content: 'x',
      parentId: root.id,
      revisionId: internalRevisionId,
    });
    expect(otherRevision.statusCode).toBe(400);
    expect(otherRevision.json().error.fields[0].path).toBe('parentId');
    // Annotating another revision under it is refused the same way.
    const annotated = await producer.post(`/api/revisions/${internalRevisionId}/annotations`, {
      content: 'x',
      parentId: root.id,
      annotation: rect(),
    });
    expect(annotated.statusCode).toBe(400);
    expect(annotated.json().error.fields[0].path).toBe('parentId');
  });

  it('refuses a reply whose parent is on another stage, or deleted, or unknown', async () => {
    const root = await postComment(producer, stageId, { content: 'stage one' });
    const wrong = await producer.post(`/api/stages/${otherStageId}/comments`, {
      content: 'x',
      parentId: root.id,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('parentId');
    expect(
      (await producer.post(`/api/stages/${stageId}/comments`, { content: 'x', parentId: 'nope' }))
        .statusCode,
    ).toBe(404);
    expect((await producer.delete(`/api/comments/${root.id}`)).statusCode).toBe(204);
    expect(
      (await producer.post(`/api/stages/${stageId}/comments`, { content: 'x', parentId: root.id }))
        .statusCode,
    ).toBe(409);
  });
});

describe('edit and delete', () => {
  it('lets only the author edit, and records editedAt', async () => {
    const c = await postComment(artist, stageId, { content: 'tpyo' });
    expect((await producer.patch(`/api/comments/${c.id}`, { content: 'hijack' })).statusCode).toBe(
      403,
    );
    expect((await admin.patch(`/api/comments/${c.id}`, { content: 'hijack' })).statusCode).toBe(
      403,
    );
    expect((await viewer.patch(`/api/comments/${c.id}`, { content: 'x' })).statusCode).toBe(404);
    expect((await artist.patch(`/api/comments/${c.id}`, { content: '' })).statusCode).toBe(400);
    const edited = await artist.patch(`/api/comments/${c.id}`, { content: 'typo' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ content: 'typo', deleted: false });
    expect(edited.json().editedAt).toBeTruthy();
    expect((await producer.get(`/api/comments/${c.id}`)).json().content).toBe('typo');
  });

  it('soft-deletes: own with COMMENT_DELETE, anyone’s with COMMENT_DELETE_ANY', async () => {
    const mine = await postComment(artist, stageId, { content: 'my own words' });
    const theirs = await postComment(producer, stageId, { content: 'producer words' });
    expect((await artist.delete(`/api/comments/${theirs.id}`)).statusCode).toBe(403);
    expect((await artist.delete(`/api/comments/${mine.id}`)).statusCode).toBe(204);

    const listed = (await listComments(producer)).find((c) => c.id === mine.id)!;
    expect(listed).toMatchObject({ deleted: true, content: null, annotations: [] });
    expect((await artist.get(`/api/comments/${mine.id}`)).json()).toMatchObject({
      deleted: true,
      content: null,
    });
    expect((await artist.patch(`/api/comments/${mine.id}`, { content: 'back' })).statusCode).toBe(
      409,
    );
    expect((await artist.delete(`/api/comments/${mine.id}`)).statusCode).toBe(204);

    const byArtist = await postComment(artist, stageId, { content: 'artist words' });
    expect((await producer.delete(`/api/comments/${byArtist.id}`)).statusCode).toBe(204);
    expect((await producer.get(`/api/comments/${byArtist.id}`)).json().deleted).toBe(true);
  });

  it('lets a client delete their own comment but not see or delete internal ones', async () => {
    const own = await postComment(viewer, stageId, { content: 'never mind' });
    const internal = await postComment(producer, stageId, { content: 'internal' });
    expect((await viewer.delete(`/api/comments/${internal.id}`)).statusCode).toBe(404);
    expect((await viewer.delete(`/api/comments/${own.id}`)).statusCode).toBe(204);
    expect((await viewer.get(`/api/comments/${own.id}`)).json().deleted).toBe(true);
  });

  it('hides the annotations of a deleted comment', async () => {
    const a = await producer.post(`/api/revisions/${internalRevisionId}/annotations`, {
      content: 'to be deleted',
      annotation: rect(),
    });
    const id = a.json().id as string;
    expect((await annotationsOf(producer, internalRevisionId)).map((x) => x.commentId)).toContain(
      id,
    );
    await producer.delete(`/api/comments/${id}`);
    expect(
      (await annotationsOf(producer, internalRevisionId)).map((x) => x.commentId),
    ).not.toContain(id);
    expect((await producer.get(`/api/comments/${id}`)).json().annotations).toEqual([]);
  });
});

describe('mentions', () => {
  it('notifies the staff mentioned in an internal comment, never the client', async () => {
    const marker = 'mention-internal-1';
    const c = await postComment(producer, stageId, {
      content: `${marker} @artist @Admin @client-viewer @producer please check`,
    });
    for (const who of [artist, admin]) {
      const got = await mentionsOf(who, marker);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({
        title: 'PRODUCER of Comments Org mentioned you',
        link: `/deliverables/${deliverableId}`,
      });
    }
    expect(await mentionsOf(viewer, marker)).toHaveLength(0);
    // Not the author, and nobody of another organization with the same handle.
    expect(await mentionsOf(producer, marker)).toHaveLength(0);
    expect(await mentionsOf(outsider, marker)).toHaveLength(0);
    expect(c.content).toContain('@artist');
  });

  it('notifies artists of a client comment only when it is released', async () => {
    const marker = 'mention-client-2';
    const c = await postComment(viewer, stageId, {
      content: `${marker} @artist @producer @globex.viewer what do you think?`,
    });
    expect(await mentionsOf(producer, marker)).toHaveLength(1);
    expect(await mentionsOf(artist, marker)).toHaveLength(0);
    // Another client team's viewer cannot see this project.
    expect(await mentionsOf(otherViewer, marker)).toHaveLength(0);

    expect((await producer.post(`/api/comments/${c.id}/release`)).statusCode).toBe(200);
    const got = await mentionsOf(artist, marker);
    expect(got).toHaveLength(1);
    expect(got[0]!.title).toBe('CLIENT_VIEWER of Comments Org mentioned you');
    expect(await mentionsOf(producer, marker)).toHaveLength(1); // not twice
  });

  it('notifies a client viewer mentioned in a CLIENT comment on a sent version', async () => {
    const marker = 'mention-client-3';
    await postComment(producer, stageId, {
      content: `${marker} @client-viewer have a look`,
      visibility: 'CLIENT',
      revisionId: sentRevisionId,
    });
    expect(await mentionsOf(viewer, marker)).toHaveLength(1);
    // …but not on a version the client has not been sent.
    const unsent = 'mention-client-4';
    await postComment(producer, stageId, {
      content: `${unsent} @client-viewer`,
      visibility: 'CLIENT',
      revisionId: internalRevisionId,
    });
    expect(await mentionsOf(viewer, unsent)).toHaveLength(0);
  });

  it('notifies on edit only those mentioned for the first time', async () => {
    const marker = 'mention-edit-5';
    const c = await postComment(producer, stageId, { content: `${marker} @artist` });
    expect(await mentionsOf(artist, marker)).toHaveLength(1);
    await producer.patch(`/api/comments/${c.id}`, { content: `${marker} @artist and @admin` });
    expect(await mentionsOf(artist, marker)).toHaveLength(1);
    expect(await mentionsOf(admin, marker)).toHaveLength(1);
  });

  it('ignores e-mail addresses and code', async () => {
    const marker = 'mention-ignore-6';
    const domain = org.users.ARTIST.email.split('@')[1];
    await postComment(producer, stageId, {
      content: `${marker} mail artist@${domain} or see \`@artist\``,
    });
    expect(await mentionsOf(artist, marker)).toHaveLength(0);
  });
});

describe('annotations', () => {
  it('creates a comment and its annotation together, on the revision', async () => {
    const res = await producer.post(`/api/revisions/${internalRevisionId}/annotations`, {
      content: 'tighten this',
      annotation: rect(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as Comment;
    expect(c).toMatchObject({
      stageId,
      revisionId: internalRevisionId,
      visibility: 'INTERNAL',
      content: 'tighten this',
    });
    expect(c.annotations).toHaveLength(1);
    expect(c.annotations[0]).toMatchObject({
      commentId: c.id,
      revisionId: internalRevisionId,
      type: 'RECTANGLE',
      data: { w: 0.25, h: 0.1 },
      x: 0.5,
      y: 0.5,
      timestampSeconds: null,
      frameThumbnailUrl: null,
    });
    // The stage's thread carries it too.
    const listed = (await listComments(producer)).find((x) => x.id === c.id)!;
    expect(listed.annotations).toEqual(c.annotations);
  });

  it('accepts every type with its own data', async () => {
    const cases = [
      { type: 'ELLIPSE', data: { w: 1, h: 0 } },
      { type: 'ARROW', data: { x2: 0, y2: 1 } },
      {
        type: 'FREEHAND',
        data: {
          points: [
            [0, 0],
            [0.5, 0.5],
            [1, 1],
          ],
        },
      },
      { type: 'TEXT', data: { text: '<b>not html</b>' } },
      { type: 'PIN', data: {} },
      { type: 'SCREENSHOT', data: {} },
    ];
    for (const a of cases) {
      const res = await producer.post(`/api/revisions/${internalRevisionId}/annotations`, {
        content: `a ${a.type}`,
        annotation: { ...a, x: 0, y: 1 },
      });
      expect(res.statusCode, `${a.type}: ${res.body}`).toBe(201);
      expect(res.json().annotations[0]).toMatchObject({ type: a.type, data: a.data });
    }
  });

  it('refuses coordinates outside [0, 1], naming the field', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [rect({ x: 1.5 }), 'annotation.x'],
      [rect({ y: -0.01 }), 'annotation.y'],
      [rect({ data: { w: 1.2, h: 0.1 } }), 'annotation.data.w'],
      [{ type: 'ARROW', data: { x2: 0.5, y2: 2 }, x: 0, y: 0 }, 'annotation.data.y2'],
      [{ type: 'FREEHAND', data: { points: [[0.1, 1.1]] }, x: 0, y: 0 }, 'annotation.data.points'],
    ];
    for (const [annotation, path] of bad) {
      const res = await producer.post(`/api/revisions/${internalRevisionId}/annotations`, {
        content: 'x',
        annotation,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(
        res
          .json()
          .error.fields.map((f: { path: string }) => f.path)
          .join(' '),
      ).toContain(path);
    }
  });

  it('refuses malformed data for the type', async () => {
    const bad = [
      { type: 'RECTANGLE', data: { w: 0.1 }, x: 0, y: 0 },
      { type: 'RECTANGLE', data: { w: 0.1, h: 0.1, script: 'x' }, x: 0, y: 0 },
      { type: 'PIN', data: { anything: 1 }, x: 0, y: 0 },
      { type: 'TEXT', data: { text: '' }, x: 0, y: 0 },
      { type: 'STAR', data: {}, x: 0, y: 0 },
      {
        type: 'FREEHAND',
        data: { points: Array.from({ length: 2001 }, () => [0.5, 0.5]) },
        x: 0,
        y: 0,
      },
      { type: 'PIN', data: {}, x: 0 },
    ];
    for (const annotation of bad) {
      const res = await producer.post(`/api/revisions/${internalRevisionId}/annotations`, {
        content: 'x',
        annotation,
      });
      expect(res.statusCode, JSON.stringify(annotation).slice(0, 80)).toBe(400);
    }
    const maxPoints = await producer.post(`/api/revisions/${internalRevisionId}/annotations`, {
      content: 'long stroke',
      annotation: {
        type: 'FREEHAND',
        data: { points: Array.from({ length: 2000 }, (_, i) => [i / 2000, 0.5]) },
        x: 0,
        y: 0,
      },
    });
    expect(maxPoints.statusCode).toBe(201);
  });

  it('refuses a timestamp on an image, requires one on a video', async () => {
    const onImage = await producer.post(`/api/revisions/${internalRevisionId}/annotations`, {
      content: 'x',
      annotation: rect({ timestampSeconds: 1 }),
    });
    expect(onImage.statusCode).toBe(400);
    expect(onImage.json().error.fields[0].path).toBe('annotation.timestampSeconds');

    const missing = await producer.post(`/api/revisions/${videoRevisionId}/annotations`, {
      content: 'x',
      annotation: rect(),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].path).toBe('annotation.timestampSeconds');

    const negative = await producer.post(`/api/revisions/${videoRevisionId}/annotations`, {
      content: 'x',
      annotation: rect({ timestampSeconds: -1 }),
    });
    expect(negative.statusCode).toBe(400);

    const ok = await producer.post(`/api/revisions/${videoRevisionId}/annotations`, {
      content: 'at 2.5 s',
      annotation: rect({ timestampSeconds: 2.5 }),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ stageId: videoStageId, revisionId: videoRevisionId });
    expect(ok.json().annotations[0].timestampSeconds).toBe(2.5);
  });

  it('stores a small PNG or JPEG frame thumbnail, checked from its bytes', async () => {
    const jpeg = await sharp({
      create: { width: 8, height: 8, channels: 3, background: '#ff0000' },
    })
      .jpeg()
      .toBuffer();
    // Declared as PNG, but the bytes are a JPEG: stored as what it is.
    const res = await producer.post(`/api/revisions/${videoRevisionId}/annotations`, {
      content: 'frame',
      annotation: {
        type: 'SCREENSHOT',
        data: {},
        x: 0,
        y: 0,
        timestampSeconds: 1,
        frameThumbnail: `data:image/png;base64,${jpeg.toString('base64')}`,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().annotations[0].frameThumbnailUrl).toBe(
      `data:image/jpeg;base64,${jpeg.toString('base64')}`,
    );

    const bad = [
      `data:image/png;base64,${Buffer.from('<svg onload=alert(1)>').toString('base64')}`,
      `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`,
      'https://example.com/frame.png',
      `data:image/png;base64,${Buffer.concat([await png(), Buffer.alloc(300 * 1024)]).toString('base64')}`,
    ];
    for (const frameThumbnail of bad) {
      const r = await producer.post(`/api/revisions/${videoRevisionId}/annotations`, {
        content: 'frame',
        annotation: { type: 'PIN', data: {}, x: 0, y: 0, timestampSeconds: 1, frameThumbnail },
      });
      expect(r.statusCode, frameThumbnail.slice(0, 40)).toBe(400);
      expect(r.json().error.fields[0].path).toBe('annotation.frameThumbnail');
    }
  });

  it('writes nothing when the annotation is refused', async () => {
    const before = (await listComments(producer, stageId)).length;
    const res = await producer.post(`/api/revisions/${internalRevisionId}/annotations`, {
      content: 'half written',
      annotation: rect({ timestampSeconds: 3 }),
    });
    expect(res.statusCode).toBe(400);
    expect((await listComments(producer, stageId)).length).toBe(before);
  });
});

describe('queries per request', () => {
  it('lists a page of comments with their annotations in a fixed number of queries', async () => {
    for (let i = 0; i < 4; i++)
      await producer.post(`/api/revisions/${internalRevisionId}/annotations`, {
        content: `counted ${i}`,
        annotation: rect(),
      });
    const pool = ctx.database.pool as unknown as { query: (...args: unknown[]) => unknown };
    const original = pool.query;
    let queries = 0;
    pool.query = (...args: unknown[]) => {
      queries++;
      return original.apply(pool, args);
    };
    try {
      const count = async (url: string) => {
        queries = 0;
        const res = await producer.get(url);
        expect(res.statusCode).toBe(200);
        return { queries, items: res.json().items as Comment[] };
      };
      const small = await count(`/api/stages/${stageId}/comments?limit=2`);
      const large = await count(`/api/stages/${stageId}/comments?limit=200`);
      expect(large.items.filter((c) => c.annotations.length > 0).length).toBeGreaterThanOrEqual(4);
      expect(large.queries).toBe(small.queries);
      const annSmall = await count(`/api/revisions/${internalRevisionId}/annotations?limit=1`);
      const annLarge = await count(`/api/revisions/${internalRevisionId}/annotations?limit=200`);
      expect(annLarge.items.length).toBeGreaterThanOrEqual(4);
      expect(annLarge.queries).toBe(annSmall.queries);
    } finally {
      pool.query = original;
    }
  });
});

describe('other organizations', () => {
  it('answer 404 for every comment route', async () => {
    const c = await postComment(producer, stageId, { content: 'ours', revisionId: sentRevisionId });
    const a = await producer.post(`/api/revisions/${sentRevisionId}/annotations`, {
      content: 'ours too',
      annotation: rect(),
    });
    expect(a.statusCode).toBe(201);
    const attempts = [
      outsider.get(`/api/stages/${stageId}/comments`),
      outsider.post(`/api/stages/${stageId}/comments`, { content: 'x' }),
      outsider.get(`/api/comments/${c.id}`),
      outsider.patch(`/api/comments/${c.id}`, { content: 'x' }),
      outsider.delete(`/api/comments/${c.id}`),
      outsider.post(`/api/comments/${c.id}/release`),
      outsider.get(`/api/revisions/${sentRevisionId}/annotations`),
      outsider.post(`/api/revisions/${sentRevisionId}/annotations`, {
        content: 'x',
        annotation: rect(),
      }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    // Their own stage cannot host a reply to our comment either.
    const p = await outsider.post('/api/pipelines', {
      name: 'P',
      stages: [{ key: 'a', name: 'A' }],
    });
    const proj = await outsider.post('/api/projects', {
      name: 'Theirs',
      projectCode: 'T-1',
      pipelineTemplateId: p.json().id,
    });
    const d = await outsider.post(`/api/projects/${proj.json().id}/deliverables`, { name: 'D' });
    const theirStage = d.json().stages[0].id as string;
    const reply = await outsider.post(`/api/stages/${theirStage}/comments`, {
      content: 'x',
      parentId: c.id,
    });
    expect(reply.statusCode).toBe(404);
    const theirs = await outsider.post(`/api/stages/${theirStage}/comments`, {
      content: 'x',
      revisionId: sentRevisionId,
    });
    expect(theirs.statusCode).toBe(404);
  });

  it('needs a session', async () => {
    const anon = client(ctx);
    expect((await anon.get(`/api/stages/${stageId}/comments`)).statusCode).toBe(401);
  });
});

describe('the contract', () => {
  it('documents every comment route under the review tag', async () => {
    const doc = (await producer.get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { tags?: string[]; summary?: string }>>;
    };
    const routes: [string, string][] = [
      ['/api/stages/{stageId}/comments', 'get'],
      ['/api/stages/{stageId}/comments', 'post'],
      ['/api/comments/{id}', 'get'],
      ['/api/comments/{id}', 'patch'],
      ['/api/comments/{id}', 'delete'],
      ['/api/comments/{id}/release', 'post'],
      ['/api/revisions/{id}/annotations', 'get'],
      ['/api/revisions/{id}/annotations', 'post'],
    ];
    for (const [path, method] of routes) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op!.tags).toEqual(['review']);
      expect(op!.summary).toBeTruthy();
    }
  });
});
