import { Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IconPlus, IconPresentation } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { LoadMore } from '../components/ui/load-more';
import { PageHeader } from '../components/ui/page-header';
import { RelativeTime } from '../components/ui/relative-time';
import { AnchorLink } from '../components/ui/router-link';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { hasPermission, useMe } from '../features/me/queries';
import { CreateSessionModal } from '../features/review-sessions/create-session-modal';
import { useReviewSessions } from '../features/review-sessions/queries';
import { SessionStatusBadge } from '../features/review-sessions/session-badges';
import {
  isSessionStatus,
  SESSION_STATUS_LABEL,
  SESSION_STATUS_OPTIONS,
} from '../features/review-sessions/session-labels';
import type { ReviewSession } from '../features/review-sessions/types';
import { flattenPages } from '../features/users/queries';
import { formatDate, pluralize } from '../lib/format';
import { Permission } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

const route = getRouteApi('/app/review-sessions');

export function ReviewSessionsPage() {
  usePageTitle('Review sessions');
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/review-sessions' });
  const status = isSessionStatus(search.status) ? search.status : undefined;
  const sessions = useReviewSessions(status);
  const items = flattenPages(sessions.data);
  const canManage = hasPermission(me, Permission.REVIEW_SESSION_MANAGE);
  const [creating, setCreating] = useState(false);

  const newButton = (testId: string) =>
    canManage ? (
      <Button
        leftSection={<IconPlus size={16} />}
        onClick={() => setCreating(true)}
        data-testid={testId}
      >
        New session
      </Button>
    ) : null;

  return (
    <Stack gap={0}>
      <PageHeader
        title="Review sessions"
        description="Gather stage revisions, present them one by one, decide each; completing applies the decisions to the stages."
        actions={newButton('session-new')}
      />
      <Group gap="xs" mb="sm">
        <Select
          placeholder="Any status"
          data={SESSION_STATUS_OPTIONS}
          value={status ?? null}
          onChange={(v) => void navigate({ search: { status: v ?? undefined }, replace: true })}
          clearable
          allowDeselect
          w={170}
          aria-label="Status"
          data-testid="sessions-status"
        />
      </Group>
      {sessions.isPending ? (
        <TableSkeleton rows={5} />
      ) : sessions.isError ? (
        <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : items.length === 0 ? (
        <EmptyPanel
          icon={<IconPresentation size={22} />}
          title={
            status
              ? `No ${SESSION_STATUS_LABEL[status].toLowerCase()} sessions`
              : 'No review sessions yet'
          }
          description={
            status
              ? 'Choose another status, or clear the filter.'
              : canManage
                ? 'Create a session, add revisions to it (here, or from the board and the deliverables list with “Add to review session”), then start it and present.'
                : 'Sessions your producers prepare will appear here.'
          }
          action={status ? null : newButton('session-new-empty')}
        />
      ) : (
        <>
          <Paper withBorder className="pt-table-paper">
            <Table.ScrollContainer minWidth={760}>
              <Table
                className="pt-table"
                data-testid="sessions-table"
                style={{ opacity: sessions.isPlaceholderData ? 0.6 : 1 }}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Session</Table.Th>
                    <Table.Th w={140}>Status</Table.Th>
                    <Table.Th w={220}>Items</Table.Th>
                    <Table.Th w={160}>Created by</Table.Th>
                    <Table.Th w={120}>Created</Table.Th>
                    <Table.Th w={120}>Updated</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((s) => (
                    <SessionRow key={s.id} session={s} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <LoadMore
            hasNextPage={sessions.hasNextPage}
            isFetchingNextPage={sessions.isFetchingNextPage}
            fetchNextPage={sessions.fetchNextPage}
          />
        </>
      )}
      <CreateSessionModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(s) =>
          void navigate({ to: '/review-sessions/$sessionId', params: { sessionId: s.id } })
        }
      />
    </Stack>
  );
}

function SessionRow({ session: s }: { session: ReviewSession }) {
  const decided = s.approvedCount + s.changesRequestedCount;
  return (
    <Table.Tr data-testid={`session-row-${s.id}`}>
      <Table.Td>
        <AnchorLink
          to="/review-sessions/$sessionId"
          params={{ sessionId: s.id }}
          fw={500}
          size="sm"
        >
          {s.name}
        </AnchorLink>
        {s.description ? (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {s.description}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <SessionStatusBadge status={s.status} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="session-row-count">
          {pluralize(s.itemCount, 'item')}
        </Text>
        {s.status !== 'DRAFT' && s.itemCount > 0 ? (
          <Text size="xs" c="dimmed">
            {decided} decided · {s.approvedCount} approved · {s.changesRequestedCount} changes
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm" truncate>
          {s.createdBy.name || '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(s.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        <RelativeTime value={s.updatedAt} />
      </Table.Td>
    </Table.Tr>
  );
}
