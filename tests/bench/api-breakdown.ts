/**
 * `npx tsx tests/bench/api-breakdown.ts` — where the time of one deliverables-list request goes:
 * session resolution, the list's SQL, response serialization, and the rest (routing, HTTP).
 * Sequential requests over real HTTP with the phases timed by wrapping the services in place.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { FastifyRequest } from 'fastify';
import { serializerCompiler as pluginSerializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { serializerCompiler } from '../../src/server/http/serializer';
import { setupListBench } from './list-fixture';

const { ctx, cookie } = await setupListBench();
const { services } = ctx.app;
const N = Number(process.env.N ?? 300);

type Phase = 'session' | 'list' | 'sql' | 'queries';
let cur: Record<Phase, number> = { session: 0, list: 0, sql: 0, queries: 0 };
const timed =
  <A extends unknown[], R>(phase: Phase, fn: (...a: A) => Promise<R>) =>
  async (...a: A): Promise<R> => {
    const s = performance.now();
    try {
      return await fn(...a);
    } finally {
      cur[phase] += performance.now() - s;
    }
  };

let responseSchema: z.ZodType | undefined;
const resolve = services.sessions.resolve.bind(services.sessions);
services.sessions.resolve = timed('session', (req: FastifyRequest, reply) => {
  responseSchema ??= (req.routeOptions.schema?.response as Record<number, z.ZodType>)[200];
  return resolve(req, reply);
});
services.deliverables.list = timed('list', services.deliverables.list.bind(services.deliverables));
const pool = ctx.database.pool;
const query = pool.query.bind(pool) as (...a: unknown[]) => Promise<unknown>;
(pool as unknown as { query: unknown }).query = (...a: unknown[]) => {
  cur.queries++;
  return timed('sql', query)(...a);
};

await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const { port } = ctx.app.server.address() as { port: number };
const url = `http://127.0.0.1:${port}/api/deliverables?limit=${process.env.LIMIT ?? 50}&sort=dueDate`;

// PROFILE=file.cpuprofile: a CPU profile of the measured requests only (not the set-up).
const profiler = process.env.PROFILE ? new Session() : null;
profiler?.connect();
const rows: (Record<Phase, number> & { total: number })[] = [];
let body: unknown;
for (let i = 0; i < N + 50; i++) {
  cur = { session: 0, list: 0, sql: 0, queries: 0 };
  const s = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  const text = await res.text();
  if (i >= 50) rows.push({ ...cur, total: performance.now() - s });
  if (!res.ok) throw new Error(`${res.status} ${text}`);
  body = JSON.parse(text);
  if (i === 49) await profiler?.post('Profiler.enable').then(() => profiler.post('Profiler.start'));
}
if (profiler) {
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(process.env.PROFILE!, JSON.stringify(profile));
}

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)]!;
const fmt = (xs: number[]) => `p50 ${q(xs, 0.5).toFixed(2)}  p95 ${q(xs, 0.95).toFixed(2)}`;
console.log(`sequential HTTP requests: ${N}, SQL queries per request: ${rows[0]!.queries}`);
console.log(`  whole request (client side)   ${fmt(rows.map((r) => r.total))} ms`);
console.log(`  session resolve               ${fmt(rows.map((r) => r.session))} ms`);
console.log(`  service list()                ${fmt(rows.map((r) => r.list))} ms`);
console.log(`  all SQL (pool.query, summed)  ${fmt(rows.map((r) => r.sql))} ms`);
console.log(
  `  rest (routing, serialize, HTTP) ${fmt(rows.map((r) => r.total - r.session - r.list))} ms`,
);

// The response serializers on the body just received, against plain JSON.stringify.
const route = { schema: responseSchema!, method: 'GET', url: '/api/deliverables' } as Parameters<
  typeof serializerCompiler
>[0];
const [ours, plugin] = [serializerCompiler(route), pluginSerializerCompiler(route)];
const bench = (fn: () => unknown) => {
  const xs: number[] = [];
  for (let i = 0; i < 500; i++) {
    const s = performance.now();
    fn();
    xs.push(performance.now() - s);
  }
  return fmt(xs.slice(100));
};
console.log(`  serializer, plugin (zod encode + stringify) ${bench(() => plugin(body))} ms`);
console.log(`  serializer, ours (zod parse + stringify)    ${bench(() => ours(body))} ms`);
console.log(
  `  JSON.stringify alone                        ${bench(() => JSON.stringify(body))} ms`,
);

await ctx.close();
process.exit(0);
