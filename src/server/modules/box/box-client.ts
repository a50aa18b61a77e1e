import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { BoxCcgAuth, BoxClient, BoxDeveloperTokenAuth, CcgConfig } from 'box-node-sdk';
import { BoxApiError, BoxSdkError } from 'box-node-sdk/box';
import type { UploadPart, UploadSession } from 'box-node-sdk/schemas';
import { BaseUrls, BoxRetryStrategy, NetworkSession } from 'box-node-sdk/networking';
import type { boxConnections } from '../../db/schema';

export type BoxConnectionRow = typeof boxConnections.$inferSelect;

/** Box's public endpoints; a connection may override them (tests, proxies). */
export const BOX_DEFAULT_API_BASE_URL = 'https://api.box.com';
export const BOX_DEFAULT_UPLOAD_BASE_URL = 'https://upload.box.com/api';

/**
 * Files larger than this go through an upload session (chunked upload). Box's simple upload
 * takes at most 50 MB, its upload sessions take files from 20 MB, and Box recommends sessions
 * above 20 MB.
 */
export const BOX_CHUNKED_UPLOAD_THRESHOLD = 20 * 1024 * 1024;

/** How often a commit Box answers 202 (parts still being processed) is sent again. */
const COMMIT_ATTEMPTS = 10;
/** The wait between those commits (Box's Retry-After is not visible through the SDK). */
const COMMIT_RETRY_DELAY_MS = 5_000;

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

export interface UploadOptions {
  /** The file's size in bytes: it picks the way up, and an upload session needs it. */
  size: number;
  /** Files larger than this use an upload session (default `BOX_CHUNKED_UPLOAD_THRESHOLD`). */
  chunkedThreshold?: number;
  /** The wait before committing again when Box answers 202 (default 5 s). */
  commitRetryDelayMs?: number;
}

export interface UploadResult {
  fileId: string;
  isNewVersion: boolean;
  /** Went through an upload session (chunked) rather than the simple upload. */
  chunked: boolean;
}

/**
 * Uploads a file into a folder; when a file of that name is already there, uploads a new
 * version of it instead (a re-push never fails on the name). `open` is called once per upload
 * attempt because a stream is read only once.
 *
 * Files above the threshold go through an upload session (see `uploadInSession`); smaller ones
 * through the simple upload (one multipart request).
 */
export async function uploadOrVersion(
  client: BoxClient,
  folderId: string,
  name: string,
  open: () => Promise<Readable>,
  opts: UploadOptions,
): Promise<UploadResult> {
  if (opts.size > (opts.chunkedThreshold ?? BOX_CHUNKED_UPLOAD_THRESHOLD))
    return uploadInSession(client, folderId, name, open, opts);
  try {
    const files = await client.uploads.uploadFile({
      attributes: { name, parent: { id: folderId } },
      file: await open(),
      fileFileName: name,
    });
    const file = files.entries?.[0];
    if (!file) throw new Error('Box accepted the upload but named no file');
    return { fileId: file.id, isNewVersion: false, chunked: false };
  } catch (err) {
    const existing = conflictingItemId(err);
    if (!existing) throw err;
    const files = await client.uploads.uploadFileVersion(existing, {
      attributes: { name },
      file: await open(),
      fileFileName: name,
    });
    return { fileId: files.entries?.[0]?.id ?? existing, isNewVersion: true, chunked: false };
  }
}

/**
 * A chunked upload through Box's upload-session endpoints (the SDK's `chunkedUploads`):
 *
 * 1. create the session (`POST /files/upload_sessions`; when the name is taken, Box's preflight
 *    answers 409 with the file, and a session for a new version of it is made instead,
 *    `POST /files/:id/upload_sessions`). Box picks the part size;
 * 2. read the file from the stream one part at a time (never the whole file in memory) and PUT
 *    each part to the session's `upload_part` URL with `Content-Range: bytes a-b/size` and
 *    `Digest: sha=<base64 SHA-1 of the part>`, checking Box's answer for the part;
 * 3. list the session's parts (`list_parts`) and check they are all there;
 * 4. commit (`commit`) with the parts and `Digest: sha=<base64 SHA-1 of the whole file>`; a 202
 *    (Box still processing parts) is committed again after a wait.
 *
 * Each request is one HTTP attempt (the SDK's retries are off). When a step fails the session
 * is aborted (best effort) and the error is thrown: the next attempt starts a new session.
 * The SDK's own `uploadBigFile` is not used: it cannot upload a new version, and it fails on a
 * 202 from the commit.
 */
