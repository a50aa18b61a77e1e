import {
  Anchor,
  Button,
  Grid,
  Group,
  List,
  Progress,
  Skeleton,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import {
  IconArrowLeft,
  IconCheck,
  IconPlayerPlay,
  IconPresentation,
  IconPrinter,
} from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { countDecisions, presentPosition } from '../../domain/review-session';
import { ConfirmModal } from '../components/ui/confirm-modal';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { notifyError, notifySuccess } from '../components/ui/notify';
import { PageHeader } from '../components/ui/page-header';
import { AnchorLink } from '../components/ui/router-link';
import { hasPermission, useMe } from '../features/me/queries';
import { RevisionPermission } from '../features/revisions/revision-labels';
import { AddItemsPanel } from '../features/review-sessions/add-items-panel';
import { PresentMode } from '../features/review-sessions/present-mode';
import {
  useCompleteSession,
  useReviewSession,
  useStartSession,
} from '../features/review-sessions/queries';
import { SessionStatusBadge } from '../features/review-sessions/session-badges';
import { itemWarning, SessionItemList } from '../features/review-sessions/session-item-list';
import { SessionSummaryView } from '../features/review-sessions/session-summary';
import type { ReviewSessionDetail } from '../features/review-sessions/types';
import { formatDateTime, pluralize } from '../lib/format';
import { Permission } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

const route = getRouteApi('/app/review-sessions/$sessionId');

export function ReviewSessionPage() {
  const { sessionId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/review-sessions/$sessionId' });
  const me = useMe();
  const detail = useReviewSession(sessionId);
  usePageTitle(detail.data?.name ?? 'Review session');
  const canManage = hasPermission(me, Permission.REVIEW_SESSION_MANAGE);

  const present = (position: number | undefined) =>
    void navigate({
      search: { present: position === undefined ? undefined : String(position) },
      replace: position !== undefined && search.present !== undefined,
    });

  if (detail.isPending) {
    return (
      <Stack>
        <Skeleton h={48} w={360} />
        <Skeleton h={320} />
      </Stack>
    );
  }
  if (detail.isError) {
    return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const session = detail.data;
  const position =
    search.present !== undefined ? presentPosition(search.present, session.items.length) : null;

  return (
    <>
      <SessionView session={session} canManage={canManage} onPresent={present} />
      {position !== null ? (
        <PresentMode
          session={session}
          position={position}
          canDecide={canManage}
          onNavigate={present}
          onLeave={() => present(undefined)}
        />
      ) : null}
    </>
  );
}

function SessionView({
  session,
  canManage,
  onPresent,
}: {
  session: ReviewSessionDetail;
  canManage: boolean;
  onPresent: (position: number) => void;
}) {
  const me = useMe();
  const start = useStartSession(session.id);
  const complete = useCompleteSession(session.id);
  const [confirming, setConfirming] = useState(false);
  const counts = countDecisions(session.items);
  const decided = counts.approved + counts.changesRequested;
  const canEdit = canManage && session.status !== 'COMPLETED';
  const canComplete = canManage && hasPermission(me, RevisionPermission.REVIEW);
  const firstUndecided = session.items.find((i) => !i.decision)?.position ?? 1;
  const notApplying = session.items.filter((i) => i.decision && itemWarning(i));

  const startSession = () =>
    start.mutate(undefined, {
      onSuccess: () => notifySuccess('The session has started: present it to record decisions.'),
      onError: (err) => notifyError(err, 'Could not start the session'),
    });

  const completeSession = () =>
    complete.mutate(undefined, {
      onSuccess: (result) => {
        setConfirming(false);
        notifySuccess(
          result.notApplied
            ? `Completed: ${pluralize(result.applied, 'decision')} applied, ${result.notApplied} not.`
            : `Completed: ${pluralize(result.applied, 'decision')} applied to the stages.`,
        );
      },
      onError: (err) => notifyError(err, 'Could not complete the session'),
    });

  const actions =
    session.status === 'DRAFT' ? (
      canManage ? (
        <Tooltip label="Add at least one revision first" disabled={session.items.length > 0}>
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            onClick={startSession}
            loading={start.isPending}
            disabled={session.items.length === 0}
            data-testid="session-start"
          >
            Start session
          </Button>
        </Tooltip>
      ) : null
    ) : session.status === 'IN_PROGRESS' ? (
      <>
        <Button
          leftSection={<IconPresentation size={16} />}
          onClick={() => onPresent(firstUndecided)}
          data-testid="session-present"
        >
          Present
        </Button>
        {canManage ? (
          <Tooltip
            label="Completing needs the permission to review revisions"
            disabled={canComplete}
          >
            <Button
              variant="default"
              leftSection={<IconCheck size={16} />}
              onClick={() => setConfirming(true)}
              disabled={!canComplete}
              data-testid="session-complete"
            >
              Complete…
            </Button>
          </Tooltip>
        ) : null}
      </>
    ) : (
      <Button
        variant="default"
        leftSection={<IconPrinter size={16} />}
        onClick={() => window.print()}
        data-testid="session-print"
      >
        Print / save as PDF
      </Button>
    );

  return (
    <Stack gap={0}>
      <div className="pt-no-print">
        <Anchor component="span" size="sm" mb={4} display="inline-block">
          <AnchorLink to="/review-sessions" size="sm" c="dimmed">
            <Group gap={4} component="span">
              <IconArrowLeft size={14} />
              Review sessions
            </Group>
          </AnchorLink>
        </Anchor>
        <PageHeader
          title={
            <Group gap="sm" component="span">
              <span data-testid="session-title">{session.name}</span>
              <SessionStatusBadge status={session.status} size="lg" />
            </Group>
          }
          description={
            <>
              {session.description ? (
                <Text span size="sm" display="block" style={{ whiteSpace: 'pre-wrap' }}>
                  {session.description}
                </Text>
              ) : null}
              Created by {session.createdBy.name || '—'}, {formatDateTime(session.createdAt)} ·{' '}
              {pluralize(session.items.length, 'item')}
            </>
          }
          actions={actions}
        />
      </div>

      {session.status === 'IN_PROGRESS' ? (
        <Group gap="sm" mb="md" className="pt-no-print">
          <Progress
            value={session.items.length ? (decided / session.items.length) * 100 : 0}
            color="teal"
            style={{ flex: 1, maxWidth: 420 }}
            aria-label="Decided"
          />
          <Text size="sm" c="dimmed" data-testid="session-progress">
            {decided} / {session.items.length} decided · {counts.approved} approved ·{' '}
            {counts.changesRequested} changes requested
          </Text>
        </Group>
      ) : null}

      {session.status === 'COMPLETED' ? (
        <SessionSummaryView sessionId={session.id} completion={complete.data ?? null} />
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: canEdit ? 7 : 12 }}>
            {session.items.length === 0 ? (
              <EmptyPanel
                icon={<IconPresentation size={22} />}
                title="No revisions in this session yet"
                description={
                  canEdit
                    ? 'Add revisions with the panel beside this list, or select cards on the board or rows in the deliverables list and choose “Add to review session”. Then start the session and present.'
                    : 'A producer adds revisions to the session before presenting it.'
                }
              />
            ) : (
              <SessionItemList
                session={session}
                canEdit={canEdit}
                onPresent={session.status === 'IN_PROGRESS' ? onPresent : undefined}
              />
            )}
          </Grid.Col>
          {canEdit ? (
            <Grid.Col span={{ base: 12, md: 5 }}>
              <AddItemsPanel sessionId={session.id} />
            </Grid.Col>
          ) : null}
        </Grid>
      )}

      <ConfirmModal
        opened={confirming}
        title="Complete the session?"
        confirmLabel="Complete and apply decisions"
        loading={complete.isPending}
        onConfirm={completeSession}
        onClose={() => setConfirming(false)}
      >
        <Stack gap="xs">
          <Text size="sm">
            Each decision is applied to its stage, as if taken on the stage itself: <b>approved</b>{' '}
            stages are approved, <b>changes requested</b> send the stage back to the artist with the
            note. The session then becomes read-only.
          </Text>
          <List size="sm" spacing={2}>
            <List.Item>
              {pluralize(counts.approved, 'approval')}, {counts.changesRequested} changes requested
            </List.Item>
            {counts.undecided > 0 ? (
              <List.Item>
                {pluralize(counts.undecided, 'item')} without a decision: left as they are
              </List.Item>
            ) : null}
            {notApplying.length > 0 ? (
              <List.Item>
                {pluralize(notApplying.length, 'decision')} will not apply (see the warnings on the
                items): they stay on record in the summary
              </List.Item>
            ) : null}
          </List>
        </Stack>
      </ConfirmModal>
    </Stack>
  );
}
