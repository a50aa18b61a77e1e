import { Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { EmptyPanel } from '../../components/ui/empty-panel';
import { ErrorAlert } from '../../components/ui/error-alert';
import { LoadMore } from '../../components/ui/load-more';
import { RelativeTime } from '../../components/ui/relative-time';
import { AnchorLink } from '../../components/ui/router-link';
import { TableSkeleton } from '../../components/ui/table-skeleton';
import { SourcePill } from '../holding-pen/holding-pen-panel';
import { useInboundLog, type InboundLogFilter } from './queries';
import {
  INBOUND_CHANNELS,
  INBOUND_OUTCOMES,
  type InboundLogEntry,
  type InboundOutcome,
} from './types';

const OUTCOME: Record<InboundOutcome, { label: string; color: string }> = {
  REVISION: { label: 'New version', color: 'teal' },
  HELD: { label: 'Held', color: 'orange' },
  UNMATCHED: { label: 'Not matched', color: 'yellow' },
  ERROR: { label: 'Error', color: 'red' },
};

const CHANNEL_LABEL = { MANUAL: 'Manual upload', API: 'API', BOX: 'Box' } as const;

/** Every inbound attempt, newest first, with what it became and why. */
export function InboundLogTable({
  filter,
  onFilter,
}: {
  filter: InboundLogFilter;
  onFilter: (next: InboundLogFilter) => void;
}) {
  const log = useInboundLog(filter);
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = !!(filter.outcome || filter.channel);

  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap">
        <Select
          size="xs"
          label="Outcome"
          placeholder="All outcomes"
          clearable
          data={INBOUND_OUTCOMES.map((o) => ({ value: o, label: OUTCOME[o].label }))}
          value={filter.outcome ?? null}
          onChange={(v) => onFilter({ ...filter, outcome: v ?? undefined })}
          w={180}
          data-testid="inbound-filter-outcome"
        />
        <Select
          size="xs"
          label="Channel"
          placeholder="All channels"
          clearable
          data={INBOUND_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] }))}
          value={filter.channel ?? null}
          onChange={(v) => onFilter({ ...filter, channel: v ?? undefined })}
          w={180}
          data-testid="inbound-filter-channel"
        />
      </Group>
      {log.isPending ? (
        <TableSkeleton rows={5} height={36} />
      ) : log.isError ? (
        <ErrorAlert
          error={log.error}
          title="Could not load the inbound log"
          onRetry={() => void log.refetch()}
        />
      ) : rows.length === 0 ? (
        <EmptyPanel
          icon={<IconInbox size={22} />}
          title={filtered ? 'Nothing matches these filters' : 'No inbound files yet'}
          description={
            filtered
              ? 'Clear a filter to see more of the log.'
              : 'Files dropped above, sent to the API or arriving from Box are listed here with what became of them.'
          }
        />
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" fz="sm" highlightOnHover data-testid="inbound-log">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>Received</Table.Th>
                  <Table.Th w={110}>Channel</Table.Th>
                  <Table.Th miw={240}>File</Table.Th>
                  <Table.Th w={130}>Outcome</Table.Th>
                  <Table.Th>Where it went / why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <LogRow key={r.id} entry={r} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore
            hasNextPage={log.hasNextPage}
            isFetchingNextPage={log.isFetchingNextPage}
            fetchNextPage={log.fetchNextPage}
          />
        </>
      )}
    </Stack>
  );
}

function LogRow({ entry: e }: { entry: InboundLogEntry }) {
  const o = OUTCOME[e.outcome];
  return (
    <Table.Tr data-testid="inbound-log-row" data-outcome={e.outcome}>
      <Table.Td>
        <RelativeTime value={e.receivedAt} size="sm" />
      </Table.Td>
      <Table.Td>
        <SourcePill source={e.channel} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {e.fileName}
        </Text>
        {e.boxFileId ? (
          <Text size="xs" c="dimmed">
            Box file {e.boxFileId}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={o.color} size="sm" tt="none" style={{ overflow: 'visible' }}>
          {o.label}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          {e.project || e.deliverable ? (
            <Group gap={4} wrap="wrap">
              {e.project ? (
                <AnchorLink
                  to="/projects/$projectId"
                  params={{ projectId: e.project.id }}
                  size="sm"
                >
                  {e.project.name}
                </AnchorLink>
              ) : null}
              {e.deliverable ? (
                <>
                  <Text span size="sm" c="dimmed">
                    ›
                  </Text>
                  <AnchorLink
                    to="/deliverables/$deliverableId"
                    params={{ deliverableId: e.deliverable.id }}
                    size="sm"
                  >
                    {e.deliverable.name}
                  </AnchorLink>
                </>
              ) : null}
              {e.revision && e.deliverable ? (
                <>
                  <Text span size="sm" c="dimmed">
                    ›
                  </Text>
                  <AnchorLink
                    to="/deliverables/$deliverableId"
                    params={{ deliverableId: e.deliverable.id }}
                    search={{ view: e.revision.id }}
                    size="sm"
                    fw={600}
                  >
                    {e.revision.label}
                  </AnchorLink>
                </>
              ) : null}
              {e.holdingPenFileId ? (
                <Badge size="xs" variant="outline" color="orange" tt="none">
                  in the holding pen
                </Badge>
              ) : e.outcome === 'HELD' && !e.revision ? (
                <Badge size="xs" variant="outline" color="gray" tt="none">
                  discarded
                </Badge>
              ) : null}
            </Group>
          ) : null}
          {e.reason || e.error ? (
            <Text size="xs" c={e.error ? 'red' : 'dimmed'}>
              {e.error ?? e.reason}
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
