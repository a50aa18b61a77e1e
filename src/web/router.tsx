import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { api, isUnauthorized } from './lib/api';
import { apiPaths, appPaths, safeRedirect } from './lib/paths';
import { Permission } from './lib/permissions';
import { meQueryOptions, hasPermission, canSeeSettings } from './features/me/queries';
import type { Me } from './features/me/types';
import { publicConfigQueryOptions } from './features/auth/queries';
import { PublicLayout } from './layouts/public-layout';
import { AppLayout } from './layouts/app-layout';
import { RouteError, RoutePending, NotFound } from './layouts/route-states';

export interface RouterContext {
  queryClient: QueryClient;
}

/** All search params are plain strings (tokens must never be coerced to numbers). */
function parseSearch(searchStr: string): Record<string, unknown> {
  const params = new URLSearchParams(searchStr.startsWith('?') ? searchStr.slice(1) : searchStr);
  const out: Record<string, string> = {};
  for (const [k, v] of params) out[k] = v;
  return out;
}

function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
});

// ---------------------------------------------------------------- public pages

const publicRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public',
  component: PublicLayout,
});

const loginRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'login',
  validateSearch: (s: Record<string, unknown>): { redirect?: string; error?: string } => ({
    redirect: str(s.redirect),
    error: str(s.error),
  }),
  beforeLoad: async ({ search }) => {
    // Already signed in? Go straight to the app. (Direct fetch: no cache, no 401 handler.)
    let signedIn = false;
    try {
      await api.get(apiPaths.me());
      signedIn = true;
    } catch {
      signedIn = false;
    }
    if (signedIn) throw redirect({ href: safeRedirect(search.redirect), replace: true });
  },
  component: lazyRouteComponent(() => import('./pages/login-page'), 'LoginPage'),
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'forgot-password',
  validateSearch: (s: Record<string, unknown>): { email?: string } => ({ email: str(s.email) }),
  component: lazyRouteComponent(() => import('./pages/forgot-password-page'), 'ForgotPasswordPage'),
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'reset-password',
  validateSearch: (s: Record<string, unknown>): { token?: string; error?: string } => ({
    token: str(s.token),
    error: str(s.error),
  }),
  component: lazyRouteComponent(() => import('./pages/reset-password-page'), 'ResetPasswordPage'),
});

const acceptInviteRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'accept-invite',
  validateSearch: (s: Record<string, unknown>): { token?: string } => ({ token: str(s.token) }),
  component: lazyRouteComponent(() => import('./pages/accept-invite-page'), 'AcceptInvitePage'),
});

// ---------------------------------------------------------------- signed-in app

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }): Promise<{ me: Me }> => {
    let me: Me;
    try {
      me = await context.queryClient.ensureQueryData(meQueryOptions);
    } catch (error) {
      if (isUnauthorized(error)) {
        throw redirect({
          to: '/login',
          search: { redirect: location.href !== '/' ? location.href : undefined },
          replace: true,
        });
      }
      throw error;
    }
    if (me.user.mustChangePassword && location.pathname !== appPaths.changePassword) {
      throw redirect({ to: '/change-password', replace: true });
    }
    return { me };
  },
  component: AppLayout,
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./pages/home-page'), 'HomePage'),
});

const changePasswordRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'change-password',
  component: lazyRouteComponent(() => import('./pages/change-password-page'), 'ChangePasswordPage'),
});

const outboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'outbox',
  beforeLoad: async ({ context }) => {
    const config = await context.queryClient
      .ensureQueryData(publicConfigQueryOptions)
      .catch(() => null);
    if (!config?.outboxEnabled || context.me.role !== 'ADMIN') {
      throw redirect({ to: '/', replace: true });
    }
  },
  component: lazyRouteComponent(() => import('./pages/outbox-page'), 'OutboxPage'),
});

// ---------------------------------------------------------------- production

const pipelinesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'pipelines',
  component: lazyRouteComponent(() => import('./pages/pipelines-page'), 'PipelinesPage'),
});

const pipelineNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'pipelines/new',
  validateSearch: (s: Record<string, unknown>): { from?: string } => ({ from: str(s.from) }),
  component: lazyRouteComponent(() => import('./pages/pipeline-editor-page'), 'PipelineNewPage'),
});

const pipelineRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'pipelines/$pipelineId',
  component: lazyRouteComponent(() => import('./pages/pipeline-editor-page'), 'PipelineEditorPage'),
});

export interface ProjectsSearch {
  status?: string;
  clientTeamId?: string;
  q?: string;
}

const projectsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'projects',
  validateSearch: (s: Record<string, unknown>): ProjectsSearch => ({
    status: str(s.status),
    clientTeamId: str(s.clientTeamId),
    q: str(s.q),
  }),
  component: lazyRouteComponent(() => import('./pages/projects-page'), 'ProjectsPage'),
});

const projectRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'projects/$projectId',
  component: lazyRouteComponent(() => import('./pages/project-page'), 'ProjectPage'),
});

