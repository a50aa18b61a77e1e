/** Path builders for the HTTP API and for in-app URLs. */

const enc = encodeURIComponent;

export const apiPaths = {
  health: () => '/api/health',
  publicConfig: () => '/api/public/config',
  auth: {
    signInEmail: () => '/api/auth/sign-in/email',
    signInOAuth: () => '/api/auth/sign-in/oauth2',
    signOut: () => '/api/auth/sign-out',
    requestPasswordReset: () => '/api/auth/request-password-reset',
    resetPassword: () => '/api/auth/reset-password',
  },
  me: () => '/api/me',
  mePassword: () => '/api/me/password',
  organization: () => '/api/organization',
  projects: () => '/api/projects',
  project: (id: string) => `/api/projects/${enc(id)}`,
  projectDeliverables: (id: string) => `/api/projects/${enc(id)}/deliverables`,
  pipelines: () => '/api/pipelines',
  pipeline: (id: string) => `/api/pipelines/${enc(id)}`,
  pipelineArchive: (id: string) => `/api/pipelines/${enc(id)}/archive`,
  pipelineUnarchive: (id: string) => `/api/pipelines/${enc(id)}/unarchive`,
  deliverables: () => '/api/deliverables',
  deliverable: (id: string) => `/api/deliverables/${enc(id)}`,
  deliverableRework: (id: string) => `/api/deliverables/${enc(id)}/rework`,
  deliverableHistory: (id: string) => `/api/deliverables/${enc(id)}/history`,
  deliverableAttachments: (id: string) => `/api/deliverables/${enc(id)}/attachments`,
  deliverableAttachmentLink: (id: string) => `/api/deliverables/${enc(id)}/attachments/link`,
  attachment: (id: string) => `/api/attachments/${enc(id)}`,
  customFields: () => '/api/custom-fields',
  customField: (id: string) => `/api/custom-fields/${enc(id)}`,
  stage: (stageId: string) => `/api/stages/${enc(stageId)}`,
  stageAssignment: (stageId: string, userId: string) =>
    `/api/stages/${enc(stageId)}/assignments/${enc(userId)}`,
  stageRevisions: (stageId: string) => `/api/stages/${enc(stageId)}/revisions`,
  stageRevisionSend: (stageId: string, revisionId: string) =>
    `/api/stages/${enc(stageId)}/revisions/${enc(revisionId)}/send-to-client`,
  revision: (id: string) => `/api/revisions/${enc(id)}`,
  revisionReprocess: (id: string) => `/api/revisions/${enc(id)}/reprocess`,
  revisionDeliveries: (id: string) => `/api/revisions/${enc(id)}/deliveries`,
  revisionAnnotations: (id: string) => `/api/revisions/${enc(id)}/annotations`,
  stageComments: (stageId: string) => `/api/stages/${enc(stageId)}/comments`,
  comment: (id: string) => `/api/comments/${enc(id)}`,
  commentRelease: (id: string) => `/api/comments/${enc(id)}/release`,
  stageDecisions: (stageId: string) => `/api/stages/${enc(stageId)}/decisions`,
  stageFeedbackItems: (stageId: string) => `/api/stages/${enc(stageId)}/feedback-items`,
  feedbackItem: (id: string) => `/api/feedback-items/${enc(id)}`,
  usersAssignable: () => '/api/users/assignable',
  meWork: () => '/api/me/work',
  board: () => '/api/board',
  users: () => '/api/users',
  user: (id: string) => `/api/users/${enc(id)}`,
  invitations: () => '/api/invitations',
  invitation: (id: string) => `/api/invitations/${enc(id)}`,
  invitationResend: (id: string) => `/api/invitations/${enc(id)}/resend`,
  invitationLookup: () => '/api/invitations/lookup',
  invitationAccept: () => '/api/invitations/accept',
  roles: () => '/api/roles',
  rolePermissions: (role: string) => `/api/roles/${enc(role)}/permissions`,
  clientTeams: () => '/api/client-teams',
  clientTeam: (id: string) => `/api/client-teams/${enc(id)}`,
  clientTeamMembers: (id: string) => `/api/client-teams/${enc(id)}/members`,
  clientTeamMember: (id: string, userId: string) =>
    `/api/client-teams/${enc(id)}/members/${enc(userId)}`,
  pods: () => '/api/pods',
  pod: (id: string) => `/api/pods/${enc(id)}`,
  notifications: () => '/api/notifications',
  notificationsUnreadCount: () => '/api/notifications/unread-count',
  notificationRead: (id: string) => `/api/notifications/${enc(id)}/read`,
  notificationsReadAll: () => '/api/notifications/read-all',
  notificationsStream: () => '/api/notifications/stream',
  outbox: () => '/api/dev/outbox',
} as const;

/** In-app routes (kept in sync with router.tsx). */
export const appPaths = {
  home: '/',
  login: '/login',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  acceptInvite: '/accept-invite',
  changePassword: '/change-password',
  settings: '/settings',
  settingsOrganization: '/settings/organization',
  settingsUsers: '/settings/users',
  settingsInvitations: '/settings/invitations',
  settingsRoles: '/settings/roles',
  settingsClientTeams: '/settings/client-teams',
  settingsPods: '/settings/pods',
  settingsCustomFields: '/settings/custom-fields',
  settingsApiKeys: '/settings/api-keys',
  settingsBox: '/settings/box',
  outbox: '/outbox',
  projects: '/projects',
  board: '/board',
  deliverables: '/deliverables',
  pipelines: '/pipelines',
  pipelineNew: '/pipelines/new',
  reviewSessions: '/review-sessions',
  clientReview: '/review',
  inbound: '/inbound',
  briefs: '/briefs',
  projectsImport: '/projects/import',
} as const;

/** Hrefs of in-app detail pages (for plain anchors, notifications, copy-link). */
export const appHrefs = {
  project: (id: string) => `/projects/${enc(id)}`,
  deliverable: (id: string) => `/deliverables/${enc(id)}`,
  compareRevisions: (deliverableId: string, a: string, b: string) =>
    `/deliverables/${enc(deliverableId)}/compare?a=${enc(a)}&b=${enc(b)}`,
  pipeline: (id: string) => `/pipelines/${enc(id)}`,
  reviewSession: (id: string) => `/review-sessions/${enc(id)}`,
  brief: (id: string) => `/briefs/${enc(id)}`,
} as const;

export const PUBLIC_PATHS: readonly string[] = [
  appPaths.login,
  appPaths.forgotPassword,
  appPaths.resetPassword,
  appPaths.acceptInvite,
];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(p + '/'));
}

/**
 * Only allow same-origin, absolute in-app paths as post-login redirect targets
 * (no protocol-relative `//evil.example` or absolute URLs).
 */
export function safeRedirect(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) {
    return fallback;
  }
  if (target.startsWith('/\\')) return fallback;
  const pathname = target.split(/[?#]/)[0] ?? '';
  if (isPublicPath(pathname)) return fallback;
  return target;
}
