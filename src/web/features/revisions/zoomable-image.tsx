import { ActionIcon, Box, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconZoomIn, IconZoomOut, IconZoomReset } from '@tabler/icons-react';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type PointerEvent,
  type ReactNode,
} from 'react';

/** Zoom is relative to "fit" (1 = the whole image in the frame); x/y pan in screen pixels. */
export interface ZoomView {
  zoom: number;
  x: number;
  y: number;
}

export const FIT_VIEW: ZoomView = { zoom: 1, x: 0, y: 0 };
const MIN_ZOOM = 0.25;
const MAX_ZOOM = 32;
const STEP = 1.25;

const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

/**
 * Zoom by `factor` keeping the point `at` (offset from the frame's centre, in pixels) still:
 * with `translate(x, y) scale(z)` around the centre, a point p of the image shows at
 * x + z·p, so the pan becomes at − (at − x)·z′/z.
 */
export function zoomAround(view: ZoomView, factor: number, at = { x: 0, y: 0 }): ZoomView {
  const zoom = clampZoom(view.zoom * factor);
  // At fit or smaller there is nothing to pan to: keep the image centred.
  if (zoom <= 1) return { zoom, x: 0, y: 0 };
  const k = zoom / view.zoom;
  return { zoom, x: at.x - (at.x - view.x) * k, y: at.y - (at.y - view.y) * k };
}

/** View state plus the shortcuts (+ / − / 0) for one or several synchronised images. */
export function useZoomView() {
  const [view, setView] = useState<ZoomView>(FIT_VIEW);
  const zoomIn = useCallback(() => setView((v) => zoomAround(v, STEP)), []);
  const zoomOut = useCallback(() => setView((v) => zoomAround(v, 1 / STEP)), []);
  const fit = useCallback(() => setView(FIT_VIEW), []);
  const shortcuts = { '+': zoomIn, '=': zoomIn, '-': zoomOut, _: zoomOut, '0': fit };
  return { view, setView, zoomIn, zoomOut, fit, shortcuts };
}

/**
 * An image fitted to its frame that zooms with the wheel (around the pointer) and pans by
 * dragging. Controlled, so that side-by-side images can share one view.
 */
