import { Anchor, Button, Group, Text, Tooltip } from '@mantine/core';
import {
  IconCircleCheck,
  IconClockHour3,
  IconExternalLink,
  IconRefresh,
  IconTruckDelivery,
  IconX,
} from '@tabler/icons-react';
import { notifyError } from '../../components/ui/notify';
import { formatDateTime } from '../../lib/format';
import { useBoxPushes, useRetryDelivery } from '../box/queries';
import type { BoxPush } from '../box/types';

function DeliveryIcon({ status }: { status: BoxPush['status'] }) {
  if (status === 'SUCCESS')
    return <IconCircleCheck size={13} color="var(--mantine-color-teal-6)" />;
  if (status === 'FAILED') return <IconX size={13} color="var(--mantine-color-red-6)" />;
  return <IconClockHour3 size={13} color="var(--mantine-color-gray-6)" />;
}

function describe(d: BoxPush): string {
  if (d.status === 'SUCCESS') return d.fileName ? `delivered to Box as ${d.fileName}` : 'delivered';
  if (d.status === 'FAILED') return d.error ?? 'failed';
  return 'pending…';
}

function RetryButton({ revisionId }: { revisionId: string }) {
  const retry = useRetryDelivery(revisionId);
  return (
    <Button
      size="compact-xs"
      variant="light"
      color="orange"
      leftSection={<IconRefresh size={12} />}
      loading={retry.isPending}
      onClick={() =>
        retry.mutate(undefined, { onError: (err) => notifyError(err, 'Could not retry delivery') })
      }
      data-testid="delivery-retry"
    >
      Retry delivery
    </Button>
  );
}

/**
 * One line per sent version: where its delivery stands (the latest attempt), the Box file once
 * delivered, and — for people who may send to the client — a retry after a failure. Staff only.
 */
export function DeliveryLog({ revisionId }: { revisionId: string }) {
  const query = useBoxPushes(revisionId);
  if (query.isPending) return null;
  if (query.isError) {
    return (
      <Text size="xs" c="dimmed">
        Delivery log unavailable.
      </Text>
    );
  }
  const { items, canRetry } = query.data;
  if (items.length === 0) {
    return (
      <Group gap={4} wrap="nowrap" data-testid="revision-deliveries">
        <IconTruckDelivery size={13} color="var(--mantine-color-gray-6)" />
        <Text size="xs" c="dimmed">
          Delivery: none recorded.
        </Text>
        {canRetry ? <RetryButton revisionId={revisionId} /> : null}
      </Group>
    );
  }
  // The latest attempt says where things stand; older ones only matter when they differ.
  const [latest, ...older] = items;
  return (
    <Group gap={4} wrap="nowrap" data-testid="revision-deliveries" data-status={latest!.status}>
      <DeliveryIcon status={latest!.status} />
      <Tooltip
        label={items
          .map(
            (d) =>
              `#${d.attempt} ${d.status.toLowerCase()} · ${formatDateTime(d.sentAt)}${
                d.status === 'FAILED' && d.error ? ` · ${d.error}` : ''
              }`,
          )
          .join('\n')}
        style={{ whiteSpace: 'pre-line' }}
        openDelay={300}
        multiline
        maw={420}
        withArrow
      >
        <Text size="xs" c={latest!.status === 'FAILED' ? 'red' : 'dimmed'} truncate>
          Delivery: {describe(latest!)}
          {latest!.attempt > 1 || older.length > 0 ? ` (attempt ${latest!.attempt})` : ''}
        </Text>
      </Tooltip>
      {latest!.status === 'SUCCESS' && latest!.boxFileUrl ? (
        <Anchor
          href={latest!.boxFileUrl}
          target="_blank"
          rel="noreferrer"
          size="xs"
          data-testid="delivery-box-link"
          style={{ whiteSpace: 'nowrap' }}
        >
          <Group gap={2} wrap="nowrap" component="span">
            Open in Box <IconExternalLink size={11} />
          </Group>
        </Anchor>
      ) : null}
      {canRetry && latest!.status === 'FAILED' ? <RetryButton revisionId={revisionId} /> : null}
    </Group>
  );
}
