import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app';
import type { CoreServices, Services } from '../../services';

/** Projects and deliverables to and from spreadsheets. */
export function createXlsxServices(_deps: AppDeps, _core: CoreServices) {
  return {};
}

export async function registerXlsxRoutes(_app: FastifyInstance, _services: Services) {}
