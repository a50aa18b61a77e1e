/**
 * Typed fetch client for the prodtrack API.
 *
 * Every request is JSON, sends the session cookie (`credentials: 'include'`) and throws an
 * {@link ApiError} built from the server's error envelope:
 * `{"error": {"code": "UPPER_SNAKE", "message": "…", "fields"?: [{"path", "message"}]}}`.
 */

export interface ApiFieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: ApiFieldError[];
  /** Seconds from a `Retry-After` header (429 responses), when present. */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: ApiFieldError[];
    retryAfter?: number | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.retryAfter = init.retryAfter ?? null;
  }

  /** Field errors keyed by path (first message wins), for showing next to form fields. */
  fieldMap(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.fields) {
      const key = f.path || '_';
      if (!(key in out)) out[key] = f.message;
    }
    return out;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isUnauthorized(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

/** Human-readable message for any thrown value. */
export function errorMessage(error: unknown, fallback = 'Something went wrong'): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return fallback;
}

/** A cursor-paginated list as returned by every list endpoint. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'The request was not valid.',
  401: 'You need to sign in.',
  403: 'You do not have permission to do that.',
  404: 'Not found.',
  409: 'That conflicts with existing data.',
  413: 'The request is too large.',
  429: 'Too many requests, slow down.',
  500: 'The server ran into a problem.',
  502: 'The server is unreachable.',
  503: 'The server is unavailable, try again shortly.',
};

function statusCode(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 429:
      return 'TOO_MANY_ATTEMPTS';
    default:
      return status >= 500 ? 'SERVER_ERROR' : 'HTTP_ERROR';
  }
}

export function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  if (!qs) return path;
  return path + (path.includes('?') ? '&' : '?') + qs;
}

function parseRetryAfter(res: Response): number | null {
  const raw = res.headers.get('Retry-After') ?? res.headers.get('X-Retry-After');
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

async function toApiError(res: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(res);
  let body: unknown = null;
  try {
    const text = await res.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const root = asRecord(body);
  // The documented envelope is {error: {...}}; tolerate a bare {code, message} too.
  const envelope = asRecord(root?.error) ?? root;
  const code =
    typeof envelope?.code === 'string' && envelope.code ? envelope.code : statusCode(res.status);
  let message =
    typeof envelope?.message === 'string' && envelope.message
      ? envelope.message
      : (DEFAULT_MESSAGES[res.status] ?? `Request failed (HTTP ${res.status}).`);
  const fields: ApiFieldError[] = [];
  if (Array.isArray(envelope?.fields)) {
    for (const f of envelope.fields as unknown[]) {
      const rec = asRecord(f);
      if (rec && typeof rec.message === 'string') {
        fields.push({ path: typeof rec.path === 'string' ? rec.path : '', message: rec.message });
      }
    }
  }
  if (res.status === 429 && retryAfter !== null) {
    message = `Too many attempts, try again in ${retryAfter} s`;
  }
  return new ApiError({ status: res.status, code, message, fields, retryAfter });
}

export async function request<T>(
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'include',
      signal: opts.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      message: 'Cannot reach the server. Check your connection and try again.',
    });
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204 || res.status === 205) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({
      status: res.status,
      code: 'INVALID_RESPONSE',
      message: 'The server sent an unexpected response.',
    });
  }
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T = void>(path: string, body: unknown = {}) => request<T>('POST', path, { body }),
  put: <T = void>(path: string, body: unknown = {}) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** Accepts `{items, nextCursor}` (documented) and, defensively, a bare array. */
export function normalizePage<T>(value: Page<T> | T[] | null | undefined): Page<T> {
  if (Array.isArray(value)) return { items: value, nextCursor: null };
  return { items: value?.items ?? [], nextCursor: value?.nextCursor ?? null };
}

/** GET a cursor-paginated list. */
export async function getPage<T>(
  path: string,
  query?: QueryParams,
  signal?: AbortSignal,
): Promise<Page<T>> {
  return normalizePage(await api.get<Page<T> | T[]>(path, query, signal));
}

/** An {@link ApiError} from a failed response (the API's error envelope, or a default). */
export function errorFromResponse(res: Response): Promise<ApiError> {
  return toApiError(res);
}

export interface UploadProgress {
  loaded: number;
  /** 0 when the browser cannot tell. */
  total: number;
}

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/**
 * POST a multipart form with upload progress (fetch cannot report it): XMLHttpRequest with
 * the session cookie. Resolves with the parsed JSON answer, rejects with an {@link ApiError}
 * (or an `AbortError` DOMException when `signal` aborts).
 */
export function postForm<T>(path: string, form: FormData, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    if (opts.signal?.aborted) {
      reject(new DOMException('The upload was canceled', 'AbortError'));
      return;
    }
    opts.signal?.addEventListener('abort', abort, { once: true });
    const done = () => opts.signal?.removeEventListener('abort', abort);

    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) =>
      opts.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.onload = () => {
      done();
      const text = xhr.responseText;
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((text ? JSON.parse(text) : undefined) as T);
        } catch {
          reject(
            new ApiError({
              status: xhr.status,
              code: 'INVALID_RESPONSE',
              message: 'The server sent an unexpected response.',
            }),
          );
        }
        return;
      }
      const headers = new Headers();
      const retryAfter = xhr.getResponseHeader('Retry-After');
      if (retryAfter) headers.set('Retry-After', retryAfter);
      const status = xhr.status >= 400 && xhr.status <= 599 ? xhr.status : 500;
      void toApiError(new Response(text || null, { status, headers })).then(reject);
    };
    xhr.onerror = () => {
      done();
      reject(
        new ApiError({
          status: 0,
          code: 'NETWORK_ERROR',
          message: 'Cannot reach the server. Check your connection and try again.',
        }),
      );
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was canceled', 'AbortError'));
    };
    xhr.send(form);
  });
}
