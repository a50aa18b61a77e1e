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
 */
import { randomBytes } from 'node:crypto';
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
}

export interface FakeBox {
  url: string;
  apiBaseUrl: string;
  uploadBaseUrl: string;
  folders: Map<string, FakeBoxFolder>;
  files: Map<string, FakeBoxFile>;
  requests: FakeBoxRequest[];
  /** The next `times` requests whose path matches answer `status`. */
  fail(opts: {
    status: 500 | 429 | 503;
    times?: number;
    retryAfter?: number;
    match?: RegExp;
  }): void;
  clearFailures(): void;
  addFolder(parentId: string, name: string): string;
  addFile(parentId: string, name: string, data: Buffer): string;
  /** Items of a folder by name. */
  childrenOf(folderId: string): (FakeBoxFolder | FakeBoxFile)[];
  close(): Promise<void>;
}

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
    return {
      type: 'file',
      id: f.id,
      sequence_id: String(f.versions.length - 1),
      etag: String(f.versions.length - 1),
      sha1: '',
      name: f.name,
      size: data.length,
      file_version: { type: 'file_version', id: `${f.id}-v${f.versions.length}`, sha1: '' },
      path_collection: pathOf(f.parentId),
      parent: folderMini(folders.get(f.parentId)!),
      item_status: 'active',
    };
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
    requests,
    fail({ status, times = 1, retryAfter, match }) {
      failures.push({ status, remaining: times, retryAfter, match });
    },
    clearFailures() {
      failures = [];
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
