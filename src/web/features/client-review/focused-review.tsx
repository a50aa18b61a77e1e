import {
  Badge,
  Button,
  Card,
  Divider,
  Group,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconArrowsMaximize, IconExternalLink } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { AnchorLink } from '../../components/ui/router-link';
import { formatDate, formatDateTime } from '../../lib/format';
import { useDeliverable } from '../deliverables/queries';
import type { DeliverableDetail, DeliverableStage } from '../deliverables/types';
import { CommentsThread } from '../review/comments-thread';
import { DecisionPanel } from '../review/decision-panel';
import { useLiveRevision, useStageRevisions } from '../revisions/queries';
import { revisionLabel } from '../revisions/revision-labels';
import { DownloadOriginal, RevisionMedia } from '../revisions/revision-media';
import { RevisionViewer } from '../revisions/revision-viewer';
import type { Revision } from '../revisions/types';
import { DeliverableStatusBadge } from '../stages/status-badges';
import { isOverdue } from '../stages/status';
import { sentStatusColor, sentStatusLabel } from './review-queue';
import type { ClientReviewItem } from './types';

function Label({ children }: { children: string }) {
  return (
    <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
      {children}
    </Text>
  );
}

/** The stage to open first: one awaiting a decision, else the one sent to most recently. */
function firstStage(item: ClientReviewItem | undefined, stages: readonly DeliverableStage[]) {
  const sent = item?.stages ?? [];
  const pick =
    sent.find((s) => s.waiting) ??
    [...sent].sort((a, b) => (b.latest.sentAt ?? '').localeCompare(a.latest.sentAt ?? ''))[0];
  return stages.find((s) => s.id === pick?.stageId) ?? stages[0] ?? null;
}

/** One version shown large, with its review status and the full viewer a click away. */
function VersionView({
  listed,
  chain,
  isClient,
}: {
  listed: Revision;
  chain: readonly Revision[];
  isClient: boolean;
}) {
  // Polls while the media is still being prepared (rare once sent, but possible).
  const revision = useLiveRevision(listed);
  const [open, setOpen] = useState(false);
  return (
    <Stack gap="xs" data-testid="client-review-version" data-label={revisionLabel(revision)}>
      <Group gap="xs" wrap="wrap">
        <Text fw={700} size="lg" data-testid="client-review-version-label">
          {revisionLabel(revision)}
        </Text>
        <Badge
          variant="light"
          tt="none"
          color={sentStatusColor(revision.status)}
          data-testid="client-review-version-status"
          data-status={revision.status}
        >
          {sentStatusLabel(revision.status, isClient)}
        </Badge>
        {revision.sentAt ? (
          <Tooltip label={formatDateTime(revision.sentAt)} openDelay={300} withArrow>
            <Text size="sm" c="dimmed">
              Sent {formatDate(revision.sentAt)}
            </Text>
          </Tooltip>
        ) : null}
      </Group>
      <RevisionMedia
        revision={revision}
        canReprocess={false}
        h="min(62vh, 640px)"
        actions={
          <>
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconArrowsMaximize size={14} />}
              onClick={() => setOpen(true)}
              data-testid="client-review-open-viewer"
            >
              {isClient ? 'Annotate / full screen' : 'Open viewer'}
            </Button>
            <DownloadOriginal revision={revision} />
          </>
        }
      />
      <RevisionViewer
        revision={open ? revision : null}
        chain={chain}
        canReprocess={false}
        onClose={() => setOpen(false)}
      />
    </Stack>
  );
}

