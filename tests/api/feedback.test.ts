import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/server/caller';
import {
  annotations,
  clientTeamMemberships,
  clientTeams,
  comments,
  feedbackItems,
} from '../../src/server/db/schema';
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

interface Person {
  id: string;
  name: string;
}
interface Item {
  id: string;
  stageId: string;
  revisionId: string;
  revisionLabel: string;
  commentId: string | null;
  annotationId: string | null;
  summary: string;
  status: string;
  sortOrder: number;
  assignee: Person | null;
  createdBy: Person | null;
  createdAt: string;
  resolvedBy: Person | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
  verifiedBy: Person | null;
  verifiedAt: string | null;
  carriedFromId: string | null;
  carriedFrom: { revisionId: string; revisionLabel: string } | null;
  carriedToId: string | null;
  allowedMoves: string[];
}

let ctx: TestContext;
let org: SeededOrg;
let other: SeededOrg;
let producerCookie: string;
let producer: Client;
let artist: Client;
let artist2: Client;
let artist2Id: string;
let viewer: Client;
let outsider: Client;
let pipelineId: string;
let teamId: string;

const png = (shade: number) =>
  sharp({ create: { width: 16, height: 16, channels: 3, background: { r: shade, g: 40, b: 90 } } })
    .png()
    .toBuffer();

