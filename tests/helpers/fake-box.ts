/**
 * A local HTTP server standing in for Box's API in tests. Its answers follow Box's API
 * reference (developer.box.com/reference): the shapes of folders, files, upload results,
 * `item_name_in_use` conflicts (409, the existing item in `context_info.conflicts` — a list
 * for folders, one object for uploads), the client-credentials token endpoint, downloads that
 * redirect to a one-off URL, and errors as `{type: "error", status, code, message, request_id}`.
 *
 * The SDK is pointed at it through a connection's base URLs:
 *   apiBaseUrl    = fake.apiBaseUrl    (api.box.com: /2.0/…, and /oauth2/token)
 *   uploadBaseUrl = fake.uploadBaseUrl (upload.box.com/api: /2.0/files/content …)
 * `fail()` makes the next matching requests answer 500 or 429 (with Retry-After).
 *
 * Chunked uploads follow the upload-session reference (developer.box.com/reference/
 * post-files-upload-sessions and the endpoints after it): a session has `part_size`,
 * `total_parts` and absolute `session_endpoints`; parts are PUT with `Content-Range` (aligned on
 * the part size, exactly one part long except the last) and `Digest: sha=<base64 SHA-1>`, which
 * are checked; the commit carries the parts list and the whole file's digest, both checked, and
 * answers the file entry. Sessions need files of at least `minSessionFileSize` bytes (Box: 20 MB)
 * and use parts of `partSize` bytes (Box: 8 MiB for such files); tests make both small.
 * `failParts()` makes part uploads fail; `acceptCommits()` makes commits answer 202 first.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeBoxFolder {
  id: string;
  name: string;
  parentId: string | null;
}

export interface FakeBoxFile {
  id: string;
  name: string;
  parentId: string;
  versions: Buffer[];
}

export interface FakeBoxPart {
  part_id: string;
  offset: number;
  size: number;
  /** Hex SHA-1 of the part, as Box answers it. */
  sha1: string;
  data: Buffer;
}

export interface FakeBoxUploadSession {
  id: string;
  /** A new file in this folder, or (`fileId`) a new version of that file. */
  folderId: string | null;
  fileId: string | null;
  fileName: string | null;
  fileSize: number;
  partSize: number;
  totalParts: number;
  /** Uploaded parts by offset. */
  parts: Map<number, FakeBoxPart>;
  state: 'open' | 'committed' | 'aborted';
  /** The file the commit made or versioned. */
  committedFileId: string | null;
}

export interface FakeBoxRequest {
  method: string;
  path: string;
  status: number;
}

interface Failure {
  status: 500 | 429 | 503;
  remaining: number;
  retryAfter?: number;
  match?: RegExp;
}

export interface FakeBoxOptions {
  /** Accepted as a bearer token as is (a developer token). */
  developerToken?: string;
  /** Client credentials accepted by /oauth2/token. */
  clientId?: string;
  clientSecret?: string;
  enterpriseId?: string;
  /** The part size of upload sessions (Box: 8 MiB for files up to a few GB). */
  partSize?: number;
  /** Smaller files are refused a session with 400 file_size_too_small (Box: 20 MB). */
  minSessionFileSize?: number;
}

export interface FakeBox {
  url: string;
  apiBaseUrl: string;
  uploadBaseUrl: string;
  folders: Map<string, FakeBoxFolder>;
  files: Map<string, FakeBoxFile>;
  /** Upload sessions by id (open, committed or aborted). */
  uploadSessions: Map<string, FakeBoxUploadSession>;
  requests: FakeBoxRequest[];
  /** The next `times` requests whose path matches answer `status`. */
  fail(opts: {
    status: 500 | 429 | 503;
    times?: number;
    retryAfter?: number;
    match?: RegExp;
  }): void;
  /**
   * Part uploads fail: after `after` more parts are accepted, the next `times` part uploads
   * answer `status` (429 with Retry-After when given).
   */
  failParts(opts: {
    status?: 500 | 503 | 429;
    times?: number;
    after?: number;
    retryAfter?: number;
  }): void;
  /** The next `times` commits answer 202 Accepted with Retry-After (parts being processed). */
  acceptCommits(times?: number, retryAfter?: number): void;
  clearFailures(): void;
  addFolder(parentId: string, name: string): string;
  addFile(parentId: string, name: string, data: Buffer): string;
  /** Items of a folder by name. */
  childrenOf(folderId: string): (FakeBoxFolder | FakeBoxFile)[];
  close(): Promise<void>;
}

