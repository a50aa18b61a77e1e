import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app';
import type { CoreServices, Services } from '../../services';

/** One inbound resolver for every channel, the inbound log and the holding pen. */
export function createInboundServices(_deps: AppDeps, _core: CoreServices) {
  return {};
}

export async function registerInboundRoutes(_app: FastifyInstance, _services: Services) {}
