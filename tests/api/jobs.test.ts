import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/client';
import { JobQueue } from '../../src/server/jobs/queue';
import { createTestDatabase } from '../helpers/test-db';

let database: Database;
const queues: JobQueue[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const q of queues) await q.stop().catch(() => {});
  await database?.close();
});

function newQueue() {
  const q = new JobQueue({
    connection: database.connection,
    pool: database.kind === 'pglite' ? database.pool : undefined,
    maintenanceIntervalSeconds: 1,
    pollingIntervalSeconds: 0.5,
  });
  queues.push(q);
  return q;
}

async function waitFor<T>(fn: () => T | undefined, timeoutMs: number): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('job queue', () => {
  it('runs a job and retries a failing one with backoff', async () => {
    const q = newQueue();
    await q.start();
    const seen: string[] = [];
    let failures = 0;
    await q.work({
      'test.record': async ({ marker }) => {
        if (marker === 'flaky' && failures++ < 1) throw new Error('transient');
        seen.push(marker);
      },
    });
    await q.send('test.record', { marker: 'plain' });
    await q.send('test.record', { marker: 'flaky' });
    await waitFor(
      () => (seen.includes('plain') && seen.includes('flaky') ? true : undefined),
      20_000,
    );
    expect(failures).toBe(2);
    await q.stop();
  });

  it('offers a job again when the worker running it died', async () => {
    const producer = newQueue();
    await producer.start();

    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/dying-worker.ts'], {
      env: { ...process.env, JOB_CONNECTION: JSON.stringify(database.connection) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => (out.includes('ready') ? true : undefined), 30_000);

    const jobId = await producer.send('test.record', { marker: 'orphan' });
    expect(jobId).toBeTruthy();
    await waitFor(() => (out.includes('picked orphan') ? true : undefined), 20_000);
    child.kill('SIGKILL');

    // A healthy worker picks the job up once it expires (expireInSeconds: 2 for test jobs).
    const done: string[] = [];
    await producer.work({ 'test.record': async ({ marker }) => void done.push(marker) });
    await waitFor(() => (done.includes('orphan') ? true : undefined), 45_000);
    const job = await producer.getJob('test.record', jobId!);
    // It ran once more than the dead worker's attempt.
    expect(job?.retryCount).toBeGreaterThanOrEqual(1);
  }, 90_000);
});
