/**
 * Crashes and big files: a server killed mid-upload, a worker killed mid-transcode, and a
 * 1 GiB upload that must not grow the server's memory. These run real processes against the
 * PostgreSQL test database (a killed process cannot share the in-memory PGlite of this one).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/server/config';
import { revisions } from '../../src/server/db/schema';
import { createJobHandlers } from '../../src/server/jobs/handlers';
import { JobQueue } from '../../src/server/jobs/queue';
import { MediaProcessor } from '../../src/server/modules/revisions/media-processor';
import { LocalBlobStore } from '../../src/server/storage/blob-store';
import {
  client,
  createTestApp,
  seedOrg,
  signIn,
  TEST_ORIGIN,
  type TestContext,
} from '../helpers/test-app';
import { TEST_DB_KIND } from '../helpers/test-db';

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const AUTH_SECRET = 'test-secret-test-secret-test-secret-42';
const ROOT = path.resolve(import.meta.dirname, '../..');

let ctx: TestContext;
let cookie: string;
let stageId: string;
const children: ChildProcess[] = [];
const work = mkdtempSync(path.join(tmpdir(), 'revisions-crash-'));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(
  fn: () => Promise<T | undefined> | T | undefined,
  ms: number,
  what: string,
) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A node process in its own process group, so SIGKILL takes its ffmpeg children too. */
function start(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

const killHard = (child: ChildProcess) => {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
};

const files = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name))
    : [];

