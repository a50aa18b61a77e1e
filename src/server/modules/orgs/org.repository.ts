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

/** Organizations, their role → permission matrix, and the caller lookup. */
export class OrgRepository {
  constructor(private readonly db: Db) {}

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
