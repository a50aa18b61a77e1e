/** Automation engine: rules and their executions. */
import { boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAtColumn, idColumn, tstz, updatedAtColumn } from './columns';
import { executionStatus } from './enums';
import { organizations } from './organizations';

export interface AutomationCondition {
  field: string;
  operator: string;
  value: unknown;
}
export interface AutomationTrigger {
  event: string;
  conditions: AutomationCondition[];
}
export interface AutomationAction {
  type: string;
  params: Record<string, unknown>;
}

export const automationRules = pgTable(
  'automation_rules',
  {
    id: idColumn(),
    name: text('name').notNull(),
    description: text('description'),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    isEnabled: boolean('is_enabled').notNull().default(true),
    trigger: jsonb('trigger').$type<AutomationTrigger>().notNull(),
    actions: jsonb('actions').$type<AutomationAction[]>().notNull(),
    createdById: text('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index('automation_rules_organization_id_idx').on(t.organizationId),
    index('automation_rules_is_enabled_idx').on(t.isEnabled),
    index('automation_rules_created_by_id_idx').on(t.createdById),
  ],
);

export const automationExecutions = pgTable(
  'automation_executions',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ruleId: text('rule_id')
      .notNull()
      .references(() => automationRules.id, { onDelete: 'cascade' }),
    /** The event payload that triggered the execution. */
    triggeredBy: jsonb('triggered_by').notNull(),
    /** Actions taken and their outcomes. */
    result: jsonb('result').notNull(),
    status: executionStatus('status').notNull(),
    error: text('error'),
    executedAt: tstz('executed_at').notNull().defaultNow(),
  },
  (t) => [
    index('automation_executions_rule_id_idx').on(t.ruleId),
    index('automation_executions_executed_at_idx').on(t.executedAt),
    index('automation_executions_organization_id_idx').on(t.organizationId),
  ],
);
