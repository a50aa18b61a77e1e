import { Avatar, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout, IconMoon, IconSun } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { initials } from '../../lib/format';
import { RoleBadge } from '../../components/ui/role-badge';
import { useToggleColorScheme } from '../../components/ui/color-scheme-toggle';
import { notifyError } from '../../components/ui/notify';
import { clearSessionCache, useSignOut } from '../auth/queries';
import { useMe } from './queries';

export function UserMenu() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const { scheme, toggle } = useToggleColorScheme();

  const handleSignOut = () => {
    signOut.mutate(undefined, {
      onSuccess: () => {
        void (async () => {
          await navigate({ to: '/login', replace: true });
          clearSessionCache(queryClient);
        })();
      },
      onError: (error) => notifyError(error, 'Could not sign out'),
    });
  };

  return (
    <Menu position="bottom-end" width={260} withArrow arrowPosition="center">
      <Menu.Target>
        <UnstyledButton
          data-testid="user-menu"
          aria-label="User menu"
          px={6}
          py={4}
          style={{ borderRadius: 'var(--mantine-radius-sm)' }}
        >
          <Group gap={8} wrap="nowrap">
            <Avatar size={28} radius="xl" color="indigo" src={me.user.image ?? undefined}>
              {initials(me.user.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" maw={160} truncate>
              {me.user.name}
            </Text>
            <IconChevronDown size={14} color="var(--mantine-color-dimmed)" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Stack gap={4} px="sm" py={8}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm" fw={600} truncate data-testid="user-menu-name">
              {me.user.name}
            </Text>
            <RoleBadge role={me.role} data-testid="user-menu-role" />
          </Group>
          <Text size="xs" c="dimmed" truncate>
            {me.user.email}
          </Text>
        </Stack>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconKey size={16} />}
          onClick={() => void navigate({ to: '/change-password' })}
          data-testid="menu-change-password"
        >
          Change password
        </Menu.Item>
        <Menu.Item
          leftSection={scheme === 'dark' ? <IconSun size={16} /> : <IconMoon size={16} />}
          onClick={toggle}
          closeMenuOnClick={false}
          data-testid="menu-color-scheme"
        >
          {scheme === 'dark' ? 'Light theme' : 'Dark theme'}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={handleSignOut}
          disabled={signOut.isPending}
          data-testid="sign-out"
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
