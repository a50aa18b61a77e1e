/** Frame maths for the video player (pure; tested in timecode.test.ts). */

/** Used when the server could not tell a video's frame rate. */
export const DEFAULT_FPS = 25;

export function effectiveFps(fps: number | null | undefined): number {
  return fps && Number.isFinite(fps) && fps > 0 ? fps : DEFAULT_FPS;
}

// Times land a hair below a frame boundary (float maths, and browsers round currentTime and
// duration to the microsecond): a thousandth of a frame is forgiven.
const EPSILON = 1e-3;

/** The index (from 0) of the frame shown at `seconds`. */
export function frameAt(seconds: number, fps: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0) return 0;
  return Math.floor(seconds * fps + EPSILON);
}

/**
 * Non-drop-frame timecode `HH:MM:SS:FF` at `seconds`: frames are counted at the real rate and
 * grouped by the nominal (rounded) rate, as editing tools do (23.976 fps → 24 frames a second).
 */
export function formatTimecode(seconds: number, fps: number): string {
  const nominal = Math.max(1, Math.round(fps));
  const frames = frameAt(seconds, fps);
  const ff = frames % nominal;
  const totalSeconds = Math.floor(frames / nominal);
  const ss = totalSeconds % 60;
  const mm = Math.floor(totalSeconds / 60) % 60;
  const hh = Math.floor(totalSeconds / 3600);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(hh)}:${two(mm)}:${two(ss)}:${two(ff)}`;
}

/**
 * Where to seek to show the frame `delta` frames away from the one at `seconds`: the middle of
 * that frame, so that rounding in the decoder cannot land on its neighbour. Clamped to the video.
 */
export function stepTime(seconds: number, delta: number, fps: number, duration: number): number {
  // A duration is a whole number of frames, give or take the browser's rounding.
  const last =
    Number.isFinite(duration) && duration > 0 ? Math.round(duration * fps) - 1 : Infinity;
  const target = Math.min(Math.max(frameAt(seconds, fps) + delta, 0), Math.max(last, 0));
  return (target + 0.5) / fps;
}

/** `83.4` → `1:23` (for the scrub bar's labels). */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '0:00';
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
