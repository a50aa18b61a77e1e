import type { Role } from '../../lib/permissions';

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'EXPIRED' | 'REVOKED';

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  clientTeamIds: string[];
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
  invitedBy: { id: string; name: string } | null;
}

export interface CreateInvitationInput {
  email: string;
  role: Role;
  clientTeamIds?: string[];
}

export interface InvitationLookup {
  email: string;
  role: Role;
  organizationName: string;
  expiresAt: string;
}
