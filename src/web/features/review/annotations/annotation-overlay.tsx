import { useElementSize } from '@mantine/hooks';
import { useRef, useState, type PointerEvent, type ReactNode } from 'react';
import type { Annotation } from '../types';
import {
  arrowHead,
  clamp01,
  isClickTool,
  shapeFromGesture,
  type DrawTool,
  type Point,
  type ShapeInput,
} from './shapes';

const RED = '#fa5252';
const YELLOW = '#fcc419';

/** A stored annotation or the one being drawn, as one shape to render. */
type Drawable = Pick<ShapeInput, 'type' | 'x' | 'y'> & { data: Record<string, unknown> };

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** One shape in pixels of a W×H box; `hit` is a wide invisible stroke that takes the clicks. */
function Shape({
  s,
  W,
  H,
  color,
  hit,
}: {
  s: Drawable;
  W: number;
  H: number;
  color: string;
  hit: boolean;
}) {
  const x = s.x * W;
  const y = s.y * H;
  const stroke = {
    stroke: color,
    strokeWidth: 3,
    fill: 'none',
    strokeLinecap: 'round' as const,
    strokeLinejoin: 'round' as const,
  };
  // Hit areas: a wide invisible stroke, and the inside of closed shapes (a click in a box picks it).
  const closed = s.type === 'RECTANGLE' || s.type === 'ELLIPSE';
  const hitProps = hit
    ? {
        stroke: 'transparent',
        strokeWidth: 14,
        fill: closed ? 'transparent' : 'none',
        pointerEvents: closed ? ('all' as const) : ('stroke' as const),
      }
    : null;
  const both = (el: (p: Record<string, unknown>) => ReactNode) => (
    <>
      {hitProps ? el(hitProps) : null}
      {el({ ...stroke, pointerEvents: 'none', 'data-testid': 'annotation-shape' })}
    </>
  );
  switch (s.type) {
    case 'RECTANGLE':
      return both((p) => (
        <rect x={x} y={y} width={num(s.data.w) * W} height={num(s.data.h) * H} {...p} />
      ));
    case 'ELLIPSE': {
      const rx = (num(s.data.w) * W) / 2;
      const ry = (num(s.data.h) * H) / 2;
      return both((p) => <ellipse cx={x + rx} cy={y + ry} rx={rx} ry={ry} {...p} />);
    }
    case 'ARROW': {
      const to = { x: num(s.data.x2) * W, y: num(s.data.y2) * H };
      const head = arrowHead({ x, y }, to, 16);
      const d =
        `M${x},${y} L${to.x},${to.y}` +
        (head ? ` M${head[0].x},${head[0].y} L${to.x},${to.y} L${head[1].x},${head[1].y}` : '');
      return both((p) => <path d={d} {...p} />);
    }
    case 'FREEHAND': {
      const points = Array.isArray(s.data.points) ? (s.data.points as [number, number][]) : [];
      const d = points.map(([px, py], i) => `${i ? 'L' : 'M'}${px * W},${py * H}`).join(' ');
      return both((p) => <path d={d} {...p} />);
    }
    case 'TEXT':
      return (
        <text
          x={x}
          y={y}
          dominantBaseline="hanging"
          fontSize={16}
          fontWeight={700}
          fill={color}
          stroke="rgba(0,0,0,0.75)"
          strokeWidth={3}
          paintOrder="stroke"
          pointerEvents={hit ? 'visiblePainted' : 'none'}
        >
          {typeof s.data.text === 'string' ? s.data.text : ''}
        </text>
      );
    case 'PIN':
      return (
        <g pointerEvents={hit ? 'visiblePainted' : 'none'}>
          <path
            d={`M${x},${y} l-8,-14 a9,9 0 1,1 16,0 z`}
            fill={color}
            stroke="rgba(0,0,0,0.6)"
            strokeWidth={1.5}
          />
          <circle cx={x} cy={y - 17} r={3} fill="white" />
        </g>
      );
    default:
      return null;
  }
}

