import { Readable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffStream } from '../../src/server/modules/revisions/media-types';

const collect = async (s: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

/** Splits a buffer into small chunks, as a network upload arrives. */
const trickle = (buf: Buffer, size = 7) =>
  Readable.from(
    Array.from({ length: Math.ceil(buf.length / size) }, (_, i) =>
      buf.subarray(i * size, (i + 1) * size),
    ),
  );

describe('sniffStream', () => {
  it('detects an image from its bytes and replays the whole stream unchanged', async () => {
    const png = await sharp({
      create: { width: 90, height: 90, channels: 4, background: '#ff000080' },
    })
      .png()
      .toBuffer();
    const { type, stream } = await sniffStream(trickle(png));
    expect(type).toEqual({ mime: 'image/png', ext: 'png', kind: 'image' });
    expect((await collect(stream)).equals(png)).toBe(true);
  });

  it('calls an ftyp box a video whatever the file is named', async () => {
    const mp4 = Buffer.alloc(10_000);
    mp4.writeUInt32BE(32, 0);
    mp4.write('ftypisom', 4, 'latin1');
    mp4.write('isomiso2avc1mp41', 16, 'latin1');
    const { type, stream } = await sniffStream(trickle(mp4, 1000));
    expect(type?.kind).toBe('video');
    expect((await collect(stream)).length).toBe(10_000);
  });

  it('refuses text, SVG and empty files', async () => {
    for (const body of ['hello', '<svg xmlns="http://www.w3.org/2000/svg"/>', '']) {
      const { type } = await sniffStream(Readable.from([Buffer.from(body)]));
      expect(type, body).toBeNull();
    }
  });

  it('refuses known types that are not images or videos (a PDF)', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1');
    expect((await sniffStream(Readable.from([pdf]))).type).toBeNull();
  });
});
