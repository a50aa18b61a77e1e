import { z } from 'zod';
import { SLUG_PATTERN } from '../../../domain/slug';

export const approvalTypeSchema = z.enum(['NONE', 'SIMPLE', 'FORMAL']);

export const stageIn = z.strictObject({
  key: z
    .string()
    .min(1)
    .max(64)
    .describe('The stage id for an existing stage, any unique string for a new one'),
  name: z.string().trim().min(1, 'is required').max(100),
  slug: z.string().max(80).regex(SLUG_PATTERN, 'lower-case letters, digits and hyphens').optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #4c6ef5')
    .nullable()
    .optional(),
  estimatedDays: z.number().min(0).max(365).nullable().optional(),
  approvalType: approvalTypeSchema.default('NONE'),
  isOptional: z.boolean().default(false),
  isCriticalGate: z.boolean().default(false),
  description: z.string().max(2000).nullable().optional(),
  customStatuses: z.array(z.string().trim().min(1).max(60)).max(30).optional(),
  prerequisites: z.array(z.string().min(1).max(64)).max(50).default([]),
});

export const pipelineIn = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(120),
  description: z.string().max(2000).nullable().optional(),
  isDefault: z.boolean().optional(),
  inboundFilenameRegex: z
    .string()
    .max(2000)
    .nullable()
    .optional()
    .describe(
      'Naming rule for inbound files (RE2 syntax, matched case-insensitively): group 1 = OMG job ' +
        'number, group 2 = deliverable slug, optional group 3 = version. Null or blank = the ' +
        'default; left out = unchanged. Invalid patterns, patterns using backreferences or ' +
        'lookaround, and patterns with fewer than two groups are refused (400).',
    ),
  stages: z.array(stageIn).min(1, 'a pipeline needs at least one stage').max(40),
  reworks: z
    .array(z.strictObject({ from: z.string().min(1), to: z.string().min(1) }))
    .max(200)
    .default([]),
});
export type PipelineInput = z.infer<typeof pipelineIn>;

export const stageOut = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  order: z.number().int(),
  color: z.string().nullable(),
  estimatedDays: z.number().nullable(),
  approvalType: approvalTypeSchema,
  isOptional: z.boolean(),
  isCriticalGate: z.boolean(),
  description: z.string().nullable(),
  customStatuses: z.array(z.string()),
  prerequisites: z.array(z.string()),
});

export const pipelineOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  isDefault: z.boolean(),
  isArchived: z.boolean(),
  inboundFilenameRegex: z.string().nullable(),
  projectCount: z.number().int(),
  stages: z.array(stageOut),
  reworks: z.array(z.object({ fromStageId: z.string(), toStageId: z.string() })),
});

export const pipelineSummaryOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  isDefault: z.boolean(),
  isArchived: z.boolean(),
  stageCount: z.number().int(),
  projectCount: z.number().int(),
  createdAt: z.string(),
});
