import type { Permission, Role } from '../domain/permissions';
import { AppError, forbidden } from './errors';

/** Who is asking: every service method takes this first and checks permissions on it. */
export interface Caller {
  userId: string;
  name: string;
  email: string;
  orgId: string;
  role: Role;
  permissions: ReadonlySet<Permission>;
  isExternal: boolean;
  /** Client teams of an external user; their visibility is narrowed to these teams' projects. */
  clientTeamIds: readonly string[];
  sessionId: string | null;
  mustChangePassword: boolean;
  /** Set when the request came with an API key instead of a session. */
  apiKeyId: string | null;
}

export function can(caller: Caller, permission: Permission): boolean {
  return caller.permissions.has(permission);
}

export function requirePermission(caller: Caller, permission: Permission): void {
  if (!caller.permissions.has(permission)) throw forbidden(permission);
}

export function requireAnyPermission(caller: Caller, permissions: readonly Permission[]): void {
  if (!permissions.some((p) => caller.permissions.has(p)))
    throw forbidden(permissions.join(' or '));
}

/**
 * Only admins hand out the ADMIN role or change an admin's account: USER_MANAGE granted to
 * another role must not be a path to becoming admin.
 */
export function requireAdminToGrant(
  caller: Caller,
  role: Role | undefined,
  targetRole?: Role,
): void {
  if ((role === 'ADMIN' || targetRole === 'ADMIN') && caller.role !== 'ADMIN') {
    throw new AppError('FORBIDDEN', 'Only an admin can grant the ADMIN role or change an admin');
  }
}
