import {
  Alert,
  Button,
  Grid,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { IconArrowRight, IconFolderPlus, IconFolderCheck } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { BRIEF_STATUS_LABEL, type BriefStatus } from '../../domain/brief-status';
import { ErrorAlert } from '../components/ui/error-alert';
import { LinkifiedText } from '../components/ui/linkified-text';
import { notifyError, notifySuccess } from '../components/ui/notify';
import { RelativeTime } from '../components/ui/relative-time';
import { AnchorLink, ButtonLink } from '../components/ui/router-link';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { BriefStatusBadge, briefSourceLabel } from '../features/briefs/brief-status-badge';
import { ConvertBriefModal } from '../features/briefs/convert-brief-modal';
import { useBrief, useSetBriefStatus } from '../features/briefs/queries';
import { RawPayloadViewer } from '../features/briefs/raw-payload-viewer';
import type { BriefDetail } from '../features/briefs/types';
import { hasPermission, useMe } from '../features/me/queries';
import { PriorityBadge } from '../features/stages/status-badges';
import { formatDate, formatDateTime } from '../lib/format';
import { Permission } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

const route = getRouteApi('/app/briefs/$briefId');

/** The button for each move, worded for what the producer is doing. */
function moveLabel(from: BriefStatus, to: BriefStatus): string {
  if (to === 'REVIEWING') return from === 'PENDING' ? 'Start review' : 'Reopen review';
  if (to === 'ACCEPTED') return 'Accept';
  if (to === 'REJECTED') return 'Reject';
  if (to === 'PENDING') return from === 'ARCHIVED' ? 'Restore' : 'Back to queue';
  if (to === 'ARCHIVED') return 'Archive';
  return BRIEF_STATUS_LABEL[to];
}

const MOVE_DONE: Partial<Record<BriefStatus, string>> = {
  REVIEWING: 'Review started.',
  ACCEPTED: 'Brief accepted: convert it into a project when ready.',
  REJECTED: 'Brief rejected.',
  PENDING: 'Brief back in the queue.',
  ARCHIVED: 'Brief archived.',
};

const MOVE_PROPS: Partial<Record<BriefStatus, { color?: string; variant: string }>> = {
  ACCEPTED: { color: 'teal', variant: 'filled' },
  REJECTED: { color: 'red', variant: 'light' },
  REVIEWING: { variant: 'filled' },
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

export function BriefPage() {
  const { briefId } = route.useParams();
  const me = useMe();
  const brief = useBrief(briefId);
  usePageTitle(brief.data?.title ?? 'Brief');

  if (brief.isPending) return <TableSkeleton rows={6} />;
  if (brief.isError) {
    return (
      <Stack gap="xs">
        <AnchorLink to="/briefs" size="sm" c="dimmed">
          ← All briefs
        </AnchorLink>
        <ErrorAlert error={brief.error} onRetry={() => void brief.refetch()} />
      </Stack>
    );
  }
  return (
    <BriefView brief={brief.data} canCreateProject={hasPermission(me, Permission.PROJECT_CREATE)} />
  );
}

function BriefView({ brief, canCreateProject }: { brief: BriefDetail; canCreateProject: boolean }) {
  const setStatus = useSetBriefStatus(brief.id);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [converting, setConverting] = useState(false);

  const move = (to: BriefStatus, withNote?: string) =>
    setStatus.mutate(
      { status: to, note: withNote?.trim() || null },
      {
        onSuccess: () => {
          notifySuccess(MOVE_DONE[to] ?? `Brief ${BRIEF_STATUS_LABEL[to].toLowerCase()}.`);
          setRejecting(false);
          setNote('');
        },
        onError: (err) => notifyError(err, 'Could not change the status'),
      },
    );

  const b = brief;
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <AnchorLink to="/briefs" size="sm" c="dimmed">
          ← All briefs
        </AnchorLink>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={4} miw={0}>
            <Group gap="sm" wrap="nowrap">
              <Title order={2} fz="h3" fw={600} data-testid="brief-title-heading">
                {b.title}
              </Title>
              <BriefStatusBadge status={b.status} size="md" data-testid="brief-status" />
            </Group>
            <Text size="sm" c="dimmed">
              {briefSourceLabel(b.source)} · received{' '}
              <RelativeTime value={b.receivedAt} size="sm" c="dimmed" />
            </Text>
          </Stack>
          <Group gap="xs">
            {b.nextStatuses.map((to) => (
              <Button
                key={to}
                size="sm"
                color={MOVE_PROPS[to]?.color}
                variant={MOVE_PROPS[to]?.variant ?? 'default'}
                loading={setStatus.isPending && setStatus.variables?.status === to}
                onClick={() => (to === 'REJECTED' ? setRejecting(true) : move(to))}
                data-testid={`brief-move-${to}`}
              >
                {moveLabel(b.status, to)}
              </Button>
            ))}
            {b.status === 'ACCEPTED' && canCreateProject ? (
              <Button
                leftSection={<IconFolderPlus size={16} />}
                onClick={() => setConverting(true)}
                data-testid="brief-convert"
              >
                Convert to project
              </Button>
            ) : null}
          </Group>
        </Group>
      </Stack>

      {b.convertedProject ? (
        <Alert
          color="grape"
          variant="light"
          icon={<IconFolderCheck size={18} />}
          title="Converted into a project"
          data-testid="brief-converted"
        >
          <Group justify="space-between" gap="sm">
            <Text size="sm">
              This brief became <strong>{b.convertedProject.name}</strong> (
              {b.convertedProject.projectCode}). Work continues there.
            </Text>
            <ButtonLink
              size="xs"
              variant="light"
              color="grape"
              rightSection={<IconArrowRight size={14} />}
              to="/projects/$projectId"
              params={{ projectId: b.convertedProject.id }}
              data-testid="brief-project-link"
            >
              Open project
            </ButtonLink>
          </Group>
        </Alert>
      ) : null}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md" radius="md">
              <Stack gap="md">
                <Field label="Description">
                  {b.description ? (
                    <span style={{ whiteSpace: 'pre-wrap' }}>
                      <LinkifiedText text={b.description} />
                    </span>
                  ) : (
                    <Text size="sm" c="dimmed">
                      No description.
                    </Text>
                  )}
                </Field>
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
                  <Field label="Requested by">{b.requestorName ?? '—'}</Field>
                  <Field label="E-mail">{b.requestorEmail ?? '—'}</Field>
                  <Field label="Client team">{b.clientTeam?.name ?? '—'}</Field>
                  <Field label="Priority">
                    <PriorityBadge priority={b.priority} />
                  </Field>
                  <Field label="Requested due date">
                    {b.requestedDueDate ? formatDate(b.requestedDueDate) : '—'}
                  </Field>
                  <Field label="External id">
                    {b.externalId ? (
                      <Text ff="monospace" size="sm">
                        {b.externalId}
                      </Text>
                    ) : (
                      '—'
                    )}
                  </Field>
                </SimpleGrid>
              </Stack>
            </Paper>
            <Stack gap="xs">
              <Title order={3} fz="h5" fw={600}>
                Unmapped payload
              </Title>
              <Text size="xs" c="dimmed">
                Everything the sender included that has no brief field, kept as received.
              </Text>
              <RawPayloadViewer payload={b.rawPayload} />
            </Stack>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md" radius="md">
            <Title order={3} fz="h5" fw={600} mb="sm">
              History
            </Title>
            <Timeline
              bulletSize={12}
              lineWidth={2}
              active={b.history.length - 1}
              data-testid="brief-history"
            >
              {b.history.map((h) => (
                <Timeline.Item
                  key={h.id}
                  title={
                    <Text size="sm" fw={500}>
                      {h.fromStatus
                        ? `${BRIEF_STATUS_LABEL[h.fromStatus as BriefStatus] ?? h.fromStatus} → `
                        : ''}
                      {BRIEF_STATUS_LABEL[h.toStatus as BriefStatus] ?? h.toStatus}
                    </Text>
                  }
                >
                  {h.note ? (
                    <Text size="xs" c="dimmed">
                      {h.note}
                    </Text>
                  ) : null}
                  <Text size="xs" c="dimmed" title={formatDateTime(h.createdAt)}>
                    {h.actor ? `${h.actor} · ` : ''}
                    <RelativeTime value={h.createdAt} size="xs" c="dimmed" />
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Paper>
        </Grid.Col>
      </Grid>

      <Modal
        opened={rejecting}
        onClose={() => setRejecting(false)}
        title="Reject this brief?"
        size="md"
      >
        <Stack gap="sm">
          <Textarea
            label="Why (optional)"
            description="Kept in the brief's history"
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-autofocus
            data-testid="brief-reject-note"
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setRejecting(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={setStatus.isPending}
              onClick={() => move('REJECTED', note)}
              data-testid="brief-reject-confirm"
            >
              Reject brief
            </Button>
          </Group>
        </Stack>
      </Modal>
      <ConvertBriefModal brief={b} opened={converting} onClose={() => setConverting(false)} />
    </Stack>
  );
}
