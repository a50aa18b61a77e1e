import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Caller } from '../../caller';
import { listQuerySchema, pageSchema } from '../../http/pagination';
import { errorResponses, idParam } from '../../http/schemas';
import type { Services } from '../../services';
import * as s from './orgs.schemas';

const noContent = { 204: z.null(), ...errorResponses };

export async function registerOrgRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { org, users, clientTeams, pods, invitations } = services;
  const caller = (req: { caller: Caller | null }) => req.caller as Caller;

  // Organization
  r.get(
    '/api/organization',
    {
      schema: {
        tags: ['organization'],
        summary: 'Your organization',
        response: { 200: s.organizationOut, ...errorResponses },
      },
    },
    async (req) => org.getOrganization(caller(req)),
  );
  r.patch(
    '/api/organization',
    {
      schema: {
        tags: ['organization'],
        summary: 'Rename your organization (ORG_SETTINGS)',
        body: s.organizationPatch,
        response: { 200: s.organizationOut, ...errorResponses },
      },
    },
    async (req) => org.updateOrganization(caller(req), req.body),
  );

  // Roles × permissions
  r.get(
    '/api/roles',
    {
      schema: {
        tags: ['roles'],
        summary: "The organization's role → permission matrix (ROLE_MANAGE)",
        response: { 200: s.rolesOut, ...errorResponses },
      },
    },
    async (req) => org.getRoles(caller(req)),
  );
  r.put(
    '/api/roles/:role/permissions',
    {
      schema: {
        tags: ['roles'],
        summary: "Replace one role's permissions (ROLE_MANAGE)",
        params: s.roleParam,
        body: s.rolePermissionsIn,
        response: { 200: s.rolePermissionsOut, ...errorResponses },
      },
    },
    async (req) => org.setRolePermissions(caller(req), req.params.role, req.body.permissions),
  );

  // Users
  r.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users of your organization (USER_MANAGE)',
        querystring: listQuerySchema.extend(s.userListQuery.shape),
        response: { 200: pageSchema(s.userOut), ...errorResponses },
      },
    },
    async (req) => users.list(caller(req), req.query),
  );
  r.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user with a temporary password (USER_MANAGE); they must change it',
        body: s.userCreate,
        response: { 201: s.userOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await users.create(caller(req), req.body)),
  );
  r.get(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'One user (USER_MANAGE)',
        params: idParam,
        response: { 200: s.userOut, ...errorResponses },
      },
    },
    async (req) => users.get(caller(req), req.params.id),
  );
  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change role, pod, capacity, or disable a user (USER_MANAGE)',
        params: idParam,
        body: s.userPatch,
        response: { 200: s.userOut, ...errorResponses },
      },
    },
    async (req) => users.update(caller(req), req.params.id, req.body),
  );

  // Invitations
  r.get(
    '/api/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invitations (USER_MANAGE)',
        querystring: listQuerySchema,
        response: { 200: pageSchema(s.invitationOut), ...errorResponses },
      },
    },
    async (req) => invitations.list(caller(req), req.query),
  );
  r.post(
    '/api/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invite an e-mail with a role (USER_MANAGE); the link is e-mailed and expires',
        body: s.invitationCreate,
        response: { 201: s.invitationOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await invitations.create(caller(req), req.body)),
  );
  r.post(
    '/api/invitations/:id/resend',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Send a fresh link (the old one stops working)',
        params: idParam,
        response: { 200: s.invitationOut, ...errorResponses },
      },
    },
    async (req) => invitations.resend(caller(req), req.params.id),
  );
  r.delete(
    '/api/invitations/:id',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Revoke an invitation',
        params: idParam,
        response: noContent,
      },
    },
    async (req, reply) => {
      await invitations.revoke(caller(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // Client teams
  r.get(
    '/api/client-teams',
    {
      schema: {
        tags: ['client-teams'],
        summary: 'Client teams (CLIENT_TEAM_MANAGE)',
        querystring: listQuerySchema,
        response: { 200: pageSchema(s.clientTeamOut), ...errorResponses },
      },
    },
    async (req) => clientTeams.list(caller(req), req.query),
  );
  r.post(
    '/api/client-teams',
    {
      schema: {
        tags: ['client-teams'],
        summary: 'Create a client team',
        body: s.clientTeamCreate,
        response: { 201: s.clientTeamOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await clientTeams.create(caller(req), req.body)),
  );
  r.patch(
    '/api/client-teams/:id',
    {
      schema: {
        tags: ['client-teams'],
        summary: 'Rename a client team',
        params: idParam,
        body: s.clientTeamPatch,
        response: { 200: s.clientTeamOut, ...errorResponses },
      },
    },
    async (req) => clientTeams.update(caller(req), req.params.id, req.body),
  );
  r.delete(
    '/api/client-teams/:id',
    {
      schema: {
        tags: ['client-teams'],
        summary: 'Delete a client team that owns no projects',
        params: idParam,
        response: noContent,
      },
    },
    async (req, reply) => {
      await clientTeams.delete(caller(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/client-teams/:id/members',
    {
      schema: {
        tags: ['client-teams'],
        summary: "A client team's members, by name",
        params: idParam,
        querystring: listQuerySchema,
        response: { 200: pageSchema(s.clientTeamMemberOut), ...errorResponses },
      },
    },
    async (req) => clientTeams.members(caller(req), req.params.id, req.query),
  );
  r.put(
    '/api/client-teams/:id/members/:userId',
    {
      schema: {
        tags: ['client-teams'],
        summary:
          'Add a user to a client team (or change whether it is their primary team; a user has one)',
        params: s.memberParams,
        body: s.memberPut.optional(),
        response: noContent,
      },
    },
    async (req, reply) => {
      await clientTeams.addMember(
        caller(req),
        req.params.id,
        req.params.userId,
        req.body?.isPrimary,
      );
      return reply.status(204).send(null);
    },
  );
  r.delete(
    '/api/client-teams/:id/members/:userId',
    {
      schema: {
        tags: ['client-teams'],
        summary: 'Remove a user from a client team',
        params: s.memberParams,
        response: noContent,
      },
    },
    async (req, reply) => {
      await clientTeams.removeMember(caller(req), req.params.id, req.params.userId);
      return reply.status(204).send(null);
    },
  );

  // Pods
  r.get(
    '/api/pods',
    {
      schema: {
        tags: ['pods'],
        summary: 'Production pods (POD_MANAGE)',
        querystring: listQuerySchema,
        response: { 200: pageSchema(s.podOut), ...errorResponses },
      },
    },
    async (req) => pods.list(caller(req), req.query),
  );
  r.post(
    '/api/pods',
    {
      schema: {
        tags: ['pods'],
        summary: 'Create a pod',
        body: s.podCreate,
        response: { 201: s.podOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await pods.create(caller(req), req.body)),
  );
  r.patch(
    '/api/pods/:id',
    {
      schema: {
        tags: ['pods'],
        summary: 'Rename a pod or change its lead',
        params: idParam,
        body: s.podPatch,
        response: { 200: s.podOut, ...errorResponses },
      },
    },
    async (req) => pods.update(caller(req), req.params.id, req.body),
  );
  r.delete(
    '/api/pods/:id',
    {
      schema: {
        tags: ['pods'],
        summary: 'Delete a pod (its members keep their accounts)',
        params: idParam,
        response: noContent,
      },
    },
    async (req, reply) => {
      await pods.delete(caller(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
