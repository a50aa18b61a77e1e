import { z } from 'zod';
import { PROJECT_STATUSES } from '../../db/schema';
import { errorSchema } from '../../http/schemas';

const action = z.enum(['create', 'update', 'unchanged']);

export const rowErrorOut = z.object({
  row: z.number().int().describe('1-based sheet row'),
  column: z.string().nullable().describe('Column letter, when one column is at fault'),
  header: z.string().nullable(),
  message: z.string(),
});

const counts = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
});

export const planOut = z.object({
  counts: z.object({
    rows: z.number().int(),
    errorRows: z.number().int(),
    errors: z.number().int(),
    projects: counts,
    deliverables: counts,
  }),
  errors: z.array(rowErrorOut),
  projects: z.array(
    z.object({
      omgJobNumber: z.string(),
      action,
      id: z.string().nullable(),
      name: z.string(),
      projectCode: z.string(),
      row: z.number().int(),
      rows: z.array(z.number().int()),
      changes: z.array(z.string()).describe('Labels of the columns whose values change'),
    }),
  ),
  rows: z.array(
    z.object({
      row: z.number().int(),
      omgJobNumber: z.string().nullable(),
      project: action.nullable(),
      deliverable: z
        .object({
          action,
          id: z.string().nullable(),
          name: z.string(),
          slug: z.string(),
          changes: z.array(z.string()),
        })
        .nullable()
        .describe('Null: a project-only row'),
      errors: z.array(rowErrorOut),
    }),
  ),
});

const mappingOut = z
  .record(z.string(), z.string().nullable())
  .describe('Column letter → field key (null: ignored)');

export const previewOut = z.object({
  fileName: z.string(),
  sheet: z.object({
    name: z.string(),
    headerRow: z.number().int(),
    dataRows: z.number().int(),
  }),
  columns: z.array(
    z.object({ column: z.string(), header: z.string(), samples: z.array(z.string()) }),
  ),
  fields: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      entity: z.enum(['project', 'deliverable']),
      hint: z.string().nullable(),
    }),
  ),
  suggestedMapping: mappingOut,
  mapping: mappingOut.describe('The mapping in effect: the suggestion with your overrides'),
  mappingProblems: z.array(z.object({ column: z.string().nullable(), message: z.string() })),
  plan: planOut.nullable().describe('Null while the mapping has problems'),
});

export const applyOut = previewOut.extend({
  ok: z.literal(true),
  result: z.object({
    projects: z.array(
      z.object({ omgJobNumber: z.string(), id: z.string(), name: z.string(), action }),
    ),
    rows: z.array(
      z.object({
        row: z.number().int(),
        projectId: z.string(),
        deliverableId: z.string().nullable(),
        action: action.nullable(),
      }),
    ),
  }),
});

export const applyRejectedOut = previewOut.extend({
  ok: z.literal(false),
  result: z.null(),
  error: errorSchema.shape.error,
});

export const exportQuery = z.object({
  status: z.enum(PROJECT_STATUSES).optional(),
  clientTeamId: z.string().max(64).optional(),
  q: z.string().trim().max(100).optional(),
});

/** OpenAPI-only description of the multipart body (the parts are read as a stream). */
export const uploadBodyDoc = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'The .xlsx workbook (at most 5 MB)' },
    mapping: {
      type: 'string',
      description:
        'Optional JSON object: column letter → field key, or null to ignore the column ' +
        '(e.g. `{"A":"project.omgJobNumber","D":null}`). Columns left out keep the suggestion.',
    },
  },
} as const;