export function ZoomableImage({
  src,
  alt,
  view,
  onViewChange,
  onMetrics,
  h = '100%',
  testId,
  overlay,
}: {
  src: string;
  alt: string;
  view: ZoomView;
  onViewChange: (update: (v: ZoomView) => ZoomView) => void;
  /** The image's pixel size and the frame's size, to tell the zoom against the original. */
  onMetrics?: (metrics: ImageMetrics) => void;
  h?: CSSProperties['height'];
  testId?: string;
  /**
   * Drawn exactly over the image's pixels (its box at "fit", zoomed and panned with it), so
   * fractions 0..1 of this box are fractions of the image at any zoom.
   */
  overlay?: ReactNode;
}) {
  const [box, setBox] = useState<{ left: number; top: number; width: number; height: number }>();
  const frameRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);
  const [grabbing, setGrabbing] = useState(false);
  const changeRef = useRef(onViewChange);
  changeRef.current = onViewChange;
  const natural = useRef<{ width: number; height: number } | null>(null);
  const metricsRef = useRef(onMetrics);
  metricsRef.current = onMetrics;
  const report = useCallback(() => {
    const frame = frameRef.current;
    if (!frame || !natural.current) return;
    const { width, height } = natural.current;
    const fw = frame.clientWidth;
    const fh = frame.clientHeight;
    const fit = width && height ? Math.min(fw / width, fh / height) : 0;
    setBox({
      left: (fw - width * fit) / 2,
      top: (fh - height * fit) / 2,
      width: width * fit,
      height: height * fit,
    });
    metricsRef.current?.({
      ...natural.current,
      frameWidth: frame.clientWidth,
      frameHeight: frame.clientHeight,
    });
  }, []);

  useEffect(() => {
    const el = frameRef.current;
    if (!el) return;
    const observer = new ResizeObserver(report);
    observer.observe(el);
    return () => observer.disconnect();
  }, [report]);

  // React's wheel listener is passive (cannot stop the page scrolling): attach our own.
  useEffect(() => {
    const el = frameRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const at = { x: e.clientX - r.left - r.width / 2, y: e.clientY - r.top - r.height / 2 };
      // Trackpads send many small deltas, mouse wheels a few large ones.
      const factor = Math.exp(-Math.max(-100, Math.min(100, e.deltaY)) * 0.0025);
      changeRef.current((v) => zoomAround(v, factor, at));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
    setGrabbing(true);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    drag.current = { ...d, x: e.clientX, y: e.clientY };
    onViewChange((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));
  };
  const endDrag = () => {
    drag.current = null;
    setGrabbing(false);
  };

  return (
    <Box
      ref={frameRef}
      h={h}
      pos="relative"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDoubleClick={(e) => {
        const r = e.currentTarget.getBoundingClientRect();
        const at = { x: e.clientX - r.left - r.width / 2, y: e.clientY - r.top - r.height / 2 };
        onViewChange((v) => (v.zoom > 1 ? FIT_VIEW : zoomAround(v, 2, at)));
      }}
      data-testid={testId}
      data-zoom={view.zoom.toFixed(2)}
      style={{
        overflow: 'hidden',
        cursor: grabbing ? 'grabbing' : 'grab',
        touchAction: 'none',
        userSelect: 'none',
        background: 'var(--mantine-color-dark-7)',
      }}
    >
      <img
        src={src}
        alt={alt}
        draggable={false}
        onLoad={(e) => {
          natural.current = {
            width: e.currentTarget.naturalWidth,
            height: e.currentTarget.naturalHeight,
          };
          report();
        }}
        style={{
          position: 'absolute',
          inset: 0,
          width: '100%',
          height: '100%',
          objectFit: 'contain',
          transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})`,
          transformOrigin: 'center',
          // Pixels stay crisp when zoomed past 1:1 (checking detail is the point of zooming).
          imageRendering: view.zoom > 2 ? 'pixelated' : undefined,
          willChange: 'transform',
        }}
      />
      {overlay && box ? (
        <div
          data-testid="image-overlay"
          style={{
            position: 'absolute',
            left: box.left,
            top: box.top,
            width: box.width,
            height: box.height,
            // Same transform about the same centre as the image: it stays on the same pixels.
            transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})`,
            transformOrigin: 'center',
            pointerEvents: 'none',
          }}
        >
          {overlay}
        </div>
      ) : null}
    </Box>
  );
}

/** − / zoom % / + / Fit, with their shortcuts in the tooltips. */
export function ZoomControls({
  zoom,
  onZoomIn,
  onZoomOut,
  onFit,
  percent,
}: {
  zoom: number;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  /** Size against the original's pixels when known; otherwise against "fit". */
  percent?: number | null;
}) {
  const shown = Math.round(percent ?? zoom * 100);
  return (
    <Group gap={4} wrap="nowrap" data-testid="zoom-controls" data-global-keys>
      <Tooltip label="Zoom out (−)" withArrow>
        <ActionIcon
          variant="default"
          onClick={onZoomOut}
          disabled={zoom <= MIN_ZOOM}
          aria-label="Zoom out"
        >
          <IconZoomOut size={16} />
        </ActionIcon>
      </Tooltip>
      <Text size="xs" ff="monospace" w={48} ta="center" aria-live="polite" data-testid="zoom-level">
        {shown}%
      </Text>
      <Tooltip label="Zoom in (+)" withArrow>
        <ActionIcon
          variant="default"
          onClick={onZoomIn}
          disabled={zoom >= MAX_ZOOM}
          aria-label="Zoom in"
        >
          <IconZoomIn size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Fit to the frame (0)" withArrow>
        <Button
          variant="default"
          size="compact-sm"
          leftSection={<IconZoomReset size={14} />}
          onClick={onFit}
          disabled={zoom === 1}
        >
          Fit
        </Button>
      </Tooltip>
    </Group>
  );
}

export interface ImageMetrics {
  width: number;
  height: number;
  frameWidth: number;
  frameHeight: number;
}

/** How big the original's pixels show at `zoom`, in percent (null when unknown). */
export function originalPercent(
  zoom: number,
  m: ImageMetrics | null,
  originalWidth: number | null,
): number | null {
  if (!m || !m.width || !m.height || !m.frameWidth) return null;
  const fitScale = Math.min(m.frameWidth / m.width, m.frameHeight / m.height);
  return ((m.width * fitScale * zoom) / (originalWidth || m.width)) * 100;
}
