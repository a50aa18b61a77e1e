import { describe, expect, it } from 'vitest';
import { frameAt } from '../../revisions/timecode';
import {
  arrowHead,
  frameStart,
  labelOf,
  MAX_FREEHAND_POINTS,
  shapeFromGesture,
  simplifyStroke,
} from './shapes';

const pts = (...xy: [number, number][]) => xy.map(([x, y]) => ({ x, y }));

describe('shapeFromGesture', () => {
  it('normalises a box dragged in any direction to its top-left and size', () => {
    expect(shapeFromGesture('RECTANGLE', pts([0.6, 0.7], [0.2, 0.1]))).toEqual({
      type: 'RECTANGLE',
      x: 0.2,
      y: 0.1,
      data: { w: 0.4, h: 0.6 },
    });
    expect(shapeFromGesture('ELLIPSE', pts([0.1, 0.1], [0.3, 0.2]))?.type).toBe('ELLIPSE');
  });

  it('treats a click with a drag tool as nothing', () => {
    expect(shapeFromGesture('RECTANGLE', pts([0.5, 0.5], [0.501, 0.6]))).toBeNull();
    expect(shapeFromGesture('ARROW', pts([0.5, 0.5], [0.502, 0.5]))).toBeNull();
    expect(shapeFromGesture('FREEHAND', pts([0.5, 0.5]))).toBeNull();
  });

  it('keeps an arrow from where it was pressed to where it was let go', () => {
    expect(shapeFromGesture('ARROW', pts([0.9, 0.9], [0.5, 0.5], [0.1, 0.2]))).toEqual({
      type: 'ARROW',
      x: 0.9,
      y: 0.9,
      data: { x2: 0.1, y2: 0.2 },
    });
  });

  it('places pins and text where the pointer is, the label from the first line', () => {
    expect(shapeFromGesture('PIN', pts([0.25, 0.75]))).toEqual({
      type: 'PIN',
      x: 0.25,
      y: 0.75,
      data: {},
    });
    expect(shapeFromGesture('TEXT', pts([0.1, 0.2]), '  Logo too small\nsee brand book')).toEqual({
      type: 'TEXT',
      x: 0.1,
      y: 0.2,
      data: { text: 'Logo too small' },
    });
  });

  it('clamps positions to the picture', () => {
    const s = shapeFromGesture('RECTANGLE', pts([-0.2, 0.5], [1.4, 0.9]));
    // The size comes from the raw drag; the stored width is clamped to the unit range too.
    expect(s).toEqual({ type: 'RECTANGLE', x: 0, y: 0.5, data: { w: 1, h: 0.4 } });
  });
});

describe('simplifyStroke', () => {
  it('drops points that barely move', () => {
    expect(simplifyStroke(pts([0.1, 0.1], [0.1001, 0.1], [0.2, 0.2]))).toEqual([
      [0.1, 0.1],
      [0.2, 0.2],
    ]);
  });

  it('stays under the server cap and keeps both ends', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ x: (i % 400) / 400, y: i / 5000 }));
    const out = simplifyStroke(many);
    expect(out.length).toBeLessThanOrEqual(MAX_FREEHAND_POINTS);
    expect(out[0]).toEqual([0, 0]);
    expect(out[out.length - 1]).toEqual([0.4975, 0.9998]);
  });
});

describe('labelOf', () => {
  it('shortens long labels and never returns an empty one', () => {
    expect(labelOf('x'.repeat(300))).toHaveLength(120);
    expect(labelOf('   ')).toBe('…');
  });
});

describe('arrowHead', () => {
  it('draws the barbs behind the tip, symmetric about the shaft', () => {
    const [a, b] = arrowHead({ x: 0, y: 0 }, { x: 100, y: 0 }, 10)!;
    expect(a.x).toBeLessThan(100);
    expect(b.x).toBeCloseTo(a.x);
    expect(a.y).toBeCloseTo(-b.y);
    expect(arrowHead({ x: 1, y: 1 }, { x: 1, y: 1 }, 10)).toBeNull();
  });
});

describe('frameStart', () => {
  it('maps every frame of a 23.976 fps clip back to itself', () => {
    const fps = 24000 / 1001;
    for (let frame = 0; frame < 100_000; frame += 997) {
      expect(frameAt(frameStart(frame, fps), fps)).toBe(frame);
    }
    expect(frameAt(frameStart(2, 23.976), 23.976)).toBe(2);
  });
});