export interface DeliverablesSearch {
  projectId?: string;
  status?: string;
  clientTeamId?: string;
  assigneeId?: string;
  q?: string;
  sort?: string;
  /** Custom field filters as JSON `{"<field name>": "<value>"}` (applied to loaded rows). */
  cf?: string;
}

const deliverablesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'deliverables',
  validateSearch: (s: Record<string, unknown>): DeliverablesSearch => ({
    projectId: str(s.projectId),
    status: str(s.status),
    clientTeamId: str(s.clientTeamId),
    assigneeId: str(s.assigneeId),
    q: str(s.q),
    sort: str(s.sort),
    cf: str(s.cf),
  }),
  component: lazyRouteComponent(() => import('./pages/deliverables-page'), 'DeliverablesPage'),
});

export interface DeliverableSearch {
  /** The stage shown (slug). */
  stage?: string;
  /** A revision open in the viewer. */
  view?: string;
  /** A comment selected in the viewer (its annotations shown, the video at their frame). */
  comment?: string;
}

const deliverableRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'deliverables/$deliverableId',
  validateSearch: (s: Record<string, unknown>): DeliverableSearch => ({
    stage: str(s.stage),
    view: str(s.view),
    comment: str(s.comment),
  }),
  component: lazyRouteComponent(() => import('./pages/deliverable-page'), 'DeliverablePage'),
});

export interface CompareSearch {
  /** Revision ids: A (left / revealed left of the wipe) and B. */
  a?: string;
  b?: string;
  /** `wipe` for two images; side by side otherwise. */
  mode?: string;
}

const compareRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'deliverables/$deliverableId/compare',
  validateSearch: (s: Record<string, unknown>): CompareSearch => ({
    a: str(s.a),
    b: str(s.b),
    mode: str(s.mode),
  }),
  component: lazyRouteComponent(() => import('./pages/compare-page'), 'ComparePage'),
});

export interface BoardSearch {
  pipelineId?: string;
  q?: string;
  clientTeamId?: string;
  assigneeId?: string;
  status?: string;
}

const boardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'board',
  validateSearch: (s: Record<string, unknown>): BoardSearch => ({
    pipelineId: str(s.pipelineId),
    q: str(s.q),
    clientTeamId: str(s.clientTeamId),
    assigneeId: str(s.assigneeId),
    status: str(s.status),
  }),
  component: lazyRouteComponent(() => import('./pages/board-page'), 'BoardPage'),
});

export interface ReviewSessionsSearch {
  status?: string;
}

const reviewSessionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'review-sessions',
  validateSearch: (s: Record<string, unknown>): ReviewSessionsSearch => ({
    status: str(s.status),
  }),
  component: lazyRouteComponent(() => import('./pages/review-sessions-page'), 'ReviewSessionsPage'),
});

export interface ReviewSessionSearch {
  /** Present mode: the item shown full screen (its position, from 1). */
  present?: string;
}

const reviewSessionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'review-sessions/$sessionId',
  validateSearch: (s: Record<string, unknown>): ReviewSessionSearch => ({
    present: str(s.present),
  }),
  component: lazyRouteComponent(() => import('./pages/review-session-page'), 'ReviewSessionPage'),
});

export interface ClientReviewSearch {
  /** Deliverable open in the focused review. */
  deliverable?: string;
  projectId?: string;
}

const clientReviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'review',
  validateSearch: (s: Record<string, unknown>): ClientReviewSearch => ({
    deliverable: str(s.deliverable),
    projectId: str(s.projectId),
  }),
  component: lazyRouteComponent(() => import('./pages/client-review-page'), 'ClientReviewPage'),
});

// ---------------------------------------------------------------- files in and out

/** Opens for users with the permission; others go home. */
function requireAppPermission(permission: string) {
  return ({ context }: { context: { me: Me } }) => {
    if (!hasPermission(context.me, permission)) throw redirect({ to: '/', replace: true });
  };
}

export interface InboundSearch {
  outcome?: string;
  channel?: string;
}

const inboundRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'inbound',
  validateSearch: (s: Record<string, unknown>): InboundSearch => ({
    outcome: str(s.outcome),
    channel: str(s.channel),
  }),
  beforeLoad: requireAppPermission(Permission.INBOUND_MANAGE),
  component: lazyRouteComponent(() => import('./pages/inbound-page'), 'InboundPage'),
});

export interface BriefsSearch {
  status?: string;
  q?: string;
}

const briefsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'briefs',
  validateSearch: (s: Record<string, unknown>): BriefsSearch => ({
    status: str(s.status),
    q: str(s.q),
  }),
  beforeLoad: requireAppPermission(Permission.BRIEF_MANAGE),
  component: lazyRouteComponent(() => import('./pages/briefs-page'), 'BriefsPage'),
});

const briefRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'briefs/$briefId',
  beforeLoad: requireAppPermission(Permission.BRIEF_MANAGE),
  component: lazyRouteComponent(() => import('./pages/brief-page'), 'BriefPage'),
});

const projectsImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'projects/import',
  beforeLoad: requireAppPermission(Permission.PROJECT_CREATE),
  component: lazyRouteComponent(() => import('./pages/projects-import-page'), 'ProjectsImportPage'),
});

// ---------------------------------------------------------------- settings

