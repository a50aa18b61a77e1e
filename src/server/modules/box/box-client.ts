import type { Readable } from 'node:stream';
import { BoxCcgAuth, BoxClient, BoxDeveloperTokenAuth, CcgConfig } from 'box-node-sdk';
import { BoxApiError, BoxSdkError } from 'box-node-sdk/box';
import { BaseUrls, BoxRetryStrategy, NetworkSession } from 'box-node-sdk/networking';
import type { boxConnections } from '../../db/schema';

export type BoxConnectionRow = typeof boxConnections.$inferSelect;

/** Box's public endpoints; a connection may override them (tests, proxies). */
export const BOX_DEFAULT_API_BASE_URL = 'https://api.box.com';
export const BOX_DEFAULT_UPLOAD_BASE_URL = 'https://upload.box.com/api';

/** Where people open what we pushed (links in the delivery log). */
export const boxWebFileUrl = (fileId: string) => `https://app.box.com/file/${fileId}`;
export const boxWebFolderUrl = (folderId: string) => `https://app.box.com/folder/${folderId}`;

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * A Box SDK client for one connection: a developer token when one is set, else the
 * client-credentials grant (client id + secret, as the enterprise's service account).
 *
 * The SDK's own retries are turned off (one attempt per call): every attempt of a push must be
 * visible in the push log, so retrying with backoff is the job queue's business. CCG tokens
 * are asked for at the connection's API base URL (`{base}/oauth2/token`, as the SDK does).
 */
export function createBoxClient(conn: BoxConnectionRow): BoxClient {
  const apiBase = trimSlash(conn.apiBaseUrl || BOX_DEFAULT_API_BASE_URL);
  const uploadBase = trimSlash(conn.uploadBaseUrl || BOX_DEFAULT_UPLOAD_BASE_URL);
  const networkSession = new NetworkSession({
    baseUrls: new BaseUrls({ baseUrl: apiBase, uploadUrl: uploadBase }),
    retryStrategy: new BoxRetryStrategy({ maxAttempts: 1, maxRetriesOnException: 0 }),
  });
  const auth = conn.developerToken
    ? new BoxDeveloperTokenAuth({ token: conn.developerToken })
    : new BoxCcgAuth({
        config: new CcgConfig({
          clientId: conn.clientId,
          clientSecret: conn.clientSecret,
          enterpriseId: conn.enterpriseId ?? undefined,
        }),
      });
  return new BoxClient({ auth, networkSession });
}

/** What went wrong talking to Box, for people, and whether trying again later may help. */
export interface BoxFailure {
  message: string;
  status: number | null;
  code: string | null;
  isRetryable: boolean;
  retryAfterSeconds: number | null;
}

export function describeBoxError(err: unknown): BoxFailure {
  if (err instanceof BoxApiError) {
    const status = err.responseInfo.statusCode;
    const headers = err.responseInfo.headers ?? {};
    const retryAfterRaw = headers['retry-after'] ?? headers['Retry-After'];
    const retryAfter = retryAfterRaw ? Number.parseFloat(retryAfterRaw) : NaN;
    const body = err.responseInfo.body as {
      code?: unknown;
      message?: unknown;
      error_description?: unknown;
    };
    // Read from the body: the SDK's own `code` is JSON-encoded (quoted).
    const code = typeof body?.code === 'string' ? body.code : null;
    const detail =
      typeof body?.message === 'string'
        ? body.message
        : typeof body?.error_description === 'string'
          ? body.error_description
          : null;
    let message = `Box answered ${status}${code ? ` ${code}` : ''}${detail ? `: ${detail}` : ''}`;
    if (status === 429)
      message += Number.isFinite(retryAfter) ? ` (retry after ${retryAfter} s)` : ' (throttled)';
    if (status === 401) message += ' — check the connection credentials';
    return {
      message: message.slice(0, 500),
      status,
      code,
      isRetryable: status === 408 || status === 429 || status >= 500,
      retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : null,
    };
  }
  if (err instanceof BoxSdkError) {
    const cause = err.error?.message;
    return {
      message: `Could not reach Box: ${cause ?? err.message}`.slice(0, 500),
      status: null,
      code: null,
      isRetryable: true,
      retryAfterSeconds: null,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    message: message.slice(0, 500),
    status: null,
    code: null,
    isRetryable: true,
    retryAfterSeconds: null,
  };
}

/** The id of the item Box says is in the way (409 item_name_in_use), if any. */
export function conflictingItemId(err: unknown): string | null {
  if (!(err instanceof BoxApiError) || err.responseInfo.statusCode !== 409) return null;
  const conflicts = (err.responseInfo.contextInfo as { conflicts?: unknown } | undefined)
    ?.conflicts;
  // Folders answer a list of conflicts, uploads a single object.
  const first: unknown = Array.isArray(conflicts) ? conflicts[0] : conflicts;
  const id = (first as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/** Finds or creates a folder by name under a parent (a name in use → the existing folder). */
export async function ensureFolder(
  client: BoxClient,
  parentId: string,
  name: string,
): Promise<string> {
  try {
    const folder = await client.folders.createFolder({ name, parent: { id: parentId } });
    return folder.id;
  } catch (err) {
    const existing = conflictingItemId(err);
    if (existing) return existing;
    if (!(err instanceof BoxApiError) || err.responseInfo.statusCode !== 409) throw err;
    // A conflict without its id: look the folder up by name.
    const wanted = name.toLowerCase();
    for (let offset = 0; offset < 10_000; offset += 1000) {
      const page = await client.folders.getFolderItems(parentId, {
        queryParams: { fields: ['name', 'type'], limit: 1000, offset },
      });
      const hit = page.entries?.find(
        (e) => e.type === 'folder' && (e as { name?: string }).name?.toLowerCase() === wanted,
      );
      if (hit) return hit.id;
      if (!page.entries || page.entries.length < 1000) break;
    }
    throw err;
  }
}

/**
 * Uploads a file into a folder; when a file of that name is already there, uploads a new
 * version of it instead (a re-push never fails on the name). `open` is called once per upload
 * attempt because a stream is read only once.
 */
export async function uploadOrVersion(
  client: BoxClient,
  folderId: string,
  name: string,
  open: () => Promise<Readable>,
): Promise<{ fileId: string; isNewVersion: boolean }> {
  try {
    const files = await client.uploads.uploadFile({
      attributes: { name, parent: { id: folderId } },
      file: await open(),
      fileFileName: name,
    });
    const file = files.entries?.[0];
    if (!file) throw new Error('Box accepted the upload but named no file');
    return { fileId: file.id, isNewVersion: false };
  } catch (err) {
    const existing = conflictingItemId(err);
    if (!existing) throw err;
    const files = await client.uploads.uploadFileVersion(existing, {
      attributes: { name },
      file: await open(),
      fileFileName: name,
    });
    return { fileId: files.entries?.[0]?.id ?? existing, isNewVersion: true };
  }
}
