/**
 * Annotation geometry (pure; tested in shapes.test.ts). Everything is in fractions (0..1) of the
 * media's width and height, so a shape lands on the same pixels at any display size or zoom.
 */

export type DrawTool = 'RECTANGLE' | 'ELLIPSE' | 'ARROW' | 'FREEHAND' | 'TEXT' | 'PIN';

export type Point = { x: number; y: number };

/** What the API takes for a drawn shape (positions as fractions). */
export type ShapeInput =
  | { type: 'RECTANGLE' | 'ELLIPSE'; x: number; y: number; data: { w: number; h: number } }
  | { type: 'ARROW'; x: number; y: number; data: { x2: number; y2: number } }
  | { type: 'FREEHAND'; x: number; y: number; data: { points: [number, number][] } }
  | { type: 'TEXT'; x: number; y: number; data: { text: string } }
  | { type: 'PIN'; x: number; y: number; data: Record<string, never> }
  | { type: 'SCREENSHOT'; x: number; y: number; data: Record<string, never> };

/** The server's cap on freehand points. */
export const MAX_FREEHAND_POINTS = 2000;
/** Smaller than this (a fraction of the side) is a click, not a drag. */
const MIN_SIZE = 0.005;
/** Freehand points closer than this to the last kept one add nothing. */
const MIN_STEP = 0.002;

export const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const round = (v: number) => Math.round(clamp01(v) * 1e5) / 1e5;

/** Tools that place a point with a click; the others are dragged. */
export const isClickTool = (tool: DrawTool) => tool === 'TEXT' || tool === 'PIN';

/**
 * The shape for a gesture: `points` is the pointer's path from press to now (at least one
 * point). Returns null while the gesture is too small to be a shape (a click for a drag tool).
 */
export function shapeFromGesture(
  tool: DrawTool,
  points: readonly Point[],
  text = '',
): ShapeInput | null {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return null;
  switch (tool) {
    case 'RECTANGLE':
    case 'ELLIPSE': {
      const w = Math.abs(last.x - first.x);
      const h = Math.abs(last.y - first.y);
      if (w < MIN_SIZE || h < MIN_SIZE) return null;
      return {
        type: tool,
        x: round(Math.min(first.x, last.x)),
        y: round(Math.min(first.y, last.y)),
        data: { w: round(w), h: round(h) },
      };
    }
    case 'ARROW': {
      if (Math.hypot(last.x - first.x, last.y - first.y) < MIN_SIZE * 2) return null;
      return {
        type: 'ARROW',
        x: round(first.x),
        y: round(first.y),
        data: { x2: round(last.x), y2: round(last.y) },
      };
    }
    case 'FREEHAND': {
      const kept = simplifyStroke(points);
      if (kept.length < 2) return null;
      return {
        type: 'FREEHAND',
        x: kept[0]![0],
        y: kept[0]![1],
        data: { points: kept },
      };
    }
    case 'TEXT':
      return { type: 'TEXT', x: round(last.x), y: round(last.y), data: { text: labelOf(text) } };
    case 'PIN':
      return { type: 'PIN', x: round(last.x), y: round(last.y), data: {} };
  }
}

/**
 * A stroke as [x, y] pairs: points that barely move are dropped and, past the server's cap,
 * every other point is, so a long scribble is still accepted (its shape kept).
 */
export function simplifyStroke(points: readonly Point[]): [number, number][] {
  const kept: [number, number][] = [];
  for (const p of points) {
    const prev = kept[kept.length - 1];
    if (prev && Math.hypot(p.x - prev[0], p.y - prev[1]) < MIN_STEP) continue;
    kept.push([round(p.x), round(p.y)]);
  }
  let out = kept;
  while (out.length > MAX_FREEHAND_POINTS) {
    const last = out[out.length - 1]!;
    out = out.filter((_, i) => i % 2 === 0);
    if (out[out.length - 1] !== last) out.push(last);
  }
  return out;
}

/** A TEXT label: the first line of what was written, short enough to sit on the picture. */
export function labelOf(text: string): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line || '…';
}

/**
 * The two barbs of an arrow's head in pixels (drawn in pixels, not fractions, so the head keeps
 * its angle on media that is not square).
 */
export function arrowHead(from: Point, to: Point, size: number): [Point, Point] | null {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy);
  if (len === 0) return null;
  const s = Math.min(size, len / 2);
  const ux = dx / len;
  const uy = dy / len;
  const spread = Math.PI / 7;
  const barb = (sign: number): Point => {
    const c = Math.cos(sign * spread);
    const n = Math.sin(sign * spread);
    return { x: to.x - s * (ux * c - uy * n), y: to.y - s * (uy * c + ux * n) };
  };
  return [barb(1), barb(-1)];
}

/**
 * The time to store for an annotation on the frame shown at `seconds`: the start of that frame,
 * so it maps back to the same frame whatever the rate (23.976 included).
 */
export function frameStart(frame: number, fps: number): number {
  return Math.round((frame / fps) * 1e6) / 1e6;
}
