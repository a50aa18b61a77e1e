/**
 * `npm run bench:api` — the deliverables list under load on PostgreSQL (TEST_DATABASE_URL),
 * against the bare SQL of the same page. Prints p50/p95 and the ratio; not a timed test.
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { createTestApp, seedOrg, signIn } from '../helpers/test-app';
import { generateDataset } from './dataset';

process.env.TEST_DB = 'postgres';
const { prepareTemplate } = await import('../helpers/test-db');
await prepareTemplate();

const ctx = await createTestApp();
const org = await seedOrg(ctx, 'Bench Org');
const cookie = await signIn(ctx, org.users.PRODUCER.email);
const inject = (method: 'POST' | 'GET', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie, origin: 'http://localhost:3999' }, payload });
const pipeline = (
  await inject('POST', '/api/pipelines', {
    name: 'Bench',
    stages: Array.from({ length: 8 }, (_, i) => ({
      key: `s${i}`,
      name: `Stage ${i}`,
      prerequisites: i ? [`s${i - 1}`] : [],
    })),
  })
).json();
console.log('generating 5,000 deliverables × 8 stages …');
const t0 = Date.now();
await generateDataset(ctx.database.db, org.orgId, pipeline.id, { projects: 50, perProject: 100 });
console.log(`dataset ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
await ctx.database.pool.query('analyze');

await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const { port } = ctx.app.server.address() as { port: number };
const url = `http://127.0.0.1:${port}/api/deliverables?limit=50&sort=dueDate`;

const result = await autocannon({ url, connections: 8, duration: 15, headers: { cookie } });
const p95 = (result.latency as unknown as Record<string, number>).p97_5 ?? result.latency.p99;
console.log(
  `API   /api/deliverables?limit=50  req/s ${result.requests.average}  p50 ${result.latency.p50} ms  p97.5 ${p95} ms  errors ${result.non2xx + result.errors}`,
);

// The bare SQL of the same page: the list query and the stages of its rows.
const client = new pg.Client(ctx.database.connection);
await client.connect();
const times: number[] = [];
for (let i = 0; i < 300; i++) {
  const s = performance.now();
  const page = await client.query(
    `select d.*, p.name as project_name from deliverables d join projects p on p.id = d.project_id
     where d.organization_id = $1 order by d.due_date asc nulls last, d.id limit 51`,
    [org.orgId],
  );
  await client.query(
    `select ds.*, s.name from deliverable_stages ds join pipeline_stage_definitions s on s.id = ds.stage_definition_id
     where ds.deliverable_id = any($1) order by s."order"`,
    [page.rows.map((r) => r.id)],
  );
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
const bareP95 = times[Math.floor(times.length * 0.95)]!;
console.log(
  `bare SQL (same page, sequential)  p50 ${times[150]!.toFixed(1)} ms  p95 ${bareP95.toFixed(1)} ms`,
);
console.log(
  `note: the API figure is under 8 concurrent connections on 2 cores; compare single-request latency below`,
);

const single: number[] = [];
for (let i = 0; i < 200; i++) {
  const s = performance.now();
  await fetch(url, { headers: { cookie } });
  single.push(performance.now() - s);
}
single.sort((a, b) => a - b);
const apiP95 = single[Math.floor(single.length * 0.95)]!;
console.log(
  `API single request                 p50 ${single[100]!.toFixed(1)} ms  p95 ${apiP95.toFixed(1)} ms`,
);
console.log(
  `targets: p95 ≤ 200 ms → ${apiP95 <= 200 ? 'met' : 'NOT met'}; ratio to bare SQL ${(apiP95 / bareP95).toFixed(2)} (target ≤ 1.5)`,
);
await client.end();
await ctx.close();
process.exit(0);
