import { Card, Group, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { RelativeTime } from '../../components/ui/relative-time';
import { StageStatusIcon } from '../stages/stage-strip';
import {
  deliverableStatusColor,
  deliverableStatusLabel,
  stageStatusColor,
  stageStatusLabel,
} from '../stages/status';
import { useDeliverableHistory } from './queries';
import type { HistoryEntry } from './types';

function isDeliverableEntry(e: HistoryEntry) {
  return e.entityType.toUpperCase().startsWith('DELIVERABLE') && !e.stageName;
}

/** Uploads and sends: the note carries the version labels ("V0.2 sent to the client as V1"). */
const isRevisionEntry = (e: HistoryEntry) => e.entityType === 'REVISION';

function describe(e: HistoryEntry): string {
  if (isRevisionEntry(e)) return `${e.stageName ?? 'Revision'}: ${e.note ?? e.toStatus}`;
  const label = isDeliverableEntry(e) ? deliverableStatusLabel : stageStatusLabel;
  const subject = e.stageName ?? (isDeliverableEntry(e) ? 'Deliverable' : e.entityType);
  if (e.fromStatus && e.toStatus)
    return `${subject}: ${label(e.fromStatus)} → ${label(e.toStatus)}`;
  if (e.toStatus) return `${subject}: ${label(e.toStatus)}`;
  return subject;
}

/** Who moved what, when, with the note they left (newest first). */
export function HistoryTimeline({ deliverableId }: { deliverableId: string }) {
  const history = useDeliverableHistory(deliverableId);
  const items = [...(history.data?.items ?? [])].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <Card withBorder padding="md" data-testid="deliverable-history">
      <Group gap={6} mb="sm">
        <IconHistory size={16} />
        <Title order={3} fz="h5" fw={600}>
          History
        </Title>
      </Group>
      {history.isPending ? (
        <Stack gap="xs">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={34} />
          ))}
        </Stack>
      ) : history.isError ? (
        <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing has happened yet.
        </Text>
      ) : (
        <Timeline bulletSize={22} lineWidth={2}>
          {items.map((e) => {
            const color = isRevisionEntry(e)
              ? 'grape'
              : e.toStatus
                ? isDeliverableEntry(e)
                  ? deliverableStatusColor(e.toStatus)
                  : stageStatusColor(e.toStatus)
                : 'gray';
            return (
              <Timeline.Item
                key={e.id}
                color={color}
                bullet={
                  e.toStatus && !isRevisionEntry(e) ? (
                    <StageStatusIcon status={e.toStatus} size={12} />
                  ) : null
                }
                title={
                  <Text size="sm" fw={500}>
                    {describe(e)}
                  </Text>
                }
                data-testid="history-item"
              >
                {e.note && !isRevisionEntry(e) ? (
                  <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
                    {e.note}
                  </Text>
                ) : null}
                <Text size="xs" c="dimmed" mt={2}>
                  {e.actor?.name ?? 'Automatic'} · <RelativeTime value={e.createdAt} size="xs" />
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Card>
  );
}
