import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { isPermission, type Role } from '../../../domain/permissions';
import { requireAdminToGrant, requirePermission, type Caller } from '../../caller';
import type { Db } from '../../db/client';
import { apiKeys, orgRolePermissions, users } from '../../db/schema';
import { AppError, badRequest, notFound } from '../../errors';

/** Recognisable in logs and secret scanners; the rest is 256 random bits. */
export const API_KEY_PREFIX = 'ptk_';
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

/** Routes that take an API key (API.md: `/api/v1/*` and `/api/briefs`, nowhere else). */
export function acceptsApiKey(routeUrl: string | undefined): boolean {
  if (!routeUrl) return false;
  return (
    routeUrl.startsWith('/api/v1/') ||
    routeUrl === '/api/briefs' ||
    routeUrl.startsWith('/api/briefs/')
  );
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function newApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** The key in `Authorization: Bearer <key>`, or null when the request carries none. */
function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

export interface ApiKeyOut {
  id: string;
  name: string;
  role: Role;
  keyPrefix: string;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Org API keys: created and revoked by API_KEY_MANAGE, turned into a Caller on each request. */
export class ApiKeyService {
  constructor(private readonly db: Db) {}

  async create(caller: Caller, input: { name: string; role?: Role }) {
    requirePermission(caller, 'API_KEY_MANAGE');
    const role = input.role ?? 'PRODUCER';
    if (role === 'CLIENT_VIEWER')
      throw badRequest('An API key acts as a staff role: choose ADMIN, PRODUCER or ARTIST', [
        { path: 'role', message: 'client viewer keys are not supported' },
      ]);
    requireAdminToGrant(caller, role);
    if (caller.apiKeyId)
      throw new AppError('FORBIDDEN', 'An API key cannot create other API keys; sign in to do it');
    const key = newApiKey();
    const [row] = await this.db
      .insert(apiKeys)
      .values({
        organizationId: caller.orgId,
        name: input.name,
        role,
        keyPrefix: key.slice(0, SHOWN_PREFIX_LENGTH),
        keyHash: hashApiKey(key),
        createdById: caller.userId,
      })
      .returning();
    return { ...this.present(row!, { id: caller.userId, name: caller.name }), key };
  }

  async list(caller: Caller): Promise<{ items: ApiKeyOut[]; nextCursor: null }> {
    requirePermission(caller, 'API_KEY_MANAGE');
    const rows = await this.db
      .select({ key: apiKeys, creatorName: users.name })
      .from(apiKeys)
      .leftJoin(users, eq(users.id, apiKeys.createdById))
      .where(eq(apiKeys.organizationId, caller.orgId))
      .orderBy(sql`${apiKeys.revokedAt} is not null`, desc(apiKeys.createdAt), desc(apiKeys.id));
    return {
      items: rows.map((r) =>
        this.present(r.key, r.creatorName ? { id: r.key.createdById, name: r.creatorName } : null),
      ),
      nextCursor: null,
    };
  }

  /** Revoking twice is fine; the key stops working at once either way. */
  async revoke(caller: Caller, id: string): Promise<void> {
    requirePermission(caller, 'API_KEY_MANAGE');
    const [row] = await this.db
      .select({ id: apiKeys.id, role: apiKeys.role })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, id), eq(apiKeys.organizationId, caller.orgId)));
    if (!row) throw notFound('API key');
    requireAdminToGrant(caller, row.role);
    await this.db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  }

  /**
   * The caller of a request that carries `Authorization: Bearer <key>`, or null when it carries
   * none (the session decides then). A key on a route that does not take keys, an unknown key
   * and a revoked key are refused with 401 and say which.
   */
  async resolve(request: FastifyRequest): Promise<Caller | null> {
    const token = bearerToken(request);
    if (token === null) {
      if (request.headers.authorization)
        throw new AppError(
          'UNAUTHENTICATED',
          'The Authorization header must be "Bearer <API key>"',
        );
      return null;
    }
    if (!acceptsApiKey(request.routeOptions.url))
      throw new AppError(
        'UNAUTHENTICATED',
        'API keys are accepted only on /api/v1/* and /api/briefs; sign in to use this route',
      );
    const [row] = await this.db
      .select({
        id: apiKeys.id,
        name: apiKeys.name,
        orgId: apiKeys.organizationId,
        role: apiKeys.role,
        createdById: apiKeys.createdById,
        revokedAt: apiKeys.revokedAt,
        lastUsedAt: apiKeys.lastUsedAt,
        // Qualified by hand: inside the subquery an unqualified column would bind to rp.
        permissions: sql<
          string[]
        >`coalesce((select array_agg(rp.permission::text) from ${orgRolePermissions} rp where rp.organization_id = "api_keys"."organization_id" and rp.role = "api_keys"."role"), '{}')`,
      })
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, hashApiKey(token)));
    if (!row) throw new AppError('UNAUTHENTICATED', 'The API key is not valid');
    if (row.revokedAt)
      throw new AppError('UNAUTHENTICATED', `The API key "${row.name}" has been revoked`);
    // lastUsedAt is for people ("used 3 minutes ago"): one write a minute is plenty.
    if (!row.lastUsedAt || row.lastUsedAt.getTime() < Date.now() - 60_000) {
      await this.db
        .update(apiKeys)
        .set({ lastUsedAt: new Date() })
        .where(
          and(
            eq(apiKeys.id, row.id),
            or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(Date.now() - 60_000))),
          ),
        );
    }
    const caller: Caller = {
      // The creator stands behind the key where a user id is required; histories record the
      // key itself (actorApiKeyId) and show its name.
      userId: row.createdById,
      name: `API key ${row.name}`,
      email: '',
      orgId: row.orgId,
      role: row.role,
      permissions: new Set(row.permissions.filter(isPermission)),
      isExternal: false,
      clientTeamIds: [],
      sessionId: null,
      mustChangePassword: false,
      apiKeyId: row.id,
    };
    request.caller = caller;
    return caller;
  }

  private present(
    row: typeof apiKeys.$inferSelect,
    createdBy: { id: string; name: string } | null,
  ): ApiKeyOut {
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      keyPrefix: row.keyPrefix,
      createdBy,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
    };
  }
}
