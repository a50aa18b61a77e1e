import { Card, Grid, Select, Stack, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo } from 'react';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { LoadMore } from '../components/ui/load-more';
import { PageHeader } from '../components/ui/page-header';
import { RouterNavLink } from '../components/ui/router-link';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { FocusedReview } from '../features/client-review/focused-review';
import { useClientReviewItems } from '../features/client-review/queries';
import { ReviewQueue } from '../features/client-review/review-queue';
import { useMe } from '../features/me/queries';
import { useProjects } from '../features/projects/queries';
import { usePageTitle } from '../lib/use-page-title';

const route = getRouteApi('/app/review');

/** A client sees their few projects as a list; staff pick among many. */
const PROJECT_LIST_MAX = 10;

/**
 * The client's focused review: what was sent to them (awaiting their decision first), and the
 * one they open — its sent versions, the viewer, the decision and the conversation. Staff see
 * the same layout for what is out with clients now.
 */
export function ClientReviewPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/review' });
  const me = useMe();
  const isClient = me.user.isExternal || me.role === 'CLIENT_VIEWER';
  usePageTitle(isClient ? 'Review' : 'Client review');

  const projects = useProjects({});
  const projectList = useMemo(
    () => projects.data?.pages.flatMap((p) => p.items) ?? [],
    [projects.data],
  );
  const items = useClientReviewItems({ projectId: search.projectId, waiting: !isClient });
  const list = useMemo(() => items.data?.pages.flatMap((p) => p.items) ?? [], [items.data]);
  const selectedId = search.deliverable ?? null;
  const selectedItem = list.find((i) => i.id === selectedId);

  // Open the first deliverable (awaiting a decision first) when none is chosen.
  const first = list[0]?.id;
  useEffect(() => {
    if (!selectedId && first && !items.isPlaceholderData) {
      void navigate({ search: (prev) => ({ ...prev, deliverable: first }), replace: true });
    }
  }, [selectedId, first, items.isPlaceholderData, navigate]);

  const setProject = (projectId: string | undefined) =>
    void navigate({ search: { projectId, deliverable: undefined } });
  const open = (deliverable: string) =>
    void navigate({ search: (prev) => ({ ...prev, deliverable }) });

  const projectPicker =
    isClient && projectList.length > 0 && projectList.length <= PROJECT_LIST_MAX ? (
      <Stack gap={2} data-testid="client-review-projects">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700} style={{ letterSpacing: '0.04em' }}>
          Your projects
        </Text>
        <RouterNavLink
          to="/review"
          search={{}}
          label="All projects"
          active={!search.projectId}
          data-testid="client-review-project-all"
        />
        {projectList.map((p) => (
          <RouterNavLink
            key={p.id}
            to="/review"
            search={{ projectId: p.id }}
            label={p.name}
            active={search.projectId === p.id}
            data-testid="client-review-project"
            data-project-id={p.id}
          />
        ))}
      </Stack>
    ) : projectList.length > 0 ? (
      <Select
        label={isClient ? 'Your projects' : 'Project'}
        placeholder="All projects"
        searchable
        clearable
        data={projectList.map((p) => ({ value: p.id, label: p.name }))}
        value={search.projectId ?? null}
        onChange={(v) => setProject(v ?? undefined)}
        data-testid="client-review-project-select"
      />
    ) : null;

  return (
    <Stack gap={0}>
      <PageHeader
        title={isClient ? 'Review' : 'Client review'}
        description={
          isClient
            ? 'Versions the team has sent you. Look, comment, then approve or ask for changes.'
            : 'What is out with clients: versions sent and waiting for the client’s decision.'
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
          <Stack gap="md">
            {projectPicker ? (
              <Card withBorder padding="sm">
                {projectPicker}
              </Card>
            ) : null}
            {items.isPending ? (
              <TableSkeleton rows={4} height={70} />
            ) : items.isError ? (
              <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />
            ) : list.length === 0 ? (
              <EmptyPanel
                icon={<IconInbox size={22} />}
                title={isClient ? 'Nothing to review yet' : 'Nothing is out with clients'}
                description={
                  isClient
                    ? 'When the team sends you a version, it shows up here.'
                    : 'Versions sent to a client and awaiting their decision show up here.'
                }
              />
            ) : (
              <>
                <ReviewQueue
                  items={list}
                  selectedId={selectedId}
                  isClient={isClient}
                  onSelect={(i) => open(i.id)}
                />
                <LoadMore
                  hasNextPage={items.hasNextPage}
                  isFetchingNextPage={items.isFetchingNextPage}
                  fetchNextPage={items.fetchNextPage}
                />
              </>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
          {selectedId ? (
            <FocusedReview
              key={selectedId}
              deliverableId={selectedId}
              item={selectedItem}
              isClient={isClient}
            />
          ) : !items.isPending && list.length === 0 ? null : (
            <Text size="sm" c="dimmed">
              Choose a deliverable to review.
            </Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
