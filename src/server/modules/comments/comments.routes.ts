import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';

/** Comments and annotations (issue 5; being built). */
export async function registerCommentRoutes(app: FastifyInstance, services: Services) {
  void app;
  void services.comments;
}
