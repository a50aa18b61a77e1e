import type { FastifyReply, FastifyRequest } from 'fastify';

/** Node request headers → Fetch Headers, with the client IP as we trust it (not as sent). */
export function toFetchHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value === undefined || key === 'x-forwarded-for') continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, String(value));
  }
  headers.set('x-forwarded-for', request.ip);
  return headers;
}

export function forwardSetCookies(from: Headers, reply: FastifyReply): void {
  const cookies = from.getSetCookie();
  if (cookies.length) void reply.header('set-cookie', cookies);
}