const settingsPages = [
  { path: appPaths.settingsOrganization, permission: Permission.ORG_SETTINGS },
  { path: appPaths.settingsUsers, permission: Permission.USER_MANAGE },
  { path: appPaths.settingsInvitations, permission: Permission.USER_MANAGE },
  { path: appPaths.settingsRoles, permission: Permission.ROLE_MANAGE },
  { path: appPaths.settingsClientTeams, permission: Permission.CLIENT_TEAM_MANAGE },
  { path: appPaths.settingsPods, permission: Permission.POD_MANAGE },
  { path: appPaths.settingsCustomFields, permission: Permission.FIELD_CUSTOMIZE },
  { path: appPaths.settingsApiKeys, permission: Permission.API_KEY_MANAGE },
  { path: appPaths.settingsBox, permission: Permission.INTEGRATION_MANAGE },
] as const;

/** First settings page the user may open, or null. */
export function firstSettingsPage(me: Me): string | null {
  return settingsPages.find((p) => hasPermission(me, p.permission))?.path ?? null;
}

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings',
  beforeLoad: ({ context }) => {
    if (!canSeeSettings(context.me)) throw redirect({ to: '/', replace: true });
  },
  component: Outlet,
});

const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    throw redirect({ href: firstSettingsPage(context.me) ?? '/', replace: true });
  },
});

function requirePermission(permission: string) {
  return ({ context }: { context: { me: Me } }) => {
    if (!hasPermission(context.me, permission)) {
      throw redirect({ to: '/settings', replace: true });
    }
  };
}

const organizationSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'organization',
  beforeLoad: requirePermission(Permission.ORG_SETTINGS),
  component: lazyRouteComponent(
    () => import('./pages/organization-settings-page'),
    'OrganizationSettingsPage',
  ),
});

const usersSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'users',
  validateSearch: (s: Record<string, unknown>): { q?: string } => ({ q: str(s.q) }),
  beforeLoad: requirePermission(Permission.USER_MANAGE),
  component: lazyRouteComponent(() => import('./pages/users-settings-page'), 'UsersSettingsPage'),
});

const invitationsSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'invitations',
  beforeLoad: requirePermission(Permission.USER_MANAGE),
  component: lazyRouteComponent(
    () => import('./pages/invitations-settings-page'),
    'InvitationsSettingsPage',
  ),
});

const rolesSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'roles',
  beforeLoad: requirePermission(Permission.ROLE_MANAGE),
  component: lazyRouteComponent(() => import('./pages/roles-settings-page'), 'RolesSettingsPage'),
});

const clientTeamsSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'client-teams',
  beforeLoad: requirePermission(Permission.CLIENT_TEAM_MANAGE),
  component: lazyRouteComponent(
    () => import('./pages/client-teams-settings-page'),
    'ClientTeamsSettingsPage',
  ),
});

const podsSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'pods',
  beforeLoad: requirePermission(Permission.POD_MANAGE),
  component: lazyRouteComponent(() => import('./pages/pods-settings-page'), 'PodsSettingsPage'),
});

const apiKeysSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'api-keys',
  beforeLoad: requirePermission(Permission.API_KEY_MANAGE),
  component: lazyRouteComponent(
    () => import('./pages/api-keys-settings-page'),
    'ApiKeysSettingsPage',
  ),
});

const boxSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'box',
  beforeLoad: requirePermission(Permission.INTEGRATION_MANAGE),
  component: lazyRouteComponent(() => import('./pages/box-settings-page'), 'BoxSettingsPage'),
});

const customFieldsSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'custom-fields',
  beforeLoad: requirePermission(Permission.FIELD_CUSTOMIZE),
  component: lazyRouteComponent(
    () => import('./pages/custom-fields-settings-page'),
    'CustomFieldsSettingsPage',
  ),
});

const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([loginRoute, forgotPasswordRoute, resetPasswordRoute, acceptInviteRoute]),
  appRoute.addChildren([
    homeRoute,
    changePasswordRoute,
    outboxRoute,
    pipelinesRoute,
    pipelineNewRoute,
    pipelineRoute,
    projectsRoute,
    projectRoute,
    deliverablesRoute,
    deliverableRoute,
    compareRoute,
    boardRoute,
    reviewSessionsRoute,
    reviewSessionRoute,
    clientReviewRoute,
    inboundRoute,
    briefsRoute,
    briefRoute,
    projectsImportRoute,
    settingsRoute.addChildren([
      settingsIndexRoute,
      organizationSettingsRoute,
      usersSettingsRoute,
      invitationsSettingsRoute,
      rolesSettingsRoute,
      clientTeamsSettingsRoute,
      podsSettingsRoute,
      customFieldsSettingsRoute,
      apiKeysSettingsRoute,
      boxSettingsRoute,
    ]),
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    parseSearch,
    stringifySearch,
    defaultPreload: 'intent',
    // Data freshness is TanStack Query's job.
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: RoutePending,
    defaultPendingMs: 150,
    defaultPendingMinMs: 200,
    defaultErrorComponent: RouteError,
    defaultNotFoundComponent: NotFound,
    scrollRestoration: true,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}
