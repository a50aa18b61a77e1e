import { Badge, Group, Stack, Text } from '@mantine/core';
import { RelativeTime } from '../../../components/ui/relative-time';
import { useFeedbackChain } from '../queries';
import type { FeedbackItem } from '../types';
import { FEEDBACK_STATUS_COLOR, FEEDBACK_STATUS_LABEL } from './feedback-labels';

/** "Resolved by Ann · 2 h ago": who did something to an item, and when. */
export function WhoWhen({
  label,
  who,
  at,
  testId,
}: {
  label: string;
  who: { name: string } | null;
  at: string | null;
  testId?: string;
}) {
  if (!at && !who) return null;
  return (
    <Text size="xs" c="dimmed" span data-testid={testId}>
      {label}
      {who ? ` by ${who.name}` : ''}
      {at ? (
        <>
          {' · '}
          <RelativeTime value={at} size="xs" c="dimmed" />
        </>
      ) : null}
    </Text>
  );
}

/** The resolution note; once reopened, the note is the earlier attempt's and says so. */
export function ResolutionNote({ item }: { item: FeedbackItem }) {
  const current = item.status === 'RESOLVED' || item.status === 'VERIFIED';
  return (
    <Text
      size="xs"
      c={current ? undefined : 'dimmed'}
      style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
      data-testid="feedback-resolution-note"
    >
      {current ? 'Note: ' : 'Earlier note: '}
      {item.resolutionNote}
    </Text>
  );
}

/**
 * The whole carry chain of an item, oldest version first: each copy's version and status, its
 * resolution note and who resolved or verified it when.
 */
export function FeedbackChain({ item }: { item: FeedbackItem }) {
  const chain = useFeedbackChain(item.id);
  if (chain.isPending)
    return (
      <Text size="xs" c="dimmed">
        Loading the history…
      </Text>
    );
  if (chain.isError)
    return (
      <Text size="xs" c="red">
        Could not load the history.
      </Text>
    );
  return (
    <Stack
      gap={6}
      pl="sm"
      py={4}
      style={{ borderLeft: '2px solid var(--mantine-color-default-border)' }}
      data-testid="feedback-chain"
    >
      {chain.data.items.map((link, i) => (
        <Stack
          key={link.id}
          gap={0}
          data-testid="feedback-chain-entry"
          data-version={link.revisionLabel}
          data-status={link.status}
          data-current={link.id === item.id || undefined}
        >
          <Group gap={6} wrap="wrap">
            <Badge size="xs" variant={link.id === item.id ? 'filled' : 'outline'} color="gray">
              {link.revisionLabel}
            </Badge>
            <Badge size="xs" variant="light" color={FEEDBACK_STATUS_COLOR[link.status]}>
              {FEEDBACK_STATUS_LABEL[link.status]}
            </Badge>
            <WhoWhen
              label={i === 0 ? 'Raised' : 'Carried over'}
              who={i === 0 ? link.createdBy : null}
              at={link.createdAt}
            />
          </Group>
          {link.resolutionNote ? <ResolutionNote item={link} /> : null}
          <Group gap={8} wrap="wrap">
            <WhoWhen label="Resolved" who={link.resolvedBy} at={link.resolvedAt} />
            <WhoWhen label="Verified" who={link.verifiedBy} at={link.verifiedAt} />
          </Group>
        </Stack>
      ))}
    </Stack>
  );
}
