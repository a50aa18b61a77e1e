import { Badge, Box, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState, type CSSProperties } from 'react';
import { isViewable, NotReady } from './revision-media';
import { revisionLabel } from './revision-labels';
import { effectiveFps } from './timecode';
import type { Revision } from './types';
import { useShortcuts } from './use-shortcuts';
import { useVideoTransport } from './use-video-transport';
import { HlsVideo, transportShortcuts, VideoControls } from './video-player';
import { ZoomableImage, ZoomControls, useZoomView } from './zoomable-image';

/**
 * Two revisions next to each other. Images share one zoom and pan (the same detail shows on
 * both sides); videos share one transport (play, seek and frame steps drive both).
 */
export function SideBySide({
  a,
  b,
  h,
  canReprocess,
}: {
  a: Revision;
  b: Revision;
  h: CSSProperties['height'];
  canReprocess: boolean;
}) {
  const zoom = useZoomView();
  const [videoA, setVideoA] = useState<HTMLVideoElement | null>(null);
  const [videoB, setVideoB] = useState<HTMLVideoElement | null>(null);
  const firstVideo = [a, b].find((r) => r.asset.kind === 'video' && isViewable(r));
  const transport = useVideoTransport([videoA, videoB], effectiveFps(firstVideo?.asset.fps));
  const hasImage = [a, b].some((r) => r.asset.kind === 'image' && isViewable(r));

  useShortcuts({
    ...(hasImage ? zoom.shortcuts : {}),
    ...(firstVideo ? transportShortcuts(transport) : {}),
  });

  return (
    <Stack gap="sm">
      {hasImage ? (
        <ZoomControls
          zoom={zoom.view.zoom}
          onZoomIn={zoom.zoomIn}
          onZoomOut={zoom.zoomOut}
          onFit={zoom.fit}
        />
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <ComparePane
          revision={a}
          side="A"
          h={h}
          zoom={zoom}
          onVideo={setVideoA}
          canReprocess={canReprocess}
        />
        <ComparePane
          revision={b}
          side="B"
          h={h}
          zoom={zoom}
          onVideo={setVideoB}
          canReprocess={canReprocess}
        />
      </SimpleGrid>
      {firstVideo ? <VideoControls transport={transport} /> : null}
    </Stack>
  );
}

function ComparePane({
  revision: r,
  side,
  h,
  zoom,
  onVideo,
  canReprocess,
}: {
  revision: Revision;
  side: 'A' | 'B';
  h: CSSProperties['height'];
  zoom: ReturnType<typeof useZoomView>;
  onVideo: (v: HTMLVideoElement | null) => void;
  canReprocess: boolean;
}) {
  const label = revisionLabel(r);
  return (
    <Stack gap={6} miw={0} data-testid={`compare-pane-${side}`}>
      <Group gap={6} wrap="nowrap" miw={0}>
        <Badge variant="filled" color="dark" tt="none">
          {side} · {label}
        </Badge>
        <Text size="xs" c="dimmed" truncate>
          {r.fileName ?? ''}
        </Text>
      </Group>
      <Box style={{ borderRadius: 8, overflow: 'hidden' }}>
        {!isViewable(r) ? (
          <NotReady revision={r} canReprocess={canReprocess} h={h} />
        ) : r.asset.kind === 'video' ? (
          <HlsVideo
            src={r.asset.hlsUrl!}
            poster={r.asset.posterUrl}
            label={`${side}: ${label}`}
            onElement={onVideo}
            h={h}
            testId={`compare-video-${side}`}
          />
        ) : (
          <ZoomableImage
            src={r.asset.previewUrl!}
            alt={`${side}: ${label}`}
            view={zoom.view}
            onViewChange={zoom.setView}
            h={h}
            testId={`compare-image-${side}`}
          />
        )}
      </Box>
    </Stack>
  );
}
