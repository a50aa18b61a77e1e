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

/**
 * "No internal labels, notes, costs, holding pen or other clients anywhere": every response the
 * client's review page reads, asked for as a client viewer, is searched for what the agency keeps
 * to itself. Each secret below is planted where staff put it.
 */
const SECRET = {
  projectDescription: 'SECRET-PROJECT-DESCRIPTION',
  businessUnit: 'SECRET-BUSINESS-UNIT',
  requestor: 'SECRET-REQUESTOR',
  agency: 'SECRET-AGENCY',
  cost: 987654,
  projectCustom: 'SECRET-BUDGET-CODE',
  deliverableNotes: 'SECRET-DELIVERABLE-NOTES',
  deliverableCustom: 'SECRET-PO-NUMBER',
  alias: 'secret-inbound-alias',
  stageNotes: 'SECRET-STAGE-NOTES',
  subStatus: 'Waiting on retouch',
  internalComment: 'SECRET-INTERNAL-COMMENT',
  internalAnnotation: 'SECRET-INTERNAL-ANNOTATION',
  internalDecisionNote: 'SECRET-INTERNAL-DECISION',
  rivalProject: 'Rival Project',
  rivalDeliverable: 'Rival Poster',
  attachment: 'SECRET-ATTACHMENT',
} as const;

let ctx: TestContext;
let org: SeededOrg;
let producerCookie: string;
let producer: ReturnType<typeof client>;
let viewer: ReturnType<typeof client>;
let png: Buffer;

const ids = {
  project: '',
  rivalProject: '',
  internalProject: '',
  deliverable: '',
  rivalDeliverable: '',
  creative: '',
  final: '',
  v1: '',
  v11: '',
  v01: '',
  rivalV1: '',
  pipeline: '',
};

