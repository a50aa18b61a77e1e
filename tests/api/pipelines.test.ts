import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverableStages, deliverables, projects } from '../../src/server/db/schema';
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

const stages = [
  { key: 'brief', name: 'Brief', approvalType: 'NONE' },
  {
    key: 'creative',
    name: 'Creative',
    approvalType: 'SIMPLE',
    prerequisites: ['brief'],
    color: '#4c6ef5',
  },
  {
    key: 'final',
    name: 'Final Approval',
    approvalType: 'FORMAL',
    isCriticalGate: true,
    prerequisites: ['creative'],
  },
  {
    key: 'delivery',
    name: 'Delivery',
    prerequisites: ['final'],
    customStatuses: ['Uploading', 'Checked'],
  },
];

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Pipe Org');
  other = await seedOrg(ctx, 'Other Pipe Org');
  producer = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
});
afterAll(async () => ctx?.close());

describe('pipelines', () => {
  let id: string;

  it('creates a pipeline with prerequisites and a rework path', async () => {
    const res = await producer.post('/api/pipelines', {
      name: 'Stills',
      stages,
      reworks: [{ from: 'final', to: 'creative' }],
    });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    id = p.id;
    expect(p.isDefault).toBe(true); // the first pipeline of an org
    expect(p.stages.map((s: { slug: string }) => s.slug)).toEqual([
      'brief',
      'creative',
      'final-approval',
      'delivery',
    ]);
    const byName = new Map(p.stages.map((s: { name: string; id: string }) => [s.name, s.id]));
    expect(p.stages[1].prerequisites).toEqual([byName.get('Brief')]);
    expect(p.reworks).toEqual([
      { fromStageId: byName.get('Final Approval'), toStageId: byName.get('Creative') },
    ]);
    expect(p.stages[3].customStatuses).toEqual(['Uploading', 'Checked']);
  });

  it('refuses cycles, forward rework paths and duplicate slugs, naming the stages', async () => {
    const cycle = await producer.post('/api/pipelines', {
      name: 'Cyclic',
      stages: [
        { key: 'a', name: 'Alpha', prerequisites: ['b'] },
        { key: 'b', name: 'Beta', prerequisites: ['a'] },
      ],
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.message).toMatch(/cycle: (Alpha → Beta → Alpha|Beta → Alpha → Beta)/);

    const forward = await producer.post('/api/pipelines', {
      name: 'Fwd',
      stages,
      reworks: [{ from: 'creative', to: 'final' }],
    });
    expect(forward.statusCode).toBe(400);
    expect(forward.json().error.message).toBe(
      'Rework from Creative must go back to an earlier stage, not forward to Final Approval',
    );

    const dup = await producer.post('/api/pipelines', {
      name: 'Dup',
      stages: [
        { key: 'a', name: 'Edit' },
        { key: 'b', name: 'Edit!' },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.message).toMatch(/Edit and Edit! share the slug "edit"/);

    const same = await producer.post('/api/pipelines', { name: 'Stills', stages });
    expect(same.statusCode).toBe(409);
  });

  it('saves edits in place: ids kept, order changed, used stages protected', async () => {
    const p = (await producer.get(`/api/pipelines/${id}`)).json();
    const [brief, creative, final, delivery] = p.stages;
    const reordered = await producer.put(`/api/pipelines/${id}`, {
      name: 'Stills v2',
      stages: [
        { key: brief.id, name: 'Brief' },
        {
          key: creative.id,
          name: 'Creative Work',
          approvalType: 'SIMPLE',
          prerequisites: [brief.id],
        },
        { key: 'new-retouch', name: 'Retouch', isOptional: true, prerequisites: [creative.id] },
        {
          key: final.id,
          name: 'Final Approval',
          approvalType: 'FORMAL',
          prerequisites: [creative.id],
        },
        { key: delivery.id, name: 'Delivery', prerequisites: [final.id, 'new-retouch'] },
      ],
      reworks: [{ from: final.id, to: creative.id }],
    });
    expect(reordered.statusCode).toBe(200);
    const saved = reordered.json();
    expect(
      saved.stages.map((s: { id: string }) => s.id).filter((x: string) => x !== saved.stages[2].id),
    ).toEqual([brief.id, creative.id, final.id, delivery.id]);
    expect(saved.stages[1].name).toBe('Creative Work');

    // A deliverable uses the Delivery stage: removing it is refused, and nothing changes.
    const db = ctx.database.db;
    const [project] = await db
      .insert(projects)
      .values({ organizationId: org.orgId, projectCode: 'PP-1', name: 'P', pipelineTemplateId: id })
      .returning();
    const [d] = await db
      .insert(deliverables)
      .values({ organizationId: org.orgId, projectId: project!.id, name: 'D' })
      .returning();
    await db
      .insert(deliverableStages)
      .values({ organizationId: org.orgId, deliverableId: d!.id, stageDefinitionId: delivery.id });
    const removal = await producer.put(`/api/pipelines/${id}`, {
      name: 'Stills v3',
      stages: [{ key: brief.id, name: 'Brief' }],
    });
    expect(removal.statusCode).toBe(409);
    expect(removal.json().error.message).toMatch(/Delivery is used by 1 deliverable stage/);
    expect((await producer.get(`/api/pipelines/${id}`)).json().name).toBe('Stills v2');
  });

  it('keeps one default, archives instead of deleting used pipelines', async () => {
    const second = (
      await producer.post('/api/pipelines', {
        name: 'Video',
        stages: [{ key: 'edit', name: 'Edit' }],
        isDefault: true,
      })
    ).json();
    const list = (await producer.get('/api/pipelines')).json().items;
    expect(
      list.filter((p: { isDefault: boolean }) => p.isDefault).map((p: { id: string }) => p.id),
    ).toEqual([second.id]);
    expect((await producer.post(`/api/pipelines/${second.id}/archive`)).statusCode).toBe(409);
    expect((await producer.delete(`/api/pipelines/${id}`)).statusCode).toBe(409);
    const archived = await producer.post(`/api/pipelines/${id}/archive`);
    expect(archived.json().isArchived).toBe(true);
    expect(
      (await producer.get('/api/pipelines')).json().items.map((p: { id: string }) => p.id),
    ).not.toContain(id);
    expect(
      (await producer.get('/api/pipelines?includeArchived=true'))
        .json()
        .items.map((p: { id: string }) => p.id),
    ).toContain(id);
  });

  it('needs PIPELINE_MANAGE to write and hides other organizations', async () => {
    const artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
    expect((await artist.get('/api/pipelines')).statusCode).toBe(200);
    expect((await artist.post('/api/pipelines', { name: 'Nope', stages })).statusCode).toBe(403);
    const outsider = client(ctx, await signIn(ctx, other.users.ADMIN.email));
    expect((await outsider.get(`/api/pipelines/${id}`)).statusCode).toBe(404);
    expect((await outsider.put(`/api/pipelines/${id}`, { name: 'Mine', stages })).statusCode).toBe(
      404,
    );
    expect((await outsider.get('/api/pipelines')).json().items).toEqual([]);
  });
});
