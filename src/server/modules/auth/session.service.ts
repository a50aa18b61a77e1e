import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../../caller';
import type { Config } from '../../config';
import { forwardSetCookies, toFetchHeaders } from '../../http/fetch-bridge';
import type { OrgRepository } from '../orgs/org.repository';
import type { Auth } from './better-auth';

/**
 * Turns a request's session cookie into a Caller: the user, their org, role, the org's
 * permissions for that role and (for client viewers) their client teams.
 */
export class SessionService {
  constructor(
    private readonly auth: Auth,
    private readonly orgs: OrgRepository,
    private readonly config: Config,
  ) {}

  async resolve(request: FastifyRequest, reply?: FastifyReply): Promise<Caller | null> {
    if (request.caller) return request.caller;
    const cookieHeader = request.headers.cookie;
    if (!cookieHeader || !cookieHeader.includes('session_token')) return null;
    const result = await this.auth.api.getSession({
      headers: toFetchHeaders(request),
      returnHeaders: true,
    });
    const found = result.response;
    if (!found) return null;
    // The absolute cap: however active, a session ends this long after sign-in.
    const absoluteMs = this.config.SESSION_ABSOLUTE_HOURS * 3600_000;
    if (new Date(found.session.createdAt).getTime() + absoluteMs < Date.now()) {
      await this.orgs.deleteSession(found.session.id);
      return null;
    }
    const caller = await this.orgs.loadCaller(found.user.id, found.session.id);
    if (!caller) return null;
    if (reply) forwardSetCookies(result.headers, reply);
    request.caller = caller;
    return caller;
  }

  mustChangePassword(caller: Caller): boolean {
    return caller.mustChangePassword && caller.apiKeyId === null;
  }
}
