#!/usr/bin/env node
// `npm test`: every suite in one Vitest run — unit, API on PGlite, API on PostgreSQL, and
// browser tests in Chromium — then one closing line "N passed, N failed".
// Suites whose service is missing are skipped with a loud notice, unless CI requires them
// (REQUIRE_POSTGRES=1 / REQUIRE_BROWSER=1, both set by .ci/run).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

const env = { ...process.env, NO_COLOR: '1' };
const required = (name) => process.env[name] === '1' || process.env[name] === 'true';
const projects = ['unit', 'api-pglite'];
const notices = [];

const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pgClient = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
try {
  await pgClient.connect();
  await pgClient.end();
  projects.push('api-postgres');
} catch (err) {
  const msg = `PostgreSQL is not reachable at ${pgUrl} (${err.message}): API tests on PostgreSQL are SKIPPED`;
  if (required('REQUIRE_POSTGRES')) {
    console.error(`ERROR: ${msg}`);
    process.exit(1);
  }
  notices.push(msg);
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  projects.push('e2e');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env,
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
} else {
  const msg = `Chromium not found at ${chromium}: browser tests are SKIPPED (apt-get install chromium)`;
  if (required('REQUIRE_BROWSER')) {
    console.error(`ERROR: ${msg}`);
    process.exit(1);
  }
  notices.push(msg);
}

for (const n of notices) console.warn(`\n*** NOTICE: ${n} ***\n`);

mkdirSync('test-results', { recursive: true });
const args = [
  'vitest',
  'run',
  ...projects.flatMap((p) => ['--project', p]),
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, { stdio: 'inherit', env });

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests || (report.numFailedTestSuites ?? 0);
  skipped = report.numPendingTests + (report.numTodoTests ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
for (const n of notices) console.warn(`*** NOTICE: ${n} ***`);
const ok = run.status === 0 && failed === 0;
console.log(
  `${passed} passed, ${ok ? failed : Math.max(failed, 1)} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(ok ? 0 : 1);
