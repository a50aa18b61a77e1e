import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { and, eq, isNull } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { newId } from '../../db/ids';
import { accounts, organizations, sessions, users, verifications } from '../../db/schema';
import type { Mailer } from '../mail/mailer';
import {
  hashPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from './password-hash';

export const OIDC_PROVIDER_ID = 'oidc';
export const SESSION_COOKIE_PREFIX = 'prodtrack';

export interface AuthDeps {
  config: Config;
  db: Db;
  mailer: Mailer;
  secret: string;
}

/**
 * better-auth owns sessions, password storage, reset tokens and the OIDC dance. Our rules sit
 * around it: the org/role model, disabled accounts, throttling (in auth.routes) and the
 * must-change-password flag.
 */
export function createAuth({ config, db, mailer, secret }: AuthDeps) {
  const trustedOrigins = [config.appUrl];
  if (config.NODE_ENV === 'development') trustedOrigins.push('http://localhost:5173');

  const auth = betterAuth({
    appName: 'prodtrack',
    logger: { level: 'error' },
    baseURL: config.appUrl,
    basePath: '/api/auth',
    secret,
    trustedOrigins,
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    // Throttling is ours (stored in the database, so it holds across web processes).
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: config.appUrl.startsWith('https://'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' },
      database: { generateId: () => newId() },
      ipAddress: { ipAddressHeaders: ['x-forwarded-for'] },
    },
    session: {
      // Idle expiry: a session unused for this long ends. The absolute cap is checked on every
      // request (session.service.ts).
      expiresIn: config.SESSION_IDLE_MINUTES * 60,
      updateAge: Math.min(config.SESSION_IDLE_MINUTES * 15, 3600),
      cookieCache: { enabled: false },
    },
    user: {
      additionalFields: {
        organizationId: { type: 'string', required: false, input: false },
        role: { type: 'string', required: false, input: false },
        mustChangePassword: { type: 'boolean', required: false, input: false },
        isExternal: { type: 'boolean', required: false, input: false },
      },
    },
    account: {
      accountLinking: { enabled: true, trustedProviders: [OIDC_PROVIDER_ID] },
    },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      autoSignIn: false,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      password: {
        hash: hashPassword,
        verify: ({ hash, password }) => verifyPassword(hash, password),
      },
      resetPasswordTokenExpiresIn: config.PASSWORD_RESET_TTL_MINUTES * 60,
      revokeSessionsOnPasswordReset: true,
      async sendResetPassword({ user, token }) {
        const link = `${config.appUrl}/reset-password?token=${encodeURIComponent(token)}`;
        const row = await db.query.users.findFirst({ where: eq(users.id, user.id) });
        await mailer.send({
          organizationId: row?.organizationId ?? null,
          to: user.email,
          subject: 'Reset your prodtrack password',
          text:
            `Someone (hopefully you) asked to reset the password of ${user.email}.\n\n` +
            `Choose a new password here (the link works once, for ${config.PASSWORD_RESET_TTL_MINUTES} minutes):\n${link}\n\n` +
            'If you did not ask for this, ignore this e-mail.',
        });
      },
      async onPasswordReset({ user }) {
        await db
          .update(users)
          .set({ mustChangePassword: false, failedLoginCount: 0, lockedUntil: null })
          .where(eq(users.id, user.id));
      },
    },
    databaseHooks: {
      user: {
        create: {
          // Only OIDC creates users through better-auth (sign-up is off): place them in the
          // configured organization, or refuse.
          async before(user) {
            if (user.organizationId) return;
            const domain = config.OIDC_DEFAULT_ORG_DOMAIN;
            if (!domain) return false;
            const org = await db.query.organizations.findFirst({
              where: eq(organizations.domain, domain),
            });
            if (!org) return false;
            return {
              data: { ...user, organizationId: org.id, role: 'ARTIST', mustChangePassword: false },
            };
          },
        },
      },
      session: {
        create: {
          // A disabled account gets no session, whichever way it signs in.
          async before(session) {
            const row = await db.query.users.findFirst({
              where: and(eq(users.id, session.userId), isNull(users.disabledAt)),
            });
            if (!row) return false;
          },
          async after(session) {
            await db
              .update(users)
              .set({ lastLoginAt: new Date(), failedLoginCount: 0, lockedUntil: null })
              .where(eq(users.id, session.userId));
          },
        },
      },
    },
    plugins: config.oidcEnabled
      ? [
          genericOAuth({
            config: [
              {
                providerId: OIDC_PROVIDER_ID,
                name: config.OIDC_LABEL,
                discoveryUrl: `${config.OIDC_ISSUER!.replace(/\/$/, '')}/.well-known/openid-configuration`,
                clientId: config.OIDC_CLIENT_ID!,
                clientSecret: config.OIDC_CLIENT_SECRET!,
                scopes: ['openid', 'email', 'profile'],
                pkce: true,
                disableImplicitSignUp: !config.OIDC_DEFAULT_ORG_DOMAIN,
              },
            ],
          }),
        ]
      : [],
  });
  return auth;
}

export type Auth = ReturnType<typeof createAuth>;
