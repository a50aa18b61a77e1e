import { Box, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { notifyError } from '../../components/ui/notify';
import { useReprocessRevision } from './queries';
import { revisionLabel } from './revision-labels';
import type { Revision } from './types';

/**
 * Where a revision's media processing is (previews, thumbnails, the HLS stream): a progress
 * bar while it runs, the reason and a retry when it failed, nothing once done.
 */
export function ProcessingStatus({
  revision,
  canReprocess,
}: {
  revision: Revision;
  canReprocess: boolean;
}) {
  const reprocess = useReprocessRevision();
  const { state, progress, error } = revision.asset.processing;
  if (state === 'done') return null;
  const label = revisionLabel(revision);

  if (state === 'failed') {
    const message = `Processing failed${error ? `: ${error}` : '.'}`;
    return (
      <Stack gap={4} align="flex-start" data-testid="revision-processing" data-state={state}>
        <Group gap={6} wrap="nowrap" align="flex-start" maw="100%">
          <IconAlertTriangle
            size={14}
            color="var(--mantine-color-red-6)"
            style={{ flexShrink: 0, marginTop: 2 }}
          />
          {/* Tool output can be long and unbroken: clamp it, the whole text is in the title. */}
          <Text
            size="xs"
            c="red"
            lineClamp={2}
            title={message}
            miw={0}
            style={{ overflowWrap: 'anywhere' }}
          >
            {message}
          </Text>
        </Group>
        {canReprocess ? (
          <Button
            size="compact-xs"
            variant="light"
            color="red"
            leftSection={<IconRefresh size={12} />}
            loading={reprocess.isPending}
            onClick={() =>
              reprocess.mutate(revision.id, {
                onError: (err) => notifyError(err, `Could not retry processing ${label}`),
              })
            }
            data-testid="revision-reprocess"
          >
            Retry processing
          </Button>
        ) : null}
      </Stack>
    );
  }

  const pct = Math.max(0, Math.min(100, Math.round(progress)));
  return (
    <Box data-testid="revision-processing" data-state={state}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {state === 'pending' ? 'Waiting to be processed…' : 'Processing…'}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {pct}%
        </Text>
      </Group>
      <Progress
        value={state === 'pending' ? 100 : pct}
        color={state === 'pending' ? 'gray' : 'indigo'}
        size="sm"
        striped
        animated
        aria-label={`Processing of ${label}`}
        aria-valuetext={`${pct}%`}
      />
    </Box>
  );
}
