/** Roles, permissions and the default role → permission matrix (API.md). */
export const ROLES = ['ADMIN', 'PRODUCER', 'ARTIST', 'CLIENT_VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSION_INFO = {
  PROJECT_CREATE: ['Projects', 'Create projects'],
  PROJECT_UPDATE: ['Projects', 'Edit projects'],
  PROJECT_DELETE: ['Projects', 'Delete projects'],
  PROJECT_VIEW: ['Projects', 'See projects'],
  DELIVERABLE_VIEW: ['Deliverables', 'See deliverables'],
  DELIVERABLE_CREATE: ['Deliverables', 'Create deliverables'],
  DELIVERABLE_UPDATE: ['Deliverables', 'Edit deliverables'],
  DELIVERABLE_DELETE: ['Deliverables', 'Delete deliverables'],
  STAGE_VIEW: ['Stages', 'See stages'],
  STAGE_UPDATE: ['Stages', 'Edit stage details'],
  STAGE_UPDATE_STATUS: ['Stages', 'Move stages through the workflow'],
  STAGE_ASSIGN: ['Stages', 'Assign people to stages'],
  STAGE_SCHEDULE: ['Stages', 'Schedule stages'],
  REVISION_CREATE: ['Revisions', 'Upload revisions'],
  REVISION_UPDATE: ['Revisions', 'Edit revisions'],
  REVISION_REVIEW: ['Revisions', 'Approve or request changes'],
  REVISION_SEND: ['Revisions', 'Send versions to the client'],
  COMMENT_CREATE: ['Review', 'Comment and annotate'],
  COMMENT_DELETE: ['Review', 'Delete own comments'],
  COMMENT_DELETE_ANY: ['Review', "Delete anyone's comments"],
  REVIEW_SESSION_MANAGE: ['Review', 'Run review sessions'],
  PIPELINE_MANAGE: ['Configuration', 'Manage pipelines'],
  FIELD_CUSTOMIZE: ['Configuration', 'Manage custom fields'],
  AUTOMATION_MANAGE: ['Configuration', 'Manage automation rules'],
  INBOUND_MANAGE: ['Files in and out', 'Holding pen, matching rules, inbound log'],
  INTEGRATION_MANAGE: ['Files in and out', 'Box connections and webhook endpoints'],
  API_KEY_MANAGE: ['Files in and out', 'Manage API keys'],
  BRIEF_MANAGE: ['Files in and out', 'Triage briefs'],
  USER_MANAGE: ['Organization', 'Manage users and invitations'],
  ROLE_MANAGE: ['Organization', 'Edit the role × permission matrix'],
  ORG_SETTINGS: ['Organization', 'Edit organization settings'],
  CLIENT_TEAM_MANAGE: ['Organization', 'Manage client teams'],
  POD_MANAGE: ['Organization', 'Manage pods'],
} as const satisfies Record<string, readonly [string, string]>;

export type Permission = keyof typeof PERMISSION_INFO;
export const PERMISSIONS = Object.keys(PERMISSION_INFO) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSION_INFO, value);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

const PRODUCER_EXCLUDED: readonly Permission[] = [
  'USER_MANAGE',
  'ROLE_MANAGE',
  'ORG_SETTINGS',
  'PROJECT_DELETE',
];

export const DEFAULT_ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: PERMISSIONS,
  PRODUCER: PERMISSIONS.filter((p) => !PRODUCER_EXCLUDED.includes(p)),
  ARTIST: [
    'PROJECT_VIEW',
    'DELIVERABLE_VIEW',
    'STAGE_VIEW',
    'STAGE_UPDATE_STATUS',
    'REVISION_CREATE',
    'REVISION_UPDATE',
    'COMMENT_CREATE',
    'COMMENT_DELETE',
  ],
  CLIENT_VIEWER: [
    'PROJECT_VIEW',
    'DELIVERABLE_VIEW',
    'STAGE_VIEW',
    'COMMENT_CREATE',
    'COMMENT_DELETE',
    'REVISION_REVIEW',
  ],
};

/**
 * Permissions an admin may never lose: without ROLE_MANAGE nobody could repair the matrix.
 */
export const LOCKED_PERMISSIONS: Partial<Record<Role, readonly Permission[]>> = {
  ADMIN: ['ROLE_MANAGE', 'USER_MANAGE'],
};

/** Validates a proposed permission set for a role; returns the reason when it is refused. */
export function checkRolePermissions(role: Role, permissions: readonly string[]): string | null {
  const unknown = permissions.filter((p) => !isPermission(p));
  if (unknown.length) return `Unknown permission(s): ${unknown.join(', ')}`;
  const missing = (LOCKED_PERMISSIONS[role] ?? []).filter((p) => !permissions.includes(p));
  if (missing.length)
    return `${role} must keep ${missing.join(' and ')} so the organization stays manageable`;
  return null;
}
