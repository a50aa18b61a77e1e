/**
 * Org-scoped pipeline templates and their stage definitions.
 *
 * The founding document's legacy global stage templates (PipelineStageTemplate and the v1
 * PipelineStageDependency) are left out; the founding PipelineStageDependencyV2 model
 * takes over the table name `pipeline_stage_dependencies`.
 */
import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns';
import { approvalType } from './enums';
import { organizations } from './organizations';

export const pipelineTemplates = pgTable(
  'pipeline_templates',
  {
    id: idColumn(),
    name: text('name').notNull(),
    description: text('description'),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    isArchived: boolean('is_archived').notNull().default(false),
    isDefault: boolean('is_default').notNull().default(false),
    /**
     * Regex applied to incoming file names (Box webhook / API upload / manual
     * upload-by-filename) to extract OMG # + slug + optional version. Null = the system
     * default `^(\d+)_([a-z0-9-]+)(?:_v(\d+))?(?:\.[a-z0-9]+)?$`.
     */
    inboundFilenameRegex: text('inbound_filename_regex'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    unique('pipeline_templates_organization_id_name_unique').on(t.organizationId, t.name),
    index('pipeline_templates_organization_id_idx').on(t.organizationId),
  ],
);

export const pipelineStageDefinitions = pgTable(
  'pipeline_stage_definitions',
  {
    id: idColumn(),
    pipelineId: text('pipeline_id')
      .notNull()
      .references(() => pipelineTemplates.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    order: integer('order').notNull(),
    isCriticalGate: boolean('is_critical_gate').notNull().default(false),
    isOptional: boolean('is_optional').notNull().default(false),
    description: text('description'),
    estimatedDays: doublePrecision('estimated_days'),
    color: text('color'),
    /** Free-form per-stage sub-statuses (shape owned by the pipeline editor). */
    customStatuses: jsonb('custom_statuses'),
    approvalType: approvalType('approval_type').notNull().default('NONE'),
  },
  (t) => [
    unique('pipeline_stage_definitions_pipeline_id_slug_unique').on(t.pipelineId, t.slug),
    // Plain (not deferrable) unique: reordering must go through a temporary order value.
    unique('pipeline_stage_definitions_pipeline_id_order_unique').on(t.pipelineId, t.order),
  ],
);

/** Forward prerequisites between stage definitions of one pipeline (founding PipelineStageDependencyV2). */
export const pipelineStageDependencies = pgTable(
  'pipeline_stage_dependencies',
  {
    id: idColumn(),
    stageId: text('stage_id').notNull(),
    prerequisiteId: text('prerequisite_id').notNull(),
  },
  (t) => [
    // explicit FK names: the generated ones exceed PostgreSQL's 63-character limit
    foreignKey({
      name: 'pipeline_stage_dependencies_stage_id_fk',
      columns: [t.stageId],
      foreignColumns: [pipelineStageDefinitions.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'pipeline_stage_dependencies_prerequisite_id_fk',
      columns: [t.prerequisiteId],
      foreignColumns: [pipelineStageDefinitions.id],
    }).onDelete('cascade'),
    unique('pipeline_stage_dependencies_stage_id_prerequisite_id_unique').on(
      t.stageId,
      t.prerequisiteId,
    ),
    index('pipeline_stage_dependencies_prerequisite_id_idx').on(t.prerequisiteId),
  ],
);

/**
 * Declared backward "rework" paths: from stage X a deliverable may be pushed back to
 * stage Y. Without an entry a stage can only move forward.
 */
export const pipelineStageReworks = pgTable(
  'pipeline_stage_reworks',
  {
    id: idColumn(),
    fromStageId: text('from_stage_id').notNull(),
    toStageId: text('to_stage_id').notNull(),
  },
  (t) => [
    foreignKey({
      name: 'pipeline_stage_reworks_from_stage_id_fk',
      columns: [t.fromStageId],
      foreignColumns: [pipelineStageDefinitions.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'pipeline_stage_reworks_to_stage_id_fk',
      columns: [t.toStageId],
      foreignColumns: [pipelineStageDefinitions.id],
    }).onDelete('cascade'),
    unique('pipeline_stage_reworks_from_stage_id_to_stage_id_unique').on(
      t.fromStageId,
      t.toStageId,
    ),
    index('pipeline_stage_reworks_from_stage_id_idx').on(t.fromStageId),
    index('pipeline_stage_reworks_to_stage_id_idx').on(t.toStageId),
  ],
);
