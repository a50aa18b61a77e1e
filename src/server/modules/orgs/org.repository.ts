import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  isPermission,
  PERMISSIONS,
  ROLES,
  type Permission,
  type Role,
} from '../../../domain/permissions';
import type { Caller } from '../../caller';
import type { Db, DbOrTx } from '../../db/client';
import {
  clientTeamMemberships,
  organizations,
  orgRolePermissions,
  sessions,
  users,
} from '../../db/schema';

export type RoleMatrix = Record<Role, Permission[]>;

export interface SessionCallerRow {
  sessionId: string;
  /** Epoch milliseconds, as better-auth compares them with Date.now(). */
  expiresAt: number;
  createdAt: number;
  userId: string;
  name: string;
  email: string;
  orgId: string;
  role: Role;
  isExternal: boolean;
  mustChangePassword: boolean;
  disabled: boolean;
  permissions: string[];
  teams: string[];
}

/** Organizations, their role → permission matrix, and the caller lookup. */
export class OrgRepository {
  constructor(private readonly db: Db) {}

  /**
   * A session by its token with everything a Caller needs — the user, their role's permissions
   * and client teams — in one round trip (better-auth's getSession plus loadCaller take three). Written as SQL text: it runs on every request, and drizzle's query builder took
   * about as long to assemble it as PostgreSQL took to run it.
   */
  async findSessionCaller(token: string): Promise<SessionCallerRow | null> {
    const { rows } = await this.db.execute<Record<keyof SessionCallerRow, unknown>>(sql`
      select s.id as "sessionId",
             (extract(epoch from s.expires_at) * 1000)::float8 as "expiresAt",
             (extract(epoch from s.created_at) * 1000)::float8 as "createdAt",
             u.id as "userId", u.name, u.email, u.organization_id as "orgId", u.role,
             u.is_external as "isExternal", u.must_change_password as "mustChangePassword",
             u.disabled_at is not null as disabled,
             coalesce((select array_agg(rp.permission::text) from ${orgRolePermissions} rp
                       where rp.organization_id = u.organization_id and rp.role = u.role), '{}')
               as permissions,
             coalesce((select array_agg(m.client_team_id) from ${clientTeamMemberships} m
                       where m.user_id = u.id), '{}') as teams
      from ${sessions} s join ${users} u on u.id = s.user_id
      where s.token = ${token}`);
    return (rows[0] as SessionCallerRow | undefined) ?? null;
  }

  /** The caller in one round trip: the user, their role's permissions and client teams. */
  async loadCaller(userId: string, sessionId: string | null): Promise<Caller | null> {
    const [row] = await this.db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        orgId: users.organizationId,
        role: users.role,
        isExternal: users.isExternal,
        mustChangePassword: users.mustChangePassword,
        permissions: sql<
          string[]
        >`coalesce((select array_agg(rp.permission::text) from ${orgRolePermissions} rp where rp.organization_id = "users"."organization_id" and rp.role = "users"."role"), '{}')`,
        teams: sql<
          string[]
        >`coalesce((select array_agg(m.client_team_id) from ${clientTeamMemberships} m where m.user_id = "users"."id"), '{}')`,
      })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.disabledAt)));
    if (!row) return null;
    const perms = row.permissions.filter(isPermission);
    const teams = row.teams.map((id) => ({ id }));
    return {
      userId: row.id,
      name: row.name,
      email: row.email,
      orgId: row.orgId,
      role: row.role,
      permissions: new Set(perms),
      isExternal: row.isExternal,
      clientTeamIds: teams.map((t) => t.id),
      sessionId,
      apiKeyId: null,
      mustChangePassword: row.mustChangePassword,
    };
  }

  async permissionsFor(orgId: string, role: Role): Promise<Permission[]> {
    const rows = await this.db
      .select({ permission: orgRolePermissions.permission })
      .from(orgRolePermissions)
      .where(and(eq(orgRolePermissions.organizationId, orgId), eq(orgRolePermissions.role, role)));
    return rows.map((r) => r.permission).filter(isPermission);
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.id, sessionId));
  }

  async getOrganization(orgId: string) {
    return this.db.query.organizations.findFirst({ where: eq(organizations.id, orgId) });
  }

  async findOrganizationByDomain(domain: string) {
    return this.db.query.organizations.findFirst({ where: eq(organizations.domain, domain) });
  }

  async updateOrganization(orgId: string, patch: { name?: string }) {
    const [row] = await this.db
      .update(organizations)
      .set(patch)
      .where(eq(organizations.id, orgId))
      .returning();
    return row;
  }

  async createOrganization(tx: DbOrTx, data: { name: string; domain: string }) {
    const [org] = await tx.insert(organizations).values(data).returning();
    return org!;
  }

  async getMatrix(orgId: string): Promise<RoleMatrix> {
    const rows = await this.db
      .select({ role: orgRolePermissions.role, permission: orgRolePermissions.permission })
      .from(orgRolePermissions)
      .where(eq(orgRolePermissions.organizationId, orgId));
    const matrix = Object.fromEntries(ROLES.map((r) => [r, [] as Permission[]])) as RoleMatrix;
    for (const r of rows) if (isPermission(r.permission)) matrix[r.role].push(r.permission);
    // Catalogue order, whatever order the rows come back in.
    for (const role of ROLES) matrix[role] = PERMISSIONS.filter((p) => matrix[role].includes(p));
    return matrix;
  }

  async setRolePermissions(
    tx: DbOrTx,
    orgId: string,
    role: Role,
    permissions: readonly Permission[],
  ): Promise<void> {
    await tx
      .delete(orgRolePermissions)
      .where(and(eq(orgRolePermissions.organizationId, orgId), eq(orgRolePermissions.role, role)));
    if (permissions.length) {
      await tx
        .insert(orgRolePermissions)
        .values(permissions.map((permission) => ({ organizationId: orgId, role, permission })));
    }
  }
}
