/**
 * Runs ffprobe/ffmpeg (argument lists from ffmpeg-args.ts) as child processes, never through a
 * shell, so file names are never interpreted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import {
  hlsArgs,
  hlsLadder,
  parseProbe,
  posterArgs,
  probeArgs,
  progressPercent,
  type VideoProbe,
} from './ffmpeg-args';
import type { RenditionFile } from './image-pipeline';

export interface FfmpegBinaries {
  ffmpeg: string;
  ffprobe: string;
}

export const FFMPEG_MISSING_MESSAGE =
  'Video processing needs ffmpeg and ffprobe, which are not installed on this server. Install them (Debian: apt-get install ffmpeg) or set FFMPEG_PATH, then retry processing.';

const located = new Map<string, FfmpegBinaries>();

const runs = (bin: string) =>
  spawnSync(bin, ['-version'], { stdio: 'ignore', timeout: 5000 }).status === 0;

/**
 * FFMPEG_PATH if given (ffprobe is its sibling when there is one, else on PATH), else both on
 * PATH; null unless both run. Only finds are cached, so installing ffmpeg and retrying works
 * without restarting the worker.
 */
export function locateFfmpeg(ffmpegPath?: string): FfmpegBinaries | null {
  const key = ffmpegPath ?? '';
  const cached = located.get(key);
  if (cached) return cached;
  const sibling = ffmpegPath && path.join(path.dirname(ffmpegPath), 'ffprobe');
  const bin: FfmpegBinaries = {
    ffmpeg: ffmpegPath || 'ffmpeg',
    ffprobe: sibling && existsSync(sibling) ? sibling : 'ffprobe',
  };
  if (!runs(bin.ffmpeg) || !runs(bin.ffprobe)) return null;
  located.set(key, bin);
  return bin;
}

const STDERR_TAIL = 2048;

interface RunOptions {
  signal?: AbortSignal;
  /** Called with each complete stdout line. */
  onLine?: (line: string) => void;
}

/**
 * Runs a tool to completion. Resolves with its stdout (unless lines are streamed to onLine);
 * rejects with the tail of its stderr on failure, or with the signal's reason when aborted
 * (after SIGKILL: ffmpeg may ignore gentler signals while a muxer flushes).
 */
function run(bin: string, args: string[], what: string, opts: RunOptions = {}): Promise<string> {
  const { signal, onLine } = opts;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let callbackError: unknown;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!onLine) return;
      // Chunks split lines anywhere; keep the unfinished end for the next chunk.
      const lines = stdout.split('\n');
      stdout = lines.pop()!;
      try {
        for (const line of lines) onLine(line);
      } catch (err) {
        // A throwing callback would otherwise be an uncaught exception in the stream.
        callbackError ??= err;
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2 * STDERR_TAIL);
    });
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new Error(`${what} could not start (${bin}): ${err.message}`, { cause: err }));
    });
    child.on('close', (code, killedBy) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return reject(signal.reason);
      if (callbackError) return reject(callbackError);
      if (code === 0) return resolve(stdout);
      const tail = stderr.slice(-STDERR_TAIL).trim();
      reject(new Error(`${what} failed (${killedBy ?? `exit code ${code}`}):\n${tail}`));
    });
  });
}

/**
 * Width, height, duration, frame rate and audio presence of a video file. Rejects with
 * 'No video stream found' when there is none, with ffprobe's stderr when it cannot read it.
 */
export async function probeVideo(
  bin: FfmpegBinaries,
  inputPath: string,
  signal?: AbortSignal,
): Promise<VideoProbe> {
  const json = await run(bin.ffprobe, probeArgs(inputPath), 'ffprobe', { signal });
  const probe = parseProbe(json);
  if (!probe) throw new Error('No video stream found');
  return probe;
}

export interface VideoRenditions {
  poster: RenditionFile;
  thumbnail: RenditionFile;
  /** Holds master.m3u8 and <rendition>/index.m3u8 with its segments. */
  hlsDir: string;
}

const POSTER_WIDTH = 1280;
const THUMBNAIL_WIDTH = 480;

/**
 * Poster, thumbnail and an HLS ladder in outDir (which must exist). onProgress gets
 * non-decreasing whole percents 0..99 while the HLS transcode runs, then 100.
 */
export async function makeVideoRenditions(
  bin: FfmpegBinaries,
  inputPath: string,
  outDir: string,
  probe: VideoProbe,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<VideoRenditions> {
  const posterPath = path.join(outDir, 'poster.jpg');
  const posterWidth = Math.min(POSTER_WIDTH, probe.width); // never upscaled
  await run(bin.ffmpeg, posterArgs(inputPath, posterPath, probe, posterWidth), 'ffmpeg (poster)', {
    signal,
  });
  const posterImage = sharp(posterPath);
  const [posterMeta, posterStat] = await Promise.all([posterImage.metadata(), stat(posterPath)]);
  const thumbnailPath = path.join(outDir, 'thumbnail.jpg');
  const thumb = await posterImage
    .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toFile(thumbnailPath);
  signal?.throwIfAborted();

  const hlsDir = path.join(outDir, 'hls');
  const renditions = hlsLadder(probe);
  // Made up front so the run does not depend on the muxer creating the %v folders itself.
  await Promise.all(renditions.map((r) => mkdir(path.join(hlsDir, r.name), { recursive: true })));
  let reported = 0;
  onProgress(0);
  await run(bin.ffmpeg, hlsArgs(inputPath, hlsDir, probe, renditions), 'ffmpeg (HLS)', {
    signal,
    onLine: (line) => {
      const percent = progressPercent(line, probe.durationSeconds);
      if (percent !== null && percent > reported) onProgress((reported = percent));
    },
  });
  onProgress(100);

  return {
    poster: {
      path: posterPath,
      mimeType: 'image/jpeg',
      width: posterMeta.width,
      height: posterMeta.height,
      size: posterStat.size,
    },
    thumbnail: {
      path: thumbnailPath,
      mimeType: 'image/jpeg',
      width: thumb.width,
      height: thumb.height,
      size: thumb.size,
    },
    hlsDir,
  };
}