const BOX_PART_SIZE = 8 * 1024 * 1024;
const BOX_MIN_SESSION_FILE_SIZE = 20_000_000;

let idCounter = 100_000;
const nextId = () => String(++idCounter);
const requestId = () => randomBytes(6).toString('hex');

function boxError(res: ServerResponse, status: number, code: string, message: string, extra = {}) {
  send(res, status, { type: 'error', status, code, message, request_id: requestId(), ...extra });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'content-type': 'application/json' } : {}),
    ...headers,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** multipart/form-data → parts (name, filename, data); enough for Box's two-part uploads. */
function parseMultipart(body: Buffer, contentType: string) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) return [];
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: { name: string; filename: string | null; data: Buffer }[] = [];
  let start = body.indexOf(boundary);
  while (start !== -1) {
    const next = body.indexOf(boundary, start + boundary.length);
    if (next === -1) break;
    const part = body.subarray(start + boundary.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const head = part.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '';
      const filename = /filename="([^"]*)"/i.exec(head)?.[1] ?? null;
      parts.push({ name, filename, data: part.subarray(headerEnd + 4) });
    }
    start = next;
  }
  return parts;
}

export async function startFakeBox(opts: FakeBoxOptions = {}): Promise<FakeBox> {
  const folders = new Map<string, FakeBoxFolder>([
    ['0', { id: '0', name: 'All Files', parentId: null }],
  ]);
  const files = new Map<string, FakeBoxFile>();
  const requests: FakeBoxRequest[] = [];
  const tokens = new Set<string>(opts.developerToken ? [opts.developerToken] : []);
  const downloads = new Map<string, string>(); // one-off download token → file id
  let failures: Failure[] = [];
  const uploadSessions = new Map<string, FakeBoxUploadSession>();
  const partSize = opts.partSize ?? BOX_PART_SIZE;
  const minSessionFileSize = opts.minSessionFileSize ?? BOX_MIN_SESSION_FILE_SIZE;
  let partFailure: {
    status: number;
    remaining: number;
    after: number;
    retryAfter?: number;
  } | null = null;
  let commitsToAccept = { remaining: 0, retryAfter: 1 };

  const childrenOf = (folderId: string) => [
    ...[...folders.values()].filter((f) => f.parentId === folderId),
    ...[...files.values()].filter((f) => f.parentId === folderId),
  ];
  const nameTaken = (folderId: string, name: string): FakeBoxFolder | FakeBoxFile | undefined =>
    childrenOf(folderId).find((c) => c.name.toLowerCase() === name.toLowerCase());
  const isFile = (c: FakeBoxFolder | FakeBoxFile): c is FakeBoxFile => 'versions' in c;

  const folderMini = (f: FakeBoxFolder) => ({
    type: 'folder',
    id: f.id,
    sequence_id: '0',
    etag: '0',
    name: f.name,
  });
  const pathOf = (folderId: string | null) => {
    const entries: ReturnType<typeof folderMini>[] = [];
    let cur = folderId ? folders.get(folderId) : undefined;
    while (cur) {
      entries.unshift(folderMini(cur));
      cur = cur.parentId ? folders.get(cur.parentId) : undefined;
    }
    return { total_count: entries.length, entries };
  };
  const folderFull = (f: FakeBoxFolder) => ({
    ...folderMini(f),
    created_at: '2026-01-01T00:00:00-08:00',
    modified_at: '2026-01-01T00:00:00-08:00',
    description: '',
    size: 0,
    path_collection: pathOf(f.parentId),
    parent: f.parentId ? folderMini(folders.get(f.parentId)!) : null,
    item_status: 'active',
  });
  const fileFull = (f: FakeBoxFile) => {
    const data = f.versions[f.versions.length - 1]!;
    const sha1 = createHash('sha1').update(data).digest('hex');
    return {
      type: 'file',
      id: f.id,
      sequence_id: String(f.versions.length - 1),
      etag: String(f.versions.length - 1),
      sha1,
      name: f.name,
      size: data.length,
      file_version: { type: 'file_version', id: `${f.id}-v${f.versions.length}`, sha1 },
      path_collection: pathOf(f.parentId),
      parent: folderMini(folders.get(f.parentId)!),
      item_status: 'active',
    };
  };

  const sessionUrl = (id: string) => `${base}/upload/api/2.0/files/upload_sessions/${id}`;
  const sessionJson = (u: FakeBoxUploadSession) => ({
    id: u.id,
    type: 'upload_session',
    session_expires_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    part_size: u.partSize,
    total_parts: u.totalParts,
    num_parts_processed: u.parts.size,
    session_endpoints: {
      upload_part: sessionUrl(u.id),
      commit: `${sessionUrl(u.id)}/commit`,
      abort: sessionUrl(u.id),
      list_parts: `${sessionUrl(u.id)}/parts`,
      status: sessionUrl(u.id),
      log_event: `${sessionUrl(u.id)}/log`,
    },
  });
  const partJson = (p: FakeBoxPart) => ({
    part_id: p.part_id,
    offset: p.offset,
    size: p.size,
    sha1: p.sha1,
  });
  /** Box's digest header: `sha=<base64 SHA-1>`; the hex SHA-1, or null when malformed. */
  const digestOf = (header: string | string[] | undefined): string | null => {
    const m = /^sha=([A-Za-z0-9+/]{27}=)$/.exec(typeof header === 'string' ? header.trim() : '');
    return m ? Buffer.from(m[1]!, 'base64').toString('hex') : null;
  };
  /** Checks `file_size` of a session request: answers the error and says so, or false. */
  const badFileSize = (res: ServerResponse, size: unknown): boolean => {
    let error: [string, string] | null = null;
    if (size === undefined || size === null)
      error = ['missing_file_size', 'file_size was not provided'];
    else if (typeof size !== 'number' || !Number.isInteger(size) || size < 0)
      error = ['invalid_file_size', 'file_size was not a valid number'];
    else if (size < minSessionFileSize)
      error = [
        'file_size_too_small',
        'file_size is below minimum file size for uploads via this API',
      ];
    if (error) boxError(res, 400, error[0], error[1]);
    return error !== null;
  };
  const newSession = (
    fields: Pick<FakeBoxUploadSession, 'folderId' | 'fileId' | 'fileName' | 'fileSize'>,
  ): FakeBoxUploadSession => {
    const session: FakeBoxUploadSession = {
      ...fields,
      id: randomBytes(16).toString('hex').toUpperCase(),
      partSize,
      totalParts: Math.max(1, Math.ceil(fields.fileSize / partSize)),
      parts: new Map(),
      state: 'open',
      committedFileId: null,
    };
    uploadSessions.set(session.id, session);
    return session;
  };
  const readJson = async (req: IncomingMessage): Promise<Record<string, unknown> | null> => {
    try {
      const value: unknown = JSON.parse((await readBody(req)).toString('utf8'));
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };

  function authorized(req: IncomingMessage): boolean {
    const auth = req.headers.authorization ?? '';
    return auth.startsWith('Bearer ') && tokens.has(auth.slice(7));
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string) {
    const method = req.method ?? 'GET';
    const failure = failures.find((f) => f.remaining > 0 && (!f.match || f.match.test(path)));
    if (failure && !path.startsWith('/dl/')) {
      failure.remaining--;
      await readBody(req);
      // Retry-After was set in the request listener, before anything was read.
      if (failure.status === 429)
        return boxError(res, 429, 'rate_limit_exceeded', 'Request rate limit exceeded');
      return boxError(res, failure.status, 'internal_server_error', 'Internal Server Error');
    }

    if (method === 'POST' && path === '/oauth2/token') {
      const form = new URLSearchParams((await readBody(req)).toString('utf8'));
      const ok =
        form.get('grant_type') === 'client_credentials' &&
        form.get('client_id') === opts.clientId &&
        form.get('client_secret') === opts.clientSecret &&
        (form.get('box_subject_type') !== 'enterprise' ||
          form.get('box_subject_id') === opts.enterpriseId);
      if (!ok)
        return send(res, 400, {
          error: 'invalid_client',
          error_description: 'The client credentials are invalid',
        });
      const token = `fake-${randomBytes(12).toString('hex')}`;
      tokens.add(token);
      return send(res, 200, {
        access_token: token,
        expires_in: 3600,
        restricted_to: [],
        token_type: 'bearer',
        issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      });
    }

    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/dl\/([^/]+)$/.exec(path))) {
      const fileId = downloads.get(m[1]!);
      const file = fileId ? files.get(fileId) : undefined;
      if (!file) return boxError(res, 404, 'not_found', 'Not Found');
      downloads.delete(m[1]!);
      const data = file.versions[file.versions.length - 1]!;
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(data.length),
      });
      return res.end(data);
    }

    // Box answers 401 with an empty body when the token is missing or wrong.
    if (!authorized(req)) {
      await readBody(req);
      return send(res, 401, undefined, { 'www-authenticate': 'Bearer realm="Service"' });
    }

    if (method === 'GET' && path === '/2.0/users/me') {
      return send(res, 200, {
        type: 'user',
        id: '11446498',
        name: 'Prodtrack Service Account',
        login: 'AutomationUser_123@boxdevedition.com',
        status: 'active',
      });
    }
    if (method === 'GET' && (m = /^\/2\.0\/folders\/(\d+)$/.exec(path))) {
      const folder = folders.get(m[1]!);
      if (!folder) return boxError(res, 404, 'not_found', 'Not Found');
      return send(res, 200, folderFull(folder));
    }
    if (method === 'GET' && (m = /^\/2\.0\/folders\/(\d+)\/items$/.exec(path))) {
      if (!folders.has(m[1]!)) return boxError(res, 404, 'not_found', 'Not Found');
      const items = childrenOf(m[1]!).map((c) =>
        'versions' in c
          ? { type: 'file', id: c.id, sequence_id: '0', etag: '0', name: c.name }
          : folderMini(c),
      );
      return send(res, 200, {
        total_count: items.length,
        limit: 1000,
        offset: 0,
        order: [{ by: 'type', direction: 'ASC' }],
        entries: items,
      });
    }
    if (method === 'POST' && path === '/2.0/folders') {
      const body = JSON.parse((await readBody(req)).toString('utf8')) as {
        name?: string;
        parent?: { id?: string };
      };
      const parentId = body.parent?.id ?? '';
      if (!body.name) return boxError(res, 400, 'bad_request', 'Bad Request');
      if (!folders.has(parentId)) return boxError(res, 404, 'not_found', 'Not Found');
      const taken = nameTaken(parentId, body.name);
      if (taken) {
        return boxError(res, 409, 'item_name_in_use', 'Item with the same name already exists', {
          context_info: {
            conflicts: [
              isFile(taken)
                ? { type: 'file', id: taken.id, sequence_id: '0', etag: '0', name: taken.name }
                : folderMini(taken),
            ],
          },
        });
      }
      const folder = { id: nextId(), name: body.name, parentId };
      folders.set(folder.id, folder);
      return send(res, 201, folderFull(folder));
    }
    if (method === 'GET' && (m = /^\/2\.0\/files\/(\d+)$/.exec(path))) {
      const file = files.get(m[1]!);
      if (!file) return boxError(res, 404, 'not_found', 'Not Found');
      return send(res, 200, fileFull(file));
    }
    if (method === 'GET' && (m = /^\/2\.0\/files\/(\d+)\/content$/.exec(path))) {
      if (!files.has(m[1]!)) return boxError(res, 404, 'not_found', 'Not Found');
      const token = randomBytes(8).toString('hex');
      downloads.set(token, m[1]!);
      res.writeHead(302, { location: `${base}/dl/${token}` });
      return res.end();
    }
    if (method === 'POST' && path === '/upload/api/2.0/files/content') {
      const parts = parseMultipart(await readBody(req), req.headers['content-type'] ?? '');
      const [first, second] = parts;
      if (first?.name !== 'attributes' || second?.name !== 'file')
        return boxError(res, 400, 'metadata_after_file_contents', 'Attributes must come first');
      const attrs = JSON.parse(first.data.toString('utf8')) as {
        name?: string;
        parent?: { id?: string };
      };
      const parentId = attrs.parent?.id ?? '';
      if (!attrs.name) return boxError(res, 400, 'bad_request', 'Bad Request');
      if (!folders.has(parentId)) return boxError(res, 404, 'not_found', 'Not Found');
      const taken = nameTaken(parentId, attrs.name);
      if (taken) {
        return boxError(res, 409, 'item_name_in_use', 'Item with the same name already exists', {
          context_info: {
            conflicts: isFile(taken) ? fileFull(taken) : folderMini(taken),
          },
        });
      }
      const file: FakeBoxFile = {
        id: nextId(),
        name: attrs.name,
        parentId,
        versions: [Buffer.from(second.data)],
      };
      files.set(file.id, file);
      return send(res, 201, { total_count: 1, entries: [fileFull(file)] });
    }
    if (method === 'POST' && (m = /^\/upload\/api\/2\.0\/files\/(\d+)\/content$/.exec(path))) {
      const file = files.get(m[1]!);
      const parts = parseMultipart(await readBody(req), req.headers['content-type'] ?? '');
      if (!file) return boxError(res, 404, 'not_found', 'Not Found');
      const data = parts.find((p) => p.name === 'file');
      if (!data) return boxError(res, 400, 'bad_request', 'Bad Request');
      const attrs = parts.find((p) => p.name === 'attributes');
      const name = attrs
        ? (JSON.parse(attrs.data.toString('utf8')) as { name?: string }).name
        : null;
      if (name) file.name = name;
      file.versions.push(Buffer.from(data.data));
      return send(res, 201, { total_count: 1, entries: [fileFull(file)] });
    }
    if (method === 'POST' && path === '/upload/api/2.0/files/upload_sessions') {
      const body = await readJson(req);
      if (!body) return boxError(res, 400, 'bad_request', 'Invalid JSON body');
      const folderId = body.folder_id;
      if (folderId === undefined || folderId === null || folderId === '')
        return boxError(res, 400, 'missing_destination', 'No folder_id was provided');
      if (typeof folderId !== 'string')
        return boxError(res, 400, 'invalid_folder_id', 'folder_id is not valid');
      if (badFileSize(res, body.file_size)) return;
      const name = body.file_name;
      if (name === undefined || name === null || name === '')
        return boxError(res, 400, 'missing_file_name', 'file_name was not provided');
      if (typeof name !== 'string' || /[/\\]/.test(name) || name === '.' || name === '..')
        return boxError(res, 400, 'item_name_invalid', 'file_name is not valid');
      if (!folders.has(folderId))
        return boxError(res, 404, 'not_found', 'Not Found', {
          context_info: { errors: [{ reason: 'invalid_parameter', name: 'folder_id' }] },
        });
      // The session's preflight check: the name in use → 409 with the item in the way.
      const taken = nameTaken(folderId, name);
      if (taken)
        return boxError(res, 409, 'item_name_in_use', 'Item with the same name already exists', {
          context_info: { conflicts: isFile(taken) ? fileFull(taken) : folderMini(taken) },
        });
      const session = newSession({
        folderId,
        fileId: null,
        fileName: name,
        fileSize: body.file_size as number,
      });
      return send(res, 201, sessionJson(session));
    }
    if (
      method === 'POST' &&
      (m = /^\/upload\/api\/2\.0\/files\/(\d+)\/upload_sessions$/.exec(path))
    ) {
      const file = files.get(m[1]!);
      const body = await readJson(req);
      if (!file) return boxError(res, 404, 'not_found', 'Not Found');
      if (!body) return boxError(res, 400, 'bad_request', 'Invalid JSON body');
      if (badFileSize(res, body.file_size)) return;
      const name = typeof body.file_name === 'string' && body.file_name ? body.file_name : null;
      const session = newSession({
        folderId: null,
        fileId: file.id,
        fileName: name,
        fileSize: body.file_size as number,
      });
      return send(res, 201, sessionJson(session));
    }
    if (
      (m = /^\/upload\/api\/2\.0\/files\/upload_sessions\/([0-9A-F]+)(\/parts|\/commit)?$/.exec(
        path,
      ))
    ) {
      const session = uploadSessions.get(m[1]!);
      const tail = m[2] ?? '';
      if (!session || session.state !== 'open') {
        await readBody(req);
        return boxError(res, 404, 'not_found', 'Could not find the specified resource');
      }
      if (method === 'GET' && tail === '') return send(res, 200, sessionJson(session));
      if (method === 'DELETE' && tail === '') {
        await readBody(req);
        session.state = 'aborted';
        return send(res, 204, undefined);
      }
      if (method === 'GET' && tail === '/parts') {
        const query = new URL(req.url ?? '/', 'http://fake').searchParams;
        const offset = Number(query.get('offset') ?? 0);
        const limit = Math.min(Number(query.get('limit') ?? 1000), 1000);
        if (!Number.isInteger(offset) || offset < 0 || offset > 10_000 || !(limit > 0))
          return boxError(res, 400, 'bad_request', 'Invalid offset or limit');
        const all = [...session.parts.values()].sort((a, b) => a.offset - b.offset);
        return send(res, 200, {
          total_count: all.length,
          limit,
          offset,
          order: [{ by: 'offset', direction: 'ASC' }],
          entries: all.slice(offset, offset + limit).map(partJson),
        });
      }
      if (method === 'PUT' && tail === '') {
        const data = await readBody(req);
        if (partFailure && partFailure.remaining > 0) {
          if (partFailure.after > 0) partFailure.after--;
          else {
            partFailure.remaining--;
            if (partFailure.status === 429) {
              if (partFailure.retryAfter !== undefined)
                res.setHeader('retry-after', String(partFailure.retryAfter));
              return boxError(res, 429, 'rate_limit_exceeded', 'Request rate limit exceeded');
            }
            return boxError(
              res,
              partFailure.status,
              'internal_server_error',
              'Internal Server Error',
            );
          }
        }
        const sha1 = digestOf(req.headers.digest);
        if (!sha1)
          return boxError(res, 400, 'bad_request', 'Digest must be sha=<base64 SHA-1 of the part>');
        const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers['content-range'] ?? ''));
        if (!range)
          return boxError(res, 400, 'bad_request', 'Content-Range is missing or malformed');
        const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
        const isLast = end === session.fileSize - 1;
        if (
          total !== session.fileSize ||
          end < start ||
          end >= session.fileSize ||
          start % session.partSize !== 0 ||
          (!isLast && end - start + 1 !== session.partSize) ||
          (isLast && end - start + 1 > session.partSize)
        )
          return boxError(
            res,
            416,
            'range_not_satisfiable',
            'The content range does not match a range of this session',
          );
        if (data.length !== end - start + 1)
          return boxError(res, 400, 'bad_request', 'The body length does not match Content-Range');
        const actual = createHash('sha1').update(data).digest('hex');
        if (actual !== sha1)
          return boxError(res, 412, 'precondition_failed', 'The digest does not match the part');
        const existing = session.parts.get(start);
        if (existing) {
          if (existing.sha1 === actual && existing.size === data.length)
            return send(res, 200, { part: partJson(existing) });
          return boxError(res, 409, 'conflict', 'The part overlaps a part uploaded before');
        }
        const part: FakeBoxPart = {
          part_id: randomBytes(4).toString('hex').toUpperCase(),
          offset: start,
          size: data.length,
          sha1: actual,
          data,
        };
        session.parts.set(start, part);
        return send(res, 200, { part: partJson(part) });
      }
      if (method === 'POST' && tail === '/commit') {
        const body = await readJson(req);
        const sha1 = digestOf(req.headers.digest);
        if (!sha1)
          return boxError(res, 400, 'bad_request', 'Digest must be sha=<base64 SHA-1 of the file>');
        if (!body || !Array.isArray(body.parts))
          return boxError(res, 400, 'bad_request', 'parts is required');
        const stored = [...session.parts.values()].sort((a, b) => a.offset - b.offset);
        const listed = body.parts as Record<string, unknown>[];
        const sameParts =
          listed.length === stored.length &&
          listed.every((p, i) => {
            const s = stored[i]!;
            return (
              p.part_id === s.part_id &&
              p.offset === s.offset &&
              p.size === s.size &&
              p.sha1 === s.sha1
            );
          });
        if (!sameParts)
          return boxError(res, 400, 'bad_request', 'The parts do not match the uploaded parts');
        const covered = stored.reduce((at, p) => (p.offset === at ? at + p.size : -1), 0);
        if (stored.length !== session.totalParts || covered !== session.fileSize)
          return boxError(res, 400, 'bad_request', 'Not all parts of the file were uploaded');
        if (commitsToAccept.remaining > 0) {
          commitsToAccept.remaining--;
          return send(res, 202, undefined, { 'retry-after': String(commitsToAccept.retryAfter) });
        }
        const data = Buffer.concat(stored.map((p) => p.data));
        if (createHash('sha1').update(data).digest('hex') !== sha1)
          return boxError(res, 412, 'precondition_failed', 'The digest does not match the file');
        let file: FakeBoxFile;
        if (session.fileId) {
          const existing = files.get(session.fileId);
          if (!existing) return boxError(res, 404, 'not_found', 'Not Found');
          file = existing;
          if (session.fileName) file.name = session.fileName;
          file.versions.push(data);
        } else {
          const parentId = session.folderId!;
          if (!folders.has(parentId)) return boxError(res, 404, 'not_found', 'Not Found');
          const taken = nameTaken(parentId, session.fileName!);
          if (taken)
            return boxError(
              res,
              409,
              'item_name_in_use',
              'Item with the same name already exists',
              {
                context_info: { conflicts: isFile(taken) ? fileFull(taken) : folderMini(taken) },
              },
            );
          file = { id: nextId(), name: session.fileName!, parentId, versions: [data] };
          files.set(file.id, file);
        }
        session.state = 'committed';
        session.committedFileId = file.id;
        return send(res, 201, { total_count: 1, entries: [fileFull(file)] });
      }
    }
    await readBody(req);
    return boxError(res, 404, 'not_found', `No fake for ${method} ${path}`);
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const entry: FakeBoxRequest = { method: req.method ?? 'GET', path, status: 0 };
    requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    const retryAfter = failures.find(
      (f) => f.status === 429 && f.remaining > 0 && (!f.match || f.match.test(path)),
    )?.retryAfter;
    if (retryAfter !== undefined) res.setHeader('retry-after', String(retryAfter));
    handle(req, res, path).catch((err: unknown) => {
      if (!res.headersSent) boxError(res, 500, 'internal_server_error', String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    apiBaseUrl: base,
    uploadBaseUrl: `${base}/upload/api`,
    folders,
    files,
    uploadSessions,
    requests,
    fail({ status, times = 1, retryAfter, match }) {
      failures.push({ status, remaining: times, retryAfter, match });
    },
    failParts({ status = 500, times = 1, after = 0, retryAfter }) {
      partFailure = { status, remaining: times, after, retryAfter };
    },
    acceptCommits(times = 1, retryAfter = 1) {
      commitsToAccept = { remaining: times, retryAfter };
    },
    clearFailures() {
      failures = [];
      partFailure = null;
      commitsToAccept = { remaining: 0, retryAfter: 1 };
    },
    addFolder(parentId, name) {
      const id = nextId();
      folders.set(id, { id, name, parentId });
      return id;
    },
    addFile(parentId, name, data) {
      const id = nextId();
      files.set(id, { id, name, parentId, versions: [data] });
      return id;
    },
    childrenOf,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
