import { z } from 'zod';
import { BRIEF_STATUSES } from '../../../domain/brief-status';
import { PRIORITIES } from '../../db/schema';
import { isoDate } from '../../http/schemas';

const dateIn = z.iso.datetime({ offset: true }).or(z.iso.date());

/** The brief fields an intake system (or a person) may send; everything else is kept raw. */
export const briefFields = {
  title: z.string().trim().min(1, 'is required').max(300),
  description: z.string().max(20_000).nullable().optional(),
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .nullable()
    .optional()
    .describe('Your id for the brief: a second brief with the same externalId is not created'),
  requestorName: z.string().trim().max(200).nullable().optional(),
  requestorEmail: z.email().max(320).nullable().optional(),
  priority: z.enum(PRIORITIES).optional(),
  requestedDueDate: dateIn.nullable().optional(),
  clientTeamId: z.string().min(1).max(64).nullable().optional(),
};
export const BRIEF_FIELD_NAMES = Object.keys(briefFields) as (keyof typeof briefFields)[];

export const briefInput = z.object(briefFields);
export type BriefInput = z.infer<typeof briefInput>;

/** POST /api/briefs: the fields above; unknown members are kept in rawPayload. */
export const briefCreateBody = z.looseObject(briefFields);

export const briefPatchBody = z.strictObject(briefFields).omit({ externalId: true }).partial();
export type BriefPatch = z.infer<typeof briefPatchBody>;

export const briefStatusBody = z.strictObject({
  status: z.enum(BRIEF_STATUSES),
  note: z.string().trim().max(2000).nullable().optional(),
});

export const briefConvertBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional().describe("Defaults to the brief's title"),
  projectCode: z.string().trim().min(1, 'is required').max(60),
  omgJobNumber: z
    .string()
    .trim()
    .regex(/^\d{1,20}$/, 'digits only')
    .nullable()
    .optional(),
  pipelineTemplateId: z.string().min(1).nullable().optional(),
  clientTeamId: z.string().min(1).nullable().optional(),
  dueDate: dateIn.nullable().optional(),
  customFields: z.record(z.string(), z.unknown()).optional(),
});
export type BriefConvertInput = z.infer<typeof briefConvertBody>;

export const briefListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size (max 200)'),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  status: z.enum(BRIEF_STATUSES).optional(),
  q: z.string().trim().max(100).optional().describe('Title, requestor or external id contains'),
  projectId: z.string().max(64).optional().describe('Briefs converted into this project'),
});
export type BriefListQuery = z.infer<typeof briefListQuery>;

export const briefOut = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  source: z.string().describe('"manual", "api" or "webhook:<endpoint>"'),
  externalId: z.string().nullable(),
  requestorName: z.string().nullable(),
  requestorEmail: z.string().nullable(),
  status: z.enum(BRIEF_STATUSES),
  priority: z.enum(PRIORITIES),
  requestedDueDate: isoDate.nullable(),
  clientTeam: z.object({ id: z.string(), name: z.string() }).nullable(),
  convertedProject: z
    .object({ id: z.string(), name: z.string(), projectCode: z.string() })
    .nullable(),
  rawPayload: z.unknown().describe('Members of the incoming payload that were not mapped'),
  nextStatuses: z.array(z.enum(BRIEF_STATUSES)).describe('Moves a person may make now'),
  receivedAt: isoDate,
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const briefHistoryOut = z.object({
  id: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  note: z.string().nullable(),
  actor: z.string().nullable().describe('A person, "API key <name>", or null for a webhook'),
  createdAt: isoDate,
});

export const briefDetailOut = briefOut.extend({ history: z.array(briefHistoryOut) });

export const briefCountsOut = z.object({
  counts: z.record(z.enum(BRIEF_STATUSES), z.number().int()),
  total: z.number().int(),
});

export const briefWebhookOut = z.object({
  id: z.string(),
  status: z.enum(BRIEF_STATUSES),
  externalId: z.string().nullable(),
  created: z.boolean().describe('false when a brief with this externalId already existed'),
});

/** Names intake systems commonly use for our fields (webhook payloads only). */
const ALIASES: Record<string, keyof typeof briefFields> = {
  id: 'externalId',
  name: 'title',
  subject: 'title',
  external_id: 'externalId',
  requestor_name: 'requestorName',
  requestor_email: 'requestorEmail',
  requested_due_date: 'requestedDueDate',
  dueDate: 'requestedDueDate',
  due_date: 'requestedDueDate',
  client_team_id: 'clientTeamId',
};

/**
 * Splits an incoming object into our brief fields and the rest (kept raw, null when nothing is
 * left). Webhooks may wrap the brief in a Standard Webhooks envelope `{type, timestamp, data}`;
 * the brief is `data` then, and the envelope's other members count as unmapped.
 */
export function splitBriefPayload(
  payload: Record<string, unknown>,
  opts: { aliases: boolean; envelope: boolean },
): { fields: Record<string, unknown>; raw: Record<string, unknown> | null } {
  let source = payload;
  const raw: Record<string, unknown> = {};
  if (
    opts.envelope &&
    payload.data &&
    typeof payload.data === 'object' &&
    !Array.isArray(payload.data)
  ) {
    source = payload.data as Record<string, unknown>;
    for (const [k, v] of Object.entries(payload)) if (k !== 'data') raw[k] = v;
  }
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source)) {
    const name = (BRIEF_FIELD_NAMES as string[]).includes(k)
      ? k
      : opts.aliases
        ? ALIASES[k]
        : undefined;
    if (name && !(name in fields)) fields[name] = v;
    else raw[k] = v;
  }
  if (opts.aliases && typeof fields.priority === 'string')
    fields.priority = fields.priority.toUpperCase();
  if (opts.aliases && typeof fields.externalId === 'number')
    fields.externalId = String(fields.externalId);
  return { fields, raw: Object.keys(raw).length > 0 ? raw : null };
}