async function upload(stageId: string, filename = 'frame.png') {
  const body = multipart([{ name: 'file', filename, contentType: 'image/png', data: png }]);
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/stages/${stageId}/revisions`,
    headers: { origin: TEST_ORIGIN, cookie: producerCookie, 'content-type': body.contentType },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; label: string };
}

async function ok(res: Awaited<ReturnType<typeof producer.get>>, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res;
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Leak Agency');
  producerCookie = await signIn(ctx, org.users.PRODUCER.email);
  producer = client(ctx, producerCookie);
  viewer = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
  png = await sharp({ create: { width: 16, height: 9, channels: 3, background: '#335577' } })
    .png()
    .toBuffer();
  const db = ctx.database.db;
  const [acme, rival] = await db
    .insert(clientTeams)
    .values([
      { organizationId: org.orgId, name: 'Acme', slug: 'acme' },
      { organizationId: org.orgId, name: 'Rival Brand', slug: 'rival' },
    ])
    .returning();
  await db
    .insert(clientTeamMemberships)
    .values({ clientTeamId: acme!.id, userId: org.users.CLIENT_VIEWER.id });

  const admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
  await ok(
    await admin.post('/api/custom-fields', {
      entityType: 'PROJECT',
      fieldName: 'Budget code',
      fieldType: 'TEXT',
    }),
    201,
  );
  await ok(
    await admin.post('/api/custom-fields', {
      entityType: 'DELIVERABLE',
      fieldName: 'PO number',
      fieldType: 'TEXT',
    }),
    201,
  );
  const pipe = await ok(
    await producer.post('/api/pipelines', {
      name: 'Stills',
      stages: [
        {
          key: 'creative',
          name: 'Creative',
          approvalType: 'SIMPLE',
          customStatuses: [SECRET.subStatus],
        },
        { key: 'final', name: 'Final', approvalType: 'SIMPLE', prerequisites: ['creative'] },
      ],
    }),
    201,
  );
  const project = await ok(
    await producer.post('/api/projects', {
      name: 'Acme Launch',
      projectCode: 'ACME-1',
      omgJobNumber: '700001',
      clientTeamId: acme!.id,
      pipelineTemplateId: pipe.json().id,
      description: SECRET.projectDescription,
      businessUnit: SECRET.businessUnit,
      requestor: SECRET.requestor,
      agency: SECRET.agency,
      estimatedCost: SECRET.cost,
      actualCost: SECRET.cost,
      customFields: { 'Budget code': SECRET.projectCustom },
    }),
    201,
  );
  ids.project = project.json().id;
  ids.pipeline = pipe.json().id;
  const rivalProject = await ok(
    await producer.post('/api/projects', {
      name: SECRET.rivalProject,
      projectCode: 'RIV-1',
      clientTeamId: rival!.id,
      pipelineTemplateId: pipe.json().id,
    }),
    201,
  );
  ids.rivalProject = rivalProject.json().id;
  const internal = await ok(
    await producer.post('/api/projects', {
      name: 'Internal Reel',
      projectCode: 'INT-1',
      pipelineTemplateId: pipe.json().id,
    }),
    201,
  );
  ids.internalProject = internal.json().id;

  const d = await ok(
    await producer.post(`/api/projects/${ids.project}/deliverables`, {
      name: 'Hero Banner',
      boxAliasSlug: SECRET.alias,
      notes: SECRET.deliverableNotes,
      customFields: { 'PO number': SECRET.deliverableCustom },
    }),
    201,
  );
  ids.deliverable = d.json().id;
  [ids.creative, ids.final] = (d.json().stages as { id: string }[]).map((s) => s.id) as [
    string,
    string,
  ];
  await ok(
    await producer.post(`/api/deliverables/${ids.deliverable}/attachments/link`, {
      title: SECRET.attachment,
      url: 'https://example.com/internal-brief',
    }),
    201,
  );
  await ok(
    await producer.put(`/api/stages/${ids.creative}/assignments/${org.users.ARTIST.id}`, {
      role: 'LEAD',
    }),
    204,
  );

  // V0.1 with an internal comment and an internal annotation, reviewed internally with a note.
  const v01 = await upload(ids.creative);
  ids.v01 = v01.id;
  await ok(
    await producer.patch(`/api/stages/${ids.creative}`, {
      subStatus: SECRET.subStatus,
      notes: SECRET.stageNotes,
    }),
  );
  await ok(
    await producer.post(`/api/stages/${ids.creative}/comments`, {
      content: `${SECRET.internalComment} @${org.users.CLIENT_VIEWER.email.split('@')[0]}`,
      revisionId: v01.id,
    }),
    201,
  );
  await ok(
    await producer.post(`/api/revisions/${v01.id}/annotations`, {
      content: SECRET.internalAnnotation,
      annotation: { type: 'RECTANGLE', x: 0.1, y: 0.1, data: { w: 0.2, h: 0.2 } },
    }),
    201,
  );
  const stageNow = (
    (await producer.get(`/api/deliverables/${ids.deliverable}`)).json().stages as {
      id: string;
      status: string;
    }[]
  ).find((s) => s.id === ids.creative)!;
  if (stageNow.status !== 'IN_PROGRESS')
    await ok(await producer.patch(`/api/stages/${ids.creative}`, { status: 'IN_PROGRESS' }));
  await ok(await producer.patch(`/api/stages/${ids.creative}`, { status: 'IN_REVIEW' }));
  await ok(
    await producer.post(`/api/stages/${ids.creative}/decisions`, {
      decision: 'CHANGES_REQUESTED',
      note: SECRET.internalDecisionNote,
    }),
    201,
  );

  // V0.2 is sent (becomes V1); a client comment on it; then V1.1 is internal work in progress.
  const v02 = await upload(ids.creative);
  const sent = await ok(
    await producer.post(`/api/stages/${ids.creative}/revisions/${v02.id}/send-to-client`),
  );
  ids.v1 = sent.json().id;
  expect(sent.json().label).toBe('V1');
  await ok(
    await producer.post(`/api/stages/${ids.creative}/comments`, {
      content: 'Here is the first version for you.',
      visibility: 'CLIENT',
      revisionId: ids.v1,
    }),
    201,
  );
  ids.v11 = (await upload(ids.creative)).id;

  // Another client's deliverable, sent to them.
  const rd = await ok(
    await producer.post(`/api/projects/${ids.rivalProject}/deliverables`, {
      name: SECRET.rivalDeliverable,
    }),
    201,
  );
  ids.rivalDeliverable = rd.json().id;
  const rivalStage = (rd.json().stages as { id: string }[])[0]!.id;
  const rv = await upload(rivalStage);
  ids.rivalV1 = (
    await ok(await producer.post(`/api/stages/${rivalStage}/revisions/${rv.id}/send-to-client`))
  ).json().id;
}, 120_000);
afterAll(async () => ctx?.close());

/** Every response the client's review page (and its neighbours) reads, as the client viewer. */
async function clientResponses() {
  const urls = [
    '/api/projects',
    `/api/projects/${ids.project}`,
    `/api/projects/${ids.project}/deliverables`,
    '/api/deliverables',
    `/api/deliverables/${ids.deliverable}`,
    `/api/deliverables/${ids.deliverable}/history`,
    `/api/stages/${ids.creative}/revisions`,
    `/api/stages/${ids.final}/revisions`,
    `/api/revisions/${ids.v1}`,
    `/api/revisions/${ids.v1}/annotations`,
    `/api/stages/${ids.creative}/comments`,
    `/api/stages/${ids.creative}/decisions`,
    '/api/notifications',
    '/api/board',
    '/api/me/work',
    '/api/client-review/items',
    `/api/client-review/items?projectId=${ids.project}`,
    '/api/client-review/items?waiting=true',
    // Attachments are internal working files: a client gets an empty list.
    `/api/deliverables/${ids.deliverable}/attachments`,
  ];
  const out: Record<string, string> = {};
  for (const url of urls) {
    const res = await viewer.get(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    out[url] = res.body;
  }
  return out;
}

describe('what a client viewer can read', () => {
  it('leaks no internal note, cost, label, comment, staffing or other client', async () => {
    const bodies = await clientResponses();
    const forbidden: (string | number)[] = [
      ...Object.values(SECRET),
      // Internal version labels and revisions.
      'V0.',
      'V1.1',
      ids.v01,
      ids.v11,
      // Other clients and internal projects.
      ids.rivalProject,
      ids.rivalDeliverable,
      ids.rivalV1,
      ids.internalProject,
      'Internal Reel',
      // Internal revision fields, people's e-mails and staffing.
      'internalNotes',
      'feedbackNotes',
      'estimatedCost',
      'actualCost',
      'businessUnit',
      org.users.PRODUCER.email,
      org.users.ARTIST.email,
      org.users.ARTIST.id,
      `ARTIST of Leak Agency`,
    ];
    const leaks: string[] = [];
    for (const [url, body] of Object.entries(bodies)) {
      for (const secret of forbidden) {
        if (body.includes(String(secret))) leaks.push(`${url} contains ${String(secret)}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('answers 404 (never 403) for internal revisions and other clients’ things', async () => {
    for (const url of [
      `/api/revisions/${ids.v01}`,
      `/api/revisions/${ids.v11}`,
      `/api/revisions/${ids.v11}/file`,
      `/api/revisions/${ids.rivalV1}`,
      `/api/projects/${ids.rivalProject}`,
      `/api/projects/${ids.internalProject}`,
      `/api/deliverables/${ids.rivalDeliverable}`,
      `/api/deliverables/${ids.rivalDeliverable}/history`,
      `/api/revisions/${ids.v01}/annotations`,
      // Internal working material: action items, the delivery log, who can be mentioned.
      `/api/stages/${ids.creative}/feedback-items`,
      `/api/revisions/${ids.v1}/deliveries`,
      `/api/stages/${ids.creative}/mentionable`,
      `/api/client-review/items?projectId=${ids.rivalProject}`,
    ]) {
      const res = await viewer.get(url);
      if (url.startsWith('/api/client-review')) {
        // A filter, not an id lookup: an unseen project simply has nothing in it.
        expect(res.json().items, url).toEqual([]);
      } else {
        expect(res.statusCode, url).toBe(404);
      }
    }
    // Staff-only lists refuse outright.
    expect((await viewer.get('/api/users/assignable')).statusCode).toBe(403);
    expect((await viewer.get('/api/users')).statusCode).toBe(403);
    expect((await viewer.get('/api/client-teams')).statusCode).toBe(403);
  });

  it('shows the client their sent versions only, waiting first, with the fields they need', async () => {
    const chain = (await viewer.get(`/api/stages/${ids.creative}/revisions`)).json();
    expect(chain.items.map((r: { label: string }) => r.label)).toEqual(['V1']);

    const detail = (await viewer.get(`/api/deliverables/${ids.deliverable}`)).json();
    expect(detail).toMatchObject({
      notes: null,
      boxAliasSlug: null,
      customFields: {},
      status: 'IN_REVIEW',
    });
    for (const s of detail.stages) {
      expect(s).toMatchObject({ notes: null, subStatus: null, customStatuses: [], assignees: [] });
    }
    const project = (await viewer.get(`/api/projects/${ids.project}`)).json();
    expect(project).toMatchObject({ description: null, customFields: {}, pipeline: null });
    expect(project).not.toHaveProperty('estimatedCost');

    const comments = (await viewer.get(`/api/stages/${ids.creative}/comments`)).json().items;
    expect(comments.map((c: { content: string }) => c.content)).toEqual([
      'Here is the first version for you.',
    ]);
    // The client hears that V1 waits for them, with a link to their review page.
    const told = (await viewer.get('/api/notifications')).json().items as {
      title: string;
      link: string;
    }[];
    expect(told).toContainEqual(
      expect.objectContaining({
        title: expect.stringMatching(/^V1 of .+ is ready for your review$/),
        link: `/review?deliverable=${ids.deliverable}`,
      }),
    );
    // Pipeline templates (stage plans, matching rules) are internal.
    expect((await viewer.get('/api/pipelines')).statusCode).toBe(403);
    expect((await viewer.get(`/api/pipelines/${ids.pipeline}`)).statusCode).toBe(404);
    // The release gate is the agency's workflow: not shown to the client.
    for (const c of comments) expect(c).toMatchObject({ released: false, releasedAt: null });
    expect((await viewer.get(`/api/stages/${ids.creative}/decisions`)).json().items).toEqual([]);
    const history = (await viewer.get(`/api/deliverables/${ids.deliverable}/history`)).json();
    for (const h of history.items) {
      expect(h.entityType).not.toBe('REVISION');
      expect(h.note).toBeNull();
    }

    const page = (await viewer.get('/api/client-review/items')).json();
    expect(page.nextCursor).toBeNull();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: ids.deliverable,
      name: 'Hero Banner',
      status: 'IN_REVIEW',
      project: { id: ids.project, name: 'Acme Launch' },
      waiting: true,
      stages: [
        {
          stageId: ids.creative,
          name: 'Creative',
          waiting: true,
          sentCount: 1,
          latest: { revisionId: ids.v1, label: 'V1', status: 'IN_REVIEW' },
        },
      ],
    });
  });

  it('staff see what is out with every client; a decision takes it out of "waiting"', async () => {
    const staff = (await producer.get('/api/client-review/items?waiting=true')).json();
    expect(staff.items.map((i: { name: string }) => i.name).sort()).toEqual([
      'Hero Banner',
      SECRET.rivalDeliverable,
    ]);
    // Even staff are shown sent versions only on this list.
    expect(JSON.stringify(staff)).not.toContain('V1.1');
    expect(JSON.stringify(staff)).not.toContain(ids.v11);

    const decided = await viewer.post(`/api/stages/${ids.creative}/decisions`, {
      decision: 'APPROVED',
      revisionId: ids.v1,
    });
    expect(decided.statusCode, decided.body).toBe(201);
    const after = (await viewer.get('/api/client-review/items')).json();
    expect(after.items[0]).toMatchObject({
      id: ids.deliverable,
      waiting: false,
      stages: [{ latest: { label: 'V1', status: 'APPROVED' }, waiting: false }],
    });
    expect(after.items[0].status).not.toBe('IN_REVIEW');
    expect((await viewer.get('/api/client-review/items?waiting=true')).json().items).toEqual([]);
    const staffAfter = (await producer.get('/api/client-review/items?waiting=true')).json();
    expect(staffAfter.items.map((i: { name: string }) => i.name)).toEqual([
      SECRET.rivalDeliverable,
    ]);

    // After the decision, still nothing internal reaches the client.
    const bodies = await clientResponses();
    const all = Object.values(bodies).join('\n');
    for (const secret of [SECRET.internalComment, SECRET.internalDecisionNote, 'V0.', 'V1.1'])
      expect(all).not.toContain(secret);
  });

  it('pages and validates its list', async () => {
    const first = (await producer.get('/api/client-review/items?limit=1')).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = (
      await producer.get(`/api/client-review/items?limit=1&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect((await producer.get('/api/client-review/items?cursor=nope')).statusCode).toBe(400);
    expect((await producer.get('/api/client-review/items?limit=500')).statusCode).toBe(400);
    expect((await client(ctx).get('/api/client-review/items')).statusCode).toBe(401);
  });
});