/** A pointer position as fractions (0..1) of the element's box, transforms (zoom) included. */
function fraction(e: PointerEvent<Element>, el: Element): Point {
  const r = el.getBoundingClientRect();
  return { x: clamp01((e.clientX - r.left) / r.width), y: clamp01((e.clientY - r.top) / r.height) };
}

/**
 * Annotations over the media's pixels (an image inside the zoom box, or the picture area of a
 * video): the shapes shown, and, while a tool is picked, the gesture that draws a new one.
 */
export function AnnotationOverlay({
  annotations,
  tool,
  draft,
  selectedCommentId,
  onDraft,
  onSelect,
}: {
  annotations: readonly Annotation[];
  /** The drawing tool, or null when only showing. */
  tool: DrawTool | null;
  draft: ShapeInput | null;
  selectedCommentId: string | null;
  /** The shape so far; `done` when the gesture ended (null: it was too small to be one). */
  onDraft: (shape: ShapeInput | null, done: boolean) => void;
  onSelect: (commentId: string) => void;
}) {
  const { ref, width: W, height: H } = useElementSize();
  const gesture = useRef<{ id: number; points: Point[] } | null>(null);
  const [, force] = useState(0);

  const down = (e: PointerEvent<HTMLDivElement>) => {
    if (!tool || e.button !== 0) return;
    // Drawing, not panning the image underneath.
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    gesture.current = { id: e.pointerId, points: [fraction(e, e.currentTarget)] };
    onDraft(shapeFromGesture(tool, gesture.current.points), false);
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    if (!tool || !g || g.id !== e.pointerId) return;
    e.stopPropagation();
    const p = fraction(e, e.currentTarget);
    // Drag tools only need the ends; freehand keeps the path.
    if (tool === 'FREEHAND') g.points.push(p);
    else g.points = [g.points[0]!, p];
    if (!isClickTool(tool)) onDraft(shapeFromGesture(tool, g.points), false);
    force((n) => n + 1);
  };
  const up = (e: PointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    if (!tool || !g || g.id !== e.pointerId) return;
    e.stopPropagation();
    gesture.current = null;
    onDraft(shapeFromGesture(tool, g.points), true);
  };

  return (
    <div
      ref={ref}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={() => {
        gesture.current = null;
        onDraft(null, true);
      }}
      onDoubleClick={(e) => tool && e.stopPropagation()}
      data-testid="annotation-layer"
      data-drawing={tool ?? undefined}
      style={{
        position: 'absolute',
        inset: 0,
        pointerEvents: tool ? 'auto' : 'none',
        cursor: tool ? 'crosshair' : undefined,
        touchAction: tool ? 'none' : undefined,
      }}
    >
      {W > 0 && H > 0 ? (
        <svg
          width={W}
          height={H}
          viewBox={`0 0 ${W} ${H}`}
          style={{ position: 'absolute', inset: 0, overflow: 'visible', pointerEvents: 'none' }}
        >
          {annotations.map((a) => {
            const selected = a.commentId === selectedCommentId;
            return (
              <g
                key={a.id}
                role="button"
                aria-label="Show the comment of this annotation"
                data-testid="annotation"
                data-type={a.type}
                data-comment-id={a.commentId}
                data-selected={selected || undefined}
                style={{ cursor: 'pointer', pointerEvents: tool ? 'none' : undefined }}
                onPointerDown={(e) => !tool && e.stopPropagation()}
                onClick={() => !tool && onSelect(a.commentId)}
              >
                <Shape s={a} W={W} H={H} color={selected ? YELLOW : RED} hit={!tool} />
              </g>
            );
          })}
          {draft ? (
            <g data-testid="annotation-draft" opacity={0.9}>
              <Shape s={draft} W={W} H={H} color={YELLOW} hit={false} />
            </g>
          ) : null}
        </svg>
      ) : null}
    </div>
  );
}
