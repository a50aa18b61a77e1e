import { Badge, Table, Text, Tooltip } from '@mantine/core';
import { RelativeTime } from '../../components/ui/relative-time';
import { useBoxEvents } from './queries';
import type { BoxWebhookEvent } from './types';

const STATUS_COLOR: Record<BoxWebhookEvent['status'], string> = {
  RECEIVED: 'gray',
  PROCESSED: 'teal',
  IGNORED: 'gray',
  FAILED: 'red',
};

const OUTCOME_COLOR: Record<string, string> = {
  revision: 'teal',
  held: 'yellow',
  unmatched: 'orange',
};

/** The latest webhook deliveries of a connection and what the inbound resolver made of them. */
export function BoxWebhookEvents({ connectionId }: { connectionId: string }) {
  const events = useBoxEvents(connectionId);
  const items = events.data?.items ?? [];
  if (events.isPending) return null;
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="box-events-empty">
        No webhook deliveries yet. Once Box calls the address above, they show up here.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={6} fz="sm" data-testid="box-events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Received</Table.Th>
            <Table.Th>Event</Table.Th>
            <Table.Th>File</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Inbound</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => {
            const outcome = e.inbound?.outcome;
            return (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <RelativeTime value={e.receivedAt} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {e.trigger ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={260}>
                    {e.fileName ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={e.error ?? ''} disabled={!e.error} multiline maw={320}>
                    <Badge variant="light" color={STATUS_COLOR[e.status]} size="sm">
                      {e.status.toLowerCase()}
                    </Badge>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  {outcome ? (
                    <Tooltip
                      label={e.inbound?.reason ?? ''}
                      disabled={!e.inbound?.reason}
                      multiline
                      maw={320}
                    >
                      <Badge variant="light" color={OUTCOME_COLOR[outcome] ?? 'gray'} size="sm">
                        {outcome}
                      </Badge>
                    </Tooltip>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {e.error ?? '—'}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
