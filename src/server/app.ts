import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Caller } from './caller';
import type { Config } from './config';
import type { Database } from './db/client';
import { AppError, errorBody } from './errors';
import { serializerCompiler } from './http/serializer';
import type { JobQueue } from './jobs/queue';
import { createServices, type Services } from './services';
import { registerRoutes } from './routes';
import type { BlobStore } from './storage/blob-store';
import type { LiveBus } from './modules/notifications/live-bus';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** No sign-in needed. */
    public?: boolean;
    /** Reachable while the user must still change their password. */
    allowPasswordChange?: boolean;
  }
}

export interface AppDeps {
  config: Config;
  database: Database;
  queue: Pick<JobQueue, 'send' | 'sendInTransaction'> | null;
  blobStore: BlobStore;
  liveBus: LiveBus;
  /** Secret for session cookies; main.ts keeps one in the data folder when AUTH_SECRET is unset. */
  authSecret: string;
}

export type App = FastifyInstance & { services: Services };

// WEB_DIST: another build of the web app (parallel worktrees and test runs build elsewhere).
const WEB_DIST = process.env.WEB_DIST
  ? path.resolve(process.env.WEB_DIST)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config } = deps;
  const app = Fastify({
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: [
              'req.headers.cookie',
              'req.headers.authorization',
              'res.headers["set-cookie"]',
            ],
          },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('caller', null);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'prodtrack API',
        version: '1.0.0',
        description:
          'The HTTP contract of prodtrack. Errors use the envelope `{error: {code, message, fields?}}`; ' +
          'lists answer `{items, nextCursor}` and take `limit` and `cursor`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'prodtrack.session_token' },
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An org API key (Settings → API keys), accepted on /api/v1/* and /api/briefs',
          },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(scalar, {
    routePrefix: '/api/docs',
    configuration: { url: '/api/openapi.json', theme: 'default' },
  });

  const services = await createServices(deps);
  app.decorate('services', services);

  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      if (err.retryAfter !== undefined) void reply.header('Retry-After', String(err.retryAfter));
      return reply.status(err.status).send(errorBody(err.code, err.message, err.fields));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as { validationContext?: string }).validationContext ?? 'body';
      const fields = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || where,
        message: v.message ?? 'Invalid value',
      }));
      const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
      return reply
        .status(400)
        .send(errorBody('VALIDATION_FAILED', `Invalid ${where}: ${summary}`, fields));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return reply.status(500).send(errorBody('INTERNAL', 'Internal error'));
    }
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .status(413)
        .send(
          errorBody(
            'PAYLOAD_TOO_LARGE',
            `The request body is larger than ${config.BODY_LIMIT_BYTES} bytes`,
          ),
        );
    }
    if (status === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .status(415)
        .send(errorBody('UNSUPPORTED_MEDIA_TYPE', 'Send JSON (Content-Type: application/json)'));
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
      return reply.status(400).send(errorBody('BAD_REQUEST', 'The request body is not valid JSON'));
    }
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply
        .status(400)
        .send(errorBody('BAD_REQUEST', 'The request body is empty; send a JSON object'));
    }
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send(errorBody(status === 429 ? 'TOO_MANY_ATTEMPTS' : 'BAD_REQUEST', err.message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', 'Internal error'));
  });

  // Every /api route needs a signed-in caller unless it says otherwise.
  app.addHook('preValidation', async (request, reply) => {
    const routeConfig = request.routeOptions.config;
    if (!request.url.startsWith('/api/') || routeConfig.public) return;
    if (request.url.startsWith('/api/docs')) return; // the interactive docs page itself
    if (request.routeOptions.url === undefined) return;
    // An API key (Authorization: Bearer) decides when present; otherwise the session cookie.
    const caller =
      (await services.integrations.apiKeys.resolve(request)) ??
      (await services.sessions.resolve(request, reply));
    if (!caller) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
    request.caller = caller;
    if (!routeConfig.allowPasswordChange && services.sessions.mustChangePassword(caller)) {
      throw new AppError(
        'PASSWORD_CHANGE_REQUIRED',
        'Change your password before continuing (POST /api/me/password)',
      );
    }
  });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await registerRoutes(app, services, deps);

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api' || request.method !== 'GET') {
      return reply
        .status(404)
        .send(errorBody('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
    }
    // The single-page app answers every other GET; it shows its own "not found" page.
    if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
      return reply
        .status(503)
        .type('text/plain')
        .send('The web app is not built. Run `npm run build` (npm start does this for you).');
    }
    return reply.type('text/html').sendFile('index.html', WEB_DIST, { maxAge: 0 });
  });

  return app as unknown as App;
}
