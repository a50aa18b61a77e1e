import {
  ActionIcon,
  Box,
  Center,
  Group,
  Slider,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconPlayerPauseFilled,
  IconPlayerPlayFilled,
  IconPlayerTrackNextFilled,
  IconPlayerTrackPrevFilled,
} from '@tabler/icons-react';
import { useCallback, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { formatClock, formatTimecode, frameAt } from './timecode';
import { useHls } from './use-hls';
import type { Transport } from './use-video-transport';

/** A bare <video> fed by an HLS stream; the controls are ours (one set may drive two). */
export function HlsVideo({
  src,
  poster,
  label,
  onElement,
  h = '100%',
  testId,
  overlay,
  aspect,
}: {
  src: string;
  poster: string | null;
  label: string;
  onElement: (el: HTMLVideoElement | null) => void;
  h?: CSSProperties['height'];
  testId?: string;
  /** Drawn over the picture itself (not the letterbox): annotations. */
  overlay?: ReactNode;
  /** The picture's width / height, to place the overlay on it. */
  aspect?: number | null;
}) {
  const [el, setEl] = useState<HTMLVideoElement | null>(null);
  const error = useHls(el, src);
  const onElementRef = useRef(onElement);
  onElementRef.current = onElement;
  // Stable, so React hands over the element once (not on every render).
  const ref = useCallback((node: HTMLVideoElement | null) => {
    setEl(node);
    onElementRef.current(node);
  }, []);
  return (
    <Box pos="relative" h={h} bg="black" style={{ overflow: 'hidden' }}>
      <video
        ref={ref}
        poster={poster ?? undefined}
        playsInline
        preload="auto"
        aria-label={label}
        data-testid={testId}
        style={{ width: '100%', height: '100%', objectFit: 'contain', display: 'block' }}
      />
      {overlay && aspect ? <PictureBox aspect={aspect}>{overlay}</PictureBox> : null}
      {error ? (
        <Center pos="absolute" inset={0} bg="rgba(0,0,0,0.6)" c="white" p="md">
          <Group gap={6} wrap="nowrap">
            <IconAlertTriangle size={16} />
            <Text size="sm" role="alert">
              {error}
            </Text>
          </Group>
        </Center>
      ) : null}
    </Box>
  );
}

/**
 * The box the picture of an `object-fit: contain` video fills, centred in its element: container
 * query units size it from the element, so it follows every resize without measuring.
 */
function PictureBox({ aspect, children }: { aspect: number; children: ReactNode }) {
  return (
    <div
      style={{
        position: 'absolute',
        inset: 0,
        containerType: 'size',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        pointerEvents: 'none',
      }}
    >
      <div
        data-testid="video-overlay"
        style={{
          position: 'relative',
          width: `min(100cqw, calc(100cqh * ${aspect}))`,
          height: `min(100cqh, calc(100cqw / ${aspect}))`,
        }}
      >
        {children}
      </div>
    </div>
  );
}

export interface TimelineMarker {
  id: string;
  /** Seconds from the first frame. */
  time: number;
  selected: boolean;
}

/** Annotation markers over the scrub bar; clicking one picks it. */
function Markers({
  markers,
  duration,
  onPick,
}: {
  markers: readonly TimelineMarker[];
  duration: number;
  onPick: (id: string) => void;
}) {
  if (!duration || markers.length === 0) return null;
  return (
    <Box pos="relative" h={12} mx={8} data-testid="video-markers">
      {markers.map((m) => (
        <Tooltip key={m.id} label="Show this annotation" withArrow>
          <UnstyledButton
            aria-label={`Annotation at ${formatClock(m.time)}`}
            data-testid="video-marker"
            data-selected={m.selected || undefined}
            onClick={() => onPick(m.id)}
            style={{
              position: 'absolute',
              left: `calc(${Math.min(1, m.time / duration) * 100}% - 5px)`,
              top: 0,
              width: 10,
              height: 10,
              borderRadius: 2,
              transform: 'rotate(45deg)',
              background: m.selected ? '#fcc419' : '#fa5252',
              border: '1px solid rgba(0,0,0,0.4)',
            }}
          />
        </Tooltip>
      ))}
    </Box>
  );
}

/**
 * Play/pause, frame steps, a scrub bar, the timecode (HH:MM:SS:FF) and the frame number.
 * Shortcuts (space , .) are wired by the page through {@link transportShortcuts}.
 */
export function VideoControls({
  transport: t,
  markers,
  onMarker,
}: {
  transport: Transport;
  markers?: readonly TimelineMarker[];
  onMarker?: (id: string) => void;
}) {
  const frame = frameAt(t.currentTime, t.fps);
  return (
    // data-global-keys: space and , . keep driving the player while one of these has focus.
    <Stack gap={6} data-testid="video-controls" data-global-keys>
      {markers && onMarker ? (
        <Markers markers={markers} duration={t.duration} onPick={onMarker} />
      ) : null}
      <Slider
        aria-label="Position"
        min={0}
        max={t.duration || 1}
        step={1 / t.fps}
        value={Math.min(t.currentTime, t.duration || 1)}
        onChange={t.seek}
        label={(v) => formatClock(v)}
        disabled={!t.duration}
        size="sm"
        data-testid="video-scrub"
      />
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap={4} wrap="nowrap">
          <Tooltip label="Previous frame ( , )" withArrow>
            <ActionIcon
              variant="default"
              size="lg"
              onClick={() => t.step(-1)}
              aria-label="Previous frame"
              data-testid="video-step-back"
            >
              <IconPlayerTrackPrevFilled size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t.playing ? 'Pause (space)' : 'Play (space)'} withArrow>
            <ActionIcon
              size="lg"
              onClick={t.toggle}
              aria-label={t.playing ? 'Pause' : 'Play'}
              data-testid="video-play"
              data-playing={t.playing || undefined}
            >
              {t.playing ? <IconPlayerPauseFilled size={18} /> : <IconPlayerPlayFilled size={18} />}
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Next frame ( . )" withArrow>
            <ActionIcon
              variant="default"
              size="lg"
              onClick={() => t.step(1)}
              aria-label="Next frame"
              data-testid="video-step-forward"
            >
              <IconPlayerTrackNextFilled size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
        <Group gap="md" wrap="nowrap">
          <Text
            ff="monospace"
            size="sm"
            fw={600}
            data-testid="video-timecode"
            aria-label="Timecode"
          >
            {formatTimecode(t.currentTime, t.fps)}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace" data-testid="video-frame">
            frame {frame}
          </Text>
          <Text size="xs" c="dimmed" visibleFrom="sm">
            {formatClock(t.duration)} · {Number(t.fps.toFixed(3))} fps
          </Text>
        </Group>
      </Group>
    </Stack>
  );
}

export function transportShortcuts(t: Transport) {
  return { ' ': t.toggle, ',': () => t.step(-1), '.': () => t.step(1) };
}
