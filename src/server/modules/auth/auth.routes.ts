import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Caller } from '../../caller';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import { errorResponses } from '../../http/schemas';
import type { Services } from '../../services';
import { OIDC_PROVIDER_ID } from './better-auth';

const okOut = z.object({}).passthrough();
const tags = ['auth'];

export async function registerAuthRoutes(app: FastifyInstance, services: Services, config: Config) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { authService, invitations } = services;

  r.post(
    '/api/auth/sign-in/email',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in with e-mail and password',
        description:
          'Sets the HttpOnly session cookie. Failed attempts are throttled per account and per IP (429 with Retry-After).',
        body: z.strictObject({
          email: z.email().max(320),
          password: z.string().min(1).max(256),
          rememberMe: z.boolean().optional(),
          callbackURL: z.string().optional(),
        }),
        response: { 200: okOut, ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (request, reply) => {
      await authService.signInWithPassword(
        request,
        reply,
        request.body.email,
        request.body.password,
      );
      return reply;
    },
  );

  r.post(
    '/api/auth/sign-out',
    {
      config: { public: true },
      schema: { tags, summary: 'Sign out (ends the session)', response: { 200: okOut } },
    },
    async (request, reply) => {
      await authService.forward(request, reply, {});
      return reply;
    },
  );

  r.post(
    '/api/auth/request-password-reset',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'E-mail a single-use, expiring password reset link',
        description: 'Answers 200 whether or not the address is known, so addresses do not leak.',
        body: z.strictObject({
          email: z.email().max(320),
          redirectTo: z.string().max(500).optional(),
        }),
        response: { 200: okOut, 400: errorResponses[400], 429: errorResponses[400] },
      },
    },
    async (request, reply) => {
      await authService.throttle.assertAllowed(null, request.ip);
      await authService.throttle.recordFailure(null, request.ip);
      await authService.forward(request, reply, { email: request.body.email.toLowerCase() });
      return reply;
    },
  );

  r.post(
    '/api/auth/reset-password',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Set a new password with a reset token',
        description: 'The token works once and expires; every session of the user ends.',
        body: z.strictObject({
          token: z.string().min(1).max(300),
          newPassword: z.string().min(10, 'must be at least 10 characters').max(256),
        }),
        response: { 200: okOut, 400: errorResponses[400] },
      },
    },
    async (request, reply) => {
      await authService.forward(request, reply);
      return reply;
    },
  );

  if (config.oidcEnabled) {
    r.post(
      '/api/auth/sign-in/oauth2',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Start OIDC single sign-on',
          body: z.strictObject({
            providerId: z.literal(OIDC_PROVIDER_ID),
            callbackURL: z.string().max(500).optional(),
            errorCallbackURL: z.string().max(500).optional(),
          }),
          response: { 200: z.object({ url: z.string(), redirect: z.boolean() }).passthrough() },
        },
      },
      async (request, reply) => {
        // better-auth serves generic OIDC providers through its social sign-in endpoint.
        const { providerId, callbackURL, errorCallbackURL } = request.body;
        await authService.forward(
          request,
          reply,
          { provider: providerId, callbackURL, errorCallbackURL },
          '/api/auth/sign-in/social',
        );
        return reply;
      },
    );
    r.get(
      '/api/auth/callback/:providerId',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'OIDC redirect target',
          params: z.object({ providerId: z.string() }),
          querystring: z.object({}).passthrough(),
        },
      },
      async (request, reply) => {
        await authService.forward(request, reply);
        return reply;
      },
    );
  }

  r.get(
    '/api/public/config',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'What the sign-in page needs to know',
        response: {
          200: z.object({
            appName: z.string(),
            oidc: z.object({ enabled: z.boolean(), providerId: z.string(), label: z.string() }),
            outboxEnabled: z.boolean(),
          }),
        },
      },
    },
    async () => ({
      appName: 'prodtrack',
      oidc: { enabled: config.oidcEnabled, providerId: OIDC_PROVIDER_ID, label: config.OIDC_LABEL },
      outboxEnabled: services.mailer.isOutboxOnly,
    }),
  );

  r.get(
    '/api/me',
    {
      config: { allowPasswordChange: true },
      schema: {
        tags,
        summary: 'The signed-in user, organization, role and permissions',
        response: {
          200: z.object({
            user: z.object({
              id: z.string(),
              name: z.string(),
              email: z.string(),
              image: z.string().nullable(),
              mustChangePassword: z.boolean(),
              isExternal: z.boolean(),
            }),
            organization: z.object({ id: z.string(), name: z.string(), domain: z.string() }),
            role: z.string(),
            permissions: z.array(z.string()),
            clientTeamIds: z.array(z.string()),
          }),
          401: errorResponses[401],
        },
      },
    },
    async (request) => authService.me(request.caller as Caller),
  );

  r.post(
    '/api/me/password',
    {
      config: { allowPasswordChange: true },
      schema: {
        tags,
        summary: 'Change your password',
        description: 'Clears must-change-password and signs out your other sessions.',
        body: z.strictObject({
          currentPassword: z.string().min(1).max(256),
          newPassword: z.string().min(10, 'must be at least 10 characters').max(256),
        }),
        response: { 204: z.null(), ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (request, reply) => {
      await authService.changePassword(
        request.caller as Caller,
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/invitations/lookup',
    {
      config: { public: true },
      schema: {
        tags: ['invitations'],
        summary: 'Describe a pending invitation by its token (for the accept page)',
        querystring: z.object({ token: z.string().min(10).max(200) }),
        response: {
          200: z.object({
            email: z.string(),
            role: z.string(),
            organizationName: z.string(),
            expiresAt: z.string(),
          }),
          404: errorResponses[404],
        },
      },
    },
    async (request) => invitations.lookup(request.query.token),
  );

  r.post(
    '/api/invitations/accept',
    {
      config: { public: true },
      schema: {
        tags: ['invitations'],
        summary: 'Accept an invitation: creates the account and signs it in',
        body: z.strictObject({
          token: z.string().min(10).max(200),
          name: z.string().trim().min(1, 'is required').max(200),
          password: z.string().min(10, 'must be at least 10 characters').max(256),
        }),
        response: {
          200: z.object({ email: z.string() }),
          ...errorResponses,
          429: errorResponses[400],
        },
      },
    },
    async (request, reply) => {
      await authService.throttle.assertAllowed(null, request.ip);
      let result: { email: string };
      try {
        result = await invitations.accept(request.body);
      } catch (err) {
        // Guessing tokens counts against the IP like failed sign-ins.
        if (err instanceof AppError && err.code === 'NOT_FOUND') {
          await authService.throttle.recordFailure(null, request.ip);
        }
        throw err;
      }
      await authService.startSession(request, reply, result.email, request.body.password);
      return result;
    },
  );
}
