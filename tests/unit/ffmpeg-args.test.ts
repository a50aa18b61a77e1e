import { describe, expect, it } from 'vitest';
import {
  hlsArgs,
  hlsLadder,
  parseProbe,
  posterArgs,
  progressPercent,
  probeArgs,
} from '../../src/server/media/ffmpeg-args';

const hd = { width: 1920, height: 1080, durationSeconds: 10, fps: 23.976, hasAudio: true };

describe('ffmpeg argument builders', () => {
  it('builds a ladder that never upscales and keeps even sizes', () => {
    expect(hlsLadder(hd).map((r) => `${r.width}x${r.height}`)).toEqual(['1920x1080', '1280x720']);
    expect(hlsLadder({ ...hd, width: 640, height: 360 }).map((r) => r.name)).toEqual(['360p']);
    const tiny = hlsLadder({ ...hd, width: 321, height: 241 });
    expect(tiny).toHaveLength(1);
    expect(tiny[0]!.width % 2).toBe(0);
    expect(tiny[0]!.height % 2).toBe(0);
    const portrait = hlsLadder({ ...hd, width: 1080, height: 1920 }, 3);
    expect(portrait.map((r) => r.height)).toEqual([1080, 720, 480]);
    expect(portrait[0]!.width).toBe(608);
  });

  it('maps every rendition with aligned keyframes and a master playlist', () => {
    const args = hlsArgs('/in.mp4', '/out', hd, hlsLadder(hd));
    expect(args).toContain('-filter_complex');
    expect(args[args.indexOf('-filter_complex') + 1]).toBe(
      '[0:v]split=2[v0][v1];[v0]scale=1920:1080[v0out];[v1]scale=1280:720[v1out]',
    );
    expect(args[args.indexOf('-g') + 1]).toBe('48');
    expect(args[args.indexOf('-var_stream_map') + 1]).toBe('v:0,a:0,name:1080p v:1,a:1,name:720p');
    expect(args.at(-1)).toBe('/out/%v/index.m3u8');
    const silent = hlsArgs('/in.mp4', '/out', { ...hd, hasAudio: false }, hlsLadder(hd));
    expect(silent).not.toContain('aac');
    expect(silent[silent.indexOf('-var_stream_map') + 1]).toBe('v:0,name:1080p v:1,name:720p');
  });

  it('takes the poster 10% in and reads progress', () => {
    expect(posterArgs('/in.mp4', '/p.jpg', hd)).toEqual(
      expect.arrayContaining(['-ss', '1.000', '-frames:v', '1']),
    );
    expect(progressPercent('out_time_us=5000000', 10)).toBe(50);
    expect(progressPercent('out_time_us=99000000', 10)).toBe(99);
    expect(progressPercent('frame=12', 10)).toBeNull();
    expect(probeArgs('/x')).toContain('-show_streams');
  });

  it('parses ffprobe output', () => {
    const json = JSON.stringify({
      streams: [
        { codec_type: 'video', width: 1920, height: 1080, avg_frame_rate: '24000/1001' },
        { codec_type: 'audio' },
      ],
      format: { duration: '10.01' },
    });
    const p = parseProbe(json)!;
    expect(p.fps).toBeCloseTo(23.976, 3);
    expect(p).toMatchObject({ width: 1920, height: 1080, durationSeconds: 10.01, hasAudio: true });
    expect(parseProbe(JSON.stringify({ streams: [{ codec_type: 'audio' }] }))).toBeNull();
  });
});
