import type { Role } from '../../lib/permissions';

export interface Me {
  user: {
    id: string;
    name: string;
    email: string;
    image: string | null;
    mustChangePassword: boolean;
    isExternal: boolean;
  };
  organization: { id: string; name: string; domain: string };
  role: Role;
  permissions: string[];
  clientTeamIds: string[];
}
