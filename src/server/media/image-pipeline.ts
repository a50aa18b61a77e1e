/**
 * Still images → a browser-friendly preview and a small thumbnail, with sharp (libvips).
 */
import path from 'node:path';
import sharp, { type Metadata, type OutputInfo } from 'sharp';

export interface ImageInfo {
  /** sharp's format name: 'png', 'jpeg', 'tiff', 'webp', 'gif', … */
  format: string;
  /** As displayed, i.e. after EXIF orientation, so plans match what the renditions come out as. */
  width: number;
  height: number;
  hasAlpha: boolean;
}

const MEGAPIXELS = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

export class ImageTooLargeError extends Error {
  constructor(
    readonly pixels: number,
    readonly maxPixels: number,
    readonly width = 0,
    readonly height = 0,
  ) {
    const mp = (n: number) => `${MEGAPIXELS.format(n / 1_000_000)} megapixels`;
    const size = width && height ? `${width} × ${height} pixels (${mp(pixels)})` : mp(pixels);
    super(`The image is ${size}; the limit is ${mp(maxPixels)}`);
    this.name = 'ImageTooLargeError';
  }
}

/**
 * Reads only the header (cheap). Throws ImageTooLargeError when width × height > maxPixels, and
 * Error('Not a readable image') when sharp cannot read it.
 */
export async function readImageInfo(inputPath: string, maxPixels: number): Promise<ImageInfo> {
  let meta: Metadata;
  try {
    // No pixel limit here: the header is all that is read, and the check below reports the size.
    meta = await sharp(inputPath, { limitInputPixels: false }).metadata();
  } catch (cause) {
    throw new Error('Not a readable image', { cause });
  }
  const { width, height } = meta.autoOrient;
  if (!width || !height) throw new Error('Not a readable image');
  const pixels = width * height;
  if (pixels > maxPixels) throw new ImageTooLargeError(pixels, maxPixels, width, height);
  return { format: meta.format, width, height, hasAlpha: meta.hasAlpha };
}

export interface RenditionFile {
  path: string;
  mimeType: string;
  width: number;
  height: number;
  size: number;
}

export interface ImageRenditionOptions {
  maxPixels: number;
  /** Longest side of the preview; default 2560. */
  previewMaxSide?: number;
  /** Default 480. */
  thumbnailWidth?: number;
}

export interface PreviewPlan {
  preview: { format: 'png' | 'jpeg'; maxSide: number; flatten: boolean };
  thumbnail: { format: 'jpeg'; width: number; flatten: boolean };
}

// Sources that are usually graphics (flat colour, text, transparency) keep a lossless preview;
// JPEG artefacts would show on their hard edges.
const LOSSLESS_SOURCES = new Set(['png', 'tiff', 'gif']);

/** What to make for this source. Never upscales; flattens whenever there is alpha. */
export function previewPlan(
  info: ImageInfo,
  opts: { previewMaxSide?: number; thumbnailWidth?: number } = {},
): PreviewPlan {
  const lossless = LOSSLESS_SOURCES.has(info.format) || (info.format === 'webp' && info.hasAlpha);
  return {
    preview: {
      format: lossless ? 'png' : 'jpeg',
      maxSide: Math.min(opts.previewMaxSide ?? 2560, Math.max(info.width, info.height)),
      flatten: info.hasAlpha,
    },
    thumbnail: {
      format: 'jpeg',
      width: Math.min(opts.thumbnailWidth ?? 480, info.width),
      flatten: info.hasAlpha,
    },
  };
}

const WHITE = '#ffffff';
const PREVIEW_QUALITY = 88;
const THUMBNAIL_QUALITY = 80;

/**
 * Writes preview.(png|jpg) and thumbnail.jpg into outDir (which must exist), as previewPlan
 * says: EXIF orientation applied, alpha flattened onto white, at most maxPixels decoded.
 */
export async function makeImageRenditions(
  inputPath: string,
  outDir: string,
  info: ImageInfo,
  opts: ImageRenditionOptions,
): Promise<{ preview: RenditionFile; thumbnail: RenditionFile }> {
  const plan = previewPlan(info, opts);
  const open = () => {
    const image = sharp(inputPath, { limitInputPixels: opts.maxPixels }).rotate();
    return plan.preview.flatten ? image.flatten({ background: WHITE }) : image;
  };
  // Decoding the full-size source is most of the cost (a 12 MP PNG takes ~0.5 s), so it is
  // decoded once, to preview size, and both files are encoded from those pixels.
  const { data, info: sized } = await open()
    .resize({
      width: plan.preview.maxSide,
      height: plan.preview.maxSide,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = () =>
    sharp(data, { raw: { width: sized.width, height: sized.height, channels: sized.channels } });

  const previewPath = path.join(outDir, `preview.${plan.preview.format === 'png' ? 'png' : 'jpg'}`);
  const preview =
    plan.preview.format === 'png' ? pixels().png() : pixels().jpeg({ quality: PREVIEW_QUALITY });
  // A very tall image's preview can be narrower than the thumbnail; go back to the source then.
  const thumbnailSource = sized.width >= plan.thumbnail.width ? pixels() : open();
  const thumbnail = thumbnailSource
    .resize({ width: plan.thumbnail.width, withoutEnlargement: true })
    .jpeg({ quality: THUMBNAIL_QUALITY });
  const thumbnailPath = path.join(outDir, 'thumbnail.jpg');

  const [p, t] = await Promise.all([preview.toFile(previewPath), thumbnail.toFile(thumbnailPath)]);
  return {
    preview: rendition(previewPath, `image/${plan.preview.format}`, p),
    thumbnail: rendition(thumbnailPath, 'image/jpeg', t),
  };
}

function rendition(filePath: string, mimeType: string, out: OutputInfo): RenditionFile {
  return { path: filePath, mimeType, width: out.width, height: out.height, size: out.size };
}
