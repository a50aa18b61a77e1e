import type { Role } from '../../lib/permissions';

export interface ClientTeam {
  id: string;
  name: string;
  slug: string;
  memberCount: number;
  projectCount: number;
  createdAt: string;
}

export interface ClientTeamMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
  isPrimary: boolean;
}

export interface ClientTeamInput {
  name?: string;
  slug?: string;
}
