import { describe, expect, it } from 'vitest';
import { effectiveFps, formatClock, formatTimecode, frameAt, stepTime } from './timecode';

describe('video timecode', () => {
  it('defaults the frame rate to 25 when unknown', () => {
    expect(effectiveFps(null)).toBe(25);
    expect(effectiveFps(0)).toBe(25);
    expect(effectiveFps(23.976)).toBe(23.976);
  });

  it('counts frames, tolerating float error at a boundary', () => {
    expect(frameAt(0, 24)).toBe(0);
    expect(frameAt(1 / 24 - 1e-9, 24)).toBe(1);
    expect(frameAt(0.99, 25)).toBe(24);
    expect(frameAt(-1, 25)).toBe(0);
  });

  it('formats HH:MM:SS:FF at the rounded rate', () => {
    expect(formatTimecode(0, 25)).toBe('00:00:00:00');
    expect(formatTimecode(1.5, 24)).toBe('00:00:01:12');
    expect(formatTimecode(3723.04, 25)).toBe('01:02:03:01');
    // 23.976: frame 24 is the first frame of second 1 (24 frames a second).
    expect(formatTimecode(24 / 23.976, 23.976)).toBe('00:00:01:00');
    expect(formatTimecode(23 / 23.976, 23.976)).toBe('00:00:00:23');
  });

  it('steps to the middle of the next or previous frame, within the video', () => {
    expect(stepTime(0, 1, 25, 2)).toBeCloseTo(1.5 / 25);
    expect(stepTime(1.5 / 25, -1, 25, 2)).toBeCloseTo(0.5 / 25);
    expect(stepTime(0, -1, 25, 2)).toBeCloseTo(0.5 / 25);
    expect(stepTime(2, 1, 25, 2)).toBeCloseTo(49.5 / 25);
    expect(frameAt(stepTime(0.5, 1, 24, 3), 24)).toBe(13);
    // The browser says 2.999999 for a 72-frame clip: the last frame is still reachable.
    expect(frameAt(stepTime(70.5 / 24, 1, 24, 2.999999), 24)).toBe(71);
  });

  it('formats a clock for the scrub bar', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(83.4)).toBe('1:23');
    expect(formatClock(3723)).toBe('1:02:03');
  });
});
