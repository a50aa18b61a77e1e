/**
 * Authentication tables, shaped after better-auth 1.7's core schema.
 *
 * better-auth reads and writes these through its drizzle adapter by JS property name,
 * so the property names of `users`, `sessions`, `accounts` and `verifications` must stay
 * exactly as better-auth names its fields (id, name, email, emailVerified, image,
 * createdAt, updatedAt, expiresAt, token, ipAddress, userAgent, userId, accountId,
 * providerId, accessToken, refreshToken, idToken, accessTokenExpiresAt,
 * refreshTokenExpiresAt, scope, password, identifier, value). SQL names are snake_case.
 *
 * How the founding document's Auth.js models map onto these:
 *  - User.passwordHash          → accounts.password of the row with providerId 'credential'
 *  - User.passwordResetToken    → verifications row (identifier `reset-password:<token>`,
 *    User.passwordResetExpires     value = user id, expiresAt) — better-auth's reset flow
 *  - User.emailVerified (DateTime?) → users.emailVerified (boolean, better-auth core)
 *  - User.mustChangePassword, lastLoginAt, isExternal, role, … → kept as columns on users
 *  - Account (Auth.js: provider, providerAccountId, refresh_token, access_token,
 *    expires_at, id_token, scope, token_type, session_state)
 *                               → accounts (providerId, accountId, refreshToken, accessToken,
 *                                 accessTokenExpiresAt, idToken, scope); unique
 *                                 (provider_id, account_id) replaces @@unique([provider,
 *                                 providerAccountId]); Auth.js-only `type`, `token_type` and
 *                                 `session_state` have no better-auth counterpart and are dropped
 *  - Session (sessionToken, expires) → sessions (token, expiresAt)
 *  - VerificationToken (identifier, token, expires) → verifications (identifier, value,
 *    expiresAt); covered entirely by better-auth's verification table.
 */
import {
  boolean,
  index,
  integer,
  pgTable,
  text,
  unique,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { newId } from '../ids';
import { createdAtColumn, tstz, updatedAtColumn } from './columns';
import { role } from './enums';
import { organizations, pods } from './organizations';

export const users = pgTable(
  'users',
  {
    // better-auth core fields
    id: text('id').primaryKey().$defaultFn(newId),
    name: text('name').notNull().default(''),
    email: text('email').notNull().unique(),
    emailVerified: boolean('email_verified').notNull().default(false),
    image: text('image'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    // founding User fields (passwordHash / passwordResetToken / passwordResetExpires are
    // NOT columns — see the file comment)
    role: role('role').notNull().default('ARTIST'),
    department: text('department'),
    maxCapacity: integer('max_capacity').notNull().default(5),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    lastLoginAt: tstz('last_login_at'),
    /** Fast filter for CLIENT_VIEWER users. */
    isExternal: boolean('is_external').notNull().default(false),
    organizationId: text('organization_id')
      .notNull()
      .references((): AnyPgColumn => organizations.id, { onDelete: 'cascade' }),
    homePodId: text('home_pod_id').references((): AnyPgColumn => pods.id, {
      onDelete: 'set null',
    }),
    // prodtrack additions
    disabledAt: tstz('disabled_at'),
    /** Per-account sign-in throttling. */
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: tstz('locked_until'),
  },
  (t) => [
    index('users_home_pod_id_idx').on(t.homePodId),
    index('users_is_external_idx').on(t.isExternal),
    index('users_organization_id_idx').on(t.organizationId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    expiresAt: tstz('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: tstz('access_token_expires_at'),
    refreshTokenExpiresAt: tstz('refresh_token_expires_at'),
    scope: text('scope'),
    /** Password hash for providerId 'credential' (founding User.passwordHash). */
    password: text('password'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    unique('accounts_provider_id_account_id_unique').on(t.providerId, t.accountId),
    index('accounts_user_id_idx').on(t.userId),
  ],
);

/** Covers the founding VerificationToken model (and password reset tokens). */
export const verifications = pgTable(
  'verifications',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [index('verifications_identifier_idx').on(t.identifier)],
);

/** Sign-in attempts for throttling, keyed e.g. 'ip:1.2.3.4' or 'email:x@y.z'. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    key: text('key').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [index('login_attempts_key_created_at_idx').on(t.key, t.createdAt)],
);
