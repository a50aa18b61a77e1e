import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTeams } from '../../src/server/db/schema';
import { multipart } from '../helpers/multipart';
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
let producerCookie: string;
let producer: ReturnType<typeof client>;

type Cells = (string | number | boolean | Date | null)[];

async function workbook(rows: Cells[], opts: { preamble?: Cells[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Intake');
  for (const r of opts.preamble ?? []) ws.addRow(r);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(
  cookie: string,
  url: string,
  data: Buffer,
  mapping?: Record<string, string | null>,
) {
  const form = multipart([
    ...(mapping ? [{ name: 'mapping', value: JSON.stringify(mapping) }] : []),
    {
      name: 'file',
      filename: 'intake.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data,
    },
  ]);
  return ctx.app.inject({
    method: 'POST',
    url,
    headers: { origin: ctx.config.appUrl, cookie, 'content-type': form.contentType },
    payload: form.payload,
  });
}

const preview = (cookie: string, data: Buffer, mapping?: Record<string, string | null>) =>
  upload(cookie, '/api/imports/xlsx/preview', data, mapping);
const apply = (cookie: string, data: Buffer, mapping?: Record<string, string | null>) =>
  upload(cookie, '/api/imports/xlsx/apply', data, mapping);

const HEADER: Cells = [
  'OMG Job #',
  'Project Name',
  'Client',
  'Pipeline',
  'Project due date',
  'Deliverable',
  'Slug',
  'Due date',
  'Priority',
  'Region',
];

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Sheet Org');
  other = await seedOrg(ctx, 'Other Sheet Org');
  producerCookie = await signIn(ctx, org.users.PRODUCER.email);
  producer = client(ctx, producerCookie);
  const admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
  expect(
    (
      await producer.post('/api/pipelines', {
        name: 'Stills',
        stages: [
          { key: 'a', name: 'Make' },
          { key: 'b', name: 'Check', prerequisites: ['a'] },
        ],
      })
    ).statusCode,
  ).toBe(201);
  const cf = await admin.post('/api/custom-fields', {
    entityType: 'DELIVERABLE',
    fieldName: 'Region',
    fieldType: 'SELECT',
    options: ['EU', 'US'],
  });
  expect(cf.statusCode).toBe(201);
  await ctx.database.db
    .insert(clientTeams)
    .values({ organizationId: org.orgId, name: 'Acme Corp', slug: 'acme' });
  // An existing project with one deliverable, to be updated by the sheet.
  const p = await producer.post('/api/projects', {
    name: 'Existing Job',
    projectCode: 'EX-1',
    omgJobNumber: '500100',
  });
  expect(p.statusCode).toBe(201);
  const d = await producer.post(`/api/projects/${p.json().id}/deliverables`, {
    name: 'Hero Banner',
    dueDate: '2026-05-01',
  });
  expect(d.statusCode).toBe(201);
});
afterAll(async () => ctx?.close());

describe('XLSX preview', () => {
  it('detects the header under a title row, suggests a mapping and plans creates and updates', async () => {
    const data = await workbook(
      [
        HEADER,
        [
          '500200',
          'Spring Launch',
          'Acme Corp',
          'Stills',
          '2026-06-30',
          'Hero Banner',
          null,
          new Date(Date.UTC(2026, 5, 1)),
          'High',
          'EU',
        ],
        [500200, null, null, null, null, 'Social Cutdown', 'social-15s', '2026-06-10', null, 'us'],
        ['500100', 'Existing Job', null, null, null, 'Hero Banner', null, '2026-05-02', null, null],
        ['500100', null, null, null, null, 'Poster', null, null, null, null],
      ],
      { preamble: [['Intake sheet — March'], []] },
    );
    const res = await preview(producerCookie, data);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.sheet.headerRow).toBe(3);
    expect(body.mapping).toMatchObject({
      A: 'project.omgJobNumber',
      B: 'project.name',
      C: 'project.clientTeam',
      D: 'project.pipeline',
      E: 'project.dueDate',
      F: 'deliverable.name',
      G: 'deliverable.aliasSlug',
      H: 'deliverable.dueDate',
      I: 'deliverable.priority',
      J: 'deliverable.cf.Region',
    });
    expect(body.mappingProblems).toEqual([]);
    expect(body.plan.errors).toEqual([]);
    expect(body.plan.counts).toMatchObject({
      rows: 4,
      projects: { create: 1, update: 0, unchanged: 1 },
      deliverables: { create: 3, update: 1, unchanged: 0 },
    });
    const hero = body.plan.rows.find((r: { row: number }) => r.row === 6);
    expect(hero.deliverable).toMatchObject({ action: 'update', changes: ['Deliverable due date'] });
    // Nothing written.
    const list = await producer.get('/api/projects?q=500200');
    expect(list.json().items).toHaveLength(0);
  });

  it('reports row errors with row, column and message, and honours a mapping override', async () => {
    const data = await workbook([
      ['Job', 'Name', 'Deliverable', 'Due', 'Region', 'Internal ref'],
      ['abc', 'Bad job', 'X', '2026-01-01', 'EU', 'r1'],
      ['600001', null, 'Needs a project name', 'soon', 'Mars', 'r2'],
      ['600002', 'Fine', 'Clip', null, null, 'r3'],
      ['600002', 'Not fine', 'Clip', null, null, 'r4'],
    ]);
    const res = await preview(producerCookie, data, { B: 'project.name', F: null });
    expect(res.statusCode).toBe(200);
    const { plan, mapping } = res.json();
    expect(mapping.F).toBeNull();
    const byRow = (row: number) =>
      plan.errors
        .filter((e: { row: number }) => e.row === row)
        .map((e: { column: string | null; message: string }) => `${e.column}: ${e.message}`);
    expect(byRow(2)).toEqual([expect.stringMatching(/^A: .*not an OMG job number/)]);
    expect(byRow(3)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^D: .*not a date/),
        expect.stringMatching(/^E: Region must be one of: EU, US/),
        expect.stringMatching(/^B: Project name is required/),
      ]),
    );
    expect(byRow(5)).toEqual([
      expect.stringMatching(/^B: .*differs from row 4/),
      expect.stringMatching(/^C: Row 4 already has this deliverable/),
    ]);
    expect(byRow(4)).toEqual([]);
    expect(plan.counts.errorRows).toBe(3);
  });

  it('answers mapping problems without a plan, and refuses what is not an xlsx', async () => {
    const data = await workbook([
      ['Name', 'Deliverable'],
      ['A', 'B'],
    ]);
    const res = await preview(producerCookie, data);
    expect(res.statusCode).toBe(200);
    expect(res.json().plan).toBeNull();
    expect(res.json().mappingProblems[0].message).toMatch(/OMG job number/);

    const txt = await preview(producerCookie, Buffer.from('job,name\n1,a\n'));
    expect(txt.statusCode).toBe(415);
    const bad = await preview(producerCookie, data, { ZZ: 'project.name' });
    expect(bad.statusCode).toBe(200);
    expect(bad.json().mappingProblems.map((p: { message: string }) => p.message)).toContain(
      'Column ZZ has no header in this sheet',
    );
    const notJson = await ctx.app.inject({
      method: 'POST',
      url: '/api/imports/xlsx/preview',
      headers: { origin: ctx.config.appUrl, cookie: producerCookie },
      payload: { hello: 1 },
    });
    expect(notJson.statusCode).toBe(415);
  });

  it('refuses a file over 5 MB with 413 and a sheet over 2000 rows with 400', async () => {
    const big = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(5 * 1024 * 1024),
    ]);
    const res = await preview(producerCookie, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');

    const rows: Cells[] = [['OMG job number', 'Project name']];
    for (let i = 0; i < 2001; i++) rows.push([String(700000 + i), `P ${i}`]);
    const many = await preview(producerCookie, await workbook(rows));
    expect(many.statusCode).toBe(400);
    expect(many.json().error.message).toMatch(/more than 2000 rows/);
  });
});

