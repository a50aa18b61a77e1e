import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, type Caller } from '../../caller';
import { AppError } from '../../errors';
import { listQuerySchema, pageSchema } from '../../http/pagination';
import { errorResponses, idParam } from '../../http/schemas';
import type { Services } from '../../services';

const notificationOut = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  message: z.string(),
  link: z.string().nullable(),
  isRead: z.boolean(),
  createdAt: z.string(),
});
const tags = ['notifications'];

export async function registerNotificationRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { notifications, outbox } = services;
  const caller = (req: { caller: Caller | null }) => req.caller as Caller;

  r.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first',
        querystring: listQuerySchema.extend({
          unreadOnly: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true'),
        }),
        response: { 200: pageSchema(notificationOut), ...errorResponses },
      },
    },
    async (req) => notifications.list(caller(req), req.query),
  );
  r.get(
    '/api/notifications/unread-count',
    {
      schema: {
        tags,
        summary: 'How many of your notifications are unread',
        response: { 200: z.object({ count: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => notifications.unreadCount(caller(req)),
  );
  r.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one notification read',
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await notifications.markRead(caller(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all your notifications read',
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await notifications.markAllRead(caller(req));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/notifications/stream',
    {
      schema: {
        tags,
        summary: 'Live stream (server-sent events) of your notifications',
        description:
          'text/event-stream. Events: `notification` (one notification as JSON) and `unread` ({count}). ' +
          'A comment line is sent every 25 s to keep proxies from closing the connection.',
      },
    },
    async (req, reply) => {
      const who = caller(req);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (event: string, data: unknown) =>
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      res.write('retry: 5000\n\n');
      send('unread', await notifications.unreadCount(who));
      const unsubscribe = notifications.subscribe(who, (e) => send(e.type, e.data));
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
      req.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );

  r.get(
    '/api/dev/outbox',
    {
      schema: {
        tags: ['dev'],
        summary: 'E-mails kept in the outbox (only when SMTP_URL is not set; ORG_SETTINGS)',
        querystring: listQuerySchema,
        response: {
          200: pageSchema(
            z.object({
              id: z.string(),
              to: z.string(),
              subject: z.string(),
              text: z.string(),
              createdAt: z.string(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const who = caller(req);
      requirePermission(who, 'ORG_SETTINGS');
      if (!services.mailer.isOutboxOnly) {
        throw new AppError('NOT_FOUND', 'The outbox is only kept when SMTP_URL is not set');
      }
      return outbox.list(who.orgId, req.query);
    },
  );
}
