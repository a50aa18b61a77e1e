import {
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconWebhook } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { EmptyPanel } from '../../components/ui/empty-panel';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { RelativeTime } from '../../components/ui/relative-time';
import { TableSkeleton } from '../../components/ui/table-skeleton';
import {
  useCreateWebhookEndpoint,
  useSetWebhookEndpointEnabled,
  useWebhookEndpoints,
} from './queries';
import { SecretReveal } from './secret-reveal';
import type { CreatedWebhookEndpoint } from './types';

const origin = () => (typeof window === 'undefined' ? '' : window.location.origin);

/** Signed brief webhooks (Standard Webhooks): endpoints, their URL, a secret shown once. */
export function WebhookEndpointsSection() {
  const endpoints = useWebhookEndpoints();
  const setEnabled = useSetWebhookEndpointEnabled();
  const [creating, setCreating] = useState(false);
  const items = endpoints.data?.items ?? [];

  const toggle = (id: string, name: string, isEnabled: boolean) =>
    setEnabled.mutate(
      { id, isEnabled },
      {
        onSuccess: () =>
          notifySuccess(isEnabled ? `“${name}” accepts deliveries again.` : `“${name}” disabled.`),
        onError: (err) => notifyError(err, 'Could not change the endpoint'),
      },
    );

  const newButton = (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconPlus size={14} />}
      onClick={() => setCreating(true)}
      data-testid="webhook-endpoint-new"
    >
      New endpoint
    </Button>
  );

  return (
    <Stack gap="sm" mt="xl">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={3} fz="h4" fw={600}>
            Brief webhooks
          </Title>
          <Text size="sm" c="dimmed">
            Intake systems post briefs here, signed with the endpoint&apos;s secret (Standard
            Webhooks: <Code>webhook-id</Code>, <Code>webhook-timestamp</Code>,{' '}
            <Code>webhook-signature</Code>).
          </Text>
        </Stack>
        {items.length > 0 ? newButton : null}
      </Group>
      {endpoints.isPending ? (
        <TableSkeleton rows={2} />
      ) : endpoints.isError ? (
        <ErrorAlert error={endpoints.error} onRetry={() => void endpoints.refetch()} />
      ) : items.length === 0 ? (
        <EmptyPanel
          icon={<IconWebhook size={22} />}
          title="No brief webhooks yet"
          description="Create an endpoint to let an intake system send briefs as they are filed."
          action={newButton}
        />
      ) : (
        <Paper withBorder className="pt-table-paper">
          <Table.ScrollContainer minWidth={640}>
            <Table className="pt-table" data-testid="webhook-endpoints-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>URL</Table.Th>
                  <Table.Th w={110}>Created</Table.Th>
                  <Table.Th w={110}>Enabled</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id} data-testid={`webhook-endpoint-row-${e.id}`}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm" fw={500}>
                          {e.name}
                        </Text>
                        {!e.isEnabled ? (
                          <Badge size="xs" color="gray" variant="light">
                            Disabled
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Code fz="xs">{origin() + e.path}</Code>
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime value={e.createdAt} />
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        checked={e.isEnabled}
                        onChange={(ev) => toggle(e.id, e.name, ev.currentTarget.checked)}
                        aria-label={`${e.isEnabled ? 'Disable' : 'Enable'} ${e.name}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <CreateEndpointModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

function CreateEndpointModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateWebhookEndpoint();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedWebhookEndpoint | null>(null);

  const close = () => {
    setName('');
    setCreated(null);
    create.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    create.mutate({ name: name.trim() }, { onSuccess: setCreated });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'Webhook endpoint created' : 'New brief webhook'}
      size="lg"
      closeOnClickOutside={!created}
    >
      {created ? (
        <Stack gap="md">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              URL
            </Text>
            <Code block fz="sm">
              POST {origin() + created.path}
            </Code>
          </Stack>
          <SecretReveal label="signing secret" value={created.secret} testId="webhook-secret" />
          <Group justify="flex-end">
            <Button onClick={close}>I have copied it</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label="Name"
              description="The sending system; briefs show it as their source"
              placeholder="Workfront"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-autofocus
              required
              maxLength={100}
              data-testid="webhook-endpoint-name"
            />
            {create.isError ? (
              <ErrorAlert error={create.error} title="Could not create the endpoint" />
            ) : null}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
                Create endpoint
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
