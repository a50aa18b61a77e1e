import { Button, Center, Code, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconMapOff } from '@tabler/icons-react';
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { useEffect } from 'react';
import { errorMessage, isApiError } from '../lib/api';
import { AnchorLink } from '../components/ui/router-link';

export function RoutePending() {
  return (
    <Center py={80} aria-busy="true">
      <Loader size="sm" type="dots" />
    </Center>
  );
}

export function RouteError({ error }: ErrorComponentProps) {
  const router = useRouter();
  const queryErrorResetBoundary = useQueryErrorResetBoundary();
  useEffect(() => {
    queryErrorResetBoundary.reset();
  }, [queryErrorResetBoundary]);
  const isChunkError =
    error instanceof Error &&
    /dynamically imported module|Importing a module script/i.test(error.message);
  return (
    <Center py={80} px="md">
      <Stack align="center" gap="sm" maw={460} ta="center">
        <IconAlertTriangle size={36} color="var(--mantine-color-red-6)" />
        <Title order={3}>Something went wrong</Title>
        <Text c="dimmed" size="sm">
          {isChunkError
            ? 'A new version of prodtrack is available. Reload the page to continue.'
            : errorMessage(error)}
        </Text>
        {isApiError(error) && error.code ? (
          <Code fz="xs" c="dimmed">
            {error.code}
          </Code>
        ) : null}
        <Group gap="xs" mt="xs">
          <Button
            size="xs"
            onClick={() => (isChunkError ? window.location.reload() : void router.invalidate())}
          >
            {isChunkError ? 'Reload' : 'Try again'}
          </Button>
          <Button size="xs" variant="default" component="a" href="/">
            Go home
          </Button>
        </Group>
      </Stack>
    </Center>
  );
}

export function NotFound() {
  return (
    <Center py={80} px="md">
      <Stack align="center" gap="sm" maw={420} ta="center">
        <IconMapOff size={36} color="var(--mantine-color-dimmed)" />
        <Title order={3}>Page not found</Title>
        <Text c="dimmed" size="sm">
          This address does not match any page. It may have moved, or the link is mistyped.
        </Text>
        <AnchorLink to="/" size="sm">
          Back to home
        </AnchorLink>
      </Stack>
    </Center>
  );
}
