/**
 * Integrations: API keys, idempotency records, Box (connections, webhook events, push
 * log), the inbound log of every channel, and incoming-webhook endpoints.
 */
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAtColumn, idColumn, tstz, updatedAtColumn } from './columns';
import { deliverables } from './deliverables';
import {
  boxInboundStatus,
  boxPushStatus,
  inboundOutcome,
  inboundSource,
  role,
  type IdempotencyState,
  type WebhookEndpointKind,
} from './enums';
import { organizations } from './organizations';
import { projects } from './projects';
import { holdingPenFiles, revisions } from './revisions';

/** Org API keys; they act with the permissions of `role`. Only a hash of the key is stored. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: role('role').notNull().default('PRODUCER'),
    /** First characters of the key, shown in the UI to recognise it. */
    keyPrefix: text('key_prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    createdById: text('created_by_id')
      .notNull()
      .references((): AnyPgColumn => users.id),
    lastUsedAt: tstz('last_used_at'),
    revokedAt: tstz('revoked_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index('api_keys_organization_id_idx').on(t.organizationId),
    index('api_keys_created_by_id_idx').on(t.createdById),
  ],
);

/**
 * Stored answers of POSTs that carried an Idempotency-Key, scoped by (org, key holder,
 * route, key). `state` is IN_FLIGHT (response_body/status_code null) until the response
 * is stored, then DONE. created_at drives the 24-hour sweep.
 */
export const idempotencyRecords = pgTable(
  'idempotency_records',
  {
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The API key id or user id that sent the request. */
    keyHolder: text('key_holder').notNull(),
    route: text('route').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseBody: jsonb('response_body'),
    statusCode: integer('status_code'),
    state: text('state').$type<IdempotencyState>().notNull().default('IN_FLIGHT'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({
      name: 'idempotency_records_pkey',
      columns: [t.organizationId, t.keyHolder, t.route, t.key],
    }),
    index('idempotency_records_created_at_idx').on(t.createdAt),
  ],
);

/** A configured Box app (credentials, webhook signature keys, root folder). */
export const boxConnections = pgTable(
  'box_connections',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    clientId: text('client_id').notNull(),
    clientSecret: text('client_secret').notNull(),
    enterpriseId: text('enterprise_id'),
    developerToken: text('developer_token'),
    /** Overrides for tests / proxies; null = Box's public endpoints. */
    apiBaseUrl: text('api_base_url'),
    uploadBaseUrl: text('upload_base_url'),
    rootFolderId: text('root_folder_id').notNull(),
    webhookPrimaryKey: text('webhook_primary_key').notNull(),
    webhookSecondaryKey: text('webhook_secondary_key'),
    isEnabled: boolean('is_enabled').notNull().default(true),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [index('box_connections_organization_id_idx').on(t.organizationId)],
);

export type BoxWebhookEventStatus = 'RECEIVED' | 'PROCESSED' | 'IGNORED' | 'FAILED';

/** Box webhook deliveries already accepted (redelivery dedup) and what became of them. */
export const boxWebhookEvents = pgTable(
  'box_webhook_events',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: text('connection_id')
      .notNull()
      .references(() => boxConnections.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    /** What Box said happened (FILE.UPLOADED, …) and to which file. */
    trigger: text('trigger'),
    boxFileId: text('box_file_id'),
    fileName: text('file_name'),
    /** RECEIVED until the inbound.box job has run, then PROCESSED / IGNORED / FAILED. */
    status: text('status').$type<BoxWebhookEventStatus>().notNull().default('RECEIVED'),
    error: text('error'),
    /** The inbound log row the file produced (set once processed). */
    inboundLogId: text('inbound_log_id'),
    processedAt: tstz('processed_at'),
    receivedAt: tstz('received_at').notNull().defaultNow(),
  },
  (t) => [
    unique('box_webhook_events_connection_id_event_id_unique').on(t.connectionId, t.eventId),
    index('box_webhook_events_organization_id_idx').on(t.organizationId),
    index('box_webhook_events_received_at_idx').on(t.receivedAt),
  ],
);

/** Every outbound push of a revision's asset to Box. */
export const boxPushLogs = pgTable(
  'box_push_logs',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    deliverableId: text('deliverable_id')
      .notNull()
      .references(() => deliverables.id, { onDelete: 'cascade' }),
    revisionId: text('revision_id').references(() => revisions.id, { onDelete: 'set null' }),
    boxFolderId: text('box_folder_id'),
    /** The uploaded file in Box (set on success). */
    boxFileId: text('box_file_id'),
    /** The name the file was given in Box. */
    fileName: text('file_name'),
    status: boxPushStatus('status').notNull().default('PENDING'),
    attempt: integer('attempt').notNull().default(1),
    error: text('error'),
    sentAt: tstz('sent_at').notNull().defaultNow(),
  },
  (t) => [
    index('box_push_logs_deliverable_id_idx').on(t.deliverableId),
    index('box_push_logs_status_idx').on(t.status),
    index('box_push_logs_organization_id_idx').on(t.organizationId),
    index('box_push_logs_revision_id_idx').on(t.revisionId),
  ],
);

/**
 * Every inbound file of every channel (founding BoxInboundLog, widened): what arrived,
 * what it matched, and what became of it. box_file_id / box_status are set for Box only.
 */
export const inboundLogs = pgTable(
  'inbound_logs',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    channel: inboundSource('channel').notNull(),
    fileName: text('file_name').notNull(),
    boxFileId: text('box_file_id'),
    outcome: inboundOutcome('outcome').notNull(),
    /** The founding BoxInboundLog.status, for Box deliveries. */
    boxStatus: boxInboundStatus('box_status'),
    matchedProjectId: text('matched_project_id').references(() => projects.id, {
      onDelete: 'set null',
    }),
    matchedDeliverableId: text('matched_deliverable_id').references(() => deliverables.id, {
      onDelete: 'set null',
    }),
    revisionId: text('revision_id').references(() => revisions.id, { onDelete: 'set null' }),
    holdingPenFileId: text('holding_pen_file_id').references(() => holdingPenFiles.id, {
      onDelete: 'set null',
    }),
    /** Why the file was held / not matched (for people). */
    reason: text('reason'),
    error: text('error'),
    receivedAt: tstz('received_at').notNull().defaultNow(),
  },
  (t) => [
    index('inbound_logs_organization_id_received_at_idx').on(t.organizationId, t.receivedAt),
    index('inbound_logs_outcome_idx').on(t.outcome),
    index('inbound_logs_box_status_idx').on(t.boxStatus),
    index('inbound_logs_received_at_idx').on(t.receivedAt),
    index('inbound_logs_matched_project_id_idx').on(t.matchedProjectId),
    index('inbound_logs_matched_deliverable_id_idx').on(t.matchedDeliverableId),
    index('inbound_logs_revision_id_idx').on(t.revisionId),
    index('inbound_logs_holding_pen_file_id_idx').on(t.holdingPenFileId),
  ],
);

/** Incoming signed-webhook endpoints (Standard Webhooks), one secret each. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind').$type<WebhookEndpointKind>().notNull().default('BRIEFS'),
    secret: text('secret').notNull(),
    isEnabled: boolean('is_enabled').notNull().default(true),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [index('webhook_endpoints_organization_id_idx').on(t.organizationId)],
);
