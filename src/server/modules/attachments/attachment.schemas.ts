import { z } from 'zod';
import { ATTACHMENT_KINDS } from '../../db/schema';

export const attachmentTitle = z.string().trim().min(1, 'is required').max(200);
export const stageDefinitionIdIn = z
  .string()
  .min(1)
  .max(64)
  .describe('A pipeline stage definition of this deliverable (omit for the whole deliverable)');

export const linkCreate = z.strictObject({
  title: attachmentTitle,
  url: z
    .string()
    .trim()
    .max(2000)
    .pipe(z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })),
  stageDefinitionId: stageDefinitionIdIn.nullable().optional(),
});
export type LinkCreate = z.infer<typeof linkCreate>;

/** The text fields of the multipart upload (the file part is handled as a stream). */
export const uploadFields = z.strictObject({
  title: attachmentTitle.optional(),
  stageDefinitionId: stageDefinitionIdIn.optional(),
});
export type UploadFields = z.infer<typeof uploadFields>;

export const attachmentOut = z.object({
  id: z.string(),
  kind: z.enum(ATTACHMENT_KINDS),
  title: z.string(),
  url: z
    .string()
    .describe('For files the app URL that serves the bytes; for links the external URL'),
  mimeType: z.string().nullable(),
  fileSize: z.number().int().nullable(),
  stageDefinitionId: z.string().nullable(),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
});
export type AttachmentOut = z.infer<typeof attachmentOut>;
