import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/client';
import { PostgresLiveBus, type LiveEvent } from '../../src/server/modules/notifications/live-bus';
import { createTestDatabase, TEST_DB_KIND } from '../helpers/test-db';

// Several web processes share one PostgreSQL: an event published by one reaches the others.
describe.runIf(TEST_DB_KIND === 'postgres')('live bus over LISTEN/NOTIFY', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it('delivers an event published by one process to a subscriber in another', async () => {
    const a = new PostgresLiveBus(database.connection, database.pool);
    const b = new PostgresLiveBus(database.connection, database.pool);
    await a.start();
    await b.start();
    const got: LiveEvent[] = [];
    const other: LiveEvent[] = [];
    b.subscribe('user-1', (e) => got.push(e));
    b.subscribe('user-2', (e) => other.push(e));
    await a.publish({ userId: 'user-1', type: 'unread', data: { count: 3 } });
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([{ userId: 'user-1', type: 'unread', data: { count: 3 } }]);
    expect(other).toEqual([]);
    await a.close();
    await b.close();
  });
});
