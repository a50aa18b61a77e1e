import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { AssetKind } from '../../db/schema';

/** What a revision may hold, by the type sniffed from its bytes. */
export const ACCEPTED_TYPES: Readonly<Record<string, AssetKind>> = {
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/tiff': 'image',
  'image/webp': 'image',
  'image/gif': 'image',
  'video/mp4': 'video',
  'video/quicktime': 'video',
  'video/x-m4v': 'video',
  'video/webm': 'video',
  'video/x-matroska': 'video',
};

export const ACCEPTED_LIST =
  'PNG, JPEG, TIFF, WebP, GIF images and MP4, MOV, M4V, WebM, MKV videos';

/** file-type needs at most this many bytes to decide. */
const SNIFF_BYTES = 4100;

export interface SniffedStream {
  /** Null when the bytes are not an accepted image or video. */
  type: { mime: string; ext: string; kind: AssetKind } | null;
  /** The whole stream again, from its first byte. */
  stream: Readable;
}

/**
 * Reads just enough of a stream to sniff its type from the bytes (never the name or the
 * client's Content-Type), then hands back a stream that replays those bytes and continues:
 * the upload is never held in memory.
 */
export async function sniffStream(source: Readable): Promise<SniffedStream> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  const bytes = Buffer.concat(head);
  const found = await fileTypeFromBuffer(bytes);
  const kind = found ? ACCEPTED_TYPES[found.mime] : undefined;
  async function* replay() {
    yield bytes;
    if (ended) return;
    while (true) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return {
    type: found && kind ? { mime: found.mime, ext: found.ext, kind } : null,
    stream: Readable.from(replay(), { objectMode: false }),
  };
}
