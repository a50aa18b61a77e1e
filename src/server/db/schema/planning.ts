/** Skills, capacity and resource bookings. */
import {
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns';
import { skillLevel } from './enums';
import { organizations } from './organizations';
import { pipelineStageDefinitions } from './pipelines';

export const skills = pgTable(
  'skills',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Unique per organization. */
    name: text('name').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique('skills_organization_id_name_unique').on(t.organizationId, t.name),
    index('skills_organization_id_idx').on(t.organizationId),
  ],
);

export const userSkills = pgTable(
  'user_skills',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    skillId: text('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    level: skillLevel('level').notNull().default('INTERMEDIATE'),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.skillId] }),
    index('user_skills_skill_id_idx').on(t.skillId),
  ],
);

/** Skills a pipeline stage definition needs (founding: attached to the legacy stage templates). */
export const stageSkillRequirements = pgTable(
  'stage_skill_requirements',
  {
    stageDefinitionId: text('stage_definition_id').notNull(),
    skillId: text('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    /** 1 = nice-to-have, 2 = important, 3 = required. */
    importance: integer('importance').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.stageDefinitionId, t.skillId] }),
    // explicit FK name: the generated one exceeds PostgreSQL's 63-character limit
    foreignKey({
      name: 'stage_skill_requirements_stage_definition_id_fk',
      columns: [t.stageDefinitionId],
      foreignColumns: [pipelineStageDefinitions.id],
    }).onDelete('cascade'),
    index('stage_skill_requirements_skill_id_idx').on(t.skillId),
  ],
);

/**
 * Daily capacity grid: N hours of a job for a person on a day. Several rows per
 * (user, date) are expected. job_number is free-form (OMG job number, project code or
 * an ad-hoc label).
 */
export const resourceBookings = pgTable(
  'resource_bookings',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Date only, 'YYYY-MM-DD'. */
    date: date('date', { mode: 'string' }).notNull(),
    jobNumber: text('job_number').notNull(),
    hours: doublePrecision('hours').notNull(),
    note: text('note'),
    createdById: text('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index('resource_bookings_organization_id_date_idx').on(t.organizationId, t.date),
    index('resource_bookings_user_id_date_idx').on(t.userId, t.date),
    index('resource_bookings_created_by_id_idx').on(t.createdById),
  ],
);
