import { Badge, Box } from '@mantine/core';
import { IconGripVertical } from '@tabler/icons-react';
import { useRef, useState, type CSSProperties, type PointerEvent } from 'react';
import { revisionLabel } from './revision-labels';
import type { Revision } from './types';
import { useShortcuts } from './use-shortcuts';

const imageStyle: CSSProperties = {
  position: 'absolute',
  inset: 0,
  width: '100%',
  height: '100%',
  objectFit: 'contain',
  pointerEvents: 'none',
};

/**
 * Two images in one frame, A over B, with a vertical divider revealing A on its left and B on
 * its right. Drag anywhere (or use ← → , Shift for big steps, Home / End) to move it.
 */
export function ImageWipe({ a, b, h }: { a: Revision; b: Revision; h: CSSProperties['height'] }) {
  const [pos, setPos] = useState(50);
  const frameRef = useRef<HTMLDivElement>(null);
  const dragging = useRef<number | null>(null);

  const move = (delta: number) => setPos((p) => Math.min(100, Math.max(0, p + delta)));
  useShortcuts({
    ArrowLeft: (e) => move(e.shiftKey ? -10 : -1),
    ArrowRight: (e) => move(e.shiftKey ? 10 : 1),
    Home: () => setPos(0),
    End: () => setPos(100),
  });

  const toPointer = (clientX: number) => {
    const r = frameRef.current?.getBoundingClientRect();
    if (!r || r.width === 0) return;
    setPos(Math.min(100, Math.max(0, ((clientX - r.left) / r.width) * 100)));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    dragging.current = e.pointerId;
    toPointer(e.clientX);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging.current === e.pointerId) toPointer(e.clientX);
  };
  const stop = () => {
    dragging.current = null;
  };

  const la = revisionLabel(a);
  const lb = revisionLabel(b);
  return (
    <Box
      ref={frameRef}
      pos="relative"
      h={h}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={stop}
      onPointerCancel={stop}
      data-testid="compare-wipe"
      data-position={pos.toFixed(1)}
      style={{
        overflow: 'hidden',
        borderRadius: 8,
        background: 'var(--mantine-color-dark-7)',
        cursor: 'ew-resize',
        touchAction: 'none',
        userSelect: 'none',
      }}
    >
      <img src={b.asset.previewUrl!} alt={`B: ${lb}`} draggable={false} style={imageStyle} />
      <img
        src={a.asset.previewUrl!}
        alt={`A: ${la}`}
        draggable={false}
        style={{ ...imageStyle, clipPath: `inset(0 ${100 - pos}% 0 0)` }}
      />
      <Badge pos="absolute" top={10} left={10} variant="filled" color="dark" tt="none">
        A · {la}
      </Badge>
      <Badge pos="absolute" top={10} right={10} variant="filled" color="dark" tt="none">
        B · {lb}
      </Badge>
      <Box
        pos="absolute"
        top={0}
        bottom={0}
        left={`${pos}%`}
        w={2}
        bg="white"
        style={{ transform: 'translateX(-1px)', boxShadow: '0 0 4px #0009', pointerEvents: 'none' }}
      />
      <Box
        role="slider"
        tabIndex={0}
        aria-label={`Divider between ${la} (left) and ${lb} (right)`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pos)}
        aria-valuetext={`${Math.round(pos)}% of ${la} shown`}
        aria-orientation="horizontal"
        // The arrows reach it through the page-wide shortcuts (which also work unfocused).
        data-global-keys
        data-testid="compare-wipe-handle"
        pos="absolute"
        top="50%"
        left={`${pos}%`}
        w={32}
        h={32}
        bg="white"
        c="dark"
        style={{
          transform: 'translate(-50%, -50%)',
          borderRadius: '50%',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          boxShadow: '0 1px 6px #0008',
        }}
      >
        <IconGripVertical size={18} />
      </Box>
    </Box>
  );
}
