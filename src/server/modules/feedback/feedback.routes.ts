import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';

/** Feedback items (issue 5; being built). */
export async function registerFeedbackRoutes(app: FastifyInstance, services: Services) {
  void app;
  void services.feedback;
}
