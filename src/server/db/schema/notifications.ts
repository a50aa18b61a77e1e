/** In-app notifications, notification rules and the dev e-mail outbox. */
import { boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAtColumn, idColumn, updatedAtColumn, tstz } from './columns';
import { notificationType, type Role } from './enums';
import { organizations } from './organizations';

export const notifications = pgTable(
  'notifications',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    type: notificationType('type').notNull(),
    title: text('title').notNull(),
    message: text('message').notNull(),
    link: text('link'),
    isRead: boolean('is_read').notNull().default(false),
    readAt: tstz('read_at'),
    /** What the notification is about (e.g. 'DELIVERABLE' + id), if anything. */
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index('notifications_user_id_is_read_idx').on(t.userId, t.isRead),
    index('notifications_user_id_is_read_created_at_idx').on(
      t.userId,
      t.isRead,
      t.createdAt.desc(),
    ),
    index('notifications_user_id_created_at_idx').on(t.userId, t.createdAt),
    index('notifications_organization_id_idx').on(t.organizationId),
  ],
);

export interface NotificationRuleCondition {
  field: string;
  operator: string;
  value: unknown;
}
export type NotificationChannel = 'IN_APP' | 'EMAIL';
/** A role, or a relative recipient such as 'ASSIGNEE'. */
export type NotificationRecipient = Role | 'ASSIGNEE' | (string & {});

export const notificationRules = pgTable(
  'notification_rules',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    isEnabled: boolean('is_enabled').notNull().default(true),
    /** e.g. "STAGE_STATUS_CHANGE", "DEADLINE_APPROACHING", "REVISION_SUBMITTED". */
    event: text('event').notNull(),
    conditions: jsonb('conditions').$type<NotificationRuleCondition[]>(),
    channels: jsonb('channels').$type<NotificationChannel[]>().notNull(),
    recipientRoles: jsonb('recipient_roles').$type<NotificationRecipient[]>().notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index('notification_rules_organization_id_idx').on(t.organizationId),
    index('notification_rules_event_idx').on(t.event),
  ],
);

/** Mail that would have been sent, kept when no SMTP server is configured (development). */
export const outboxEmails = pgTable(
  'outbox_emails',
  {
    id: idColumn(),
    organizationId: text('organization_id').references(() => organizations.id, {
      onDelete: 'cascade',
    }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    /** Set once delivered over SMTP (the body is then blanked). */
    sentAt: tstz('sent_at'),
    lastError: text('last_error'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index('outbox_emails_organization_id_idx').on(t.organizationId),
    index('outbox_emails_to_address_created_at_idx').on(t.toAddress, t.createdAt),
  ],
);
