import { Box, ScrollArea, Stack, Text } from '@mantine/core';
import {
  IconAdjustmentsHorizontal,
  IconBuilding,
  IconChecklist,
  IconFolders,
  IconForms,
  IconGitBranch,
  IconHome,
  IconLayoutKanban,
  IconMailForward,
  IconMovie,
  IconKey,
  IconCloudUpload,
  IconInbox,
  IconFileImport,
  IconPresentation,
  IconSettings,
  IconShieldLock,
  IconUsers,
  IconUsersGroup,
  IconUserPlus,
} from '@tabler/icons-react';
import { useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { RouterNavLink } from '../components/ui/router-link';
import { usePublicConfig } from '../features/auth/queries';
import { canSeeSettings, hasPermission, useMe } from '../features/me/queries';
import { appPaths } from '../lib/paths';
import { Permission } from '../lib/permissions';

const ICON = 18;

function Section({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box mt="sm">
      <Text className="pt-nav-section" component="div">
        {label}
      </Text>
      {children}
    </Box>
  );
}

export function AppNavbar({ onNavigate }: { onNavigate?: () => void }) {
  const me = useMe();
  const config = usePublicConfig();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const inSettings = pathname === appPaths.settings || pathname.startsWith(appPaths.settings + '/');
  const can = (p: string) => hasPermission(me, p);
  const showOutbox = config.data?.outboxEnabled === true && me.role === 'ADMIN';
  const under = (path: string) => pathname === path || pathname.startsWith(path + '/');
  const canSeeProjects = can(Permission.PROJECT_VIEW);
  const canSeeDeliverables = can(Permission.DELIVERABLE_VIEW);
  // Client viewers work from their focused review page, not the production views.
  const isClient = me.user.isExternal || me.role === 'CLIENT_VIEWER';
  const showPipelines = !me.user.isExternal && me.role !== 'CLIENT_VIEWER';
  const showWorkspace = showPipelines || canSeeSettings(me);

  const settingsLinks = [
    {
      to: appPaths.settingsOrganization,
      label: 'Organization',
      icon: IconBuilding,
      perm: Permission.ORG_SETTINGS,
      testId: 'nav-settings-organization',
    },
    {
      to: appPaths.settingsUsers,
      label: 'Users',
      icon: IconUsers,
      perm: Permission.USER_MANAGE,
      testId: 'nav-settings-users',
    },
    {
      to: appPaths.settingsInvitations,
      label: 'Invitations',
      icon: IconUserPlus,
      perm: Permission.USER_MANAGE,
      testId: 'nav-settings-invitations',
    },
    {
      to: appPaths.settingsRoles,
      label: 'Roles & permissions',
      icon: IconShieldLock,
      perm: Permission.ROLE_MANAGE,
      testId: 'nav-settings-roles',
    },
    {
      to: appPaths.settingsClientTeams,
      label: 'Client teams',
      icon: IconUsersGroup,
      perm: Permission.CLIENT_TEAM_MANAGE,
      testId: 'nav-settings-client-teams',
    },
    {
      to: appPaths.settingsPods,
      label: 'Pods',
      icon: IconAdjustmentsHorizontal,
      perm: Permission.POD_MANAGE,
      testId: 'nav-settings-pods',
    },
    {
      to: appPaths.settingsCustomFields,
      label: 'Custom fields',
      icon: IconForms,
      perm: Permission.FIELD_CUSTOMIZE,
      testId: 'nav-settings-custom-fields',
    },
    {
      to: appPaths.settingsApiKeys,
      label: 'API keys',
      icon: IconKey,
      perm: Permission.API_KEY_MANAGE,
      testId: 'nav-settings-api-keys',
    },
    {
      to: appPaths.settingsBox,
      label: 'Box',
      icon: IconCloudUpload,
      perm: Permission.INTEGRATION_MANAGE,
      testId: 'nav-settings-box',
    },
  ] as const;

  return (
    <ScrollArea type="scroll" style={{ flex: 1 }}>
      <Stack gap={0} p="xs" component="nav" aria-label="Main">
        <RouterNavLink
          to="/"
          label="Home"
          leftSection={<IconHome size={ICON} />}
          active={pathname === '/'}
          onClick={onNavigate}
          data-testid="nav-home"
        />
        <Section label="Production">
          {canSeeProjects ? (
            <RouterNavLink
              to="/projects"
              label="Projects"
              leftSection={<IconFolders size={ICON} />}
              active={under(appPaths.projects)}
              onClick={onNavigate}
              data-testid="nav-projects"
            />
          ) : null}
          {canSeeDeliverables && !isClient ? (
            <>
              <RouterNavLink
                to="/board"
                label="Board"
                leftSection={<IconLayoutKanban size={ICON} />}
                active={under(appPaths.board)}
                onClick={onNavigate}
                data-testid="nav-board"
              />
              <RouterNavLink
                to="/deliverables"
                label="Deliverables"
                leftSection={<IconChecklist size={ICON} />}
                active={under(appPaths.deliverables)}
                onClick={onNavigate}
                data-testid="nav-deliverables"
              />
            </>
          ) : null}
          {canSeeDeliverables ? (
            <RouterNavLink
              to="/review"
              label={isClient ? 'Review' : 'Client review'}
              leftSection={<IconMovie size={ICON} />}
              active={under(appPaths.clientReview)}
              onClick={onNavigate}
              data-testid="nav-review"
            />
          ) : null}
          {can(Permission.REVIEW_SESSION_MANAGE) ? (
            <RouterNavLink
              to="/review-sessions"
              label="Review sessions"
              leftSection={<IconPresentation size={ICON} />}
              active={under(appPaths.reviewSessions)}
              onClick={onNavigate}
              data-testid="nav-review-sessions"
            />
          ) : null}
        </Section>
        {can(Permission.INBOUND_MANAGE) || can(Permission.BRIEF_MANAGE) ? (
          <Section label="Files in">
            {can(Permission.BRIEF_MANAGE) ? (
              <RouterNavLink
                to="/briefs"
                label="Briefs"
                leftSection={<IconInbox size={ICON} />}
                active={under(appPaths.briefs)}
                onClick={onNavigate}
                data-testid="nav-briefs"
              />
            ) : null}
            {can(Permission.INBOUND_MANAGE) ? (
              <RouterNavLink
                to="/inbound"
                label="Inbound files"
                leftSection={<IconFileImport size={ICON} />}
                active={under(appPaths.inbound)}
                onClick={onNavigate}
                data-testid="nav-inbound"
              />
            ) : null}
          </Section>
        ) : null}
        {showWorkspace ? (
          <Section label="Workspace">
            {showPipelines ? (
              <RouterNavLink
                to="/pipelines"
                label="Pipelines"
                leftSection={<IconGitBranch size={ICON} />}
                active={under(appPaths.pipelines)}
                onClick={onNavigate}
                data-testid="nav-pipelines"
              />
            ) : null}
            {canSeeSettings(me) ? (
              <RouterNavLink
                to="/settings"
                label="Settings"
                leftSection={<IconSettings size={ICON} />}
                active={inSettings}
                variant="subtle"
                opened={inSettings}
                childrenOffset={14}
                data-testid="nav-settings"
                onClick={inSettings ? (e) => e.preventDefault() : undefined}
              >
                {settingsLinks
                  .filter((l) => can(l.perm))
                  .map((l) => (
                    <RouterNavLink
                      key={l.to}
                      to={l.to}
                      label={l.label}
                      leftSection={<l.icon size={16} />}
                      active={pathname === l.to}
                      onClick={onNavigate}
                      data-testid={l.testId}
                    />
                  ))}
              </RouterNavLink>
            ) : null}
          </Section>
        ) : null}
        {showOutbox ? (
          <Section label="Developer">
            <RouterNavLink
              to="/outbox"
              label="Mail outbox"
              leftSection={<IconMailForward size={ICON} />}
              active={pathname === appPaths.outbox}
              onClick={onNavigate}
              data-testid="nav-outbox"
            />
          </Section>
        ) : null}
      </Stack>
    </ScrollArea>
  );
}
