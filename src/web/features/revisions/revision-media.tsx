import { Anchor, Box, Center, Group, Stack, Text } from '@mantine/core';
import { IconDownload, IconMovie, IconPhoto } from '@tabler/icons-react';
import { useState, type CSSProperties, type ReactNode } from 'react';
import { formatBytes } from '../../lib/format';
import { ProcessingStatus } from './processing-status';
import { revisionLabel } from './revision-labels';
import type { Revision } from './types';
import { useShortcuts } from './use-shortcuts';
import { useVideoTransport, type Transport } from './use-video-transport';
import { effectiveFps } from './timecode';
import { HlsVideo, transportShortcuts, VideoControls, type TimelineMarker } from './video-player';
import {
  originalPercent,
  ZoomableImage,
  ZoomControls,
  useZoomView,
  type ImageMetrics,
} from './zoomable-image';

/** "1920 × 1080 · 00:12 · 24 fps · 3.2 MB · image/png" */
export function assetSummary(r: Revision): string {
  const a = r.asset;
  const parts: string[] = [];
  if (a.width && a.height) parts.push(`${a.width} × ${a.height}`);
  if (a.kind === 'video' && a.durationSeconds) parts.push(`${a.durationSeconds.toFixed(1)} s`);
  if (a.kind === 'video' && a.fps) parts.push(`${Number(a.fps.toFixed(3))} fps`);
  parts.push(formatBytes(a.size), a.mimeType);
  return parts.join(' · ');
}

export function DownloadOriginal({ revision }: { revision: Revision }) {
  return (
    <Anchor
      href={revision.asset.url}
      download={revision.fileName ?? undefined}
      size="sm"
      data-testid="revision-download"
    >
      <Group gap={4} wrap="nowrap" component="span">
        <IconDownload size={14} />
        Download original
      </Group>
    </Anchor>
  );
}

/** Until the media is processed there is nothing to show but its progress. */
export function NotReady({
  revision,
  canReprocess,
  h,
}: {
  revision: Revision;
  canReprocess: boolean;
  h: CSSProperties['height'];
}) {
  const Icon = revision.asset.kind === 'video' ? IconMovie : IconPhoto;
  return (
    <Center h={h} bg="var(--mantine-color-default-hover)" style={{ borderRadius: 8 }}>
      <Stack align="center" gap="sm" w="min(360px, 90%)">
        <Icon size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
        <Text size="sm" c="dimmed" ta="center">
          {revision.asset.processing.state === 'failed'
            ? `${revisionLabel(revision)} could not be prepared for viewing.`
            : `${revisionLabel(revision)} is being prepared for viewing.`}
        </Text>
        <Box w="100%">
          <ProcessingStatus revision={revision} canReprocess={canReprocess} />
        </Box>
      </Stack>
    </Center>
  );
}

function Toolbar({ children, actions }: { children?: ReactNode; actions?: ReactNode }) {
  if (!children && !actions) return null;
  return (
    <Group justify="space-between" gap="sm" wrap="wrap" mih={30}>
      <div>{children}</div>
      {actions ? <Group gap="md">{actions}</Group> : null}
    </Group>
  );
}

