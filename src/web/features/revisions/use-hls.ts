import { useEffect, useState } from 'react';

/**
 * Plays an HLS stream in a <video>: hls.js where Media Source Extensions exist, the browser's
 * own HLS (Safari on iOS) otherwise. hls.js is imported on first use so it stays out of the
 * main bundle. Returns an error message when the stream cannot be played.
 */
export function useHls(video: HTMLVideoElement | null, src: string | null): string | null {
  const [error, setError] = useState<{ src: string; message: string } | null>(null);

  useEffect(() => {
    if (!video || !src) return;
    let cancelled = false;
    let destroy: (() => void) | null = null;
    const fail = (message: string) => {
      if (!cancelled) setError({ src, message });
    };

    import('hls.js')
      .then(({ default: Hls }) => {
        if (cancelled) return;
        if (Hls.isSupported()) {
          const hls = new Hls({ capLevelToPlayerSize: true });
          let recovered = false;
          hls.on(Hls.Events.ERROR, (_event, data) => {
            if (!data.fatal) return;
            // A decode hiccup is worth one recovery; anything else ends the stream.
            if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !recovered) {
              recovered = true;
              hls.recoverMediaError();
              return;
            }
            fail(
              data.type === Hls.ErrorTypes.NETWORK_ERROR
                ? 'The video stream could not be loaded.'
                : 'The video stream could not be played.',
            );
            hls.destroy();
          });
          hls.loadSource(src);
          hls.attachMedia(video);
          destroy = () => hls.destroy();
        } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
          video.src = src;
          destroy = () => {
            video.removeAttribute('src');
            video.load();
          };
        } else {
          fail('This browser cannot play the video stream.');
        }
      })
      .catch(() => fail('The video player could not be loaded.'));

    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [video, src]);

  return error && error.src === src ? error.message : null;
}
