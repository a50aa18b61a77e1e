import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app';
import type { CoreWithInbound, Services } from '../../services';

/** API keys, Idempotency-Key, the external API v1 and briefs. */
export function createIntegrationServices(_deps: AppDeps, _core: CoreWithInbound) {
  return {};
}

export async function registerIntegrationRoutes(_app: FastifyInstance, _services: Services) {}
