import { Button, Flex, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconColumns } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useRevisionAnnotating } from '../review/annotation-layer';
import { useState } from 'react';
import { useLiveRevision } from './queries';
import { effectiveFps } from './timecode';
import { useVideoTransport } from './use-video-transport';
import { assetSummary, DownloadOriginal, RevisionMedia } from './revision-media';
import { revisionLabel } from './revision-labels';
import { RevisionBadges } from './revision-badges';
import type { Revision } from './types';

/** Oldest first: A is the earlier version, B the later one. */
export function comparePair(x: Revision, y: Revision): { a: string; b: string } {
  const older = x.major < y.major || (x.major === y.major && x.minor < y.minor);
  return older ? { a: x.id, b: y.id } : { a: y.id, b: x.id };
}

/** A revision full size: the image (zoom, pan) or the video (player), in a large modal. */
export function RevisionViewer({
  revision,
  chain,
  canReprocess,
  selectedCommentId = null,
  onSelectComment,
  onClose,
}: {
  revision: Revision | null;
  /** The other versions of the stage, to compare with. */
  chain: readonly Revision[];
  canReprocess: boolean;
  /** The comment whose annotations are picked; kept by the caller when it passes onSelectComment. */
  selectedCommentId?: string | null;
  onSelectComment?: (commentId: string | null) => void;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={!!revision}
      onClose={onClose}
      size="90%"
      centered
      padding="md"
      styles={{ content: { maxWidth: 1400 } }}
      title={revision ? <ViewerTitle revision={revision} /> : null}
      data-testid="revision-viewer"
    >
      {revision ? (
        <ViewerBody
          revision={revision}
          chain={chain}
          canReprocess={canReprocess}
          selectedCommentId={selectedCommentId}
          onSelectComment={onSelectComment}
        />
      ) : null}
    </Modal>
  );
}

function ViewerTitle({ revision }: { revision: Revision }) {
  return (
    <Group gap="xs" wrap="wrap">
      <Text fw={700} size="lg" data-testid="revision-viewer-label">
        {revisionLabel(revision)}
      </Text>
      <RevisionBadges revision={revision} />
      <Text size="sm" c="dimmed" truncate maw={420}>
        {revision.fileName ?? ''}
      </Text>
    </Group>
  );
}

function ViewerBody({
  revision: listed,
  chain,
  canReprocess,
  selectedCommentId,
  onSelectComment,
}: {
  revision: Revision;
  chain: readonly Revision[];
  canReprocess: boolean;
  selectedCommentId: string | null;
  onSelectComment?: (commentId: string | null) => void;
}) {
  const revision = useLiveRevision(listed);
  const navigate = useNavigate();
  const others = chain.filter((r) => r.id !== revision.id);
  // The picked comment: the caller's when it keeps it, else ours.
  const [localSelected, setLocalSelected] = useState<string | null>(selectedCommentId);
  const selected = onSelectComment ? selectedCommentId : localSelected;
  const onSelect = onSelectComment ?? setLocalSelected;
  const isVideo = revision.asset.kind === 'video';
  const [videoEl, setVideoEl] = useState<HTMLVideoElement | null>(null);
  const transport = useVideoTransport([isVideo ? videoEl : null], effectiveFps(revision.asset.fps));
  const annotating = useRevisionAnnotating(revision, {
    video: isVideo ? { transport, element: videoEl } : undefined,
    selected,
    onSelect,
  });
  return (
    // Focused on open (not the close button, which space would press): the shortcuts work at once.
    <Flex
      gap="md"
      direction={{ base: 'column', lg: 'row' }}
      tabIndex={-1}
      data-autofocus
      style={{ outline: 'none' }}
    >
      <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
        <RevisionMedia
          revision={revision}
          canReprocess={canReprocess}
          h="max(280px, calc(100dvh - 300px))"
          overlay={annotating.overlay}
          video={{
            controller: { transport, onElement: setVideoEl },
            markers: annotating.markers,
            onMarker: annotating.show,
          }}
          actions={
            <>
              {annotating.tools}
              <DownloadOriginal revision={revision} />
              {others.length > 0 ? (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <Button
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconColumns size={14} />}
                      rightSection={<IconChevronDown size={12} />}
                      data-testid="revision-compare-with"
                    >
                      Compare with…
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown mah={320} style={{ overflowY: 'auto' }}>
                    {others.map((r) => (
                      <Menu.Item
                        key={r.id}
                        onClick={() =>
                          void navigate({
                            to: '/deliverables/$deliverableId/compare',
                            params: { deliverableId: revision.deliverableId },
                            search: comparePair(revision, r),
                          })
                        }
                      >
                        {revisionLabel(r)}
                        <Text span size="xs" c="dimmed">
                          {' '}
                          {r.fileName ?? ''}
                        </Text>
                      </Menu.Item>
                    ))}
                  </Menu.Dropdown>
                </Menu>
              ) : null}
            </>
          }
        />
        <Text size="xs" c="dimmed">
          {assetSummary(revision)}
        </Text>
      </Stack>
      {/* Beside the picture: what is being written, the comment picked, and every annotation. */}
      <Stack
        gap="sm"
        w={{ base: '100%', lg: 320 }}
        mah={{ lg: 'calc(100dvh - 200px)' }}
        style={{ flex: 'none', overflowY: 'auto' }}
        data-testid="viewer-side"
      >
        {annotating.panel}
        {annotating.list}
      </Stack>
    </Flex>
  );
}
