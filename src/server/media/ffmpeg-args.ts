/**
 * Pure builders of ffmpeg/ffprobe argument lists. Running them lives behind one module; these
 * only decide what to ask for, so they are unit-tested without ffmpeg.
 */
export interface VideoProbe {
  width: number;
  height: number;
  durationSeconds: number;
  fps: number;
  hasAudio: boolean;
}

export interface Rendition {
  name: string;
  height: number;
  width: number;
  videoKbps: number;
  audioKbps: number;
}

const LADDER = [
  { name: '1080p', height: 1080, videoKbps: 5000 },
  { name: '720p', height: 720, videoKbps: 2800 },
  { name: '480p', height: 480, videoKbps: 1200 },
  { name: '360p', height: 360, videoKbps: 700 },
];

/** Even dimensions: H.264 4:2:0 refuses odd widths and heights. */
const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/**
 * The HLS ladder for a source: every standard rung not taller than the source (never
 * upscaled), at most `max` rungs, and at least one at the source's own size.
 */
export function hlsLadder(probe: VideoProbe, max = 2): Rendition[] {
  const aspect = probe.width / probe.height;
  const rungs = LADDER.filter((r) => r.height <= probe.height).slice(0, max);
  const chosen = rungs.length
    ? rungs
    : [{ name: `${even(probe.height)}p`, height: probe.height, videoKbps: 700 }];
  return chosen.map((r) => ({
    name: r.name,
    height: even(r.height),
    width: even(r.height * aspect),
    videoKbps: r.videoKbps,
    audioKbps: probe.hasAudio ? 128 : 0,
  }));
}

export function probeArgs(input: string): string[] {
  return ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', input];
}

/**
 * One ffmpeg run that writes every rendition as HLS (fMP4-free MPEG-TS segments, 4 s) and a
 * master playlist. `-progress pipe:1` lets the job report percent done.
 */
export function hlsArgs(
  input: string,
  outDir: string,
  probe: VideoProbe,
  renditions: Rendition[],
): string[] {
  const n = renditions.length;
  const split = `[0:v]split=${n}${renditions.map((_, i) => `[v${i}]`).join('')}`;
  const scales = renditions.map((r, i) => `[v${i}]scale=${r.width}:${r.height}[v${i}out]`);
  const args = ['-hide_banner', '-y', '-i', input, '-filter_complex', [split, ...scales].join(';')];
  // A keyframe every 2 s at the source rate keeps 4 s segments aligned across renditions.
  const gop = Math.max(1, Math.round(probe.fps * 2));
  renditions.forEach((r, i) => {
    args.push('-map', `[v${i}out]`);
    args.push(
      `-c:v:${i}`,
      'libx264',
      `-b:v:${i}`,
      `${r.videoKbps}k`,
      `-maxrate:v:${i}`,
      `${Math.round(r.videoKbps * 1.07)}k`,
      `-bufsize:v:${i}`,
      `${r.videoKbps * 2}k`,
    );
    if (probe.hasAudio)
      args.push('-map', 'a:0', `-c:a:${i}`, 'aac', `-b:a:${i}`, `${r.audioKbps}k`);
  });
  args.push(
    '-preset',
    'veryfast',
    '-g',
    String(gop),
    '-keyint_min',
    String(gop),
    '-sc_threshold',
    '0',
    '-pix_fmt',
    'yuv420p',
    '-f',
    'hls',
    '-hls_time',
    '4',
    '-hls_playlist_type',
    'vod',
    '-hls_segment_filename',
    `${outDir}/%v/seg_%04d.ts`,
    '-master_pl_name',
    'master.m3u8',
    '-var_stream_map',
    renditions
      .map((r, i) => (probe.hasAudio ? `v:${i},a:${i},name:${r.name}` : `v:${i},name:${r.name}`))
      .join(' '),
    '-progress',
    'pipe:1',
    '-nostats',
    `${outDir}/%v/index.m3u8`,
  );
  return args;
}

/** A poster frame from 10% into the clip (skips black leaders), as JPEG. */
export function posterArgs(
  input: string,
  output: string,
  probe: VideoProbe,
  width = 1280,
): string[] {
  const at = Math.min(
    Math.max(probe.durationSeconds * 0.1, 0),
    Math.max(probe.durationSeconds - 0.1, 0),
  );
  return [
    '-hide_banner',
    '-y',
    '-ss',
    at.toFixed(3),
    '-i',
    input,
    '-frames:v',
    '1',
    '-vf',
    `scale=${width}:-2`,
    '-q:v',
    '3',
    output,
  ];
}

/** Percent done from an ffmpeg `-progress` block (out_time_us), clamped to 0..99 until exit. */
export function progressPercent(progressLine: string, durationSeconds: number): number | null {
  const m = /out_time_(?:us|ms)=(\d+)/.exec(progressLine);
  if (!m || durationSeconds <= 0) return null;
  const seconds = Number(m[1]) / 1_000_000;
  return Math.max(0, Math.min(99, Math.floor((seconds / durationSeconds) * 100)));
}

/** Parse ffprobe's JSON into what the pipeline needs; null if there is no video stream. */
export function parseProbe(json: string): VideoProbe | null {
  const data = JSON.parse(json) as {
    streams?: {
      codec_type?: string;
      width?: number;
      height?: number;
      r_frame_rate?: string;
      avg_frame_rate?: string;
    }[];
    format?: { duration?: string };
  };
  const video = data.streams?.find((s) => s.codec_type === 'video');
  if (!video?.width || !video.height) return null;
  const rate =
    (video.avg_frame_rate && video.avg_frame_rate !== '0/0'
      ? video.avg_frame_rate
      : video.r_frame_rate) ?? '25/1';
  const [num, den] = rate.split('/').map(Number);
  return {
    width: video.width,
    height: video.height,
    durationSeconds: Number(data.format?.duration ?? 0),
    fps: den ? num! / den : (num ?? 25),
    hasAudio: Boolean(data.streams?.some((s) => s.codec_type === 'audio')),
  };
}
