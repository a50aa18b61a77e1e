import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';

/** Deliverable attachments (routes added by the attachments work). */
export async function registerAttachmentRoutes(_app: FastifyInstance, _services: Services) {}