describe('XLSX apply', () => {
  it('changes nothing when a row has an error (422 with the plan)', async () => {
    const data = await workbook([
      HEADER,
      ['800001', 'Good project', null, null, null, 'Good deliverable', null, null, null, null],
      ['800002', 'Bad team', 'Nobody Inc', null, null, 'Thing', null, null, null, null],
    ]);
    const res = await apply(producerCookie, data);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe('IMPORT_ROW_ERRORS');
    expect(body.error.fields).toEqual([
      { path: 'row 3, column C', message: 'No client team named "Nobody Inc"' },
    ]);
    expect(body.plan.counts.projects.create).toBe(2);
    expect((await producer.get('/api/projects?q=800001')).json().items).toHaveLength(0);
  });

  it('applies creates and updates in one go, through the services (stages, history, custom fields)', async () => {
    const data = await workbook([
      HEADER,
      [
        '500200',
        'Spring Launch',
        'Acme Corp',
        'Stills',
        '2026-06-30',
        'Hero Banner',
        null,
        '2026-06-01',
        'High',
        'EU',
      ],
      ['500200', null, null, null, null, 'Social Cutdown', 'social-15s', '2026-06-10', null, 'US'],
      ['500100', 'Existing Job', null, null, null, 'Hero Banner', null, '2026-05-02', null, null],
      ['500100', null, null, null, null, 'Poster', null, null, null, null],
      ['500300', 'Project only', null, null, null, null, null, null, null, null],
    ]);
    const res = await apply(producerCookie, data);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(true);
    expect(body.plan.counts).toMatchObject({
      projects: { create: 2, update: 0, unchanged: 1 },
      deliverables: { create: 3, update: 1, unchanged: 0 },
    });
    const spring = body.result.projects.find(
      (p: { omgJobNumber: string }) => p.omgJobNumber === '500200',
    );
    const project = (await producer.get(`/api/projects/${spring.id}`)).json();
    expect(project).toMatchObject({
      name: 'Spring Launch',
      projectCode: '500200',
      clientTeam: { name: 'Acme Corp' },
      pipeline: { name: 'Stills' },
      dueDate: '2026-06-30T00:00:00.000Z',
      deliverableCount: 2,
    });
    const ds = (await producer.get(`/api/projects/${spring.id}/deliverables`)).json().items;
    const social = ds.find((d: { name: string }) => d.name === 'Social Cutdown');
    expect(social).toMatchObject({ slug: 'social-15s', customFields: { Region: 'US' } });
    const detail = (await producer.get(`/api/deliverables/${social.id}`)).json();
    expect(detail.stages.map((s: { name: string }) => s.name)).toEqual(['Make', 'Check']);
    const history = (await producer.get(`/api/deliverables/${social.id}/history`)).json();
    expect(history.items.some((h: { note: string | null }) => h.note === 'Created')).toBe(true);

    const existing = body.result.projects.find(
      (p: { omgJobNumber: string }) => p.omgJobNumber === '500100',
    );
    const exDs = (await producer.get(`/api/projects/${existing.id}/deliverables`)).json().items;
    expect(exDs.map((d: { name: string }) => d.name).sort()).toEqual(['Hero Banner', 'Poster']);
    expect(exDs.find((d: { name: string }) => d.name === 'Hero Banner').dueDate).toBe(
      '2026-05-02T00:00:00.000Z',
    );
    const only = (await producer.get('/api/projects?q=500300')).json().items[0];
    expect(only).toMatchObject({ name: 'Project only', deliverableCount: 0 });

    // The same sheet again: all unchanged.
    const again = await preview(producerCookie, data);
    expect(again.json().plan.counts).toMatchObject({
      projects: { create: 0, update: 0, unchanged: 3 },
      deliverables: { create: 0, update: 0, unchanged: 4 },
    });
  });

  it('export → re-import is a no-op', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/exports/xlsx',
      headers: { cookie: producerCookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="projects-/);
    const data = res.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('OMG job number');
    const again = await preview(producerCookie, data);
    expect(again.statusCode).toBe(200);
    const body = again.json();
    expect(body.mappingProblems).toEqual([]);
    expect(body.plan.errors).toEqual([]);
    expect(body.plan.counts.projects).toEqual({ create: 0, update: 0, unchanged: 3 });
    expect(body.plan.counts.deliverables).toEqual({ create: 0, update: 0, unchanged: 4 });
    expect(body.plan.counts.rows).toBe(5);

    const filtered = await ctx.app.inject({
      method: 'GET',
      url: '/api/exports/xlsx?q=500300',
      headers: { cookie: producerCookie },
    });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(filtered.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0]!.actualRowCount).toBe(2);

    const applied = await apply(producerCookie, data);
    expect(applied.statusCode).toBe(200);
    expect(
      applied
        .json()
        .result.rows.every(
          (r: { action: string | null }) => r.action !== 'create' && r.action !== 'update',
        ),
    ).toBe(true);
  });

  it('refuses a mapping without a job number column with 400', async () => {
    const data = await workbook([
      ['OMG job number', 'Project name'],
      ['990001', 'Unmapped'],
    ]);
    const res = await apply(producerCookie, data, { A: null });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toMatch(/OMG job number/);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/imports/xlsx/preview',
        '/api/imports/xlsx/apply',
        '/api/imports/xlsx/template',
        '/api/exports/xlsx',
      ]),
    );
    const apply = doc.paths['/api/imports/xlsx/apply'].post;
    expect(Object.keys(apply.responses)).toEqual(expect.arrayContaining(['200', '422', '413']));
    expect(apply.requestBody.content['multipart/form-data'].schema.required).toEqual(['file']);
  });

  it('the template has the org columns', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/imports/xlsx/template',
      headers: { cookie: producerCookie },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Deliverable: Region');
    expect(wb.worksheets[1]!.name).toBe('How to fill in');
  });
});

