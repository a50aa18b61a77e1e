import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, runMigrations, type Database } from '../../src/server/db/client';

export type TestDbKind = 'pglite' | 'postgres';

export const TEST_DB_KIND: TestDbKind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/**
 * The migrated template of this run. globalSetup names it per run (and the test workers inherit
 * the name), so two runs on one server never drop each other's template.
 */
const templateDb = () => process.env.TEST_TEMPLATE_DB ?? 'prodtrack_template';

function urlFor(database: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Migrates the template database once per run (vitest globalSetup for the postgres project). */
export async function dropTemplate(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${templateDb()} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export async function prepareTemplate(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${templateDb()} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${templateDb()}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: urlFor(templateDb()), poolMax: 2 });
  try {
    await runMigrations(database);
  } finally {
    await database.close();
  }
}

/**
 * A fresh, migrated database for one test file: a copy of the template on PostgreSQL, a new
 * in-memory PGlite otherwise. `close` drops it.
 */
export async function createTestDatabase(kind: TestDbKind = TEST_DB_KIND): Promise<Database> {
  if (kind === 'pglite') {
    const database = await openDatabase({});
    await runMigrations(database);
    return database;
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`);
  } finally {
    await admin.end();
  }
  const url = urlFor(name);
  const database = await openDatabase({ url, poolMax: 5 });
  const close = database.close;
  return {
    ...database,
    connection: { connectionString: url },
    async close() {
      await close();
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await c.end();
    },
  };
}
