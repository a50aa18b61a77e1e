import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app';
import type { CoreWithInbound, Services } from '../../services';
import type { InboundResolver } from '../inbound/contract';
import { registerBoxRoutes as registerRoutes } from './box.routes';
import { BoxService } from './box.service';

/** Box connections, webhook deliveries in, and pushes of sent versions out. */
export function createBoxServices(deps: AppDeps, core: CoreWithInbound) {
  const service = new BoxService(deps.database.db, deps.config.appUrl, deps.queue, deps.blobStore);
  return { service, resolver: () => inboundResolverOf(core.inbound) };
}

export async function registerBoxRoutes(app: FastifyInstance, services: Services) {
  await registerRoutes(app, services.box.service);
}

/**
 * The inbound module's resolver, whichever way it exposes it (`inbound.resolver` or the
 * services object itself): Box only needs `ingest`.
 */
export function inboundResolverOf(inbound: unknown): InboundResolver | null {
  const candidates = [(inbound as { resolver?: unknown } | null)?.resolver, inbound];
  for (const c of candidates) {
    if (c && typeof (c as InboundResolver).ingest === 'function') return c as InboundResolver;
  }
  return null;
}
