import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp, type App } from './app';
import type { Config } from './config';
import { openDatabase, runMigrations, type Database } from './db/client';
import { createJobHandlers } from './jobs/handlers';
import { JobQueue } from './jobs/queue';
import { LocalLiveBus, PostgresLiveBus, type LiveBus } from './modules/notifications/live-bus';
import { configureSecretKey } from './crypto/secret-box';
import { createServices, type Services } from './services';
import { blobStoreFor } from './storage/blob-store';

export interface Runtime {
  database: Database;
  queue: JobQueue;
  liveBus: LiveBus;
  app: App | null;
  close(): Promise<void>;
}

/**
 * The session-cookie secret: AUTH_SECRET, or one generated once and kept in the data folder
 * (fine for one machine; several web processes must share AUTH_SECRET).
 */
export function resolveAuthSecret(config: Config): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  const dir = path.resolve(config.DATA_DIR);
  const file = path.join(dir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export async function startRuntime(
  config: Config,
  opts: { web: boolean; worker: boolean; log: (msg: string, err?: unknown) => void },
): Promise<Runtime> {
  // Stored secrets (Box credentials, webhook keys) are sealed under the auth secret.
  configureSecretKey(resolveAuthSecret(config));
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? undefined : path.join(config.DATA_DIR, 'db'),
  });
  try {
    await runMigrations(database);
    const queue = new JobQueue({
      connection: database.connection,
      pool: database.kind === 'pglite' ? database.pool : undefined,
      log: opts.log,
    });
    await queue.start();
    let liveBus: LiveBus;
    if (database.kind === 'postgres') {
      const bus = new PostgresLiveBus(database.connection, database.pool);
      await bus.start();
      liveBus = bus;
    } else {
      liveBus = new LocalLiveBus();
    }
    let app: App | null = null;
    if (opts.web) {
      app = await buildApp({
        config,
        database,
        queue,
        liveBus,
        blobStore: blobStoreFor(config),
        authSecret: resolveAuthSecret(config),
      });
    }
    if (opts.worker) {
      // The worker's jobs share the app's services (one graph, live notifications); a worker
      // process without the web app builds its own once.
      let services: Promise<Services> | null = app ? Promise.resolve(app.services) : null;
      const servicesFor = () =>
        (services ??= createServices({
          config,
          database,
          queue,
          liveBus,
          blobStore: blobStoreFor(config),
          authSecret: resolveAuthSecret(config),
        }));
      await queue.work(
        createJobHandlers(database.db, config, queue, (m) => opts.log(m), servicesFor),
      );
      await queue.schedule('maintenance.sweep', '17 * * * *', {});
      await queue.schedule('media.recover', '* * * * *', {});
      await queue.schedule('integrations.sweep', '41 * * * *', {});
    }
    return {
      database,
      queue,
      liveBus,
      app,
      async close() {
        await app?.close();
        await queue.stop();
        await liveBus.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}
