import { Group, Text, Tooltip } from '@mantine/core';
import { IconCircleCheck, IconClockHour3, IconTruckDelivery, IconX } from '@tabler/icons-react';
import { formatDateTime } from '../../lib/format';
import { useDeliveries } from './queries';
import type { Delivery } from './types';

function DeliveryIcon({ status }: { status: Delivery['status'] }) {
  if (status === 'SUCCESS')
    return <IconCircleCheck size={13} color="var(--mantine-color-teal-6)" />;
  if (status === 'FAILED') return <IconX size={13} color="var(--mantine-color-red-6)" />;
  return <IconClockHour3 size={13} color="var(--mantine-color-gray-6)" />;
}

function describe(d: Delivery): string {
  if (d.status === 'SUCCESS')
    return `delivered${d.boxFolderId ? ` to Box folder ${d.boxFolderId}` : ''}`;
  if (d.status === 'FAILED') return d.error ?? 'failed';
  return 'pending…';
}

/** One line per delivery attempt of a sent version (the latest first); staff only. */
export function DeliveryLog({ revisionId }: { revisionId: string }) {
  const query = useDeliveries(revisionId);
  if (query.isPending) return null;
  if (query.isError) {
    return (
      <Text size="xs" c="dimmed">
        Delivery log unavailable.
      </Text>
    );
  }
  const items = query.data.items;
  if (items.length === 0) {
    return (
      <Group gap={4} wrap="nowrap" data-testid="revision-deliveries">
        <IconTruckDelivery size={13} color="var(--mantine-color-gray-6)" />
        <Text size="xs" c="dimmed">
          Delivery: none recorded.
        </Text>
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
          .map((d) => `#${d.attempt} ${d.status.toLowerCase()} · ${formatDateTime(d.sentAt)}`)
          .join('\n')}
        style={{ whiteSpace: 'pre-line' }}
        openDelay={300}
        withArrow
      >
        <Text size="xs" c={latest!.status === 'FAILED' ? 'red' : 'dimmed'} truncate>
          Delivery: {describe(latest!)}
          {latest!.attempt > 1 || older.length > 0 ? ` (attempt ${latest!.attempt})` : ''}
        </Text>
      </Tooltip>
    </Group>
  );
}
