import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconHourglassHigh } from '@tabler/icons-react';
import { RelativeTime } from '../../components/ui/relative-time';
import { formatDate } from '../../lib/format';
import { revisionStatusColor } from '../revisions/revision-labels';
import type { RevisionStatus } from '../revisions/types';
import type { ClientReviewItem } from './types';

/** How a sent version stands, in the words of the person looking at it. */
export function sentStatusLabel(status: RevisionStatus, isClient: boolean): string {
  if (status === 'APPROVED') return 'Approved';
  if (status === 'CHANGES_REQUESTED') return 'Changes requested';
  return isClient ? 'Awaiting your decision' : 'Awaiting the client';
}

export function sentStatusColor(status: RevisionStatus): string {
  return status === 'IN_REVIEW' ? 'grape' : revisionStatusColor(status);
}

function SectionLabel({ children, count }: { children: string; count: number }) {
  return (
    <Group gap={6} mt="xs">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700} style={{ letterSpacing: '0.04em' }}>
        {children}
      </Text>
      <Badge size="xs" variant="light" color="gray" circle>
        {count}
      </Badge>
    </Group>
  );
}

function QueueItem({
  item,
  selected,
  isClient,
  onSelect,
}: {
  item: ClientReviewItem;
  selected: boolean;
  isClient: boolean;
  onSelect: () => void;
}) {
  return (
    <UnstyledButton
      onClick={onSelect}
      p="sm"
      aria-current={selected ? 'true' : undefined}
      style={{
        borderRadius: 8,
        border: `1px solid ${selected ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-default-border)'}`,
        background: selected ? 'var(--mantine-primary-color-light)' : undefined,
      }}
      data-testid="client-review-item"
      data-deliverable-id={item.id}
      data-waiting={item.waiting ? 'true' : 'false'}
    >
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text fw={600} size="sm" truncate>
            {item.name}
          </Text>
          {item.waiting ? (
            <IconHourglassHigh size={16} color="var(--mantine-color-grape-6)" aria-hidden />
          ) : null}
        </Group>
        <Text size="xs" c="dimmed" truncate>
          {item.project.name}
          {item.dueDate ? ` · due ${formatDate(item.dueDate)}` : ''}
        </Text>
        <Stack gap={2}>
          {item.stages.map((s) => (
            <Group key={s.stageId} gap={6} wrap="nowrap">
              <Badge size="sm" variant="outline" color="gray" tt="none" fw={700}>
                {s.latest.label}
              </Badge>
              <Text size="xs" truncate style={{ flex: 1 }}>
                {s.name}
              </Text>
              <Badge
                size="xs"
                variant="light"
                tt="none"
                color={sentStatusColor(s.latest.status)}
                data-testid="client-review-item-status"
              >
                {sentStatusLabel(s.latest.status, isClient)}
              </Badge>
            </Group>
          ))}
        </Stack>
        {item.lastSentAt ? (
          <Text size="xs" c="dimmed">
            Sent <RelativeTime value={item.lastSentAt} size="xs" c="dimmed" span />
          </Text>
        ) : null}
      </Stack>
    </UnstyledButton>
  );
}

/** The deliverables sent for review: awaiting a decision first, then the rest. */
export function ReviewQueue({
  items,
  selectedId,
  isClient,
  onSelect,
}: {
  items: readonly ClientReviewItem[];
  selectedId: string | null;
  isClient: boolean;
  onSelect: (item: ClientReviewItem) => void;
}) {
  const waiting = items.filter((i) => i.waiting);
  const rest = items.filter((i) => !i.waiting);
  const list = (group: readonly ClientReviewItem[]) =>
    group.map((item) => (
      <QueueItem
        key={item.id}
        item={item}
        selected={item.id === selectedId}
        isClient={isClient}
        onSelect={() => onSelect(item)}
      />
    ));
  return (
    <Stack gap="xs" data-testid="client-review-queue">
      {waiting.length > 0 ? (
        <Stack gap="xs" data-testid="client-review-waiting">
          <SectionLabel count={waiting.length}>
            {isClient ? 'Waiting for your decision' : 'Waiting for the client'}
          </SectionLabel>
          {list(waiting)}
        </Stack>
      ) : isClient ? (
        <Text size="sm" c="dimmed" data-testid="client-review-nothing-waiting">
          Nothing is waiting for your decision.
        </Text>
      ) : null}
      {rest.length > 0 ? (
        <Stack gap="xs" data-testid="client-review-rest">
          <SectionLabel count={rest.length}>Reviewed</SectionLabel>
          {list(rest)}
        </Stack>
      ) : null}
    </Stack>
  );
}
