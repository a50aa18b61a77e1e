import { Box, Center, Group, Stack, Text } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { Brand } from '../components/ui/brand';
import { ColorSchemeToggle } from '../components/ui/color-scheme-toggle';
import { usePublicConfig } from '../features/auth/queries';

/** Centered layout for the signed-out pages (login, password reset, invitation). */
export function PublicLayout() {
  const config = usePublicConfig();
  return (
    <Box className="pt-auth-bg">
      <Box pos="absolute" top={12} right={12}>
        <ColorSchemeToggle />
      </Box>
      <Center mih="100vh" px="md" py={48}>
        <Stack w={400} maw="100%" gap="lg">
          <Group justify="center">
            <Brand size="lg" name={config.data?.appName || 'prodtrack'} />
          </Group>
          <Outlet />
          <Text size="xs" c="dimmed" ta="center">
            Production tracking for creative teams
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
