import { AppShell, Box, Burger, Divider, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet } from '@tanstack/react-router';
import { Brand } from '../components/ui/brand';
import { AnchorLink } from '../components/ui/router-link';
import { usePublicConfig } from '../features/auth/queries';
import { useMe } from '../features/me/queries';
import { UserMenu } from '../features/me/user-menu';
import { NotificationBell } from '../features/notifications/notification-bell';
import { AppNavbar } from './app-navbar';

export function AppLayout() {
  const me = useMe();
  const config = usePublicConfig();
  const [mobileOpened, { toggle, close }] = useDisclosure(false);
  // Until the password is changed, the app is reduced to the change-password page.
  const restricted = me.user.mustChangePassword;
  const appName = config.data?.appName || 'prodtrack';

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{
        width: 248,
        breakpoint: 'sm',
        collapsed: { mobile: !mobileOpened, desktop: restricted },
      }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            {!restricted ? (
              <Burger
                opened={mobileOpened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Toggle navigation"
              />
            ) : null}
            <AnchorLink to="/" underline="never" c="inherit" aria-label={`${appName} home`}>
              <Brand name={appName} />
            </AnchorLink>
            <Divider orientation="vertical" my={14} visibleFrom="xs" />
            <Text size="sm" c="dimmed" fw={500} truncate visibleFrom="xs" data-testid="org-name">
              {me.organization.name}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            {!restricted ? <NotificationBell /> : null}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      {!restricted ? (
        <AppShell.Navbar>
          <AppNavbar onNavigate={close} />
        </AppShell.Navbar>
      ) : null}
      <AppShell.Main>
        <Box maw={1400} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
