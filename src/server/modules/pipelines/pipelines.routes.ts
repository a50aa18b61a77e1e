import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Caller } from '../../caller';
import { pageSchema } from '../../http/pagination';
import { errorResponses, idParam } from '../../http/schemas';
import type { Services } from '../../services';
import { pipelineIn, pipelineOut, pipelineSummaryOut } from './pipelines.schemas';

const tags = ['pipelines'];

export async function registerPipelineRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = (req: { caller: Caller | null }) => req.caller as Caller;
  const { pipelines } = services;

  r.get(
    '/api/pipelines',
    {
      schema: {
        tags,
        summary: 'Pipeline templates of your organization (the default first)',
        querystring: z.object({
          includeArchived: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true'),
        }),
        response: { 200: pageSchema(pipelineSummaryOut), ...errorResponses },
      },
    },
    async (req) => pipelines.list(caller(req), req.query.includeArchived),
  );
  r.post(
    '/api/pipelines',
    {
      schema: {
        tags,
        summary: 'Create a pipeline template (PIPELINE_MANAGE)',
        description:
          'Stages in order; prerequisites and rework paths name stages by key. Cycles, forward rework paths and duplicate slugs are refused.',
        body: pipelineIn,
        response: { 201: pipelineOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await pipelines.create(caller(req), req.body)),
  );
  r.get(
    '/api/pipelines/:id',
    {
      schema: {
        tags,
        summary: 'A pipeline with its stages and rework paths',
        params: idParam,
        response: { 200: pipelineOut, ...errorResponses },
      },
    },
    async (req) => pipelines.get(caller(req), req.params.id),
  );
  r.put(
    '/api/pipelines/:id',
    {
      schema: {
        tags,
        summary: 'Save a pipeline template (PIPELINE_MANAGE)',
        description:
          'Existing stages keep their ids (key = id); removing a stage that deliverables use is refused (409).',
        params: idParam,
        body: pipelineIn,
        response: { 200: pipelineOut, ...errorResponses },
      },
    },
    async (req) => pipelines.replace(caller(req), req.params.id, req.body),
  );
  r.post(
    '/api/pipelines/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a pipeline (projects keep using it)',
        params: idParam,
        response: { 200: pipelineOut, ...errorResponses },
      },
    },
    async (req) => pipelines.setArchived(caller(req), req.params.id, true),
  );
  r.post(
    '/api/pipelines/:id/unarchive',
    {
      schema: {
        tags,
        summary: 'Bring an archived pipeline back',
        params: idParam,
        response: { 200: pipelineOut, ...errorResponses },
      },
    },
    async (req) => pipelines.setArchived(caller(req), req.params.id, false),
  );
  r.delete(
    '/api/pipelines/:id',
    {
      schema: {
        tags,
        summary: 'Delete an unused pipeline (used ones are archived instead)',
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await pipelines.delete(caller(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
