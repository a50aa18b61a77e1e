import type { Role } from '../../lib/permissions';

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  department: string | null;
  isExternal: boolean;
  maxCapacity: number;
  homePodId: string | null;
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserPatch {
  name?: string;
  role?: Role;
  department?: string | null;
  maxCapacity?: number;
  homePodId?: string | null;
  disabled?: boolean;
}
