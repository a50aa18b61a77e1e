import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
/** A transaction handle or the database itself: repositories accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export const MIGRATIONS_FOLDER = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'migrations',
);

export interface Database {
  db: Db;
  pool: pg.Pool;
  kind: 'pglite' | 'postgres';
  /** Connection settings for other clients of the same database (the job queue). */
  connection: pg.PoolConfig;
  close(): Promise<void>;
}

export class DatabaseLockedError extends Error {}

export interface OpenOptions {
  /** postgres:// URL; without it the embedded PGlite is used. */
  url?: string;
  /** Folder for the embedded database; omitted = in memory (tests). */
  dataDir?: string;
  poolMax?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts.poolMax ?? 10) : openPglite(opts.dataDir);
}

async function openPostgres(url: string, poolMax: number): Promise<Database> {
  const connection: pg.PoolConfig = { connectionString: url };
  const pool = new pg.Pool({ ...connection, max: poolMax });
  pool.on('error', () => {
    /* idle client errors are reported on the next query */
  });
  await pool.query('select 1');
  return {
    db: drizzle(pool, { schema }),
    pool,
    kind: 'postgres',
    connection,
    close: () => pool.end(),
  };
}

/**
 * PGlite is single-connection and in-process. We expose it over the Postgres wire protocol
 * (pglite-socket) so the app, the migrator and pg-boss all use the same `pg` driver as on a real
 * server: one code path for both databases.
 */
async function openPglite(dataDir?: string): Promise<Database> {
  let release: (() => Promise<void>) | undefined;
  let pgdata = 'memory://';
  if (dataDir) {
    const dir = path.resolve(dataDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      // The lock is refreshed while we run; a crashed process's lock goes stale after 30 s
      // (PGlite's first start blocks the event loop for seconds on a busy machine, delaying the
      // refresh: a shorter window would let a second process in).
      release = await lockfile.lock(dir, {
        stale: 30_000,
        update: 2_000,
        retries: 0,
        realpath: false,
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
        throw new DatabaseLockedError(
          `The data folder ${dir} is in use by another prodtrack process. Stop it first ` +
            '(or set DATA_DIR to another folder). If no other process runs, wait 30 seconds and retry.',
        );
      }
      throw err;
    }
    pgdata = path.join(dir, 'pgdata');
  }
  const lite = await PGlite.create(pgdata);
  const server = new PGLiteSocketServer({
    db: lite,
    host: '127.0.0.1',
    port: 0,
    maxConnections: 32,
  });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  const connection: pg.PoolConfig = {
    host,
    port: Number(port),
    user: 'postgres',
    database: 'postgres',
  };
  // Every socket connection shares PGlite's one session, and pglite-socket may interleave the
  // protocol messages of concurrent connections outside a transaction (a Bind lands on another
  // connection's unnamed portal). One connection, shared by the app and the job queue, keeps
  // every statement whole.
  const pool = new pg.Pool({ ...connection, max: 1 });
  pool.on('error', () => {});
  return {
    db: drizzle(pool, { schema }),
    pool,
    kind: 'pglite',
    connection,
    async close() {
      await pool.end();
      await server.stop();
      await lite.close();
      await release?.();
    },
  };
}

export async function runMigrations(database: Database): Promise<void> {
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
}

export interface MigrationState {
  applied: number;
  latest: string | null;
}

export async function readMigrationState(database: Database): Promise<MigrationState> {
  const res = await database.pool.query<{ n: string; latest: string | null }>(
    'select count(*)::text as n, max(created_at)::text as latest from drizzle.__drizzle_migrations',
  );
  const row = res.rows[0];
  return { applied: Number(row?.n ?? 0), latest: row?.latest ?? null };
}
