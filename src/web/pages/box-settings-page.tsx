import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorAlert } from '../components/ui/error-alert';
import { PageHeader } from '../components/ui/page-header';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { BoxConnectionCard } from '../features/box/connection-card';
import { BoxConnectionForm } from '../features/box/connection-form';
import { useBoxConnections } from '../features/box/queries';
import { usePageTitle } from '../lib/use-page-title';

/** Settings → Box: the org's Box connections, their webhook addresses and recent deliveries. */
export function BoxSettingsPage() {
  usePageTitle('Box');
  const connections = useBoxConnections();
  const [adding, setAdding] = useState(false);
  const items = connections.data?.items ?? [];
  const showForm = adding || (connections.data !== undefined && items.length === 0);

  return (
    <Stack gap={0}>
      <PageHeader
        title="Box"
        description="Versions sent to the client are pushed into Box (a folder per version), and files uploaded to a watched Box folder come in through the webhook."
        actions={
          items.length > 0 && !adding ? (
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              onClick={() => setAdding(true)}
            >
              Add connection
            </Button>
          ) : null
        }
      />
      {connections.isError ? (
        <ErrorAlert error={connections.error} onRetry={() => void connections.refetch()} />
      ) : null}
      {connections.isPending ? <TableSkeleton rows={3} /> : null}
      <Stack gap="md">
        {showForm ? (
          <Paper withBorder p="md" radius="md">
            <Stack gap="sm">
              <Title order={3} fz="h4" fw={600}>
                New Box connection
              </Title>
              <Text size="sm" c="dimmed">
                Create a Box Platform app (server authentication, client credentials grant) and
                authorize it in the Box admin console, then enter its credentials here. Pushes go
                into the root folder below unless a project names its own folder.
              </Text>
              <BoxConnectionForm connection={null} onDone={() => setAdding(false)} />
              {items.length > 0 ? (
                <Button
                  variant="subtle"
                  color="gray"
                  onClick={() => setAdding(false)}
                  w="fit-content"
                >
                  Cancel
                </Button>
              ) : null}
            </Stack>
          </Paper>
        ) : null}
        {items.map((c) => (
          <BoxConnectionCard key={c.id} connection={c} />
        ))}
      </Stack>
    </Stack>
  );
}
