/** Shared column builders for the schema files (not tables; nothing here reaches the DB by itself). */
import { text, timestamp } from 'drizzle-orm/pg-core';
import { newId } from '../ids';

/** Opaque text primary key, generated in the app. */
export const idColumn = () => text('id').primaryKey().$defaultFn(newId);

/** timestamptz, read and written as a JS Date. */
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const createdAtColumn = () => tstz('created_at').notNull().defaultNow();

export const updatedAtColumn = () =>
  tstz('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