export async function uploadInSession(
  client: BoxClient,
  folderId: string,
  name: string,
  open: () => Promise<Readable>,
  opts: UploadOptions,
): Promise<UploadResult> {
  const chunked = client.chunkedUploads;
  let session: UploadSession;
  let isNewVersion = false;
  try {
    session = await chunked.createFileUploadSession({
      folderId,
      fileName: name,
      fileSize: opts.size,
    });
  } catch (err) {
    const existing = conflictingItemId(err);
    if (!existing) throw err;
    session = await chunked.createFileUploadSessionForExistingFile(existing, {
      fileSize: opts.size,
    });
    isNewVersion = true;
  }
  const endpoints = session.sessionEndpoints;
  const partSize = session.partSize;
  const totalParts = session.totalParts;
  if (
    !endpoints?.uploadPart ||
    !endpoints.commit ||
    !endpoints.listParts ||
    !partSize ||
    partSize <= 0 ||
    !totalParts ||
    partSize * totalParts < opts.size
  )
    throw new Error('Box answered an upload session without its part size or endpoints');

  try {
    const fileHash = createHash('sha1');
    const parts: UploadPart[] = [];
    let offset = 0;
    for await (const chunk of partsOf(await open(), partSize)) {
      const end = offset + chunk.length - 1;
      if (end >= opts.size) throw new Error('The file is larger than its recorded size');
      const sha1 = createHash('sha1').update(chunk).digest();
      const uploaded = await chunked.uploadFilePartByUrl(
        endpoints.uploadPart,
        Readable.from([chunk]),
        {
          digest: `sha=${sha1.toString('base64')}`,
          contentRange: `bytes ${offset}-${end}/${opts.size}`,
        },
      );
      const part = uploaded.part;
      if (
        !part?.partId ||
        part.offset !== offset ||
        part.size !== chunk.length ||
        part.sha1?.toLowerCase() !== sha1.toString('hex')
      )
        throw new Error(`Box recorded part ${parts.length + 1} differently than it was sent`);
      parts.push({ partId: part.partId, offset: part.offset, size: part.size, sha1: part.sha1 });
      fileHash.update(chunk);
      offset = end + 1;
    }
    if (offset !== opts.size) throw new Error('The file is smaller than its recorded size');

    const listed = await listAllParts(client, endpoints.listParts);
    const sent = new Set(parts.map((p) => p.partId));
    if (listed.length !== parts.length || listed.some((p) => !sent.has(p.partId ?? '')))
      throw new Error(`Box holds ${listed.length} of the ${parts.length} parts sent`);

    const digest = `sha=${fileHash.digest('base64')}`;
    const delay = opts.commitRetryDelayMs ?? COMMIT_RETRY_DELAY_MS;
    for (let attempt = 1; attempt <= COMMIT_ATTEMPTS; attempt++) {
      const files = await chunked.createFileUploadSessionCommitByUrl(
        endpoints.commit,
        { parts },
        { digest },
      );
      // undefined: 202, the parts are not all processed yet; commit again after a while.
      if (files) {
        const file = files.entries?.[0];
        if (!file) throw new Error('Box committed the upload but named no file');
        return { fileId: file.id, isNewVersion, chunked: true };
      }
      if (attempt < COMMIT_ATTEMPTS) await new Promise((r) => setTimeout(r, delay));
    }
    throw new Error('Box is still processing the uploaded parts; the commit is tried again later');
  } catch (err) {
    if (endpoints.abort)
      await chunked.deleteFileUploadSessionByUrl(endpoints.abort).catch(() => undefined);
    throw err;
  }
}

/** Every part Box holds for a session (pages of 1000). */
async function listAllParts(client: BoxClient, url: string): Promise<UploadPart[]> {
  const all: UploadPart[] = [];
  for (let offset = 0; offset <= 10_000; offset += 1000) {
    const page = await client.chunkedUploads.getFileUploadSessionPartsByUrl(url, {
      queryParams: { offset, limit: 1000 },
    });
    const entries = page.entries ?? [];
    all.push(...entries);
    if (entries.length < 1000) break;
  }
  return all;
}

/**
 * Cuts a stream into pieces of exactly `size` bytes (the last one may be shorter). Only one
 * piece is held at a time; reading waits while a piece is being uploaded (backpressure).
 */
export async function* partsOf(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const data of stream) {
    let chunk = Buffer.isBuffer(data) ? data : Buffer.from(data as Uint8Array);
    while (pendingBytes + chunk.length >= size) {
      const take = size - pendingBytes;
      pending.push(chunk.subarray(0, take));
      yield Buffer.concat(pending, size);
      chunk = chunk.subarray(take);
      pending = [];
      pendingBytes = 0;
    }
    if (chunk.length) {
      pending.push(chunk);
      pendingBytes += chunk.length;
    }
  }
  if (pendingBytes) yield Buffer.concat(pending, pendingBytes);
}
