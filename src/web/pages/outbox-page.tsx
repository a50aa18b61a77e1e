import { ActionIcon, Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconInbox, IconRefresh } from '@tabler/icons-react';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { LinkifiedText } from '../components/ui/linkified-text';
import { LoadMore } from '../components/ui/load-more';
import { PageHeader } from '../components/ui/page-header';
import { RelativeTime } from '../components/ui/relative-time';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { useOutbox } from '../features/outbox/queries';
import { flattenPages } from '../features/users/queries';
import { usePageTitle } from '../lib/use-page-title';

export function OutboxPage() {
  usePageTitle('Mail outbox');
  const outbox = useOutbox();
  const items = flattenPages(outbox.data);

  return (
    <Stack gap={0}>
      <PageHeader
        title={
          <Group gap="xs">
            Mail outbox
            <Badge variant="light" color="orange" size="sm">
              Development
            </Badge>
          </Group>
        }
        description="E-mails the server would have sent (password resets, invitations). Newest first; refreshes automatically."
        actions={
          <Tooltip label="Refresh now">
            <ActionIcon
              size="lg"
              variant="default"
              aria-label="Refresh"
              onClick={() => void outbox.refetch()}
              loading={outbox.isRefetching}
              data-testid="outbox-refresh"
            >
              <IconRefresh size={16} />
            </ActionIcon>
          </Tooltip>
        }
      />
      {outbox.isPending ? (
        <TableSkeleton rows={4} height={72} />
      ) : outbox.isError ? (
        <ErrorAlert error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : items.length === 0 ? (
        <EmptyPanel
          icon={<IconInbox size={22} />}
          title="No e-mails yet"
          description="Invite someone or request a password reset; the message will show up here."
        />
      ) : (
        <Stack gap="sm" data-testid="outbox-list">
          {items.map((m) => (
            <Paper key={m.id} withBorder data-testid="outbox-message">
              <Group
                justify="space-between"
                wrap="nowrap"
                px="md"
                py="xs"
                style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
              >
                <Stack gap={0} miw={0}>
                  <Text size="sm" fw={600} truncate data-testid="outbox-subject">
                    {m.subject}
                  </Text>
                  <Text size="xs" c="dimmed" truncate data-testid="outbox-to">
                    To: {m.to}
                  </Text>
                </Stack>
                <RelativeTime value={m.createdAt} size="xs" c="dimmed" style={{ flexShrink: 0 }} />
              </Group>
              <Text
                component="div"
                className="pt-mail-body"
                px="md"
                py="sm"
                data-testid="outbox-text"
              >
                <LinkifiedText text={m.text} />
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      <LoadMore
        hasNextPage={outbox.hasNextPage}
        isFetchingNextPage={outbox.isFetchingNextPage}
        fetchNextPage={outbox.fetchNextPage}
      />
      {items.length > 0 && !outbox.hasNextPage ? (
        <Text size="xs" c="dimmed" ta="center" mt="md">
          That's everything.
        </Text>
      ) : null}
    </Stack>
  );
}
