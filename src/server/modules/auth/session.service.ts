import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BetterAuthOptions } from 'better-auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isPermission } from '../../../domain/permissions';
import type { Caller } from '../../caller';
import type { Config } from '../../config';
import { forwardSetCookies, toFetchHeaders } from '../../http/fetch-bridge';
import type { OrgRepository, SessionCallerRow } from '../orgs/org.repository';
import type { Auth } from './better-auth';

/** What the fast path needs from better-auth's settings, read once. */
interface FastPathSettings {
  cookieName: string;
  cacheCookieName: string;
  secret: string;
  expiresInMs: number;
  updateAgeMs: number;
}

/**
 * Turns a request's session cookie into a Caller: the user, their org, role, the org's
 * permissions for that role and (for client viewers) their client teams.
 *
 * Most requests take a read-only fast path: one query, no better-auth round trip. It accepts
 * only what better-auth's getSession would accept without writing anything; every other case
 * (bad or odd cookie, unknown, expired or disabled session, one due for its sliding refresh)
 * goes to getSession, which stays the authority for deleting, refreshing and clearing cookies.
 * Nothing is cached: each request reads the session row, so a sign-out or revocation holds at
 * once.
 */
export class SessionService {
  private fastPath: Promise<FastPathSettings | null> | undefined;

  constructor(
    private readonly auth: Auth,
    private readonly orgs: OrgRepository,
    private readonly config: Config,
  ) {}

  async resolve(request: FastifyRequest, reply?: FastifyReply): Promise<Caller | null> {
    if (request.caller) return request.caller;
    const cookieHeader = request.headers.cookie;
    if (!cookieHeader || !cookieHeader.includes('session_token')) return null;
    const caller =
      (await this.resolveFast(request)) ?? (await this.resolveViaBetterAuth(request, reply));
    if (caller) request.caller = caller;
    return caller;
  }

  mustChangePassword(caller: Caller): boolean {
    return caller.mustChangePassword && caller.apiKeyId === null;
  }

  private async resolveViaBetterAuth(
    request: FastifyRequest,
    reply?: FastifyReply,
  ): Promise<Caller | null> {
    const result = await this.auth.api.getSession({
      headers: toFetchHeaders(request),
      returnHeaders: true,
    });
    const found = result.response;
    if (!found) return null;
    if (this.pastAbsoluteCap(found.session.createdAt)) {
      await this.orgs.deleteSession(found.session.id);
      return null;
    }
    const caller = await this.orgs.loadCaller(found.user.id, found.session.id);
    if (!caller) return null;
    if (reply) forwardSetCookies(result.headers, reply);
    return caller;
  }

  /** The caller when better-auth would answer with this session and change nothing, else null. */
  private async resolveFast(request: FastifyRequest): Promise<Caller | null> {
    const settings = await (this.fastPath ??= this.fastPathSettings());
    if (!settings) return null;
    // @fastify/cookie's parse keeps the first of repeated names and URL-decodes, as better-call
    // does; where they differ (quoted values) the signature check below fails and better-auth
    // decides.
    const cookies = request.cookies as Record<string, string | undefined> | undefined;
    if (!cookies) return null;
    // A leftover cookie-cache cookie is cleared by getSession (the cache is off).
    if (Object.keys(cookies).some((name) => name.startsWith(settings.cacheCookieName))) return null;
    const token = verifiedToken(cookies[settings.cookieName], settings.secret);
    if (!token) return null;
    const row = await this.orgs.findSessionCaller(token);
    if (!row || row.disabled || this.pastAbsoluteCap(row.createdAt)) return null;
    const now = Date.now();
    // getSession deletes an expired session, and extends one once `updateAge` has passed since
    // its last extension (expiresAt - expiresIn + updateAge <= now): both are its to do.
    if (row.expiresAt <= now) return null;
    if (row.expiresAt - settings.expiresInMs + settings.updateAgeMs <= now) return null;
    return toCaller(row);
  }

  private async fastPathSettings(): Promise<FastPathSettings | null> {
    const ctx = await this.auth.$context;
    const options: BetterAuthOptions = ctx.options;
    // With a cookie cache, secondary storage or deferred refresh, getSession reads or writes
    // elsewhere: the fast path would not be equivalent, so it stays off.
    const { session } = options;
    if (options.secondaryStorage || session?.cookieCache?.enabled || session?.deferSessionRefresh)
      return null;
    return {
      cookieName: ctx.authCookies.sessionToken.name,
      cacheCookieName: ctx.authCookies.sessionData.name,
      secret: ctx.secret,
      expiresInMs: ctx.sessionConfig.expiresIn * 1000,
      updateAgeMs: ctx.sessionConfig.updateAge * 1000,
    };
  }

  /** However active, a session ends this long after sign-in. */
  private pastAbsoluteCap(createdAt: Date | number): boolean {
    const absoluteMs = this.config.SESSION_ABSOLUTE_HOURS * 3600_000;
    return new Date(createdAt).getTime() + absoluteMs < Date.now();
  }
}

/**
 * The token of a better-call signed cookie (`token.base64(HMAC-SHA256(secret, token))`), or null
 * when the value is missing, malformed or not signed with `secret`.
 */
function verifiedToken(value: string | undefined, secret: string): string | null {
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(createHmac('sha256', secret).update(token).digest('base64'));
  // Canonical base64 only (44 characters); better-call would also take other spellings of the
  // same bytes, and those fall through to it.
  return signature.length === expected.length && timingSafeEqual(signature, expected)
    ? token
    : null;
}

function toCaller(row: SessionCallerRow): Caller {
  return {
    userId: row.userId,
    name: row.name,
    email: row.email,
    orgId: row.orgId,
    role: row.role,
    permissions: new Set(row.permissions.filter(isPermission)),
    isExternal: row.isExternal,
    clientTeamIds: row.teams,
    sessionId: row.sessionId,
    apiKeyId: null,
    mustChangePassword: row.mustChangePassword,
  };
}
