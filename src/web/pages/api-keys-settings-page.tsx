import {
  ActionIcon,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '../components/ui/confirm-modal';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { notifyError, notifySuccess } from '../components/ui/notify';
import { PageHeader } from '../components/ui/page-header';
import { RelativeTime } from '../components/ui/relative-time';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { CreateApiKeyModal } from '../features/api-keys/create-api-key-modal';
import { useApiKeys, useRevokeApiKey } from '../features/api-keys/queries';
import type { ApiKey } from '../features/api-keys/types';
import { WebhookEndpointsSection } from '../features/api-keys/webhook-endpoints-section';
import { hasPermission, useMe } from '../features/me/queries';
import { Permission } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

const ROLE_LABEL: Record<string, string> = {
  ADMIN: 'Admin',
  PRODUCER: 'Producer',
  ARTIST: 'Artist',
};

export function ApiKeysSettingsPage() {
  usePageTitle('API keys');
  const me = useMe();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const items = keys.data?.items ?? [];
  const canManageWebhooks = hasPermission(me, Permission.INTEGRATION_MANAGE);

  const doRevoke = () => {
    if (!revoking) return;
    const key = revoking;
    revoke.mutate(key.id, {
      onSuccess: () => {
        notifySuccess(`“${key.name}” revoked: it no longer works.`);
        setRevoking(null);
      },
      onError: (err) => notifyError(err, 'Could not revoke the key'),
    });
  };

  const newButton = (testId: string) => (
    <Button
      leftSection={<IconPlus size={16} />}
      onClick={() => setCreating(true)}
      data-testid={testId}
    >
      New API key
    </Button>
  );

  return (
    <Stack gap={0}>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let other systems send files (<Code>POST /api/v1/upload</Code>) and briefs (
            <Code>POST /api/briefs</Code>) as your organization. Each acts with the permissions of
            its role; every POST honours <Code>Idempotency-Key</Code>.
          </>
        }
        actions={items.length > 0 ? newButton('api-key-new') : null}
      />
      {keys.isPending ? (
        <TableSkeleton rows={3} />
      ) : keys.isError ? (
        <ErrorAlert error={keys.error} onRetry={() => void keys.refetch()} />
      ) : items.length === 0 ? (
        <EmptyPanel
          icon={<IconKey size={22} />}
          title="No API keys yet"
          description="Create a key for each system that talks to prodtrack, so you can revoke one without touching the others."
          action={newButton('api-key-new-empty')}
        />
      ) : (
        <Paper withBorder className="pt-table-paper">
          <Table.ScrollContainer minWidth={720}>
            <Table className="pt-table" data-testid="api-keys-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th w={150}>Key</Table.Th>
                  <Table.Th w={100}>Role</Table.Th>
                  <Table.Th>Created by</Table.Th>
                  <Table.Th w={120}>Last used</Table.Th>
                  <Table.Th w={56} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((k) => (
                  <Table.Tr
                    key={k.id}
                    data-testid={`api-key-row-${k.id}`}
                    data-name={k.name}
                    style={{ opacity: k.revokedAt ? 0.6 : 1 }}
                  >
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm" fw={500}>
                          {k.name}
                        </Text>
                        {k.revokedAt ? (
                          <Tooltip label={`Revoked ${new Date(k.revokedAt).toLocaleString()}`}>
                            <Badge size="xs" color="red" variant="light">
                              Revoked
                            </Badge>
                          </Tooltip>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Code fz="xs">{k.keyPrefix}…</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{ROLE_LABEL[k.role] ?? k.role}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={k.createdBy ? undefined : 'dimmed'}>
                        {k.createdBy?.name ?? 'Unknown'}
                      </Text>
                      <Text size="xs" c="dimmed">
                        <RelativeTime value={k.createdAt} size="xs" c="dimmed" />
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime value={k.lastUsedAt} empty="Never" />
                    </Table.Td>
                    <Table.Td>
                      {!k.revokedAt ? (
                        <Tooltip label="Revoke">
                          <ActionIcon
                            color="red"
                            aria-label={`Revoke ${k.name}`}
                            onClick={() => setRevoking(k)}
                            data-testid={`api-key-revoke-${k.id}`}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {canManageWebhooks ? <WebhookEndpointsSection /> : null}
      <CreateApiKeyModal
        opened={creating}
        canGrantAdmin={me.role === 'ADMIN'}
        onClose={() => setCreating(false)}
      />
      <ConfirmModal
        opened={!!revoking}
        title="Revoke API key?"
        confirmLabel="Revoke key"
        danger
        loading={revoke.isPending}
        onConfirm={doRevoke}
        onClose={() => setRevoking(null)}
      >
        <strong>{revoking?.name}</strong> stops working at once: every system using it gets 401
        until it is given a new key. This cannot be undone.
      </ConfirmModal>
    </Stack>
  );
}