let shade = 0;
async function upload(stageId: string) {
  const body = multipart([
    { name: 'file', filename: 'frame.png', contentType: 'image/png', data: await png(++shade) },
  ]);
  return ctx.app.inject({
    method: 'POST',
    url: `/api/stages/${stageId}/revisions`,
    headers: { origin: TEST_ORIGIN, cookie: producerCookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function uploadOk(stageId: string): Promise<{ id: string; label: string }> {
  const res = await upload(stageId);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

let stageCounter = 0;
async function freshStage(): Promise<{ stageId: string; deliverableId: string }> {
  const n = ++stageCounter;
  const project = await producer.post('/api/projects', {
    name: `Feedback project ${n}`,
    projectCode: `FB-${n}`,
    clientTeamId: teamId,
    pipelineTemplateId: pipelineId,
  });
  expect(project.statusCode, project.body).toBe(201);
  const d = await producer.post(`/api/projects/${project.json().id}/deliverables`, {
    name: `Key visual ${n}`,
  });
  expect(d.statusCode, d.body).toBe(201);
  return { stageId: d.json().stages[0].id, deliverableId: d.json().id };
}

async function insertComment(stageId: string, revisionId: string | null, content: string) {
  const [row] = await ctx.database.db
    .insert(comments)
    .values({
      organizationId: org.orgId,
      deliverableStageId: stageId,
      revisionId,
      authorId: org.users.PRODUCER.id,
      content,
    })
    .returning();
  return row!.id;
}

async function insertAnnotation(commentId: string, revisionId: string) {
  const [row] = await ctx.database.db
    .insert(annotations)
    .values({
      organizationId: org.orgId,
      commentId,
      revisionId,
      type: 'RECTANGLE',
      data: { w: 0.2, h: 0.1 },
      imageX: 0.5,
      imageY: 0.25,
      createdById: org.users.PRODUCER.id,
    })
    .returning();
  return row!.id;
}

async function createItem(
  who: Client,
  stageId: string,
  body: Record<string, unknown>,
): Promise<Item> {
  const res = await who.post(`/api/stages/${stageId}/feedback-items`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function patchOk(who: Client, id: string, body: Record<string, unknown>): Promise<Item> {
  const res = await who.patch(`/api/feedback-items/${id}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function listAll(stageId: string, query = ''): Promise<Item[]> {
  const res = await producer.get(`/api/stages/${stageId}/feedback-items?limit=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Feedback Org');
  other = await seedOrg(ctx, 'Feedback Outside');
  const a2 = await ctx.database.db.transaction((tx) =>
    createUserWithPassword(ctx.database.db, tx, org.orgId, {
      email: `artist2-${org.orgId}@feedback.test`,
      name: 'Second Artist',
      role: 'ARTIST',
      password: PASSWORD,
    }),
  );
  artist2Id = a2.id;
  producerCookie = await signIn(ctx, org.users.PRODUCER.email);
  producer = client(ctx, producerCookie);
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  artist2 = client(ctx, await signIn(ctx, `artist2-${org.orgId}@feedback.test`));
  viewer = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
  outsider = client(ctx, await signIn(ctx, other.users.ADMIN.email));

  const pipe = await producer.post('/api/pipelines', {
    name: 'Stills',
    stages: [
      { key: 'creative', name: 'Creative', approvalType: 'SIMPLE' },
      { key: 'final', name: 'Final', prerequisites: ['creative'] },
    ],
  });
  expect(pipe.statusCode, pipe.body).toBe(201);
  pipelineId = pipe.json().id;
  // The client viewer's team owns every project here: they could see the stage, and still
  // must not see its feedback items.
  const [team] = await ctx.database.db
    .insert(clientTeams)
    .values({ organizationId: org.orgId, name: 'Acme', slug: 'acme' })
    .returning();
  teamId = team!.id;
  await ctx.database.db
    .insert(clientTeamMemberships)
    .values({ clientTeamId: teamId, userId: org.users.CLIENT_VIEWER.id });
});

afterAll(async () => {
  await ctx?.close();
});

describe('creating items', () => {
  let stageId: string;
  let v1: { id: string; label: string };
  let v2: { id: string; label: string };

  beforeAll(async () => {
    ({ stageId } = await freshStage());
    v1 = await uploadOk(stageId);
    v2 = await uploadOk(stageId);
  });

  it('makes an item from a comment: its text, its revision, and the assignee is told', async () => {
    const text = `  Make the logo   bigger. ${'Really. '.repeat(40)}`;
    const commentId = await insertComment(stageId, v1.id, text);
    const item = await createItem(producer, stageId, {
      commentId,
      assignedToId: org.users.ARTIST.id,
    });
    expect(item).toMatchObject({
      stageId,
      revisionId: v1.id,
      revisionLabel: 'V0.1',
      commentId,
      annotationId: null,
      status: 'OPEN',
      assignee: { id: org.users.ARTIST.id, name: 'ARTIST of Feedback Org' },
      createdBy: { id: org.users.PRODUCER.id },
      resolvedBy: null,
      verifiedBy: null,
      carriedFromId: null,
      carriedFrom: null,
      carriedToId: null,
    });
    expect(item.summary).toHaveLength(200);
    expect(item.summary.startsWith('Make the logo bigger. Really.')).toBe(true);
    expect(item.allowedMoves).toEqual(['IN_PROGRESS', 'RESOLVED']);

    const notes = (await artist.get('/api/notifications')).json().items as {
      type: string;
      title: string;
      message: string;
      link: string | null;
    }[];
    expect(notes[0]).toMatchObject({
      type: 'REVISION_FEEDBACK',
      title: expect.stringContaining('assigned you feedback'),
      message: expect.stringContaining('V0.1: Make the logo bigger'),
    });
  });

  it('makes an item from an annotation, taking its comment and revision along', async () => {
    const commentId = await insertComment(stageId, null, 'See the box');
    const annotationId = await insertAnnotation(commentId, v1.id);
    const item = await createItem(artist, stageId, { annotationId, summary: 'Crop the edge' });
    expect(item).toMatchObject({
      annotationId,
      commentId,
      revisionId: v1.id,
      summary: 'Crop the edge',
      assignee: null,
    });
  });

  it('defaults to the latest revision, and takes an explicit one of the stage', async () => {
    expect((await createItem(producer, stageId, { summary: 'Warmer skin' })).revisionLabel).toBe(
      'V0.2',
    );
    const onV1 = await createItem(producer, stageId, { summary: 'Old', revisionId: v1.id });
    expect(onV1.revisionId).toBe(v1.id);
    const commentId = await insertComment(stageId, null, 'No revision on this one');
    expect((await createItem(producer, stageId, { commentId })).revisionId).toBe(v2.id);
  });

  it('lets anyone with COMMENT_CREATE take the item; assigning others needs REVISION_REVIEW', async () => {
    const mine = await createItem(artist, stageId, {
      summary: 'I will do it',
      assignedToId: org.users.ARTIST.id,
    });
    expect(mine.assignee?.id).toBe(org.users.ARTIST.id);
    const res = await artist.post(`/api/stages/${stageId}/feedback-items`, {
      summary: 'You do it',
      assignedToId: artist2Id,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('refuses what does not belong: wrong stage, unknown people, no summary', async () => {
    const elsewhere = await freshStage();
    const elsewhereRev = await uploadOk(elsewhere.stageId);
    const foreignComment = await insertComment(elsewhere.stageId, elsewhereRev.id, 'Elsewhere');
    const foreignAnnotation = await insertAnnotation(foreignComment, elsewhereRev.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ commentId: foreignComment }, 'commentId'],
      [{ annotationId: foreignAnnotation, summary: 'x' }, 'annotationId'],
      [{ commentId: 'nope' }, 'commentId'],
      [{ summary: 'x', revisionId: elsewhereRev.id }, 'revisionId'],
      [{ summary: 'x', assignedToId: other.users.ARTIST.id }, 'assignedToId'],
      [{ summary: 'x', assignedToId: org.users.CLIENT_VIEWER.id }, 'assignedToId'],
      [{}, 'summary'],
      [{ summary: '   ' }, 'summary'],
    ];
    for (const [body, path] of cases) {
      const res = await producer.post(`/api/stages/${stageId}/feedback-items`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields[0].path).toBe(path);
    }
  });

  it('does not let an artist read an unreleased client comment through an item', async () => {
    const [row] = await ctx.database.db
      .insert(comments)
      .values({
        organizationId: org.orgId,
        deliverableStageId: stageId,
        revisionId: v1.id,
        authorId: org.users.CLIENT_VIEWER.id,
        content: 'Client says: hate it',
        visibility: 'CLIENT',
      })
      .returning();
    const res = await artist.post(`/api/stages/${stageId}/feedback-items`, {
      commentId: row!.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('commentId');
    // The producer screens client comments and may turn it into work.
    expect((await createItem(producer, stageId, { commentId: row!.id })).summary).toBe(
      'Client says: hate it',
    );
  });

  it('needs a revision on the stage (409)', async () => {
    const empty = await freshStage();
    const res = await producer.post(`/api/stages/${empty.stageId}/feedback-items`, {
      summary: 'Too early',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/no revision yet/);
  });
});

describe('listing', () => {
  let stageId: string;
  let v1: { id: string };
  let v2: { id: string };
  let made: Item[];

  beforeAll(async () => {
    ({ stageId } = await freshStage());
    v1 = await uploadOk(stageId);
    made = [];
    for (const s of ['one', 'two', 'three']) {
      made.push(await createItem(producer, stageId, { summary: s, revisionId: v1.id }));
    }
    v2 = await uploadOk(stageId); // carries all three to V0.2
    made.push(await createItem(producer, stageId, { summary: 'four' }));
    await patchOk(producer, made[3]!.id, { status: 'IN_PROGRESS' });
  });

  it('orders by sortOrder then age, filters, and pages with a cursor', async () => {
    const onV2 = await listAll(stageId, `&revisionId=${v2.id}`);
    expect(onV2.map((i) => i.summary)).toEqual(['one', 'two', 'three', 'four']);
    expect(onV2.slice(0, 3).every((i) => i.carriedFrom?.revisionLabel === 'V0.1')).toBe(true);

    expect((await listAll(stageId, '&status=IN_PROGRESS')).map((i) => i.summary)).toEqual(['four']);
    expect((await listAll(stageId, '&current=true')).map((i) => i.revisionId)).toEqual(
      Array(4).fill(v2.id),
    );

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await producer.get(
        `/api/stages/${stageId}/feedback-items?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...(res.json().items as Item[]).map((i) => i.id));
      cursor = res.json().nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual((await listAll(stageId)).map((i) => i.id));
    expect(new Set(seen).size).toBe(7);
    expect(
      (await producer.get(`/api/stages/${stageId}/feedback-items?cursor=garbage`)).statusCode,
    ).toBe(400);
  });

  it('reorders in one go (REVISION_REVIEW), and lists in the new order', async () => {
    const onV2 = await listAll(stageId, `&revisionId=${v2.id}`);
    const wanted = [onV2[3]!.id, onV2[0]!.id, onV2[2]!.id, onV2[1]!.id];
    const res = await producer.put(`/api/stages/${stageId}/feedback-items/order`, { ids: wanted });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json().items as Item[]).map((i) => [i.id, i.sortOrder])).toEqual(
      wanted.map((id, i) => [id, i]),
    );
    expect((await listAll(stageId, `&revisionId=${v2.id}`)).map((i) => i.summary)).toEqual([
      'four',
      'one',
      'three',
      'two',
    ]);

    expect(
      (await artist.put(`/api/stages/${stageId}/feedback-items/order`, { ids: wanted })).statusCode,
    ).toBe(403);
    const other = await freshStage();
    await uploadOk(other.stageId);
    const stranger = await createItem(producer, other.stageId, { summary: 'elsewhere' });
    const bad = await producer.put(`/api/stages/${stageId}/feedback-items/order`, {
      ids: [wanted[0], stranger.id],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('ids.1');
    const dup = await producer.put(`/api/stages/${stageId}/feedback-items/order`, {
      ids: [wanted[0], wanted[0]],
    });
    expect(dup.statusCode).toBe(400);
  });
});

describe('moving items', () => {
  let stageId: string;

  beforeAll(async () => {
    ({ stageId } = await freshStage());
    await uploadOk(stageId);
  });

  it('walks OPEN → IN_PROGRESS → RESOLVED → VERIFIED → REOPENED, recording who and when', async () => {
    const item = await createItem(producer, stageId, {
      summary: 'Fix the kerning',
      assignedToId: org.users.ARTIST.id,
    });
    const started = await patchOk(artist, item.id, { status: 'IN_PROGRESS' });
    expect(started.status).toBe('IN_PROGRESS');

    const noNote = await artist.patch(`/api/feedback-items/${item.id}`, { status: 'RESOLVED' });
    expect(noNote.statusCode).toBe(409);
    expect(noNote.json().error).toEqual({
      code: 'CONFLICT',
      message: 'Resolving an item needs a resolution note saying what was done',
    });

    const resolved = await patchOk(artist, item.id, {
      status: 'RESOLVED',
      resolutionNote: '  Tracked the headline by -20  ',
    });
    expect(resolved).toMatchObject({
      status: 'RESOLVED',
      resolvedBy: { id: org.users.ARTIST.id },
      resolutionNote: 'Tracked the headline by -20',
      verifiedBy: null,
    });
    expect(resolved.resolvedAt).not.toBeNull();
    // The reviewer who asked is told it is ready to check.
    const notes = (await producer.get('/api/notifications')).json().items as { title: string }[];
    expect(notes.some((n) => n.title.includes('resolved feedback'))).toBe(true);

    // The assignee cannot sign off their own work.
    const selfVerify = await artist.patch(`/api/feedback-items/${item.id}`, { status: 'VERIFIED' });
    expect(selfVerify.statusCode).toBe(403);

    const verified = await patchOk(producer, item.id, { status: 'VERIFIED' });
    expect(verified).toMatchObject({
      status: 'VERIFIED',
      verifiedBy: { id: org.users.PRODUCER.id },
      resolvedBy: { id: org.users.ARTIST.id },
    });
    expect(verified.verifiedAt).not.toBeNull();

    const illegal = await producer.patch(`/api/feedback-items/${item.id}`, {
      status: 'IN_PROGRESS',
    });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error.code).toBe('CONFLICT');
    expect(illegal.json().error.message).toMatch(/verified item cannot be moved to in progress/);

    // Undoing a verification is a reviewer's call too.
    expect(
      (await artist.patch(`/api/feedback-items/${item.id}`, { status: 'REOPENED' })).statusCode,
    ).toBe(403);
    const reopened = await patchOk(producer, item.id, { status: 'REOPENED' });
    expect(reopened).toMatchObject({
      status: 'REOPENED',
      resolvedBy: null,
      resolvedAt: null,
      verifiedBy: null,
      verifiedAt: null,
      resolutionNote: 'Tracked the headline by -20',
    });
    const again = await patchOk(artist, item.id, {
      status: 'RESOLVED',
      resolutionNote: 'Tracked by -30 this time',
    });
    expect(again.resolutionNote).toBe('Tracked by -30 this time');
  });

  it('refuses illegal moves with the reason (409)', async () => {
    const item = await createItem(producer, stageId, { summary: 'Illegal moves' });
    for (const status of ['VERIFIED', 'REOPENED']) {
      const res = await producer.patch(`/api/feedback-items/${item.id}`, { status });
      expect(res.statusCode, status).toBe(409);
      expect(res.json().error.message).toMatch(/^An open item cannot be moved to/);
    }
    const note = await producer.patch(`/api/feedback-items/${item.id}`, {
      resolutionNote: 'not yet',
    });
    expect(note.statusCode).toBe(409);
    // Asking for the status it already has is no move.
    expect((await patchOk(producer, item.id, { status: 'OPEN' })).status).toBe('OPEN');
  });

  it('lets only the assignee or a reviewer move an item (403 otherwise)', async () => {
    const item = await createItem(producer, stageId, {
      summary: 'Whose is it',
      assignedToId: org.users.ARTIST.id,
    });
    const res = await artist2.patch(`/api/feedback-items/${item.id}`, { status: 'IN_PROGRESS' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    const seenByOther = (await artist2.get(`/api/feedback-items/${item.id}`)).json() as Item;
    expect(seenByOther.allowedMoves).toEqual([]);
    expect((await patchOk(producer, item.id, { status: 'IN_PROGRESS' })).status).toBe(
      'IN_PROGRESS',
    );
  });

  it('assigns: reviewers anyone, others only themselves to a free item (and give it back)', async () => {
    const item = await createItem(producer, stageId, { summary: 'Free item' });
    expect(
      (await artist.patch(`/api/feedback-items/${item.id}`, { assignedToId: artist2Id }))
        .statusCode,
    ).toBe(403);
    // Take it and start in one request.
    const taken = await patchOk(artist, item.id, {
      assignedToId: org.users.ARTIST.id,
      status: 'IN_PROGRESS',
    });
    expect(taken).toMatchObject({ assignee: { id: org.users.ARTIST.id }, status: 'IN_PROGRESS' });
    expect(
      (await artist2.patch(`/api/feedback-items/${item.id}`, { assignedToId: artist2Id }))
        .statusCode,
    ).toBe(403);
    expect((await patchOk(artist, item.id, { assignedToId: null })).assignee).toBeNull();
    const handed = await patchOk(producer, item.id, { assignedToId: artist2Id });
    expect(handed.assignee).toEqual({ id: artist2Id, name: 'Second Artist' });
    const bad = await producer.patch(`/api/feedback-items/${item.id}`, {
      assignedToId: other.users.PRODUCER.id,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('guards the summary (author or reviewer) and the order (reviewer)', async () => {
    const byProducer = await createItem(producer, stageId, { summary: 'Producer wrote this' });
    expect(
      (await artist.patch(`/api/feedback-items/${byProducer.id}`, { summary: 'Mine now' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await artist.patch(`/api/feedback-items/${byProducer.id}`, { sortOrder: 3 })).statusCode,
    ).toBe(403);
    const byArtist = await createItem(artist, stageId, { summary: 'Artist wrote this' });
    expect((await patchOk(artist, byArtist.id, { summary: 'Artist fixed this' })).summary).toBe(
      'Artist fixed this',
    );
    expect((await patchOk(producer, byArtist.id, { sortOrder: 7 })).sortOrder).toBe(7);
    const empty = await producer.patch(`/api/feedback-items/${byArtist.id}`, {});
    expect(empty.statusCode).toBe(400);
  });
});

describe('who can see items', () => {
  let stageId: string;
  let item: Item;

  beforeAll(async () => {
    ({ stageId } = await freshStage());
    await uploadOk(stageId);
    item = await createItem(producer, stageId, { summary: 'Internal only' });
  });

  const routes = (s: string, id: string) =>
    [
      ['GET', `/api/stages/${s}/feedback-items`, undefined],
      ['POST', `/api/stages/${s}/feedback-items`, { summary: 'x' }],
      ['PUT', `/api/stages/${s}/feedback-items/order`, { ids: [id] }],
      ['GET', `/api/feedback-items/${id}`, undefined],
      ['PATCH', `/api/feedback-items/${id}`, { status: 'IN_PROGRESS' }],
      ['GET', `/api/feedback-items/${id}/chain`, undefined],
    ] as const;

  async function send(who: Client, method: string, url: string, body: unknown) {
    if (method === 'GET') return who.get(url);
    if (method === 'POST') return who.post(url, body);
    if (method === 'PUT') return who.put(url, body);
    return who.patch(url, body);
  }

  it('answers 404 to another org on every route', async () => {
    for (const [method, url, body] of routes(stageId, item.id)) {
      const res = await send(outsider, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('answers 404 to a client viewer on every route, even on their own project', async () => {
    const stage = await viewer.get(`/api/stages/${stageId}/revisions`);
    expect(stage.statusCode).toBe(200); // the stage itself is visible to them
    for (const [method, url, body] of routes(stageId, item.id)) {
      const res = await send(viewer, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it('answers 401 without a session', async () => {
    expect((await client(ctx).get(`/api/feedback-items/${item.id}`)).statusCode).toBe(401);
  });
});

describe('carrying items to a new revision', () => {
  let stageId: string;
  let v1: { id: string };
  const byStatus: Record<string, Item> = {};

  beforeAll(async () => {
    ({ stageId } = await freshStage());
    v1 = await uploadOk(stageId);
    const commentId = await insertComment(stageId, v1.id, 'The sky is too green');
    const annotationId = await insertAnnotation(commentId, v1.id);
    const make = (summary: string) =>
      createItem(producer, stageId, { summary, annotationId, assignedToId: org.users.ARTIST.id });
    byStatus.OPEN = await make('open');
    byStatus.IN_PROGRESS = await make('in progress');
    await patchOk(artist, byStatus.IN_PROGRESS.id, { status: 'IN_PROGRESS' });
    byStatus.RESOLVED = await make('resolved');
    await patchOk(artist, byStatus.RESOLVED.id, { status: 'RESOLVED', resolutionNote: 'Bluer' });
    byStatus.VERIFIED = await make('verified');
    await patchOk(artist, byStatus.VERIFIED.id, { status: 'RESOLVED', resolutionNote: 'Done' });
    await patchOk(producer, byStatus.VERIFIED.id, { status: 'VERIFIED' });
    byStatus.REOPENED = await make('reopened');
    await patchOk(artist, byStatus.REOPENED.id, { status: 'RESOLVED', resolutionNote: 'Meh' });
    await patchOk(producer, byStatus.REOPENED.id, { status: 'REOPENED' });
  });

  it('copies every unverified item onto the new revision, linked to its source', async () => {
    const v2 = await uploadOk(stageId);
    expect(v2.label).toBe('V0.2');
    const carried = await listAll(stageId, `&revisionId=${v2.id}`);
    expect(carried.map((i) => i.summary)).toEqual(['open', 'in progress', 'resolved', 'reopened']);
    for (const copy of carried) {
      const src = Object.values(byStatus).find((s) => s.id === copy.carriedFromId)!;
      expect(copy).toMatchObject({
        revisionId: v2.id,
        revisionLabel: 'V0.2',
        carriedFrom: { revisionId: v1.id, revisionLabel: 'V0.1' },
        summary: src.summary,
        annotationId: src.annotationId,
        commentId: src.commentId,
        assignee: { id: org.users.ARTIST.id },
        createdBy: { id: org.users.PRODUCER.id },
        sortOrder: src.sortOrder,
        carriedToId: null,
      });
    }
    expect(carried.map((i) => i.status)).toEqual(['OPEN', 'IN_PROGRESS', 'RESOLVED', 'REOPENED']);
    // A resolved item waits for verification on the new revision, its note with it.
    expect(carried[2]).toMatchObject({
      resolutionNote: 'Bluer',
      resolvedBy: { id: org.users.ARTIST.id },
    });

    // The sources stay on V0.1 as history, pointing at their copies, and are read-only.
    const old = await listAll(stageId, `&revisionId=${v1.id}`);
    expect(old.filter((i) => i.carriedToId).map((i) => i.summary)).toEqual([
      'open',
      'in progress',
      'resolved',
      'reopened',
    ]);
    expect(old.find((i) => i.summary === 'verified')!.carriedToId).toBeNull();
    const stale = await producer.patch(`/api/feedback-items/${byStatus.OPEN!.id}`, {
      status: 'IN_PROGRESS',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/carried to V0\.2; change it there/);
    expect(old.find((i) => i.summary === 'open')!.allowedMoves).toEqual([]);

    // And the copy's chain reads V0.1 → V0.2.
    const chain = await producer.get(`/api/feedback-items/${carried[0]!.id}/chain`);
    expect(chain.statusCode, chain.body).toBe(200);
    expect((chain.json().items as Item[]).map((i) => [i.id, i.revisionLabel])).toEqual([
      [byStatus.OPEN!.id, 'V0.1'],
      [carried[0]!.id, 'V0.2'],
    ]);
  });

  it('is idempotent: carrying to the same revision again adds nothing', async () => {
    const latest = (await producer.get(`/api/stages/${stageId}/revisions`)).json().items[0];
    const before = await listAll(stageId);
    const caller = { orgId: org.orgId, userId: org.users.PRODUCER.id } as Caller;
    for (let i = 0; i < 2; i++) {
      await ctx.database.db.transaction((tx) =>
        ctx.app.services.feedback.carryOver(tx, caller, stageId, latest.id),
      );
    }
    expect(await listAll(stageId)).toEqual(before);
  });

  it('two quick uploads carry each chain once per revision', async () => {
    const [a, b] = await Promise.all([upload(stageId), upload(stageId)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const labels = [a.json().label, b.json().label].sort();
    expect(labels).toEqual(['V0.3', 'V0.4']);

    const rows = await ctx.database.db
      .select()
      .from(feedbackItems)
      .where(and(eq(feedbackItems.deliverableStageId, stageId), eq(feedbackItems.summary, 'open')));
    // One copy per revision, each carried from the one before.
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.revisionId)).size).toBe(4);
    expect(new Set(rows.map((r) => r.carriedFromId)).size).toBe(4);

    for (const rev of [a.json(), b.json()]) {
      const onIt = await listAll(stageId, `&revisionId=${rev.id}`);
      expect(onIt.map((i) => i.summary)).toEqual(['open', 'in progress', 'resolved', 'reopened']);
    }

    const head = (await listAll(stageId, '&current=true')).find((i) => i.summary === 'open')!;
    expect(head.revisionLabel).toBe('V0.4');
    const chain = (await producer.get(`/api/feedback-items/${head.id}/chain`)).json()
      .items as Item[];
    expect(chain.map((i) => i.revisionLabel)).toEqual(['V0.1', 'V0.2', 'V0.3', 'V0.4']);
    // From the middle, the chain is the same.
    const fromMiddle = (await producer.get(`/api/feedback-items/${chain[1]!.id}/chain`)).json()
      .items as Item[];
    expect(fromMiddle.map((i) => i.id)).toEqual(chain.map((i) => i.id));
  });

  it('carries a verified item again once it is reopened', async () => {
    await patchOk(producer, byStatus.VERIFIED!.id, { status: 'REOPENED' });
    const v5 = await uploadOk(stageId);
    const copy = (await listAll(stageId, `&revisionId=${v5.id}`)).find(
      (i) => i.summary === 'verified',
    );
    expect(copy).toMatchObject({
      status: 'REOPENED',
      carriedFromId: byStatus.VERIFIED!.id,
      carriedFrom: { revisionLabel: 'V0.1' },
    });
  });
});

describe('OpenAPI', () => {
  it('documents every feedback route under the review tag, with its schemas', async () => {
    const doc = (await producer.get('/api/openapi.json')).json() as {
      paths: Record<
        string,
        Record<string, { tags?: string[]; responses: Record<string, unknown> }>
      >;
    };
    const expected: [string, string][] = [
      ['/api/stages/{stageId}/feedback-items', 'get'],
      ['/api/stages/{stageId}/feedback-items', 'post'],
      ['/api/stages/{stageId}/feedback-items/order', 'put'],
      ['/api/feedback-items/{id}', 'get'],
      ['/api/feedback-items/{id}', 'patch'],
      ['/api/feedback-items/{id}/chain', 'get'],
    ];
    for (const [path, method] of expected) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op!.tags).toEqual(['review']);
      expect(Object.keys(op!.responses)).toEqual(expect.arrayContaining(['404', '409']));
    }
  });
});
