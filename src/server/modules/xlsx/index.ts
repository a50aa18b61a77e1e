import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app';
import type { CoreServices, Services } from '../../services';
import { registerXlsxRouteScope } from './xlsx.routes';
import { XlsxService } from './xlsx.service';

/** Projects and deliverables to and from spreadsheets. */
export function createXlsxServices(deps: AppDeps, core: CoreServices) {
  return new XlsxService(deps.database.db, core.customFields, core.notifications);
}

export async function registerXlsxRoutes(app: FastifyInstance, services: Services) {
  await registerXlsxRouteScope(app, services);
}
