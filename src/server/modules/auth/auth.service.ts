import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../../caller';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { AppError, errorBody } from '../../errors';
import { forwardSetCookies, toFetchHeaders } from '../../http/fetch-bridge';
import type { OrgRepository } from '../orgs/org.repository';
import type { UserRepository } from '../orgs/user.repository';
import type { Auth } from './better-auth';
import type { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password-hash';

/** better-auth's error codes → ours. */
const CODE_MAP: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: 'INVALID_CREDENTIALS',
  INVALID_TOKEN: 'INVALID_TOKEN',
  PASSWORD_TOO_SHORT: 'VALIDATION_FAILED',
  PASSWORD_TOO_LONG: 'VALIDATION_FAILED',
  INVALID_PASSWORD: 'INVALID_CREDENTIALS',
};

function codeForStatus(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'TOO_MANY_ATTEMPTS';
  if (status >= 500) return 'INTERNAL';
  return 'BAD_REQUEST';
}

export class AuthService {
  constructor(
    readonly auth: Auth,
    private readonly db: Db,
    private readonly config: Config,
    private readonly orgs: OrgRepository,
    private readonly users: UserRepository,
    readonly throttle: LoginThrottle,
  ) {}

  /**
   * Hands a request to better-auth and copies its answer back, with errors rewritten into our
   * envelope. Returns the status for callers that react to it (throttling).
   */
  async forward(
    request: FastifyRequest,
    reply: FastifyReply,
    body?: unknown,
    path?: string,
    /** Runs before the answer is sent, so its effects are in place when the client sees it. */
    beforeSend?: (status: number) => Promise<void>,
  ): Promise<{ status: number; json: unknown }> {
    const url = `${this.config.appUrl}${path ?? request.url}`;
    const headers = toFetchHeaders(request);
    let payload: string | undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      payload = JSON.stringify(body ?? request.body ?? {});
      headers.set('content-type', 'application/json');
      headers.delete('content-length');
    }
    const res = await this.auth.handler(
      new Request(url, { method: request.method, headers, body: payload }),
    );
    forwardSetCookies(res.headers, reply);
    const location = res.headers.get('location');
    if (location) void reply.header('location', location);
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    await beforeSend?.(res.status);
    void reply.status(res.status);
    if (res.status >= 400) {
      const e = (json ?? {}) as { code?: string; message?: string };
      const code = (e.code && CODE_MAP[e.code]) ?? codeForStatus(res.status);
      const message =
        code === 'INVALID_CREDENTIALS'
          ? 'Wrong e-mail or password'
          : code === 'INVALID_TOKEN'
            ? 'This link is invalid, expired or already used. Ask for a new one.'
            : (e.message ?? 'Request failed');
      void reply.send(errorBody(code, message));
    } else if (res.status >= 300 && res.status < 400) {
      void reply.send();
    } else {
      void reply.type(res.headers.get('content-type') ?? 'application/json').send(text);
    }
    return { status: res.status, json };
  }

  async signInWithPassword(
    request: FastifyRequest,
    reply: FastifyReply,
    email: string,
    password: string,
  ): Promise<void> {
    const normalized = email.toLowerCase();
    await this.throttle.assertAllowed(normalized, request.ip);
    const user = await this.users.findByEmail(normalized);
    if (user?.disabledAt) {
      await this.throttle.recordFailure(normalized, request.ip);
      throw new AppError('INVALID_CREDENTIALS', 'Wrong e-mail or password');
    }
    await this.forward(
      request,
      reply,
      { email: normalized, password },
      undefined,
      async (status) => {
        if (status === 401) await this.throttle.recordFailure(normalized, request.ip);
        else if (status < 300) await this.throttle.clearAccount(normalized);
      },
    );
  }

  /** Signs in server-side (after accepting an invitation) and sets the cookie on the reply. */
  async startSession(
    request: FastifyRequest,
    reply: FastifyReply,
    email: string,
    password: string,
  ) {
    const res = await this.auth.api.signInEmail({
      body: { email, password },
      headers: toFetchHeaders(request),
      asResponse: true,
    });
    if (!res.ok) throw new AppError('INTERNAL', 'Could not start a session');
    forwardSetCookies(res.headers, reply);
  }

  async me(caller: Caller) {
    const [org, user] = await Promise.all([
      this.orgs.getOrganization(caller.orgId),
      this.users.get(caller.orgId, caller.userId),
    ]);
    if (!org || !user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
    return {
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        image: user.image,
        mustChangePassword: user.mustChangePassword,
        isExternal: user.isExternal,
      },
      organization: { id: org.id, name: org.name, domain: org.domain },
      role: caller.role,
      permissions: [...caller.permissions],
      clientTeamIds: [...caller.clientTeamIds],
    };
  }

  async changePassword(caller: Caller, currentPassword: string, newPassword: string) {
    await this.throttle.assertAllowed(caller.email, `user:${caller.userId}`);
    const current = await this.users.getPasswordHash(caller.userId);
    if (!current || !(await verifyPassword(current, currentPassword))) {
      await this.throttle.recordFailure(caller.email, `user:${caller.userId}`);
      throw new AppError('VALIDATION_FAILED', 'The current password is wrong', {
        fields: [{ path: 'currentPassword', message: 'Wrong password' }],
      });
    }
    if (currentPassword === newPassword) {
      throw new AppError('VALIDATION_FAILED', 'Choose a password different from the current one', {
        fields: [{ path: 'newPassword', message: 'Same as the current password' }],
      });
    }
    const hash = await hashPassword(newPassword);
    await this.db.transaction(async (tx) => {
      await this.users.setPasswordHash(tx, caller.userId, hash);
      // Other devices signed in with the old password are signed out.
      await this.users.revokeSessions(tx, caller.userId, caller.sessionId);
    });
  }
}
