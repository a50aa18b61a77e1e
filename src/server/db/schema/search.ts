/**
 * Search logs and assistant chat history.
 * (The founding pgvector `embedding` columns on projects/deliverables are added by a later
 * migration, so this one applies on PostgreSQL without pgvector.)
 */
import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAtColumn, idColumn } from './columns';
import type { ChatMessageRole } from './enums';
import { organizations } from './organizations';

export const searchLogs = pgTable(
  'search_logs',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    query: text('query').notNull(),
    resultCount: integer('result_count').notNull().default(0),
    clickedId: text('clicked_id'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index('search_logs_user_id_idx').on(t.userId),
    index('search_logs_organization_id_idx').on(t.organizationId),
  ],
);

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: idColumn(),
    sessionId: text('session_id').notNull(),
    role: text('role').$type<ChatMessageRole>().notNull(),
    content: text('content').notNull(),
    /** Tool calls made by the assistant. */
    toolCalls: jsonb('tool_calls'),
    /** Results of the tool executions. */
    toolResults: jsonb('tool_results'),
    /** Context: active project, etc. */
    metadata: jsonb('metadata'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index('chat_messages_session_id_idx').on(t.sessionId),
    index('chat_messages_user_id_idx').on(t.userId),
    index('chat_messages_organization_id_idx').on(t.organizationId),
  ],
);
