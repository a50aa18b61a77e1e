import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';

/** Custom field definitions (routes added by the custom-fields work). */
export async function registerCustomFieldRoutes(_app: FastifyInstance, _services: Services) {}
