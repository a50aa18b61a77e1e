import type { UserRow } from './user.repository';

export function presentUser(u: UserRow) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    department: u.department,
    isExternal: u.isExternal,
    maxCapacity: u.maxCapacity,
    homePodId: u.homePodId,
    disabled: u.disabledAt !== null,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

export function presentClientTeam(t: {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
  memberCount: number;
  projectCount: number;
}) {
  return { ...t, createdAt: t.createdAt.toISOString() };
}

export function presentPod(p: {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
  leadUserId: string | null;
  leadName: string | null;
  memberCount: number;
}) {
  return {
    id: p.id,
    name: p.name,
    slug: p.slug,
    leadUser: p.leadUserId ? { id: p.leadUserId, name: p.leadName ?? '' } : null,
    memberCount: p.memberCount,
    createdAt: p.createdAt.toISOString(),
  };
}

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'EXPIRED' | 'REVOKED';

export function invitationStatusOf(
  i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InvitationStatus {
  if (i.acceptedAt) return 'ACCEPTED';
  if (i.revokedAt) return 'REVOKED';
  if (i.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return 'PENDING';
}

export function presentInvitation(i: {
  id: string;
  email: string;
  role: UserRow['role'];
  clientTeamIds: string[];
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  invitedById: string;
  invitedByName: string;
}) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    clientTeamIds: i.clientTeamIds,
    status: invitationStatusOf(i),
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
    invitedBy: { id: i.invitedById, name: i.invitedByName },
  };
}
