import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Caller } from '../../caller';
import { pageSchema } from '../../http/pagination';
import { errorResponses, idParam } from '../../http/schemas';
import type { Services } from '../../services';
import {
  customFieldCreateIn,
  customFieldListQuery,
  customFieldOut,
  customFieldUpdateIn,
} from './custom-fields.schemas';

const tags = ['custom-fields'];

/** Custom field definitions of projects and deliverables. */
export async function registerCustomFieldRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = (req: { caller: Caller | null }) => req.caller as Caller;
  const { customFields } = services;

  r.get(
    '/api/custom-fields',
    {
      schema: {
        tags,
        summary: 'Custom field definitions of your organization (PROJECT_VIEW)',
        description:
          'Ordered by entity type, order, field name; one page (at most 100 fields per entity type).',
        querystring: customFieldListQuery,
        response: { 200: pageSchema(customFieldOut), ...errorResponses },
      },
    },
    async (req) => customFields.list(caller(req), req.query.entityType),
  );
  r.post(
    '/api/custom-fields',
    {
      schema: {
        tags,
        summary: 'Define a custom field (FIELD_CUSTOMIZE)',
        description:
          'Names are unique per entity type (ignoring case). SELECT fields need `options`; other types take none.',
        body: customFieldCreateIn,
        response: { 201: customFieldOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await customFields.create(caller(req), req.body)),
  );
  r.get(
    '/api/custom-fields/:id',
    {
      schema: {
        tags,
        summary: 'One custom field definition',
        params: idParam,
        response: { 200: customFieldOut, ...errorResponses },
      },
    },
    async (req) => customFields.get(caller(req), req.params.id),
  );
  r.patch(
    '/api/custom-fields/:id',
    {
      schema: {
        tags,
        summary: 'Edit a custom field (FIELD_CUSTOMIZE)',
        description:
          'The type cannot change (400). Renaming rewrites the key in every stored project or deliverable; ' +
          'removing a SELECT option that rows still use is refused (409).',
        params: idParam,
        body: customFieldUpdateIn,
        response: { 200: customFieldOut, ...errorResponses },
      },
    },
    async (req) => customFields.update(caller(req), req.params.id, req.body),
  );
  r.delete(
    '/api/custom-fields/:id',
    {
      schema: {
        tags,
        summary: 'Delete a custom field and its stored values (FIELD_CUSTOMIZE)',
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await customFields.delete(caller(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
