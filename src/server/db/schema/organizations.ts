/** Organizations (tenants), their RBAC matrix, invitations, client teams and pods. */
import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAtColumn, idColumn, tstz, updatedAtColumn } from './columns';
import { permission, role } from './enums';

export const organizations = pgTable('organizations', {
  id: idColumn(),
  name: text('name').notNull(),
  /** Globally unique. */
  domain: text('domain').notNull().unique(),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
});

export const orgRolePermissions = pgTable(
  'org_role_permissions',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    role: role('role').notNull(),
    permission: permission('permission').notNull(),
  },
  (t) => [
    unique('org_role_permissions_org_role_permission_unique').on(
      t.organizationId,
      t.role,
      t.permission,
    ),
    index('org_role_permissions_organization_id_idx').on(t.organizationId),
  ],
);

/**
 * The founding `token` column is deliberately absent: we store only `token_hash`
 * (a hash of the invitation token); the token itself is mailed once and never stored.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: idColumn(),
    email: text('email').notNull(),
    role: role('role').notNull().default('ARTIST'),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    invitedById: text('invited_by_id')
      .notNull()
      .references((): AnyPgColumn => users.id),
    /** Hash of the invitation token (replaces the founding `token`; its unique index also serves lookups). */
    tokenHash: text('token_hash').notNull().unique(),
    /** Client teams the invitee joins on acceptance. */
    clientTeamIds: jsonb('client_team_ids').$type<string[]>().notNull().default([]),
    expiresAt: tstz('expires_at').notNull(),
    acceptedAt: tstz('accepted_at'),
    revokedAt: tstz('revoked_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique('invitations_email_organization_id_unique').on(t.email, t.organizationId),
    index('invitations_organization_id_idx').on(t.organizationId),
    index('invitations_invited_by_id_idx').on(t.invitedById),
  ],
);

export const clientTeams = pgTable(
  'client_teams',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique('client_teams_organization_id_slug_unique').on(t.organizationId, t.slug),
    index('client_teams_organization_id_idx').on(t.organizationId),
  ],
);

export const clientTeamMemberships = pgTable(
  'client_team_memberships',
  {
    userId: text('user_id')
      .notNull()
      .references((): AnyPgColumn => users.id, { onDelete: 'cascade' }),
    clientTeamId: text('client_team_id')
      .notNull()
      .references(() => clientTeams.id, { onDelete: 'cascade' }),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.clientTeamId] }),
    index('client_team_memberships_client_team_id_idx').on(t.clientTeamId),
  ],
);

/** Production pods (capacity grouping). */
export const pods = pgTable(
  'pods',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    leadUserId: text('lead_user_id').references((): AnyPgColumn => users.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique('pods_organization_id_slug_unique').on(t.organizationId, t.slug),
    index('pods_organization_id_idx').on(t.organizationId),
    index('pods_lead_user_id_idx').on(t.leadUserId),
  ],
);
