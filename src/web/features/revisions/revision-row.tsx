import { Box, Button, Checkbox, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { RelativeTime } from '../../components/ui/relative-time';
import { DeliveryLog } from './delivery-log';
import { ProcessingStatus } from './processing-status';
import { useLiveRevision } from './queries';
import { RevisionBadges } from './revision-badges';
import { revisionLabel } from './revision-labels';
import { RevisionThumbnail } from './revision-thumbnail';
import type { Revision } from './types';

/** One version in a stage's chain: thumbnail, label, badges, file, who and when, actions. */
export function RevisionRow({
  revision: listed,
  selected,
  selectable,
  canSend,
  canReprocess,
  internal,
  onToggleSelect,
  onOpen,
  onSend,
}: {
  revision: Revision;
  selected: boolean;
  /** Only offered when there is another version to compare with. */
  selectable: boolean;
  /** The latest internal revision, and the user may send it. */
  canSend: boolean;
  canReprocess: boolean;
  /** Staff see the delivery log; client viewers do not. */
  internal: boolean;
  onToggleSelect: () => void;
  onOpen: () => void;
  onSend: () => void;
}) {
  const revision = useLiveRevision(listed);
  const label = revisionLabel(revision);
  return (
    <Group
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      py={10}
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
      data-testid={`revision-row-${label}`}
      data-revision-id={revision.id}
      data-processing={revision.asset.processing.state}
    >
      {selectable ? (
        <Tooltip label={`Select ${label} to compare`} openDelay={400} withArrow>
          <Checkbox
            mt={4}
            size="xs"
            checked={selected}
            onChange={onToggleSelect}
            aria-label={`Select ${label} to compare`}
            data-testid={`revision-select-${label}`}
          />
        </Tooltip>
      ) : null}
      <UnstyledButton
        onClick={onOpen}
        aria-label={`Open ${label}${revision.fileName ? ` (${revision.fileName})` : ''}`}
        style={{ borderRadius: 6, flexShrink: 0 }}
        data-testid={`revision-open-${label}`}
      >
        <RevisionThumbnail revision={revision} />
      </UnstyledButton>
      <Stack gap={3} miw={0} style={{ flex: 1 }}>
        <Group gap={8} wrap="wrap">
          <UnstyledButton onClick={onOpen} tabIndex={-1} aria-hidden>
            <Text fw={700} size="md" data-testid="revision-label">
              {label}
            </Text>
          </UnstyledButton>
          <RevisionBadges revision={revision} />
        </Group>
        <Text size="sm" truncate title={revision.fileName ?? undefined}>
          {revision.fileName ?? 'Untitled file'}
        </Text>
        <Text size="xs" c="dimmed">
          {revision.createdBy?.name ?? 'Someone'} ·{' '}
          <RelativeTime value={revision.createdAt} size="xs" c="dimmed" />
        </Text>
        <Box maw={420}>
          <ProcessingStatus revision={revision} canReprocess={canReprocess} />
        </Box>
        {revision.sentToClient && internal ? <DeliveryLog revisionId={revision.id} /> : null}
      </Stack>
      {canSend ? <SendButton revision={revision} onSend={onSend} /> : null}
    </Group>
  );
}

/** The client only gets what it can watch: sending waits for the media to be processed. */
function SendButton({ revision, onSend }: { revision: Revision; onSend: () => void }) {
  const state = revision.asset.processing.state;
  const ready = state === 'done';
  const button = (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconSend size={14} />}
      onClick={onSend}
      disabled={!ready}
      style={{ flexShrink: 0 }}
      data-testid="revision-send"
    >
      Send to client
    </Button>
  );
  if (ready) return button;
  return (
    <Tooltip
      label={
        state === 'failed'
          ? 'Processing failed: retry it (or upload again) before sending'
          : 'Available once processing has finished'
      }
      withArrow
    >
      <span style={{ flexShrink: 0 }}>{button}</span>
    </Tooltip>
  );
}