describe('XLSX permissions and isolation', () => {
  it('an artist cannot import; a client viewer cannot export', async () => {
    const artist = await signIn(ctx, org.users.ARTIST.email);
    const data = await workbook([
      ['OMG job number', 'Project name'],
      ['900001', 'Nope'],
    ]);
    expect((await preview(artist, data)).statusCode).toBe(403);
    expect((await apply(artist, data)).statusCode).toBe(403);
    const viewer = await signIn(ctx, org.users.CLIENT_VIEWER.email);
    const exp = await ctx.app.inject({
      method: 'GET',
      url: '/api/exports/xlsx',
      headers: { cookie: viewer },
    });
    expect(exp.statusCode).toBe(403);
    const anon = await ctx.app.inject({ method: 'GET', url: '/api/exports/xlsx' });
    expect(anon.statusCode).toBe(401);
  });

  it('a producer without DELIVERABLE_CREATE gets row errors, not writes', async () => {
    const admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
    const list: string[] = (await admin.get('/api/roles')).json().matrix.PRODUCER;
    const put = await admin.put('/api/roles/PRODUCER/permissions', {
      permissions: list.filter((p) => p !== 'DELIVERABLE_CREATE'),
    });
    expect(put.statusCode).toBe(200);
    try {
      const cookie = await signIn(ctx, org.users.PRODUCER.email);
      const data = await workbook([
        ['OMG job number', 'Project name', 'Deliverable name'],
        ['910001', 'Perm test', 'Clip'],
      ]);
      const res = await apply(cookie, data);
      expect(res.statusCode).toBe(422);
      expect(res.json().plan.errors[0].message).toMatch(/DELIVERABLE_CREATE/);
      expect((await producer.get('/api/projects?q=910001')).json().items).toHaveLength(0);
    } finally {
      await admin.put('/api/roles/PRODUCER/permissions', { permissions: list });
    }
  });

  it("another org's projects are neither updated nor exported", async () => {
    const otherCookie = await signIn(ctx, other.users.PRODUCER.email);
    const otherApi = client(ctx, otherCookie);
    await otherApi.post('/api/pipelines', { name: 'Other', stages: [{ key: 'a', name: 'Do' }] });
    // The same job number as org's 500200: a new project in the other org.
    const data = await workbook([
      ['OMG job number', 'Project name', 'Client team', 'Deliverable name'],
      ['500200', 'Theirs', null, 'Their clip'],
    ]);
    const pv = (await preview(otherCookie, data)).json();
    expect(pv.plan.counts.projects).toEqual({ create: 1, update: 0, unchanged: 0 });
    const teamRef = await workbook([
      ['OMG job number', 'Project name', 'Client team'],
      ['500201', 'Theirs', 'Acme Corp'],
    ]);
    expect((await preview(otherCookie, teamRef)).json().plan.errors[0].message).toMatch(
      /No client team named "Acme Corp"/,
    );
    expect((await apply(otherCookie, data)).statusCode).toBe(200);
    const mine = (await producer.get('/api/projects?q=500200')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0].name).toBe('Spring Launch');

    const exp = await ctx.app.inject({
      method: 'GET',
      url: '/api/exports/xlsx',
      headers: { cookie: otherCookie },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const jobs = wb.worksheets[0]!.getColumn(1).values.slice(2);
    expect(jobs).toEqual(['500200']);
    const names = wb.worksheets[0]!.getColumn(3).values.slice(2);
    expect(names).toEqual(['Theirs']);
  });
});
