import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app';
import type { CoreServices, Services } from '../../services';
import type { InboundFile, InboundResolver } from './contract';
import { HoldingPenService } from './holding-pen.service';
import { registerInboundRoutes as registerRoutes } from './inbound.routes';
import { InboundService, type InboundOutcomeDetail } from './inbound.service';

/** One inbound resolver for every channel, the inbound log and the holding pen. */
export function createInboundServices(deps: AppDeps, core: CoreServices) {
  const db = deps.database.db;
  const resolver = new InboundService(db, core.revisions, core.notifications);
  const holdingPen = new HoldingPenService(
    db,
    deps.blobStore,
    core.revisions,
    core.notifications,
    resolver,
  );
  return {
    /** The InboundResolver every channel calls (see contract.ts). */
    ingest: (file: InboundFile): Promise<InboundOutcomeDetail> => resolver.ingest(file),
    resolver,
    holdingPen,
  } satisfies InboundResolver & Record<string, unknown>;
}

export async function registerInboundRoutes(app: FastifyInstance, services: Services) {
  await registerRoutes(app, services);
}
