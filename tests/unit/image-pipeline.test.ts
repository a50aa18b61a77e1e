import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ImageTooLargeError,
  makeImageRenditions,
  previewPlan,
  readImageInfo,
} from '../../src/server/media/image-pipeline';

const dir = mkdtempSync(path.join(tmpdir(), 'image-pipeline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MAX = 100_000_000;
let n = 0;

/** Writes an image made by `build` and returns its path. */
async function source(name: string, build: Sharp): Promise<string> {
  const file = path.join(dir, name);
  await build.toFile(file);
  return file;
}

const solid = (width: number, height: number, background = '#3366cc') =>
  sharp({ create: { width, height, channels: 3, background } });

/** Runs the whole pipeline into a fresh folder. */
async function renditions(file: string, opts: { previewMaxSide?: number } = {}) {
  const info = await readImageInfo(file, MAX);
  const out = path.join(dir, `out-${n++}`);
  mkdirSync(out);
  return { info, ...(await makeImageRenditions(file, out, info, { maxPixels: MAX, ...opts })) };
}

describe('previewPlan', () => {
  const info = (format: string, width: number, height: number, hasAlpha = false) => ({
    format,
    width,
    height,
    hasAlpha,
  });

  it('keeps graphics lossless and photos as JPEG', () => {
    for (const f of ['png', 'tiff', 'gif']) {
      expect(previewPlan(info(f, 100, 100)).preview.format).toBe('png');
    }
    expect(previewPlan(info('webp', 100, 100, true)).preview.format).toBe('png');
    expect(previewPlan(info('webp', 100, 100)).preview.format).toBe('jpeg');
    expect(previewPlan(info('jpeg', 100, 100)).preview.format).toBe('jpeg');
    expect(previewPlan(info('heif', 100, 100, true)).preview).toMatchObject({
      format: 'jpeg',
      flatten: true,
    });
  });

  it('downscales to the defaults and never upscales', () => {
    expect(previewPlan(info('jpeg', 6000, 4000))).toEqual({
      preview: { format: 'jpeg', maxSide: 2560, flatten: false },
      thumbnail: { format: 'jpeg', width: 480, flatten: false },
    });
    expect(previewPlan(info('png', 300, 200, true))).toEqual({
      preview: { format: 'png', maxSide: 300, flatten: true },
      thumbnail: { format: 'jpeg', width: 300, flatten: true },
    });
    expect(
      previewPlan(info('jpeg', 2000, 3000), { previewMaxSide: 1000, thumbnailWidth: 200 }),
    ).toMatchObject({ preview: { maxSide: 1000 }, thumbnail: { width: 200 } });
  });
});

describe('readImageInfo', () => {
  it('reads the header', async () => {
    const file = await source('info.png', solid(640, 480).png());
    expect(await readImageInfo(file, MAX)).toEqual({
      format: 'png',
      width: 640,
      height: 480,
      hasAlpha: false,
    });
  });

  it('refuses images over the pixel limit, saying how big they are', async () => {
    const file = await source('big.jpg', solid(2000, 1500).jpeg());
    const err = await readImageInfo(file, 1_000_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageTooLargeError);
    expect(err).toMatchObject({ pixels: 3_000_000, maxPixels: 1_000_000 });
    expect((err as Error).message).toBe(
      'The image is 2000 × 1500 pixels (3 megapixels); the limit is 1 megapixels',
    );
    expect(new ImageTooLargeError(400_000_000, 100_000_000, 20000, 20000).message).toBe(
      'The image is 20000 × 20000 pixels (400 megapixels); the limit is 100 megapixels',
    );
  });

  it('rejects what is not an image', async () => {
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'not an image at all');
    await expect(readImageInfo(file, MAX)).rejects.toThrow('Not a readable image');
  });
});

describe('makeImageRenditions', () => {
  it('flattens a transparent PNG onto white in a lossless PNG preview', async () => {
    const transparent = { r: 255, g: 0, b: 0, alpha: 0 };
    const file = await source(
      'alpha.png',
      sharp({ create: { width: 64, height: 48, channels: 4, background: transparent } }).png(),
    );
    const { info, preview, thumbnail } = await renditions(file);
    expect(info.hasAlpha).toBe(true);
    expect(preview).toMatchObject({ mimeType: 'image/png', width: 64, height: 48 });
    expect(preview.path.endsWith('preview.png')).toBe(true);
    const meta = await sharp(preview.path).metadata();
    expect(meta).toMatchObject({ format: 'png', hasAlpha: false });
    const { data } = await sharp(preview.path).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)]).toEqual([255, 255, 255]);
    expect(thumbnail).toMatchObject({ mimeType: 'image/jpeg', width: 64, height: 48 });
    expect((await sharp(thumbnail.path).metadata()).format).toBe('jpeg');
  });

  it('turns a TIFF into a PNG preview', async () => {
    const file = await source('scan.tiff', solid(800, 600).tiff());
    const { preview } = await renditions(file);
    expect(preview.mimeType).toBe('image/png');
    expect(readFileSync(preview.path).subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect((await sharp(preview.path).metadata()).format).toBe('png');
  });

  it('keeps a JPEG a JPEG, downscaled to the longest side and sized as written', async () => {
    const file = await source('photo.jpg', solid(3000, 2000).jpeg());
    const { preview, thumbnail } = await renditions(file, { previewMaxSide: 1200 });
    expect(preview).toMatchObject({ mimeType: 'image/jpeg', width: 1200, height: 800 });
    expect(preview.path.endsWith('preview.jpg')).toBe(true);
    expect(preview.size).toBe(readFileSync(preview.path).length);
    expect(thumbnail).toMatchObject({ width: 480, height: 320 });
    expect(thumbnail.size).toBe(readFileSync(thumbnail.path).length);
  });

  it('never upscales a small image', async () => {
    const file = await source('small.jpg', solid(200, 100).jpeg());
    const { preview, thumbnail } = await renditions(file);
    expect(preview).toMatchObject({ width: 200, height: 100 });
    expect(thumbnail).toMatchObject({ width: 200, height: 100 });
  });

  it('applies EXIF orientation', async () => {
    const file = await source(
      'rotated.jpg',
      solid(600, 400).jpeg().withMetadata({ orientation: 6 }),
    );
    const { info, preview, thumbnail } = await renditions(file);
    expect(info).toMatchObject({ width: 400, height: 600 });
    expect(preview).toMatchObject({ width: 400, height: 600 });
    expect(thumbnail).toMatchObject({ width: 400, height: 600 });
  });

  it('makes a full-width thumbnail of an image taller than the preview allows', async () => {
    const file = await source('strip.png', solid(1000, 8000).png());
    const { preview, thumbnail } = await renditions(file);
    expect(preview).toMatchObject({ width: 320, height: 2560 });
    expect(thumbnail).toMatchObject({ width: 480, height: 3840 });
  });

  it('refuses to decode past maxPixels', async () => {
    const file = await source('limit.png', solid(1000, 1000).png());
    const info = await readImageInfo(file, MAX);
    await expect(makeImageRenditions(file, dir, info, { maxPixels: 999_999 })).rejects.toThrow(
      /pixel limit/i,
    );
  });
});