/** A multipart body around `size` bytes of an MP4-looking file, streamed from one buffer. */
function streamingUpload(
  port: number,
  size: number,
  opts: { onProgress?: (sent: number) => Promise<void> | void } = {},
) {
  const boundary = '----prodtrack-crash-test';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\n` +
      `Content-Type: video/mp4\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  // An `ftyp` box is all file-type needs to call it video/mp4.
  const ftyp = Buffer.alloc(32);
  ftyp.writeUInt32BE(32, 0);
  ftyp.write('ftypisom', 4, 'latin1');
  ftyp.write('isomiso2avc1mp41', 16, 'latin1');
  const chunk = Buffer.alloc(1024 * 1024);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/stages/${stageId}/revisions`,
        headers: {
          origin: TEST_ORIGIN,
          cookie,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + size + tail.length),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    void (async () => {
      req.write(head);
      req.write(ftyp);
      let sent = ftyp.length;
      while (sent < size) {
        const n = Math.min(chunk.length, size - sent);
        const ok = req.write(n === chunk.length ? chunk : chunk.subarray(0, n));
        sent += n;
        if (!ok) await new Promise((r) => req.once('drain', r));
        await opts.onProgress?.(sent);
      }
      req.end(tail);
    })().catch(reject);
  });
}

describe.runIf(TEST_DB_KIND === 'postgres')('crashes and big uploads', () => {
  beforeAll(async () => {
    ctx = await createTestApp();
    const org = await seedOrg(ctx, 'Crash Org');
    cookie = await signIn(ctx, org.users.PRODUCER.email);
    const producer = client(ctx, cookie);
    const pipe = await producer.post('/api/pipelines', {
      name: 'Motion',
      stages: [{ key: 'edit', name: 'Edit' }],
    });
    const project = await producer.post('/api/projects', {
      name: 'Crash Test',
      projectCode: 'CR-1',
      pipelineTemplateId: pipe.json().id,
    });
    const d = await producer.post(`/api/projects/${project.json().id}/deliverables`, {
      name: 'Spot',
    });
    stageId = d.json().stages[0].id;
  });
  afterAll(async () => {
    for (const c of children) killHard(c);
    await ctx?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const rowsOnStage = () =>
    ctx.database.db.select().from(revisions).where(eq(revisions.deliverableStageId, stageId));

  it('a server killed mid-upload leaves no row, and the sweep removes its partial file', async () => {
    const dataDir = mkdtempSync(path.join(work, 'server-'));
    const port = await freePort();
    const server = start('src/server/main.ts', {
      DATABASE_URL: ctx.database.connection.connectionString!,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_URL: TEST_ORIGIN,
      AUTH_SECRET,
      SEED_DEMO: 'false',
      RUN_WORKER: 'false',
    });
    await until(
      () =>
        fetch(`http://127.0.0.1:${port}/api/health`)
          .then((r) => r.ok)
          .catch(() => false),
      30_000,
      'the server to start',
    );
    const blobs = path.join(dataDir, 'blobs');
    let killed = false;
    const upload = streamingUpload(port, 200 * 1024 * 1024, {
      onProgress: async (sent) => {
        if (!killed && sent >= 20 * 1024 * 1024) {
          killed = true;
          await until(() => files(blobs).some((f) => f.endsWith('.part')), 10_000, 'a .part');
          killHard(server);
        }
      },
    }).catch(() => ({ status: 0, body: '' }));
    expect((await upload).status).toBe(0); // the connection died with the server
    expect(files(blobs).some((f) => f.endsWith('.part'))).toBe(true);
    expect(await rowsOnStage()).toHaveLength(0);

    const config = parseConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
    const media = new MediaProcessor(ctx.database.db, new LocalBlobStore(blobs), config);
    expect((await media.sweep(0)).removed).toBeGreaterThan(0);
    expect(files(blobs)).toEqual([]);
  });

  it.runIf(hasFfmpeg)(
    'a worker killed mid-transcode: the revision is taken over and finished, nothing is left behind',
    async () => {
      const input = path.join(work, 'long.mp4');
      const gen = spawnSync('ffmpeg', [
        '-hide_banner',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=1280x720:rate=25:duration=12',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-pix_fmt',
        'yuv420p',
        input,
      ]);
      expect(gen.status).toBe(0);
      // Upload through this app (no queue here), then enqueue for the worker process.
      const { multipart } = await import('../helpers/multipart');
      const { readFileSync } = await import('node:fs');
      const body = multipart([
        { name: 'file', filename: 'long.mp4', contentType: 'video/mp4', data: readFileSync(input) },
      ]);
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/api/stages/${stageId}/revisions`,
        headers: { origin: TEST_ORIGIN, cookie, 'content-type': body.contentType },
        payload: body.payload,
      });
      expect(res.statusCode, res.body).toBe(201);
      const revisionId = res.json().id as string;
      const queue = new JobQueue({ connection: ctx.database.connection });
      await queue.start();
      await queue.send('media.process', { revisionId });

      const env = {
        DATABASE_URL: ctx.database.connection.connectionString!,
        DATA_DIR: ctx.config.DATA_DIR,
        MEDIA_STALE_SECONDS: '2',
      };
      const worker = start('src/server/worker.ts', env);
      const asset = async () =>
        (await ctx.database.db.select().from(revisions).where(eq(revisions.id, revisionId)))[0]!
          .asset!;
      await until(
        async () => {
          const p = (await asset()).processing;
          return p.state === 'running' && p.progress > 5 ? true : undefined;
        },
        60_000,
        'the transcode to be under way',
      );
      killHard(worker);
      await sleep(300);
      const workRoot = path.join(ctx.config.DATA_DIR, 'work');
      expect(files(workRoot).length).toBeGreaterThan(0); // the dead run's half-made files

      // A new worker notices the stale run (media.recover runs every minute; here by hand).
      const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
      const handlers = createJobHandlers(ctx.database.db, config, queue, () => {});
      await queue.work(handlers);
      await sleep(2500);
      await handlers['media.recover']!({}, { id: 'manual', name: 'media.recover', retryCount: 0 });
      const done = await until(
        async () => {
          const a = await asset();
          return a.processing.state === 'done' || a.processing.state === 'failed' ? a : undefined;
        },
        90_000,
        'the taken-over run to finish',
      );
      expect(done.processing).toMatchObject({ state: 'done', progress: 100 });
      expect(done.renditions?.hls).toBeTruthy();
      await queue.stop();

      // Leftovers of the dead run are swept; what the row points at stays.
      const media = new MediaProcessor(
        ctx.database.db,
        new LocalBlobStore(path.join(ctx.config.DATA_DIR, 'blobs')),
        config,
      );
      await media.sweep(0);
      expect(files(workRoot)).toEqual([]);
      const folder = path.join(ctx.config.DATA_DIR, 'blobs', 'revisions', revisionId);
      const kept = readdirSync(folder).sort();
      const expected = [done.key, ...Object.values(done.renditions ?? {}).map((r) => r.key)]
        .map((k) => k.split('/').pop()!)
        .sort();
      expect(kept).toEqual(expected);
    },
    240_000,
  );

  it('a 1 GiB upload streams to disk without growing the server’s memory', async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as AddressInfo;
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 25);
    const size = 1024 * 1024 * 1024;
    const res = await streamingUpload(port, size);
    clearInterval(sampler);
    expect(res.status, res.body).toBe(201);
    const revision = JSON.parse(res.body) as { id: string; asset: { size: number } };
    expect(revision.asset.size).toBe(size);
    const folder = path.join(ctx.config.DATA_DIR, 'blobs', 'revisions', revision.id);
    expect(statSync(path.join(folder, readdirSync(folder)[0]!)).size).toBe(size);
    const growthMb = (peak - baseline) / 1024 / 1024;
    console.log(`1 GiB upload: RSS grew by ${growthMb.toFixed(1)} MB at peak`);
    expect(growthMb).toBeLessThan(120);
  }, 180_000);
});
