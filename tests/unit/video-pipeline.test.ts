import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProbe, probeArgs } from '../../src/server/media/ffmpeg-args';
import {
  locateFfmpeg,
  makeVideoRenditions,
  probeVideo,
  type FfmpegBinaries,
} from '../../src/server/media/video-pipeline';

const bin = locateFfmpeg();
const dir = mkdtempSync(path.join(tmpdir(), 'video-pipeline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('locateFfmpeg returns null for a missing binary', () => {
  expect(locateFfmpeg('/nonexistent/ffmpeg')).toBeNull();
});

describe.runIf(bin)('video pipeline against the real ffmpeg', () => {
  const ff = bin as FfmpegBinaries;
  const input = path.join(dir, 'in.mp4');
  let n = 0;
  const outDir = () => {
    const out = path.join(dir, `out-${n++}`);
    mkdirSync(out);
    return out;
  };

  beforeAll(() => {
    // 3 s of 640×360 at 23.976 fps with a tone.
    const gen = spawnSync(ff.ffmpeg, [
      '-hide_banner',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=640x360:rate=24000/1001:duration=3',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=3',
      '-shortest',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      input,
    ]);
    expect(gen.status).toBe(0);
  });

  it('probes the clip', async () => {
    const probe = await probeVideo(ff, input);
    expect(probe).toMatchObject({ width: 640, height: 360, hasAudio: true });
    expect(probe.fps).toBeCloseTo(23.976, 2);
    expect(probe.durationSeconds).toBeCloseTo(3, 0);
  });

  it('makes a poster, a thumbnail and a playable HLS ladder, reporting progress', async () => {
    const probe = await probeVideo(ff, input);
    const progress: number[] = [];
    const out = await makeVideoRenditions(ff, input, outDir(), probe, (p) => progress.push(p));

    expect(out.poster).toMatchObject({ mimeType: 'image/jpeg', width: 640, height: 360 });
    expect((await sharp(out.poster.path).metadata()).format).toBe('jpeg');
    expect(out.poster.size).toBe(readFileSync(out.poster.path).length);
    expect(out.thumbnail).toMatchObject({ mimeType: 'image/jpeg', width: 480, height: 270 });
    expect(path.basename(out.thumbnail.path)).toBe('thumbnail.jpg');

    const master = path.join(out.hlsDir, 'master.m3u8');
    expect(readFileSync(master, 'utf8')).toMatch(/#EXT-X-STREAM-INF/);
    expect(existsSync(path.join(out.hlsDir, '360p', 'index.m3u8'))).toBe(true);
    const check = spawnSync(ff.ffprobe, probeArgs(master), { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    expect(parseProbe(check.stdout)).toMatchObject({ width: 640, height: 360 });

    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(100);
    expect(progress.slice(0, -1).every((p) => Number.isInteger(p) && p >= 0 && p <= 99)).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  }, 60_000);

  it('kills ffmpeg and rejects when aborted', async () => {
    // Long enough (40 s) that the transcode is still running when the first progress arrives,
    // even on a loaded machine.
    const long = path.join(dir, 'long.mp4');
    const gen = spawnSync(ff.ffmpeg, [
      ...['-hide_banner', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:duration=40'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', long],
    ]);
    expect(gen.status).toBe(0);
    const probe = await probeVideo(ff, long);
    const out = outDir();
    const abort = new AbortController();
    let abortedAt = 0;
    const run = makeVideoRenditions(
      ff,
      long,
      out,
      probe,
      (p) => {
        if (p > 0 && !abortedAt) {
          abortedAt = Date.now();
          abort.abort();
        }
      },
      abort.signal,
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - abortedAt).toBeLessThan(1000);
    // Killed mid-run: no finished playlist (ffmpeg writes it, with its end marker, last).
    const playlist = path.join(out, 'hls', '360p', 'index.m3u8');
    const finished = existsSync(playlist) && /ENDLIST/.test(readFileSync(playlist, 'utf8'));
    expect(finished).toBe(false);
  }, 60_000);

  it('rejects with the error of a throwing progress callback', async () => {
    const probe = await probeVideo(ff, input);
    const boom = new Error('progress store is down');
    const run = makeVideoRenditions(ff, input, outDir(), probe, (p) => {
      if (p > 0) throw boom;
    });
    await expect(run).rejects.toBe(boom);
  }, 30_000);

  it('finds ffprobe next to an explicit ffmpeg', () => {
    const ffmpegPath = spawnSync('which', ['ffmpeg'], { encoding: 'utf8' }).stdout.trim();
    const found = locateFfmpeg(ffmpegPath);
    expect(found?.ffmpeg).toBe(ffmpegPath);
    expect(found?.ffprobe).toBe(path.join(path.dirname(ffmpegPath), 'ffprobe'));
  });

  it('rejects a file that is not a video, with ffprobe’s complaint', async () => {
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'just some text\n');
    await expect(probeVideo(ff, file)).rejects.toThrow(/ffprobe failed[\s\S]*Invalid data/);
  });
});
