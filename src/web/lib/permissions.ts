export const ROLES = ['ADMIN', 'PRODUCER', 'ARTIST', 'CLIENT_VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Admin',
  PRODUCER: 'Producer',
  ARTIST: 'Artist',
  CLIENT_VIEWER: 'Client viewer',
};

export const ROLE_COLORS: Record<Role, string> = {
  ADMIN: 'grape',
  PRODUCER: 'indigo',
  ARTIST: 'teal',
  CLIENT_VIEWER: 'orange',
};

export const ROLE_OPTIONS = ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));

export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

export function roleColor(role: string): string {
  return (ROLE_COLORS as Record<string, string>)[role] ?? 'gray';
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Permission keys the web shell cares about. The full catalogue comes from GET /api/roles. */
export const Permission = {
  USER_MANAGE: 'USER_MANAGE',
  ROLE_MANAGE: 'ROLE_MANAGE',
  CLIENT_TEAM_MANAGE: 'CLIENT_TEAM_MANAGE',
  POD_MANAGE: 'POD_MANAGE',
  FIELD_CUSTOMIZE: 'FIELD_CUSTOMIZE',
  ORG_SETTINGS: 'ORG_SETTINGS',
  PIPELINE_MANAGE: 'PIPELINE_MANAGE',
  PROJECT_VIEW: 'PROJECT_VIEW',
  PROJECT_CREATE: 'PROJECT_CREATE',
  PROJECT_UPDATE: 'PROJECT_UPDATE',
  DELIVERABLE_VIEW: 'DELIVERABLE_VIEW',
  DELIVERABLE_CREATE: 'DELIVERABLE_CREATE',
  DELIVERABLE_UPDATE: 'DELIVERABLE_UPDATE',
  STAGE_UPDATE: 'STAGE_UPDATE',
  STAGE_UPDATE_STATUS: 'STAGE_UPDATE_STATUS',
  STAGE_ASSIGN: 'STAGE_ASSIGN',
  STAGE_SCHEDULE: 'STAGE_SCHEDULE',
  REVISION_REVIEW: 'REVISION_REVIEW',
  COMMENT_CREATE: 'COMMENT_CREATE',
  REVIEW_SESSION_MANAGE: 'REVIEW_SESSION_MANAGE',
  INBOUND_MANAGE: 'INBOUND_MANAGE',
  INTEGRATION_MANAGE: 'INTEGRATION_MANAGE',
  API_KEY_MANAGE: 'API_KEY_MANAGE',
  BRIEF_MANAGE: 'BRIEF_MANAGE',
} as const;
export type PermissionKey = (typeof Permission)[keyof typeof Permission];

export const SETTINGS_PERMISSIONS: readonly PermissionKey[] = [
  Permission.ORG_SETTINGS,
  Permission.USER_MANAGE,
  Permission.ROLE_MANAGE,
  Permission.CLIENT_TEAM_MANAGE,
  Permission.POD_MANAGE,
  Permission.FIELD_CUSTOMIZE,
];
