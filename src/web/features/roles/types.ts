import type { Role } from '../../lib/permissions';

export interface PermissionInfo {
  key: string;
  group: string;
  description: string;
}

export interface RolesMatrix {
  roles: Role[];
  permissions: PermissionInfo[];
  matrix: Record<Role, string[]>;
}
