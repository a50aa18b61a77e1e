import { DEFAULT_ROLE_PERMISSIONS, ROLES, type Role } from '../../../domain/permissions';
import type { DbOrTx } from '../../db/client';
import { organizations, orgRolePermissions } from '../../db/schema';
import { hashPassword } from '../auth/password-hash';
import { UserRepository } from '../orgs/user.repository';
import type { Db } from '../../db/client';

export interface BootstrapUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  mustChangePassword?: boolean;
}

/** Creates an organization with the default role → permission matrix. */
export async function createOrganization(tx: DbOrTx, data: { name: string; domain: string }) {
  const [org] = await tx.insert(organizations).values(data).returning();
  await tx.insert(orgRolePermissions).values(
    ROLES.flatMap((role) =>
      DEFAULT_ROLE_PERMISSIONS[role].map((permission) => ({
        organizationId: org!.id,
        role,
        permission,
      })),
    ),
  );
  return org!;
}

export async function createUserWithPassword(db: Db, tx: DbOrTx, orgId: string, u: BootstrapUser) {
  return new UserRepository(db).create(tx, {
    organizationId: orgId,
    email: u.email,
    name: u.name,
    role: u.role,
    passwordHash: await hashPassword(u.password),
    mustChangePassword: u.mustChangePassword ?? false,
  });
}
