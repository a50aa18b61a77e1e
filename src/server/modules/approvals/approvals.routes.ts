import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Caller } from '../../caller';
import { errorResponses } from '../../http/schemas';
import type { Services } from '../../services';

const caller = (req: { caller: Caller | null }) => req.caller as Caller;
const stageParam = z.object({ stageId: z.string().min(1).max(64) });

const decisionOut = z.object({
  id: z.string().nullable().describe('Null for a decision on a stage without files'),
  stageId: z.string(),
  revisionId: z.string().nullable(),
  revisionLabel: z.string().nullable(),
  decision: z.enum(['APPROVED', 'CHANGES_REQUESTED']),
  note: z.string().nullable(),
  byClient: z.boolean(),
  decidedBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
});

const decisionIn = z.strictObject({
  decision: z.enum(['APPROVED', 'CHANGES_REQUESTED']),
  revisionId: z.string().min(1).max(64).nullish(),
  note: z.string().max(5000).nullish(),
});

/** Approve or request changes: the agency's reviewers and the client. */
export async function registerApprovalRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/stages/:stageId/decisions',
    {
      schema: {
        tags: ['review'],
        summary: 'Approve or request changes (REVISION_REVIEW)',
        description:
          'Staff: the stage must be IN_REVIEW; SIMPLE stages take a decision with or without a ' +
          'revision, FORMAL stages need `revisionId` and a `note`; the stage (and the revision) ' +
          'become APPROVED or CHANGES_REQUESTED. Client viewers decide on a version sent to them ' +
          '(`revisionId`, or the one awaiting them): approve → the revision APPROVED and its stage ' +
          'DELIVERED; request changes (a note is required) → both CHANGES_REQUESTED. Either way ' +
          'the deliverable leaves IN_REVIEW. Not allowed now → 409 with the reason.',
        params: stageParam,
        body: decisionIn,
        response: { 201: decisionOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await services.approvals.decide(caller(req), req.params.stageId, req.body)),
  );

  r.get(
    '/api/stages/:stageId/decisions',
    {
      schema: {
        tags: ['review'],
        summary: "A stage's decisions, newest first (clients see the client's own)",
        params: stageParam,
        response: {
          200: z.object({ items: z.array(decisionOut), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (req) => services.approvals.list(caller(req), req.params.stageId),
  );
}
