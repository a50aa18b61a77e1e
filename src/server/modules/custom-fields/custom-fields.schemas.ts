import { z } from 'zod';
import {
  CUSTOM_FIELD_NAME_MAX,
  CUSTOM_FIELD_NAME_PATTERN,
  CUSTOM_FIELD_OPTION_MAX,
  CUSTOM_FIELD_TYPE_NAMES,
} from '../../../domain/custom-fields';

export const entityTypeSchema = z.enum(['PROJECT', 'DELIVERABLE']);
export type EntityType = z.infer<typeof entityTypeSchema>;
export const fieldTypeSchema = z.enum(CUSTOM_FIELD_TYPE_NAMES);

export const fieldNameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(CUSTOM_FIELD_NAME_MAX, `must be at most ${CUSTOM_FIELD_NAME_MAX} characters`)
  .regex(CUSTOM_FIELD_NAME_PATTERN, 'may use letters, digits, spaces, hyphens and underscores');

export const optionsSchema = z
  .array(z.string().trim().min(1, 'an option cannot be empty').max(CUSTOM_FIELD_OPTION_MAX))
  .max(100)
  .superRefine((options, ctx) => {
    const seen = new Set<string>();
    for (const [i, o] of options.entries()) {
      if (seen.has(o))
        ctx.addIssue({ code: 'custom', path: [i], message: `"${o}" is listed twice` });
      seen.add(o);
    }
  })
  .describe('The choices of a SELECT field, in display order');

const orderSchema = z.number().int().min(0).max(10_000);

export const customFieldCreateIn = z
  .strictObject({
    entityType: entityTypeSchema,
    fieldName: fieldNameSchema,
    fieldType: fieldTypeSchema,
    options: optionsSchema.optional(),
    isRequired: z.boolean().optional(),
    order: orderSchema.optional().describe('Position in forms; default: after the last field'),
  })
  .superRefine((v, ctx) => {
    if (v.fieldType === 'SELECT' && !v.options?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'a SELECT field needs at least one option',
      });
    }
    if (v.fieldType !== 'SELECT' && v.options !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'only SELECT fields have options',
      });
    }
  });
export type CustomFieldCreateInput = z.infer<typeof customFieldCreateIn>;

export const customFieldUpdateIn = z.strictObject({
  fieldName: fieldNameSchema.optional().describe('Renaming rewrites the key in every stored row'),
  options: optionsSchema
    .optional()
    .describe('SELECT only; removing an option that rows use is refused (409)'),
  isRequired: z.boolean().optional(),
  order: orderSchema.optional(),
  fieldType: fieldTypeSchema
    .optional()
    .describe('Cannot change: accepted only when equal to the current type'),
  entityType: entityTypeSchema
    .optional()
    .describe('Cannot change: accepted only when equal to the current entity type'),
});
export type CustomFieldUpdateInput = z.infer<typeof customFieldUpdateIn>;

export const customFieldListQuery = z.object({
  entityType: entityTypeSchema.optional().describe('Only the fields of this entity type'),
});

export const customFieldOut = z.object({
  id: z.string(),
  entityType: entityTypeSchema,
  fieldName: z.string(),
  fieldType: fieldTypeSchema,
  options: z.array(z.string()).describe('The choices of a SELECT field; empty for other types'),
  isRequired: z.boolean(),
  order: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CustomFieldOut = z.infer<typeof customFieldOut>;
