/** Shared column builders for the schema files (not tables; nothing here reaches the DB by itself). */
import { text, timestamp } from 'drizzle-orm/pg-core';
import { newId } from '../ids';

/** Opaque text primary key, generated in the app. */
export const idColumn = () => text('id').primaryKey().$defaultFn(newId);

/**
 * timestamptz at millisecond precision, read and written as a JS Date. Milliseconds, not
 * PostgreSQL's default microseconds, so a value read into JS compares equal to the stored one:
 * keyset cursors depend on that.
 */
export const tstz = (name: string) =>
  timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

export const createdAtColumn = () => tstz('created_at').notNull().defaultNow();

export const updatedAtColumn = () =>
  tstz('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
