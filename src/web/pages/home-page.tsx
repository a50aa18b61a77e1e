import {
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { IconChevronDown, IconChevronUp, IconFolders, IconSettings } from '@tabler/icons-react';
import { EmptyPanel } from '../components/ui/empty-panel';
import { RoleBadge } from '../components/ui/role-badge';
import { ButtonLink } from '../components/ui/router-link';
import { canSeeSettings, useMe } from '../features/me/queries';
import { MyWorkCard } from '../features/my-work/my-work-card';
import { ProjectsCard } from '../features/projects/projects-card';
import { useRecentProjects } from '../features/projects/queries';
import { roleLabel } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

function greeting(date = new Date()) {
  const h = date.getHours();
  if (h < 5) return 'Working late';
  if (h < 12) return 'Good morning';
  if (h < 18) return 'Good afternoon';
  return 'Good evening';
}

export function HomePage() {
  usePageTitle('Home');
  const me = useMe();
  const [showPerms, { toggle }] = useDisclosure(false);
  const firstName = me.user.name.split(/\s+/)[0] || me.user.name;
  const permissions = [...me.permissions].sort();
  const canSeeProjects = me.permissions.includes('PROJECT_VIEW');
  const projects = useRecentProjects(canSeeProjects);
  const hasProjects = (projects.data?.items.length ?? 0) > 0;
  const showMyWork = !me.user.isExternal && me.role !== 'CLIENT_VIEWER';
  const canCreateProjects = me.permissions.includes('PROJECT_CREATE');

  return (
    <Stack gap="md">
      <Card withBorder padding="lg" data-testid="welcome-card">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
          <Stack gap={6}>
            <Title order={2} fz="h3" fw={600} data-testid="welcome-title">
              {greeting()}, {firstName}
            </Title>
            <Group gap={8}>
              <RoleBadge role={me.role} size="md" />
              <Text size="sm" c="dimmed">
                {roleLabel(me.role)} at <strong>{me.organization.name}</strong>
                {me.organization.domain ? ` · ${me.organization.domain}` : ''}
              </Text>
            </Group>
          </Stack>
          {canSeeSettings(me) ? (
            <ButtonLink
              to="/settings"
              variant="default"
              size="xs"
              leftSection={<IconSettings size={14} />}
            >
              Workspace settings
            </ButtonLink>
          ) : null}
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 3 }} mt="lg" spacing="sm">
          <Stat label="Signed in as" value={me.user.email} />
          <Stat
            label="Permissions"
            value={
              <Group gap={6}>
                <span data-testid="permission-count">{permissions.length}</span>
                <Button
                  variant="subtle"
                  size="compact-xs"
                  onClick={toggle}
                  rightSection={
                    showPerms ? <IconChevronUp size={12} /> : <IconChevronDown size={12} />
                  }
                  disabled={permissions.length === 0}
                >
                  {showPerms ? 'Hide' : 'Show'}
                </Button>
              </Group>
            }
          />
          {me.user.isExternal || me.role === 'CLIENT_VIEWER' ? (
            <Stat label="Client teams" value={me.clientTeamIds.length} />
          ) : (
            <Stat label="Workspace" value={me.organization.name} />
          )}
        </SimpleGrid>
        <Collapse expanded={showPerms}>
          <Group gap={6} mt="md">
            {permissions.map((p) => (
              <Badge key={p} variant="default" radius="sm" fw={500} tt="none" ff="monospace">
                {p}
              </Badge>
            ))}
          </Group>
        </Collapse>
      </Card>

      {showMyWork ? <MyWorkCard /> : null}

      {canSeeProjects ? <ProjectsCard /> : null}

      {hasProjects || projects.isPending ? null : (
        <EmptyPanel
          icon={<IconFolders size={22} />}
          title="No projects yet"
          description={
            canCreateProjects
              ? 'Create a project, pick its pipeline, then add deliverables and follow them on the board.'
              : 'Projects you take part in will show up here.'
          }
          action={
            canCreateProjects ? (
              <ButtonLink to="/projects" size="xs" variant="light">
                Go to projects
              </ButtonLink>
            ) : null
          }
        />
      )}
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Stack
      gap={2}
      p="sm"
      style={{
        borderRadius: 'var(--mantine-radius-sm)',
        background: 'var(--mantine-color-default-hover)',
      }}
    >
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text size="sm" fw={500} component="div" truncate>
        {value}
      </Text>
    </Stack>
  );
}
