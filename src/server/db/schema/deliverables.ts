/** Deliverables, their attachments, per-deliverable stage instances, assignments and status history. */
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAtColumn, idColumn, tstz, updatedAtColumn } from './columns';
import {
  assignmentRole,
  deliverableStatus,
  priority,
  stageStatus,
  type AttachmentKind,
  type StatusHistoryEntityType,
} from './enums';
import { apiKeys } from './integrations';
import { organizations } from './organizations';
import { pipelineStageDefinitions } from './pipelines';
import { projects, type CustomFieldValues } from './projects';

export const deliverables = pgTable(
  'deliverables',
  {
    id: idColumn(),
    name: text('name').notNull(),
    status: deliverableStatus('status').notNull().default('NOT_STARTED'),
    /** ON_HOLD is a manual flag kept beside the derived status. */
    isOnHold: boolean('is_on_hold').notNull().default(false),
    priority: priority('priority').notNull().default('MEDIUM'),
    dueDate: tstz('due_date'),
    notes: text('notes'),
    cmfSku: text('cmf_sku'),
    assetCount: integer('asset_count'),
    requestedDueDate: tstz('requested_due_date'),
    plannedDeliveryDate: tstz('planned_delivery_date'),
    actualDeliveryDate: tstz('actual_delivery_date'),
    wfInputDate: tstz('wf_input_date'),
    customFields: jsonb('custom_fields').$type<CustomFieldValues>(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /**
     * Optional override for the inbound matcher slug; null = slugify(name).
     */
    boxAliasSlug: text('box_alias_slug'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index('deliverables_project_id_idx').on(t.projectId),
    index('deliverables_organization_id_idx').on(t.organizationId),
    index('deliverables_status_idx').on(t.status),
    index('deliverables_organization_id_status_idx').on(t.organizationId, t.status),
    index('deliverables_project_id_created_at_idx').on(t.projectId, t.createdAt),
    // The cross-project table sorts by due date or recency within an org.
    index('deliverables_organization_id_due_date_idx').on(t.organizationId, t.dueDate, t.id),
    index('deliverables_organization_id_created_at_idx').on(t.organizationId, t.createdAt, t.id),
  ],
);

/**
 * Files uploaded to a deliverable, or external links (Figma, Drive, …). A null
 * stage_definition_id means the attachment applies to the whole deliverable.
 */
export const deliverableAttachments = pgTable(
  'deliverable_attachments',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    deliverableId: text('deliverable_id')
      .notNull()
      .references(() => deliverables.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<AttachmentKind>().notNull(),
    title: text('title').notNull(),
    /** Storage key / app URL for files, external https URL for links. */
    url: text('url').notNull(),
    mimeType: text('mime_type'),
    fileSize: integer('file_size'),
    thumbnailUrl: text('thumbnail_url'),
    stageDefinitionId: text('stage_definition_id'),
    createdById: text('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAtColumn(),
  },
  (t) => [
    // explicit FK name: the generated one exceeds PostgreSQL's 63-character limit
    foreignKey({
      name: 'deliverable_attachments_stage_definition_id_fk',
      columns: [t.stageDefinitionId],
      foreignColumns: [pipelineStageDefinitions.id],
    }).onDelete('set null'),
    index('deliverable_attachments_deliverable_id_idx').on(t.deliverableId),
    index('deliverable_attachments_stage_definition_id_idx').on(t.stageDefinitionId),
    index('deliverable_attachments_organization_id_idx').on(t.organizationId),
    index('deliverable_attachments_created_by_id_idx').on(t.createdById),
  ],
);

/** A deliverable's instance of one pipeline stage definition. */
export const deliverableStages = pgTable(
  'deliverable_stages',
  {
    id: idColumn(),
    status: stageStatus('status').notNull().default('BLOCKED'),
    revisionRound: integer('revision_round').notNull().default(0),
    startDate: tstz('start_date'),
    completedDate: tstz('completed_date'),
    dueDate: tstz('due_date'),
    notes: text('notes'),
    subStatus: text('sub_status'),
    manualSchedule: boolean('manual_schedule').notNull().default(false),
    scheduleConflict: boolean('schedule_conflict').notNull().default(false),
    scheduleDelta: integer('schedule_delta'),
    deliverableId: text('deliverable_id')
      .notNull()
      .references(() => deliverables.id, { onDelete: 'cascade' }),
    /** Required (the founding templateId to legacy global stage templates is gone). */
    stageDefinitionId: text('stage_definition_id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    // explicit FK name: the generated one exceeds PostgreSQL's 63-character limit
    foreignKey({
      name: 'deliverable_stages_stage_definition_id_fk',
      columns: [t.stageDefinitionId],
      foreignColumns: [pipelineStageDefinitions.id],
    }),
    unique('deliverable_stages_deliverable_id_stage_definition_id_unique').on(
      t.deliverableId,
      t.stageDefinitionId,
    ),
    index('deliverable_stages_deliverable_id_idx').on(t.deliverableId),
    index('deliverable_stages_stage_definition_id_idx').on(t.stageDefinitionId),
    index('deliverable_stages_organization_id_idx').on(t.organizationId),
    index('deliverable_stages_status_idx').on(t.status),
    index('deliverable_stages_organization_id_status_idx').on(t.organizationId, t.status),
  ],
);

export const stageAssignments = pgTable(
  'stage_assignments',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Nullable as in the founding document. */
    role: assignmentRole('role').default('LEAD'),
    deliverableStageId: text('deliverable_stage_id')
      .notNull()
      .references(() => deliverableStages.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique('stage_assignments_deliverable_stage_id_user_id_unique').on(
      t.deliverableStageId,
      t.userId,
    ),
    index('stage_assignments_user_id_idx').on(t.userId),
    index('stage_assignments_organization_id_idx').on(t.organizationId),
  ],
);

/**
 * Every status change of a deliverable, stage, revision, project or brief, with who made
 * it (a user, or an API key — shown as "via API key <name>").
 */
export const statusHistory = pgTable(
  'status_history',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    entityType: text('entity_type').$type<StatusHistoryEntityType>().notNull(),
    entityId: text('entity_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    actorUserId: text('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorApiKeyId: text('actor_api_key_id').references((): AnyPgColumn => apiKeys.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index('status_history_entity_type_entity_id_created_at_idx').on(
      t.entityType,
      t.entityId,
      t.createdAt,
    ),
    index('status_history_organization_id_idx').on(t.organizationId),
    index('status_history_actor_user_id_idx').on(t.actorUserId),
    index('status_history_actor_api_key_id_idx').on(t.actorApiKeyId),
  ],
);
