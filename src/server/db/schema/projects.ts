/** Projects, custom field definitions and incoming briefs. */
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAtColumn, idColumn, tstz, updatedAtColumn } from './columns';
import { briefStatus, customFieldEntity, customFieldType, priority, projectStatus } from './enums';
import { clientTeams, organizations } from './organizations';
import { pipelineTemplates } from './pipelines';

/** Values of custom fields, keyed by custom_field_definitions.field_name. */
export type CustomFieldValues = Record<string, string | number | boolean | null>;

export const projects = pgTable(
  'projects',
  {
    id: idColumn(),
    /** Unique per organization. */
    projectCode: text('project_code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    status: projectStatus('status').notNull().default('ACTIVE'),
    priority: priority('priority').notNull().default('MEDIUM'),
    startDate: tstz('start_date'),
    dueDate: tstz('due_date'),
    businessUnit: text('business_unit'),
    formFactor: text('form_factor'),
    codeName: text('code_name'),
    npiOrRefresh: text('npi_or_refresh'),
    quarter: text('quarter'),
    /** Free-form owner name from intake; fallback label when no user matches. */
    requestor: text('requestor'),
    requestorUserId: text('requestor_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    workfrontId: text('workfront_id'),
    omgCode: text('omg_code'),
    bmtId: text('bmt_id'),
    estimatedCost: doublePrecision('estimated_cost'),
    actualCost: doublePrecision('actual_cost'),
    agency: text('agency'),
    /** Upstream OMG job number (canonical key for intake + inbound matching); unique per organization. */
    omgJobNumber: text('omg_job_number'),
    customFields: jsonb('custom_fields').$type<CustomFieldValues>(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    clientTeamId: text('client_team_id').references(() => clientTeams.id, {
      onDelete: 'set null',
    }),
    pipelineTemplateId: text('pipeline_template_id').references(() => pipelineTemplates.id, {
      onDelete: 'set null',
    }),
    /** The project's Box folder (outbound pushes go below it). */
    boxFolderId: text('box_folder_id'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    unique('projects_organization_id_project_code_unique').on(t.organizationId, t.projectCode),
    unique('projects_organization_id_omg_job_number_unique').on(t.organizationId, t.omgJobNumber),
    index('projects_organization_id_idx').on(t.organizationId),
    index('projects_client_team_id_idx').on(t.clientTeamId),
    index('projects_pipeline_template_id_idx').on(t.pipelineTemplateId),
    index('projects_status_idx').on(t.status),
    index('projects_requestor_user_id_idx').on(t.requestorUserId),
    index('projects_organization_id_created_at_idx').on(t.organizationId, t.createdAt),
  ],
);

export const customFieldDefinitions = pgTable(
  'custom_field_definitions',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    entityType: customFieldEntity('entity_type').notNull(),
    fieldName: text('field_name').notNull(),
    fieldType: customFieldType('field_type').notNull(),
    /** For SELECT fields. */
    fieldOptions: jsonb('field_options').$type<{ options: string[] }>(),
    isRequired: boolean('is_required').notNull().default(false),
    order: integer('order').notNull().default(0),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    unique('custom_field_definitions_org_entity_type_field_name_unique').on(
      t.organizationId,
      t.entityType,
      t.fieldName,
    ),
    index('custom_field_definitions_organization_id_idx').on(t.organizationId),
  ],
);

/**
 * A request that has arrived (manually, by API or by webhook) but is not yet a project.
 * On promotion status becomes CONVERTED and converted_project_id links the project.
 */
export const briefs = pgTable(
  'briefs',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    /** "manual" | "api" | "webhook:<system>". */
    source: text('source').notNull().default('manual'),
    /** External idempotency key (webhook/API); unique per organization. */
    externalId: text('external_id'),
    requestorName: text('requestor_name'),
    requestorEmail: text('requestor_email'),
    status: briefStatus('status').notNull().default('PENDING'),
    priority: priority('priority').notNull().default('MEDIUM'),
    requestedDueDate: tstz('requested_due_date'),
    clientTeamId: text('client_team_id').references(() => clientTeams.id, {
      onDelete: 'set null',
    }),
    convertedProjectId: text('converted_project_id').references(() => projects.id, {
      onDelete: 'set null',
    }),
    /** Anything in the incoming payload that was not mapped. */
    rawPayload: jsonb('raw_payload'),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    unique('briefs_organization_id_external_id_unique').on(t.organizationId, t.externalId),
    index('briefs_organization_id_idx').on(t.organizationId),
    index('briefs_status_idx').on(t.status),
    index('briefs_client_team_id_idx').on(t.clientTeamId),
    index('briefs_converted_project_id_idx').on(t.convertedProjectId),
  ],
);