/** The sent versions of one stage (V1, V2 …), a picker, the version, decision and comments. */
function StageReview({
  deliverable,
  stage,
  isClient,
}: {
  deliverable: DeliverableDetail;
  stage: DeliverableStage;
  isClient: boolean;
}) {
  const revisions = useStageRevisions(stage.id);
  // Client viewers only ever receive sent versions; staff get the whole chain, of which this
  // page shows what the client sees.
  const sent = useMemo(
    () => (revisions.data?.pages.flatMap((p) => p.items) ?? []).filter((r) => r.sentToClient),
    [revisions.data],
  );
  const [pickedId, setPickedId] = useState<string | null>(null);
  const awaiting = sent.find((r) => r.status === 'IN_REVIEW');
  const shown = sent.find((r) => r.id === pickedId) ?? awaiting ?? sent[0] ?? null;
  const oldestFirst = [...sent].reverse();

  return (
    <Stack gap="md">
      <Card withBorder padding="md" data-testid="client-review-stage" data-stage={stage.slug}>
        <Stack gap="sm">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Label>{`${stage.name} · versions sent`}</Label>
            {oldestFirst.length > 1 ? (
              <Button.Group data-testid="client-review-versions">
                {oldestFirst.map((r) => (
                  <Button
                    key={r.id}
                    size="compact-sm"
                    variant={r.id === shown?.id ? 'filled' : 'default'}
                    onClick={() => setPickedId(r.id)}
                    data-testid={`client-review-pick-${revisionLabel(r)}`}
                  >
                    {revisionLabel(r)}
                  </Button>
                ))}
              </Button.Group>
            ) : null}
          </Group>
          {revisions.isPending ? (
            <Skeleton h={360} radius="md" />
          ) : revisions.isError ? (
            <ErrorAlert error={revisions.error} onRetry={() => void revisions.refetch()} />
          ) : shown ? (
            <VersionView key={shown.id} listed={shown} chain={sent} isClient={isClient} />
          ) : (
            <Text size="sm" c="dimmed" data-testid="client-review-no-version">
              Nothing of this stage has been sent yet.
            </Text>
          )}
        </Stack>
      </Card>

      <Card withBorder padding="md" data-testid="client-review-decision-card">
        <Stack gap="sm">
          <Title order={3} fz="h4" fw={600}>
            {isClient ? 'Your review' : 'Review'}
          </Title>
          <DecisionPanel stage={stage} deliverableId={deliverable.id} />
          <Divider />
          <Stack gap={4}>
            <Label>Comments</Label>
            <CommentsThread stageId={stage.id} />
          </Stack>
        </Stack>
      </Card>
    </Stack>
  );
}

/** The deliverable open in the focused review. */
export function FocusedReview({
  deliverableId,
  item,
  isClient,
}: {
  deliverableId: string;
  item: ClientReviewItem | undefined;
  isClient: boolean;
}) {
  const deliverable = useDeliverable(deliverableId);
  const [stageId, setStageId] = useState<string | null>(null);

  if (deliverable.isPending) {
    return (
      <Stack gap="md">
        <Skeleton h={90} radius="md" />
        <Skeleton h={420} radius="md" />
      </Stack>
    );
  }
  if (deliverable.isError) {
    return <ErrorAlert error={deliverable.error} onRetry={() => void deliverable.refetch()} />;
  }
  const d = deliverable.data;
  const all = [...d.stages].sort((a, b) => a.order - b.order);
  // Only stages with versions sent to the client (when the list tells us which).
  const sentIds = item ? new Set(item.stages.map((s) => s.stageId)) : null;
  const stages = sentIds ? all.filter((s) => sentIds.has(s.id)) : all;
  const stage = stages.find((s) => s.id === stageId) ?? firstStage(item, stages);

  return (
    <Stack gap="md" data-testid="client-review-focus" data-deliverable-id={d.id}>
      <Card withBorder padding="md">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <Stack gap={4} miw={0}>
            <Text size="sm" c="dimmed">
              {d.project.name}
            </Text>
            <Title order={2} fz="h3" fw={600} data-testid="client-review-title">
              {d.name}
            </Title>
            <Group gap={8}>
              <DeliverableStatusBadge status={d.status} data-testid="client-review-status" />
              {d.dueDate ? (
                <Text
                  size="sm"
                  c={isOverdue(d.dueDate, d.status === 'APPROVED') ? 'red' : 'dimmed'}
                >
                  Due {formatDate(d.dueDate)}
                </Text>
              ) : null}
            </Group>
          </Stack>
          {!isClient ? (
            <AnchorLink
              to="/deliverables/$deliverableId"
              params={{ deliverableId: d.id }}
              size="sm"
              data-testid="client-review-open-deliverable"
            >
              <Group gap={4} component="span">
                Open the deliverable
                <IconExternalLink size={14} />
              </Group>
            </AnchorLink>
          ) : null}
        </Group>
        {stages.length > 1 ? (
          <Group gap={6} mt="sm" data-testid="client-review-stages">
            {stages.map((s) => {
              const sent = item?.stages.find((x) => x.stageId === s.id);
              return (
                <Button
                  key={s.id}
                  size="compact-sm"
                  variant={s.id === stage?.id ? 'light' : 'subtle'}
                  color={s.id === stage?.id ? undefined : 'gray'}
                  onClick={() => setStageId(s.id)}
                  rightSection={
                    sent ? (
                      <Badge size="xs" variant="outline" color="gray" tt="none">
                        {sent.latest.label}
                      </Badge>
                    ) : null
                  }
                  data-testid={`client-review-stage-${s.slug}`}
                >
                  {s.name}
                </Button>
              );
            })}
          </Group>
        ) : null}
      </Card>
      {stage ? (
        <StageReview key={stage.id} deliverable={d} stage={stage} isClient={isClient} />
      ) : (
        <Text size="sm" c="dimmed">
          Nothing of this deliverable has been sent for review.
        </Text>
      )}
    </Stack>
  );
}
