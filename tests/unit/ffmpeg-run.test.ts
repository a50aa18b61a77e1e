import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  hlsArgs,
  hlsLadder,
  parseProbe,
  posterArgs,
  probeArgs,
} from '../../src/server/media/ffmpeg-args';

// The builders' arguments, run by the real ffmpeg on a generated 23.976 fps clip.
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const dir = mkdtempSync(path.join(tmpdir(), 'ffmpeg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(hasFfmpeg)('ffmpeg builders against the real ffmpeg', () => {
  it('probes, transcodes to a playable HLS ladder and grabs a poster', () => {
    const input = path.join(dir, 'in.mp4');
    const gen = spawnSync('ffmpeg', [
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
    const probe = parseProbe(spawnSync('ffprobe', probeArgs(input), { encoding: 'utf8' }).stdout)!;
    expect(probe).toMatchObject({ width: 640, height: 360, hasAudio: true });
    expect(probe.fps).toBeCloseTo(23.976, 2);

    const out = path.join(dir, 'hls');
    const run = spawnSync('ffmpeg', hlsArgs(input, out, probe, hlsLadder(probe)), {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/progress=end/);
    const master = readFileSync(path.join(out, 'master.m3u8'), 'utf8');
    expect(master).toMatch(/#EXT-X-STREAM-INF/);
    const check = spawnSync('ffprobe', probeArgs(path.join(out, 'master.m3u8')), {
      encoding: 'utf8',
    });
    expect(check.status).toBe(0);
    expect(parseProbe(check.stdout)?.height).toBe(360);

    const poster = path.join(dir, 'poster.jpg');
    expect(spawnSync('ffmpeg', posterArgs(input, poster, probe, 320)).status).toBe(0);
    expect(existsSync(poster)).toBe(true);
  }, 60_000);
});
