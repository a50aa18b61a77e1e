import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverables, projects } from '../../src/server/db/schema';
import { AppError } from '../../src/server/errors';
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
let viewer: ReturnType<typeof client>;
let outsider: ReturnType<typeof client>;

interface FieldOut {
  id: string;
  entityType: string;
  fieldName: string;
  fieldType: string;
  options: string[];
  isRequired: boolean;
  order: number;
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Fields Org');
  other = await seedOrg(ctx, 'Other Fields Org');
  producer = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
  artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
  viewer = client(ctx, await signIn(ctx, org.users.CLIENT_VIEWER.email));
  outsider = client(ctx, await signIn(ctx, other.users.ADMIN.email));
});
afterAll(async () => ctx?.close());

async function create(body: Record<string, unknown>, as = producer): Promise<FieldOut> {
  const res = await as.post('/api/custom-fields', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

let projectCounter = 0;
async function insertProject(orgId: string, customFields: Record<string, unknown> | null) {
  const [row] = await ctx.database.db
    .insert(projects)
    .values({
      organizationId: orgId,
      projectCode: `CF-${++projectCounter}`,
      name: `Project ${projectCounter}`,
      customFields: customFields as never,
    })
    .returning();
  return row!;
}

async function storedProjects(ids: string[]) {
  const rows = await ctx.database.db
    .select({ id: projects.id, customFields: projects.customFields, updatedAt: projects.updatedAt })
    .from(projects)
    .where(inArray(projects.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

describe('custom field definitions', () => {
  it('creates fields of every type, ordered after the last one by default', async () => {
    const region = await create({
      entityType: 'PROJECT',
      fieldName: 'Region',
      fieldType: 'SELECT',
      options: ['EU', 'US', 'APAC'],
      isRequired: true,
    });
    expect(region).toMatchObject({
      entityType: 'PROJECT',
      fieldName: 'Region',
      fieldType: 'SELECT',
      options: ['EU', 'US', 'APAC'],
      isRequired: true,
      order: 0,
    });
    const notes = await create({
      entityType: 'PROJECT',
      fieldName: '  Notes  ',
      fieldType: 'TEXT',
    });
    expect(notes).toMatchObject({ fieldName: 'Notes', options: [], isRequired: false, order: 1 });
    await create({ entityType: 'PROJECT', fieldName: 'Budget', fieldType: 'NUMBER', order: 1 });
    await create({ entityType: 'PROJECT', fieldName: 'Launch_Date', fieldType: 'DATE', order: 5 });
    await create({ entityType: 'DELIVERABLE', fieldName: 'Region', fieldType: 'TEXT' });
    const hero = await create({
      entityType: 'DELIVERABLE',
      fieldName: 'Is-Hero',
      fieldType: 'BOOLEAN',
    });
    expect(hero.order).toBe(1);
  });

  it('lists by order then name, per entity type, for staff and client viewers', async () => {
    const res = await producer.get('/api/custom-fields?entityType=PROJECT');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((f: FieldOut) => f.fieldName)).toEqual([
      'Region',
      'Budget',
      'Notes',
      'Launch_Date',
    ]);
    for (const who of [artist, viewer]) {
      const r = await who.get('/api/custom-fields?entityType=DELIVERABLE');
      expect(r.statusCode).toBe(200);
      expect(r.json().items.map((f: FieldOut) => f.fieldName)).toEqual(['Region', 'Is-Hero']);
    }
    const all = (await viewer.get('/api/custom-fields')).json().items;
    expect(all).toHaveLength(6);
    expect((await producer.get('/api/custom-fields?entityType=TASK')).statusCode).toBe(400);
    expect((await client(ctx).get('/api/custom-fields')).statusCode).toBe(401);
  });

  it('refuses duplicate names (ignoring case) per entity type with 409', async () => {
    for (const fieldName of ['Region', 'region', ' REGION ']) {
      const res = await producer.post('/api/custom-fields', {
        entityType: 'PROJECT',
        fieldName,
        fieldType: 'TEXT',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'CONFLICT' });
      expect(res.json().error.message).toMatch(/Region/);
    }
  });

  it('refuses bad input with 400 and the fields at fault', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ entityType: 'PROJECT', fieldName: 'a.b', fieldType: 'TEXT' }, 'fieldName'],
      [{ entityType: 'PROJECT', fieldName: '   ', fieldType: 'TEXT' }, 'fieldName'],
      [{ entityType: 'PROJECT', fieldName: 'x'.repeat(61), fieldType: 'TEXT' }, 'fieldName'],
      [{ entityType: 'PROJECT', fieldName: 'Kind', fieldType: 'SELECT' }, 'options'],
      [{ entityType: 'PROJECT', fieldName: 'Kind', fieldType: 'SELECT', options: [] }, 'options'],
      [
        { entityType: 'PROJECT', fieldName: 'Kind', fieldType: 'SELECT', options: ['A', 'B', 'A'] },
        'options.2',
      ],
      [
        { entityType: 'PROJECT', fieldName: 'Kind', fieldType: 'SELECT', options: ['A', ' '] },
        'options.1',
      ],
      [{ entityType: 'PROJECT', fieldName: 'Kind', fieldType: 'TEXT', options: ['A'] }, 'options'],
      [{ entityType: 'PROJECT', fieldName: 'Kind', fieldType: 'COLOR' }, 'fieldType'],
      [{ entityType: 'TASK', fieldName: 'Kind', fieldType: 'TEXT' }, 'entityType'],
      [{ entityType: 'PROJECT', fieldName: 'Kind', fieldType: 'TEXT', order: -1 }, 'order'],
    ];
    for (const [body, path] of cases) {
      const res = await producer.post('/api/custom-fields', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const error = res.json().error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
  });

  it('needs FIELD_CUSTOMIZE to write (403) and hides other organizations (404)', async () => {
    const [target] = (await producer.get('/api/custom-fields?entityType=PROJECT')).json().items;
    const body = { entityType: 'PROJECT', fieldName: 'Nope', fieldType: 'TEXT' };
    for (const who of [artist, viewer]) {
      expect((await who.post('/api/custom-fields', body)).statusCode).toBe(403);
      expect((await who.patch(`/api/custom-fields/${target.id}`, { order: 9 })).statusCode).toBe(
        403,
      );
      expect((await who.delete(`/api/custom-fields/${target.id}`)).statusCode).toBe(403);
      expect((await who.get(`/api/custom-fields/${target.id}`)).statusCode).toBe(200);
    }
    expect((await outsider.get('/api/custom-fields')).json().items).toEqual([]);
    expect((await outsider.get(`/api/custom-fields/${target.id}`)).statusCode).toBe(404);
    const patch = await outsider.patch(`/api/custom-fields/${target.id}`, { order: 9 });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().error.code).toBe('NOT_FOUND');
    expect((await outsider.delete(`/api/custom-fields/${target.id}`)).statusCode).toBe(404);
    expect((await producer.patch('/api/custom-fields/nope', { order: 1 })).statusCode).toBe(404);
    // The other org can use the same name for its own field.
    await create(
      { entityType: 'PROJECT', fieldName: 'Region', fieldType: 'SELECT', options: ['EU'] },
      outsider,
    );
    const still = (await producer.get(`/api/custom-fields/${target.id}`)).json();
    expect(still.order).toBe(target.order);
  });

  it('edits order, required flag and options; the type never changes', async () => {
    const notes = (await producer.get('/api/custom-fields?entityType=PROJECT'))
      .json()
      .items.find((f: FieldOut) => f.fieldName === 'Notes');
    const edited = await producer.patch(`/api/custom-fields/${notes.id}`, {
      order: 7,
      isRequired: true,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ order: 7, isRequired: true, fieldType: 'TEXT' });

    const sameType = await producer.patch(`/api/custom-fields/${notes.id}`, { fieldType: 'TEXT' });
    expect(sameType.statusCode).toBe(200);
    const retype = await producer.patch(`/api/custom-fields/${notes.id}`, { fieldType: 'NUMBER' });
    expect(retype.statusCode).toBe(400);
    expect(retype.json().error.code).toBe('VALIDATION_FAILED');
    expect(retype.json().error.fields).toEqual([
      { path: 'fieldType', message: expect.stringMatching(/cannot change from TEXT/) },
    ]);
    const options = await producer.patch(`/api/custom-fields/${notes.id}`, { options: ['A'] });
    expect(options.statusCode).toBe(400);
    expect(options.json().error.fields[0].path).toBe('options');
    const unknownKey = await producer.patch(`/api/custom-fields/${notes.id}`, { colour: 'red' });
    expect(unknownKey.statusCode).toBe(400);
    const badName = await producer.patch(`/api/custom-fields/${notes.id}`, { fieldName: 'a/b' });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().error.fields[0].path).toBe('fieldName');
    expect((await producer.get(`/api/custom-fields/${notes.id}`)).json().fieldName).toBe('Notes');
  });

  it('renames a field and its key in every stored row of the org, in one go', async () => {
    const region = (await producer.get('/api/custom-fields?entityType=PROJECT'))
      .json()
      .items.find((f: FieldOut) => f.fieldName === 'Region');
    const p1 = await insertProject(org.orgId, { Region: 'EU', Notes: 'first' });
    const p2 = await insertProject(org.orgId, { Region: 'US' });
    const p3 = await insertProject(org.orgId, { Notes: 'no region' });
    const p4 = await insertProject(org.orgId, null);
    const foreign = await insertProject(other.orgId, { Region: 'EU' });
    const [d] = await ctx.database.db
      .insert(deliverables)
      .values({
        organizationId: org.orgId,
        projectId: p1.id,
        name: 'D',
        customFields: { Region: 'north' },
      })
      .returning();
    const before = await storedProjects([p1.id]);

    // Renaming onto another field's name is refused, and nothing moves.
    const clash = await producer.patch(`/api/custom-fields/${region.id}`, { fieldName: 'budget' });
    expect(clash.statusCode).toBe(409);

    const res = await producer.patch(`/api/custom-fields/${region.id}`, { fieldName: 'Market' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: region.id,
      fieldName: 'Market',
      options: ['EU', 'US', 'APAC'],
    });

    const rows = await storedProjects([p1.id, p2.id, p3.id, p4.id, foreign.id]);
    expect(rows.get(p1.id)!.customFields).toEqual({ Market: 'EU', Notes: 'first' });
    expect(rows.get(p2.id)!.customFields).toEqual({ Market: 'US' });
    expect(rows.get(p3.id)!.customFields).toEqual({ Notes: 'no region' });
    expect(rows.get(p4.id)!.customFields).toBeNull();
    expect(rows.get(foreign.id)!.customFields).toEqual({ Region: 'EU' });
    expect(rows.get(p1.id)!.updatedAt).toEqual(before.get(p1.id)!.updatedAt);
    const [dRow] = await ctx.database.db
      .select({ customFields: deliverables.customFields })
      .from(deliverables)
      .where(eq(deliverables.id, d!.id));
    expect(dRow!.customFields).toEqual({ Region: 'north' });

    // Only a change of case is a rename too.
    const recase = await producer.patch(`/api/custom-fields/${region.id}`, { fieldName: 'market' });
    expect(recase.statusCode).toBe(200);
    expect((await storedProjects([p2.id])).get(p2.id)!.customFields).toEqual({ market: 'US' });
    await producer.patch(`/api/custom-fields/${region.id}`, { fieldName: 'Market' });
  });

  it('refuses to remove a SELECT option that rows use (409 with the count)', async () => {
    const market = (await producer.get('/api/custom-fields?entityType=PROJECT'))
      .json()
      .items.find((f: FieldOut) => f.fieldName === 'Market');
    await insertProject(org.orgId, { Market: 'EU' });
    await insertProject(other.orgId, { Market: 'US' }); // another org: does not count

    const used = await producer.patch(`/api/custom-fields/${market.id}`, { options: ['APAC'] });
    expect(used.statusCode).toBe(409);
    const message: string = used.json().error.message;
    expect(message).toMatch(/Option "EU" of Market is used by 2 project\(s\)/);
    expect(message).toMatch(/Option "US" of Market is used by 1 project\(s\)/);
    expect((await producer.get(`/api/custom-fields/${market.id}`)).json().options).toEqual([
      'EU',
      'US',
      'APAC',
    ]);

    // Removing an unused option, adding and reordering are fine.
    const ok = await producer.patch(`/api/custom-fields/${market.id}`, {
      options: ['US', 'EU', 'LATAM'],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().options).toEqual(['US', 'EU', 'LATAM']);

    // Rename and option change together: usage is counted under the old name.
    const both = await producer.patch(`/api/custom-fields/${market.id}`, {
      fieldName: 'Territory',
      options: ['EU', 'LATAM'],
    });
    expect(both.statusCode).toBe(409);
    expect((await producer.get(`/api/custom-fields/${market.id}`)).json().fieldName).toBe('Market');

    const empty = await producer.patch(`/api/custom-fields/${market.id}`, { options: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields[0].path).toBe('options');
  });

  it('deletes a field and its key from every stored row of the org', async () => {
    const budget = (await producer.get('/api/custom-fields?entityType=PROJECT'))
      .json()
      .items.find((f: FieldOut) => f.fieldName === 'Budget');
    const p1 = await insertProject(org.orgId, { Budget: 12, Market: 'EU' });
    const p2 = await insertProject(org.orgId, { Budget: 3 });
    const foreign = await insertProject(other.orgId, { Budget: 99 });

    const res = await producer.delete(`/api/custom-fields/${budget.id}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    const rows = await storedProjects([p1.id, p2.id, foreign.id]);
    expect(rows.get(p1.id)!.customFields).toEqual({ Market: 'EU' });
    expect(rows.get(p2.id)!.customFields).toEqual({});
    expect(rows.get(foreign.id)!.customFields).toEqual({ Budget: 99 });
    expect((await producer.get(`/api/custom-fields/${budget.id}`)).statusCode).toBe(404);
    expect((await producer.delete(`/api/custom-fields/${budget.id}`)).statusCode).toBe(404);
    // The name is free again.
    await create({ entityType: 'PROJECT', fieldName: 'Budget', fieldType: 'NUMBER' });
  });

  it('describes its routes in OpenAPI', async () => {
    const doc = (await client(ctx).get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/custom-fields', '/api/custom-fields/{id}']),
    );
  });
});

describe('validateValues (for the project and deliverable services)', () => {
  const service = () => ctx.app.services.customFields;

  async function failure(p: Promise<unknown>) {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }

  it('on create, needs every required field and drops nulls', async () => {
    // PROJECT fields now: Market (SELECT, required), Notes (TEXT, required), Launch_Date, Budget.
    const err = await failure(service().validateValues(org.orgId, 'PROJECT', undefined, null));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields).toEqual([
      { path: 'customFields.Market', message: 'is required' },
      { path: 'customFields.Notes', message: 'is required' },
    ]);
    expect(err.message).toMatch(/Market is required; Notes is required/);

    const values = await service().validateValues(
      org.orgId,
      'PROJECT',
      { Market: ' EU ', Notes: 'n', Launch_Date: null, Budget: 4 },
      null,
    );
    expect(values).toEqual({ Market: 'EU', Notes: 'n', Budget: 4 });
  });

  it('on edit, merges a partial change onto the stored values', async () => {
    const existing = { Market: 'EU', Notes: 'n', Budget: 4 };
    expect(
      await service().validateValues(org.orgId, 'PROJECT', undefined, existing),
    ).toBeUndefined();
    expect(
      await service().validateValues(
        org.orgId,
        'PROJECT',
        { Budget: null, Launch_Date: '2025-03-01' },
        existing,
      ),
    ).toEqual({ Market: 'EU', Notes: 'n', Launch_Date: '2025-03-01' });
    expect(await service().validateValues(org.orgId, 'PROJECT', {}, {})).toEqual({});

    const err = await failure(
      service().validateValues(
        org.orgId,
        'PROJECT',
        { Market: null, Budget: 'x', Launch_Date: '2025-02-30', Extra: 1 },
        existing,
      ),
    );
    expect(err.fields).toEqual([
      { path: 'customFields.Market', message: 'is required' },
      { path: 'customFields.Budget', message: 'must be a number' },
      { path: 'customFields.Launch_Date', message: 'must be a date (YYYY-MM-DD)' },
      { path: 'customFields.Extra', message: 'is not a custom field' },
    ]);
  });

  it('uses the definitions of the entity type and organization only', async () => {
    expect(
      await service().validateValues(
        org.orgId,
        'DELIVERABLE',
        { Region: 'x', 'Is-Hero': true },
        null,
      ),
    ).toEqual({ Region: 'x', 'Is-Hero': true });
    const err = await failure(service().validateValues(other.orgId, 'PROJECT', { Notes: 'n' }, {}));
    expect(err.fields).toEqual([{ path: 'customFields.Notes', message: 'is not a custom field' }]);
  });
});
