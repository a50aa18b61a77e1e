import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, seedOrg, signIn, type TestContext } from '../helpers/test-app';

// The number of SQL queries a list request makes must not grow with the page size (no N+1).
let ctx: TestContext;
let producer: ReturnType<typeof client>;
let queries = 0;

beforeAll(async () => {
  ctx = await createTestApp();
  const org = await seedOrg(ctx, 'Count Org');
  producer = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
  await producer.post('/api/pipelines', {
    name: 'P',
    stages: [
      { key: 'a', name: 'A' },
      { key: 'b', name: 'B', prerequisites: ['a'] },
      { key: 'c', name: 'C', prerequisites: ['b'] },
    ],
    reworks: [{ from: 'c', to: 'a' }],
  });
  const project = (
    await producer.post('/api/projects', { name: 'Counted', projectCode: 'C-1' })
  ).json();
  for (let i = 0; i < 60; i++) {
    const d = (
      await producer.post(`/api/projects/${project.id}/deliverables`, { name: `Item ${i}` })
    ).json();
    if (i % 3 === 0)
      await producer.put(`/api/stages/${d.stages[0].id}/assignments/${org.users.ARTIST.id}`, {
        role: 'LEAD',
      });
  }
  const pool = ctx.database.pool;
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    queries++;
    return original(...args);
  };
});
afterAll(async () => ctx?.close());

async function count(url: string): Promise<number> {
  queries = 0;
  const res = await producer.get(url);
  expect(res.statusCode).toBe(200);
  return queries;
}

describe('queries per request', () => {
  it('stays flat as the deliverables page grows', async () => {
    const small = await count('/api/deliverables?limit=5');
    const large = await count('/api/deliverables?limit=60');
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
    expect(small).toBe(2); // the session with its caller, then the page with its stages and people
  });

  it('stays flat for the board whatever the number of cards', async () => {
    const board = await count('/api/board');
    expect(board).toBeLessThan(15);
  });
});
