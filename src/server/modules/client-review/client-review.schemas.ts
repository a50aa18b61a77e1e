import { z } from 'zod';
import { DELIVERABLE_STATUSES, REVISION_STATUSES } from '../../db/schema';
import { listQuerySchema, pageSchema } from '../../http/pagination';

export const clientReviewQuery = listQuerySchema.extend({
  projectId: z.string().min(1).max(64).optional().describe('Only this project'),
  waiting: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Only deliverables with a sent version awaiting the client’s decision'),
});

export type ClientReviewQuery = z.infer<typeof clientReviewQuery>;

const sentVersion = z.object({
  revisionId: z.string(),
  label: z.string().describe('Always V{major}: only versions sent to the client are listed'),
  status: z.enum(REVISION_STATUSES),
  sentAt: z.string().nullable(),
});

export const clientReviewStageOut = z.object({
  stageId: z.string(),
  name: z.string(),
  order: z.number().int(),
  waiting: z.boolean().describe('A sent version of this stage awaits the client’s decision'),
  sentCount: z.number().int().describe('How many versions of this stage were sent'),
  latest: sentVersion.describe('The latest version sent to the client'),
});

export const clientReviewItemOut = z.object({
  id: z.string().describe('The deliverable'),
  name: z.string(),
  status: z.enum(DELIVERABLE_STATUSES),
  dueDate: z.string().nullable(),
  project: z.object({ id: z.string(), name: z.string() }),
  waiting: z.boolean().describe('Some sent version awaits the client’s decision'),
  lastSentAt: z.string().nullable(),
  stages: z
    .array(clientReviewStageOut)
    .describe('Stages with versions sent to the client, in pipeline order'),
});

export const clientReviewPageOut = pageSchema(clientReviewItemOut);

export type ClientReviewItem = z.infer<typeof clientReviewItemOut>;
export type ClientReviewStage = z.infer<typeof clientReviewStageOut>;