/** An image with zoom (wheel, + − 0, buttons) and pan (drag). */
export function ImageViewer({
  revision,
  h,
  actions,
  overlay,
}: {
  revision: Revision;
  h: CSSProperties['height'];
  actions?: ReactNode;
  /** Drawn over the image's pixels (annotations). */
  overlay?: ReactNode;
}) {
  const zoom = useZoomView();
  const [metrics, setMetrics] = useState<ImageMetrics | null>(null);
  useShortcuts(zoom.shortcuts);
  const src = revision.asset.previewUrl!;
  return (
    <Stack gap="xs">
      <Toolbar actions={actions}>
        <ZoomControls
          zoom={zoom.view.zoom}
          percent={originalPercent(zoom.view.zoom, metrics, revision.asset.width)}
          onZoomIn={zoom.zoomIn}
          onZoomOut={zoom.zoomOut}
          onFit={zoom.fit}
        />
      </Toolbar>
      <Box style={{ borderRadius: 8, overflow: 'hidden' }}>
        <ZoomableImage
          src={src}
          alt={`${revisionLabel(revision)} — ${revision.fileName ?? 'image'}`}
          view={zoom.view}
          onViewChange={zoom.setView}
          onMetrics={setMetrics}
          h={h}
          testId="image-viewer"
          overlay={overlay}
        />
      </Box>
      <Text size="xs" c="dimmed">
        Scroll to zoom, drag to move, double-click to zoom in or back to fit.
      </Text>
    </Stack>
  );
}

/** A video's transport kept by the caller (to annotate frames, seek to one…). */
export interface VideoController {
  transport: Transport;
  onElement: (el: HTMLVideoElement | null) => void;
}

/** An HLS video with our transport (space, frame steps with , and .) and timecode. */
export function VideoViewer({
  revision,
  h,
  actions,
  controller,
  overlay,
  markers,
  onMarker,
}: {
  revision: Revision;
  h: CSSProperties['height'];
  actions?: ReactNode;
  /** Without one, the viewer keeps its own. */
  controller?: VideoController;
  overlay?: ReactNode;
  markers?: readonly TimelineMarker[];
  onMarker?: (id: string) => void;
}) {
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const own = useVideoTransport([controller ? null : video], effectiveFps(revision.asset.fps));
  const transport = controller?.transport ?? own;
  useShortcuts(transportShortcuts(transport));
  const { width, height } = revision.asset;
  return (
    <Stack gap="xs">
      <Toolbar actions={actions} />
      <Box style={{ borderRadius: 8, overflow: 'hidden' }}>
        <HlsVideo
          src={revision.asset.hlsUrl!}
          poster={revision.asset.posterUrl}
          label={`${revisionLabel(revision)} — ${revision.fileName ?? 'video'}`}
          onElement={controller?.onElement ?? setVideo}
          h={h}
          testId="video-viewer"
          overlay={overlay}
          aspect={width && height ? width / height : null}
        />
      </Box>
      <VideoControls transport={transport} markers={markers} onMarker={onMarker} />
    </Stack>
  );
}

/** Whether a revision's media can be shown yet (previews / stream made). */
export function isViewable(r: Revision): boolean {
  return r.asset.kind === 'video' ? !!r.asset.hlsUrl : !!r.asset.previewUrl;
}

/** The right viewer for the kind, or the processing progress while it is not ready. */
export function RevisionMedia({
  revision,
  canReprocess,
  h,
  actions,
  overlay,
  video,
}: {
  revision: Revision;
  canReprocess: boolean;
  h: CSSProperties['height'];
  /** Shown at the right of the viewer's toolbar (download, compare…). */
  actions?: ReactNode;
  /** Drawn over the media's pixels (zoomed and panned with an image): annotations. */
  overlay?: ReactNode;
  /** Videos: the caller's transport and the markers on the scrub bar. */
  video?: {
    controller?: VideoController;
    markers?: readonly TimelineMarker[];
    onMarker?: (id: string) => void;
  };
}) {
  if (!isViewable(revision)) {
    return (
      <Stack gap="xs">
        <Toolbar actions={actions} />
        <NotReady revision={revision} canReprocess={canReprocess} h={h} />
      </Stack>
    );
  }
  return revision.asset.kind === 'video' ? (
    <VideoViewer
      key={revision.id}
      revision={revision}
      h={h}
      actions={actions}
      overlay={overlay}
      controller={video?.controller}
      markers={video?.markers}
      onMarker={video?.onMarker}
    />
  ) : (
    <ImageViewer key={revision.id} revision={revision} h={h} actions={actions} overlay={overlay} />
  );
}
