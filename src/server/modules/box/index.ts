import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app';
import type { CoreWithInbound, Services } from '../../services';

/** Box connections, webhook deliveries in, and pushes of sent versions out. */
export function createBoxServices(_deps: AppDeps, _core: CoreWithInbound) {
  return {};
}

export async function registerBoxRoutes(_app: FastifyInstance, _services: Services) {}
