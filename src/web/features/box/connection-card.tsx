import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Divider,
  Group,
  Paper,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconPlugConnected, IconTrash, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ui/confirm-modal';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { BoxConnectionForm } from './connection-form';
import { useDeleteBoxConnection, useTestBoxConnection } from './queries';
import type { BoxConnection, BoxTestResult } from './types';
import { BoxWebhookEvents } from './webhook-events';

/** The address Box must call: this app's origin (what the browser sees) plus the path. */
const webhookAddress = (c: BoxConnection) =>
  typeof window === 'undefined' ? c.webhookUrl : `${window.location.origin}${c.webhookPath}`;

function TestOutcome({ result }: { result: BoxTestResult }) {
  if (result.ok) {
    return (
      <Alert color="teal" icon={<IconCheck size={16} />} data-testid="box-test-result" py={8}>
        Connected as {result.user?.name ?? result.user?.login ?? 'the service account'}
        {result.user?.login ? ` (${result.user.login})` : ''}; root folder “
        {result.rootFolder?.name ?? result.rootFolder?.id}” is readable.
      </Alert>
    );
  }
  return (
    <Alert color="red" icon={<IconX size={16} />} data-testid="box-test-result" py={8}>
      {result.error ?? 'The connection failed.'}
    </Alert>
  );
}

/** One configured connection: its webhook address, a test, the form, recent deliveries. */
export function BoxConnectionCard({ connection }: { connection: BoxConnection }) {
  const test = useTestBoxConnection();
  const remove = useDeleteBoxConnection();
  const [deleting, setDeleting] = useState(false);
  const address = webhookAddress(connection);
  return (
    <Paper withBorder p="md" radius="md" data-testid="box-connection">
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Title order={3} fz="h4" fw={600}>
              {connection.name}
            </Title>
            <Badge variant="light" color={connection.isEnabled ? 'teal' : 'gray'} size="sm">
              {connection.isEnabled ? 'enabled' : 'disabled'}
            </Badge>
            <Badge variant="outline" color="gray" size="sm">
              {connection.authMode === 'DEVELOPER_TOKEN' ? 'developer token' : 'client credentials'}
            </Badge>
          </Group>
          <Group gap="xs">
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlugConnected size={14} />}
              loading={test.isPending}
              onClick={() =>
                test.mutate(connection.id, {
                  onError: (err) => notifyError(err, 'Could not test the connection'),
                })
              }
            >
              Test connection
            </Button>
            <Tooltip label="Remove connection">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label="Remove connection"
                onClick={() => setDeleting(true)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        {test.data ? <TestOutcome result={test.data} /> : null}
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Webhook address
          </Text>
          <Text size="xs" c="dimmed">
            In the Box developer console, add a V2 webhook on the folder files arrive in (trigger
            FILE.UPLOADED) with this address, and copy its two signature keys into the form below.
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code data-testid="box-webhook-url" style={{ overflowWrap: 'anywhere' }}>
              {address}
            </Code>
            <CopyButton value={address}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color={copied ? 'teal' : 'gray'}
                    onClick={copy}
                    aria-label="Copy webhook address"
                  >
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        </Stack>
        <Divider label="Settings" labelPosition="left" />
        <BoxConnectionForm
          key={connection.updatedAt}
          connection={connection}
          onDone={() => test.reset()}
        />
        <Divider label="Recent webhook deliveries" labelPosition="left" />
        <BoxWebhookEvents connectionId={connection.id} />
      </Stack>
      <ConfirmModal
        opened={deleting}
        onClose={() => setDeleting(false)}
        title="Remove Box connection"
        confirmLabel="Remove"
        danger
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(connection.id, {
            onSuccess: () => {
              notifySuccess(`Box connection “${connection.name}” removed.`);
              setDeleting(false);
            },
            onError: (err) => notifyError(err, 'Could not remove the connection'),
          })
        }
      >
        Its webhook address stops answering, and versions sent to the client are no longer pushed
        through it.
      </ConfirmModal>
    </Paper>
  );
}
