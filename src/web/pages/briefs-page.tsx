import { Badge, Button, Group, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconInbox, IconPlus } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { BRIEF_STATUSES, BRIEF_STATUS_LABEL, type BriefStatus } from '../../domain/brief-status';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { LoadMore } from '../components/ui/load-more';
import { PageHeader } from '../components/ui/page-header';
import { RelativeTime } from '../components/ui/relative-time';
import { AnchorLink } from '../components/ui/router-link';
import { SearchInput } from '../components/ui/search-input';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { BriefStatusBadge, briefSourceLabel } from '../features/briefs/brief-status-badge';
import { NewBriefModal } from '../features/briefs/new-brief-modal';
import { useBriefCounts, useBriefs } from '../features/briefs/queries';
import { PriorityBadge } from '../features/stages/status-badges';
import { flattenPages } from '../features/users/queries';
import { formatDate } from '../lib/format';
import { usePageTitle } from '../lib/use-page-title';

const route = getRouteApi('/app/briefs');

const ALL = 'ALL';

const EMPTY_TEXT: Record<BriefStatus | typeof ALL, { title: string; description: string }> = {
  ALL: {
    title: 'No briefs yet',
    description:
      'Briefs arrive by hand, from intake systems with an API key, or by signed webhook. Add the first one by hand.',
  },
  PENDING: {
    title: 'Nothing waiting',
    description: 'New briefs land here until someone picks them up.',
  },
  REVIEWING: { title: 'Nothing in review', description: 'Briefs someone is looking at show here.' },
  ACCEPTED: {
    title: 'No accepted briefs',
    description: 'Accepted briefs wait here until they are converted into projects.',
  },
  REJECTED: { title: 'No rejected briefs', description: 'Briefs turned down show here.' },
  CONVERTED: {
    title: 'No converted briefs',
    description: 'Briefs that became projects show here, with a link to the project.',
  },
  ARCHIVED: { title: 'Nothing archived', description: 'Archived briefs are kept here.' },
};

export function BriefsPage() {
  usePageTitle('Briefs');
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/briefs' });
  const [creating, setCreating] = useState(false);
  const status =
    search.status && (BRIEF_STATUSES as readonly string[]).includes(search.status)
      ? (search.status as BriefStatus)
      : undefined;
  const filters = useMemo(() => ({ status, q: search.q }), [status, search.q]);
  const briefs = useBriefs(filters);
  const counts = useBriefCounts(search.q);
  const items = flattenPages(briefs.data);

  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const newButton = (testId: string) => (
    <Button
      leftSection={<IconPlus size={16} />}
      onClick={() => setCreating(true)}
      data-testid={testId}
    >
      New brief
    </Button>
  );

  const tab = status ?? ALL;
  const empty = EMPTY_TEXT[tab];
  const count = (s: BriefStatus | typeof ALL) =>
    s === ALL ? counts.data?.total : counts.data?.counts[s];

  return (
    <Stack gap={0}>
      <PageHeader
        title="Briefs"
        description="Requests that have arrived but are not projects yet: triage them, then convert the accepted ones."
        actions={newButton('brief-new')}
      />
      <Tabs
        value={tab}
        onChange={(v) => setSearch({ status: !v || v === ALL ? undefined : v })}
        mb="sm"
        keepMounted={false}
      >
        <Tabs.List>
          {[ALL, ...BRIEF_STATUSES].map((s) => {
            const n = count(s as BriefStatus | typeof ALL);
            return (
              <Tabs.Tab
                key={s}
                value={s}
                data-testid={`briefs-tab-${s}`}
                rightSection={
                  n ? (
                    <Badge
                      size="xs"
                      variant={s === 'PENDING' ? 'filled' : 'light'}
                      color={s === 'PENDING' ? 'yellow' : 'gray'}
                      circle={n < 10}
                    >
                      {n}
                    </Badge>
                  ) : null
                }
              >
                {s === ALL ? 'All' : BRIEF_STATUS_LABEL[s as BriefStatus]}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
      </Tabs>
      <Group gap="xs" mb="sm">
        <SearchInput
          placeholder="Search title, requestor or external id"
          value={search.q ?? ''}
          onChange={(q) => setSearch({ q: q || undefined })}
          w={320}
          aria-label="Search briefs"
          data-testid="briefs-search"
        />
      </Group>
      {briefs.isPending ? (
        <TableSkeleton rows={6} />
      ) : briefs.isError ? (
        <ErrorAlert error={briefs.error} onRetry={() => void briefs.refetch()} />
      ) : items.length === 0 ? (
        <EmptyPanel
          icon={<IconInbox size={22} />}
          title={search.q ? 'No brief matches this search' : empty.title}
          description={search.q ? 'Try another search, or look in another tab.' : empty.description}
          action={!search.q && tab === ALL ? newButton('brief-new-empty') : null}
        />
      ) : (
        <>
          <Paper withBorder className="pt-table-paper">
            <Table.ScrollContainer minWidth={860}>
              <Table
                className="pt-table"
                data-testid="briefs-table"
                style={{ opacity: briefs.isPlaceholderData ? 0.6 : 1 }}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Brief</Table.Th>
                    <Table.Th w={120}>Status</Table.Th>
                    <Table.Th w={100}>Priority</Table.Th>
                    <Table.Th>Requested by</Table.Th>
                    <Table.Th w={150}>Source</Table.Th>
                    <Table.Th w={110}>Due</Table.Th>
                    <Table.Th w={110}>Received</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((b) => (
                    <Table.Tr key={b.id} data-testid={`brief-row-${b.id}`} data-title={b.title}>
                      <Table.Td>
                        <AnchorLink
                          to="/briefs/$briefId"
                          params={{ briefId: b.id }}
                          size="sm"
                          fw={500}
                        >
                          {b.title}
                        </AnchorLink>
                        {b.convertedProject ? (
                          <Text size="xs" c="dimmed">
                            → {b.convertedProject.name}
                          </Text>
                        ) : b.externalId ? (
                          <Text size="xs" c="dimmed" ff="monospace">
                            {b.externalId}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <BriefStatusBadge status={b.status} />
                      </Table.Td>
                      <Table.Td>
                        <PriorityBadge priority={b.priority} />
                      </Table.Td>
                      <Table.Td>
                        <Text
                          size="sm"
                          c={b.requestorName || b.requestorEmail ? undefined : 'dimmed'}
                        >
                          {b.requestorName ?? b.requestorEmail ?? '—'}
                        </Text>
                        {b.clientTeam ? (
                          <Text size="xs" c="dimmed">
                            {b.clientTeam.name}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{briefSourceLabel(b.source)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={b.requestedDueDate ? undefined : 'dimmed'}>
                          {b.requestedDueDate ? formatDate(b.requestedDueDate) : '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <RelativeTime value={b.receivedAt} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <LoadMore
            hasNextPage={briefs.hasNextPage}
            isFetchingNextPage={briefs.isFetchingNextPage}
            fetchNextPage={briefs.fetchNextPage}
          />
        </>
      )}
      <NewBriefModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
