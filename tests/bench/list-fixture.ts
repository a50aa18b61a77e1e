import { generateDataset } from './dataset';

/**
 * The deliverables-list benchmark's world on PostgreSQL: a producer's session and 5,000
 * deliverables × 8 stages in one org. Shared by api-bench and api-breakdown.
 */
export async function setupListBench() {
  // test-db reads TEST_DB when it loads: set it first, then import (a static import of
  // test-app would be hoisted above this line and silently pick the in-process PGlite).
  process.env.TEST_DB = 'postgres';
  // Its own template, so that a test run on the same server keeps its own.
  process.env.TEST_TEMPLATE_DB ??= 'prodtrack_bench_template';
  const { prepareTemplate } = await import('../helpers/test-db');
  const { createTestApp, seedOrg, signIn } = await import('../helpers/test-app');
  await prepareTemplate();

  const ctx = await createTestApp();
  if (ctx.database.kind !== 'postgres') throw new Error('the benchmark needs PostgreSQL');
  const org = await seedOrg(ctx, 'Bench Org');
  const cookie = await signIn(ctx, org.users.PRODUCER.email);
  const pipeline = (
    await ctx.app.inject({
      method: 'POST',
      url: '/api/pipelines',
      headers: { cookie, origin: 'http://localhost:3999' },
      payload: {
        name: 'Bench',
        stages: Array.from({ length: 8 }, (_, i) => ({
          key: `s${i}`,
          name: `Stage ${i}`,
          prerequisites: i ? [`s${i - 1}`] : [],
        })),
      },
    })
  ).json();
  console.log('generating 5,000 deliverables × 8 stages …');
  const t0 = Date.now();
  await generateDataset(ctx.database.db, org.orgId, pipeline.id, { projects: 50, perProject: 100 });
  console.log(`dataset ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await ctx.database.pool.query('analyze');
  return { ctx, org, cookie };
}
