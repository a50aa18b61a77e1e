import { useCallback, useEffect, useMemo, useState } from 'react';
import { stepTime } from './timecode';

export interface Transport {
  playing: boolean;
  /** Seconds from the first frame (what the timecode shows). */
  currentTime: number;
  duration: number;
  fps: number;
  toggle: () => void;
  seek: (seconds: number) => void;
  step: (frames: number) => void;
  /** Pauses both and shows the frame with this index (from 0), once the first data is in. */
  showFrame: (frame: number) => void;
  pause: () => void;
}

/**
 * Where the first frame sits on the element's timeline. HLS from an encoder with B-frames starts
 * a little after 0 (e.g. two frames: 0.083 s at 24 fps); without this, every timecode and frame
 * step would be off by that much. Read once the first data is buffered.
 */
const origins = new WeakMap<HTMLVideoElement, number>();

function originOf(v: HTMLVideoElement): number {
  const known = origins.get(v);
  if (known !== undefined) return known;
  if (v.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return 0;
  const start = v.buffered.length > 0 ? v.buffered.start(0) : 0;
  // Only a small lead-in is an offset; a later start means the first range is not the start.
  const origin = start > 0 && start < 1 ? start : 0;
  origins.set(v, origin);
  return origin;
}

const timeOf = (v: HTMLVideoElement) => Math.max(0, v.currentTime - originOf(v));
const durationOf = (v: HTMLVideoElement) =>
  Number.isFinite(v.duration) ? Math.max(0, v.duration - originOf(v)) : 0;

/**
 * Runs `fn` once the element's origin is known (from its first data on). A frame step taken
 * earlier would count from a guessed origin of 0 and land a frame or two off once it is known.
 * Not readyState: that drops back while a seek is pending, and loadeddata fires only once.
 */
function onceOriginKnown(v: HTMLVideoElement, fn: () => void) {
  originOf(v);
  if (origins.has(v)) fn();
  else v.addEventListener('loadeddata', fn, { once: true });
}

function setTime(v: HTMLVideoElement, seconds: number) {
  const end = durationOf(v);
  v.currentTime = originOf(v) + Math.max(0, end ? Math.min(seconds, end) : seconds);
}

/**
 * One set of controls for one video or two: the first is the clock, the other follows it (play
 * and pause together, seek to the same time from its first frame, step the same frame) and is
 * nudged back when it drifts more than a frame while playing.
 */
export function useVideoTransport(
  elements: readonly (HTMLVideoElement | null)[],
  fps: number,
): Transport {
  const [first = null, second = null] = elements;
  const videos = useMemo(
    () => [first, second].filter((v): v is HTMLVideoElement => !!v),
    [first, second],
  );
  const [playing, setPlaying] = useState(false);
  const [currentTime, setCurrentTime] = useState(0);
  const [duration, setDuration] = useState(0);

  useEffect(() => {
    const [clock, ...followers] = videos;
    if (!clock) return;
    let frame = 0;

    const sync = () => {
      const t = timeOf(clock);
      setCurrentTime(t);
      if (clock.paused) return;
      for (const f of followers) {
        if (f.readyState >= HTMLMediaElement.HAVE_METADATA && Math.abs(timeOf(f) - t) > 1 / fps) {
          if (t <= durationOf(f)) setTime(f, t);
        }
      }
    };
    // timeupdate fires ~4 times a second: follow the clock per animation frame while playing.
    const tick = () => {
      sync();
      frame = requestAnimationFrame(tick);
    };
    const onPlay = () => {
      setPlaying(true);
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(tick);
    };
    const onPause = () => {
      setPlaying(false);
      cancelAnimationFrame(frame);
      sync();
    };
    const onEnded = () => {
      for (const f of followers) f.pause();
      onPause();
    };
    const onMedia = () => {
      setDuration(Math.max(0, ...videos.map(durationOf)));
      sync();
    };

    clock.addEventListener('play', onPlay);
    clock.addEventListener('pause', onPause);
    clock.addEventListener('ended', onEnded);
    clock.addEventListener('seeked', sync);
    clock.addEventListener('timeupdate', sync);
    for (const v of videos) {
      v.addEventListener('durationchange', onMedia);
      v.addEventListener('loadeddata', onMedia);
    }
    onMedia();
    if (!clock.paused) onPlay();
    return () => {
      cancelAnimationFrame(frame);
      clock.removeEventListener('play', onPlay);
      clock.removeEventListener('pause', onPause);
      clock.removeEventListener('ended', onEnded);
      clock.removeEventListener('seeked', sync);
      clock.removeEventListener('timeupdate', sync);
      for (const v of videos) {
        v.removeEventListener('durationchange', onMedia);
        v.removeEventListener('loadeddata', onMedia);
      }
    };
  }, [videos, fps]);

  const seek = useCallback(
    (seconds: number) => {
      for (const v of videos) setTime(v, seconds);
      setCurrentTime(seconds);
    },
    [videos],
  );

  const toggle = useCallback(() => {
    const clock = videos[0];
    if (!clock) return;
    if (clock.paused || clock.ended) {
      // Start together from the clock's frame (from the top once it has ended).
      if (clock.ended) seek(0);
      else for (const f of videos.slice(1)) setTime(f, timeOf(clock));
      for (const v of videos) void v.play().catch(() => {});
    } else {
      for (const v of videos) v.pause();
      seek(timeOf(clock));
    }
  }, [videos, seek]);

  const step = useCallback(
    (frames: number) => {
      const clock = videos[0];
      if (!clock) return;
      for (const v of videos) v.pause();
      onceOriginKnown(clock, () => seek(stepTime(timeOf(clock), frames, fps, durationOf(clock))));
    },
    [videos, fps, seek],
  );

  const pause = useCallback(() => {
    for (const v of videos) v.pause();
  }, [videos]);

  const showFrame = useCallback(
    (frame: number) => {
      const clock = videos[0];
      if (!clock) return;
      for (const v of videos) v.pause();
      onceOriginKnown(clock, () => seek(stepTime(frame / fps, 0, fps, durationOf(clock))));
    },
    [videos, fps, seek],
  );

  return { playing, currentTime, duration, fps, toggle, seek, step, showFrame, pause };
}
