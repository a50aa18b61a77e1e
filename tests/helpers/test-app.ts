import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../src/server/app';
import { parseConfig, type Config } from '../../src/server/config';
import type { Database } from '../../src/server/db/client';
import type { Role } from '../../src/domain/permissions';
import { createJobHandlers } from '../../src/server/jobs/handlers';
import { JobQueue } from '../../src/server/jobs/queue';
import { LocalLiveBus } from '../../src/server/modules/notifications/live-bus';
import {
  createOrganization,
  createUserWithPassword,
} from '../../src/server/modules/orgs/org-bootstrap';
import type { Services } from '../../src/server/services';
import { LocalBlobStore } from '../../src/server/storage/blob-store';
import { createTestDatabase } from './test-db';

export const TEST_ORIGIN = 'http://localhost:3999';
export const PASSWORD = 'correct-horse-battery';

export interface TestContext {
  app: App;
  database: Database;
  config: Config;
  liveBus: LocalLiveBus;
  queue: JobQueue | null;
  close(): Promise<void>;
}

export async function createTestApp(
  env: Record<string, string> = {},
  opts: { withJobs?: boolean } = {},
): Promise<TestContext> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'prodtrack-test-'));
  const config = parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    APP_URL: TEST_ORIGIN,
    DATA_DIR: dataDir,
    ...env,
  });
  const database = await createTestDatabase();
  const liveBus = new LocalLiveBus();
  let queue: JobQueue | null = null;
  // Jobs use the app's services once it is built (they only run after that in practice).
  let appServices: (value: Services) => void = () => {};
  const servicesReady = new Promise<Services>((resolve) => (appServices = resolve));
  if (opts.withJobs) {
    queue = new JobQueue({
      connection: database.connection,
      pool: database.kind === 'pglite' ? database.pool : undefined,
      pollingIntervalSeconds: 0.5,
    });
    await queue.start();
    await queue.work(
      createJobHandlers(
        database.db,
        config,
        queue,
        () => {},
        () => servicesReady,
      ),
    );
  }
  const app = await buildApp({
    config,
    database,
    queue,
    liveBus,
    blobStore: new LocalBlobStore(path.join(dataDir, 'blobs')),
    authSecret: 'test-secret-test-secret-test-secret-42',
  });
  await app.ready();
  appServices(app.services);
  return {
    app,
    database,
    config,
    liveBus,
    queue,
    async close() {
      await app.close();
      await queue?.stop();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SeededOrg {
  orgId: string;
  users: Record<Role, { id: string; email: string }>;
}

let orgCounter = 0;

/** An organization with one user per role, all with PASSWORD. */
export async function seedOrg(ctx: TestContext, name = `Org ${++orgCounter}`): Promise<SeededOrg> {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Math.random().toString(36).slice(2, 7)}`;
  const db = ctx.database.db;
  return db.transaction(async (tx) => {
    const org = await createOrganization(tx, { name, domain: `${slug}.test` });
    const users = {} as SeededOrg['users'];
    for (const role of ['ADMIN', 'PRODUCER', 'ARTIST', 'CLIENT_VIEWER'] as const) {
      const email = `${role.toLowerCase().replace('_', '-')}@${slug}.test`;
      const u = await createUserWithPassword(db, tx, org.id, {
        email,
        name: `${role} of ${name}`,
        role,
        password: PASSWORD,
      });
      users[role] = { id: u.id, email };
    }
    return { orgId: org.id, users };
  });
}

export function cookieFrom(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.map((c) => c.split(';')[0]).join('; ');
}

export async function signIn(
  ctx: TestContext,
  email: string,
  password = PASSWORD,
): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    headers: { origin: ctx.config.appUrl },
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return cookieFrom(res);
}

/** A small client bound to one session cookie. */
export function client(ctx: TestContext, cookie?: string) {
  const send = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    ctx.app.inject({
      method,
      url,
      headers: { origin: ctx.config.appUrl, ...(cookie ? { cookie } : {}) },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, body: unknown = {}) => send('POST', url, body),
    put: (url: string, body: unknown = {}) => send('PUT', url, body),
    patch: (url: string, body: unknown = {}) => send('PATCH', url, body),
    delete: (url: string) => send('DELETE', url),
  };
}

export async function signedInClient(ctx: TestContext, email: string, password = PASSWORD) {
  return client(ctx, await signIn(ctx, email, password));
}
