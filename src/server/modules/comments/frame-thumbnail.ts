import { fileTypeFromBuffer } from 'file-type';
import { badRequest } from '../../errors';
import { MAX_THUMBNAIL_BYTES } from './comments.schemas';

const DATA_URL = /^data:image\/(?:png|jpeg);base64,([A-Za-z0-9+/]+={0,2})$/;
const FIELD = 'annotation.frameThumbnail';

/**
 * Checks a frame thumbnail sent as a data URL and returns it in canonical form, typed from its
 * bytes. It is stored inline in annotations.frame_thumbnail_url (no blob, no job), which is why
 * it must stay small; only PNG and JPEG, so a browser shows it as an image and nothing else (no
 * SVG, no HTML).
 */
export async function normaliseFrameThumbnail(value: string): Promise<string> {
  const m = DATA_URL.exec(value);
  if (!m)
    throw badRequest('The frame thumbnail must be a base64 PNG or JPEG data URL', [
      { path: FIELD, message: 'expected data:image/png;base64,… or data:image/jpeg;base64,…' },
    ]);
  const bytes = Buffer.from(m[1]!, 'base64');
  if (bytes.length > MAX_THUMBNAIL_BYTES)
    throw badRequest(`The frame thumbnail is larger than ${MAX_THUMBNAIL_BYTES / 1024} KB`, [
      { path: FIELD, message: `at most ${MAX_THUMBNAIL_BYTES} bytes once decoded` },
    ]);
  const type = await fileTypeFromBuffer(bytes);
  if (type?.mime !== 'image/png' && type?.mime !== 'image/jpeg')
    throw badRequest('The frame thumbnail is not a PNG or JPEG image', [
      { path: FIELD, message: 'the bytes are not a PNG or JPEG image' },
    ]);
  return `data:${type.mime};base64,${bytes.toString('base64')}`;
}
