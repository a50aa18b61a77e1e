import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/server/config';
import {
  DatabaseLockedError,
  openDatabase,
  runMigrations,
  type Database,
} from '../../src/server/db/client';
import {
  clientTeamMemberships,
  deliverableStages,
  organizations,
  projects,
  users,
} from '../../src/server/db/schema';
import { seedDemo } from '../../src/server/seed/demo-seed';
import { createTestDatabase, TEST_DB_KIND } from '../helpers/test-db';

describe.runIf(TEST_DB_KIND === 'pglite')('embedded database folder', () => {
  it('refuses a second process on the same data folder with a clear message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'prodtrack-lock-'));
    const first = await openDatabase({ dataDir: dir });
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DatabaseLockedError);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(
        /in use by another prodtrack process/,
      );
    } finally {
      await first.close();
    }
    // Once closed, the folder opens again, with its data.
    const again = await openDatabase({ dataDir: dir });
    await runMigrations(again);
    await again.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a second `npm start` on the same folder exits with a clear message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'prodtrack-start-'));
    const env = {
      ...process.env,
      DATA_DIR: dir,
      PORT: '0',
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD: 'demo-password-1',
    };
    const first = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env });
    let out = '';
    first.stdout.on('data', (d: Buffer) => (out += d.toString()));
    first.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      for (let i = 0; i < 300 && !out.includes('prodtrack is running'); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain('prodtrack is running');
      expect(out).toContain('admin@demo.prodtrack.test');
      const second = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env,
        encoding: 'utf8',
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toMatch(/is in use by another prodtrack process/);
    } finally {
      first.kill('SIGTERM');
      await new Promise((r) => first.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('demo seed', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it('creates two organizations, one user per role, client-team and internal projects', async () => {
    const config = parseConfig({
      DEMO_PASSWORD: 'demo-password-x',
      ADMIN_EMAIL: 'boss@demo.test',
      ADMIN_PASSWORD: 'boss-password-1',
    });
    const result = await seedDemo(database.db, config);
    expect(result.seeded).toBe(true);
    expect(result.lines.join('\n')).toMatch(/boss@demo\.test/);
    const db = database.db;
    const orgs = await db.select().from(organizations);
    expect(orgs.map((o) => o.name).sort()).toEqual(['Demo Agency', 'Northwind Studio']);
    const demo = orgs.find((o) => o.name === 'Demo Agency')!;
    const demoUsers = await db.select().from(users).where(eq(users.organizationId, demo.id));
    expect(new Set(demoUsers.map((u) => u.role))).toEqual(
      new Set(['ADMIN', 'PRODUCER', 'ARTIST', 'CLIENT_VIEWER']),
    );
    expect(demoUsers.find((u) => u.email === 'boss@demo.test')?.mustChangePassword).toBe(true);
    const client = demoUsers.find((u) => u.role === 'CLIENT_VIEWER')!;
    expect(client.isExternal).toBe(true);
    expect(
      await db
        .select()
        .from(clientTeamMemberships)
        .where(eq(clientTeamMemberships.userId, client.id)),
    ).toHaveLength(1);
    const demoProjects = await db
      .select()
      .from(projects)
      .where(eq(projects.organizationId, demo.id));
    expect(demoProjects.length).toBeGreaterThanOrEqual(3);
    expect(demoProjects.every((p) => p.omgJobNumber)).toBe(true);
    expect(demoProjects.some((p) => p.clientTeamId === null)).toBe(true);
    expect(demoProjects.some((p) => p.clientTeamId !== null)).toBe(true);
    const statuses = new Set((await db.select().from(deliverableStages)).map((s) => s.status));
    expect(statuses.size).toBeGreaterThanOrEqual(3);
    const [unassigned] = await db
      .select({ value: count() })
      .from(projects)
      .where(isNull(projects.pipelineTemplateId));
    expect(unassigned?.value).toBe(0);
    // Seeding again does nothing.
    expect((await seedDemo(database.db, config)).seeded).toBe(false);
  });
});
