import {
  checkRolePermissions,
  PERMISSION_INFO,
  PERMISSIONS,
  ROLES,
  type Permission,
  type Role,
} from '../../../domain/permissions';
import { requirePermission, type Caller } from '../../caller';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../errors';
import type { OrgRepository } from './org.repository';

export class OrgService {
  constructor(
    private readonly db: Db,
    private readonly orgs: OrgRepository,
  ) {}

  async getOrganization(caller: Caller) {
    const org = await this.orgs.getOrganization(caller.orgId);
    if (!org) throw notFound('Organization');
    return { id: org.id, name: org.name, domain: org.domain };
  }

  async updateOrganization(caller: Caller, patch: { name: string }) {
    requirePermission(caller, 'ORG_SETTINGS');
    const org = await this.orgs.updateOrganization(caller.orgId, patch);
    if (!org) throw notFound('Organization');
    return { id: org.id, name: org.name, domain: org.domain };
  }

  async getRoles(caller: Caller) {
    requirePermission(caller, 'ROLE_MANAGE');
    const matrix = await this.orgs.getMatrix(caller.orgId);
    return {
      roles: [...ROLES],
      permissions: PERMISSIONS.map((key) => ({
        key,
        group: PERMISSION_INFO[key][0],
        description: PERMISSION_INFO[key][1],
      })),
      matrix,
    };
  }

  async setRolePermissions(caller: Caller, role: Role, permissions: string[]) {
    requirePermission(caller, 'ROLE_MANAGE');
    const unique = [...new Set(permissions)];
    const problem = checkRolePermissions(role, unique);
    if (problem) {
      const code = problem.startsWith('Unknown') ? 'VALIDATION_FAILED' : 'CONFLICT';
      throw new AppError(
        code,
        problem,
        code === 'VALIDATION_FAILED' ? { fields: [{ path: 'permissions', message: problem }] } : {},
      );
    }
    const perms = unique as Permission[];
    await this.db.transaction((tx) => this.orgs.setRolePermissions(tx, caller.orgId, role, perms));
    return { role, permissions: PERMISSIONS.filter((p) => perms.includes(p)) };
  }
}
