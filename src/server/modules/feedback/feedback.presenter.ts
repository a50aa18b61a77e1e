import { z } from 'zod';
import {
  allowedFeedbackMoves,
  FEEDBACK_STATUSES,
  type FeedbackStatus,
} from '../../../domain/feedback';
import { formatRevisionLabel } from '../../../domain/version-chain';
import { can, type Caller } from '../../caller';
import { iso } from '../../http/schemas';
import type { PresentableRow } from './feedback.repository';

const person = z.object({ id: z.string(), name: z.string() });

export const feedbackItemOut = z.object({
  id: z.string(),
  stageId: z.string(),
  revisionId: z.string(),
  revisionLabel: z.string().describe('The revision the item is on (V0.2, V1 …)'),
  commentId: z.string().nullable(),
  annotationId: z.string().nullable(),
  summary: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  sortOrder: z.number().int(),
  assignee: person.nullable(),
  createdBy: person.nullable(),
  createdAt: z.string(),
  resolvedBy: person.nullable(),
  resolvedAt: z.string().nullable(),
  resolutionNote: z
    .string()
    .nullable()
    .describe('The note of the latest resolution (kept when the item is reopened)'),
  verifiedBy: person.nullable(),
  verifiedAt: z.string().nullable(),
  carriedFromId: z.string().nullable().describe('The item on an earlier revision this continues'),
  carriedFrom: z
    .object({ revisionId: z.string(), revisionLabel: z.string() })
    .nullable()
    .describe('Where it was carried from, for "carried from V0.2"'),
  carriedToId: z
    .string()
    .nullable()
    .describe('Set once the item was carried to a newer revision: it is then read-only'),
  allowedMoves: z
    .array(z.enum(FEEDBACK_STATUSES))
    .describe('Statuses you may move the item to now'),
});

export type FeedbackItemOut = z.infer<typeof feedbackItemOut>;

const named = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

export function presentFeedbackItem(row: PresentableRow, caller: Caller): FeedbackItemOut {
  const i = row.item;
  const status = i.status as FeedbackStatus;
  return {
    id: i.id,
    stageId: i.deliverableStageId,
    revisionId: i.revisionId,
    revisionLabel: formatRevisionLabel(row.revision),
    commentId: i.commentId,
    annotationId: i.annotationId,
    summary: i.summary,
    status,
    sortOrder: i.sortOrder,
    assignee: named(i.assignedToId, row.assigneeName),
    createdBy: named(i.createdById, row.creatorName),
    createdAt: i.createdAt.toISOString(),
    resolvedBy: named(i.resolvedById, row.resolverName),
    resolvedAt: iso(i.resolvedAt),
    resolutionNote: i.resolutionNote,
    verifiedBy: named(i.verifiedById, row.verifierName),
    verifiedAt: iso(i.verifiedAt),
    carriedFromId: i.carriedFromId,
    carriedFrom:
      row.source?.revisionId && row.source.major !== null
        ? {
            revisionId: row.source.revisionId,
            revisionLabel: formatRevisionLabel({
              major: row.source.major,
              minor: row.source.minor!,
              sentToClient: row.source.sentToClient!,
            }),
          }
        : null,
    carriedToId: row.carriedToId,
    // A superseded copy is history: its moves happen on the newer copy.
    allowedMoves: row.carriedToId
      ? []
      : allowedFeedbackMoves(status, {
          canReview: can(caller, 'REVISION_REVIEW'),
          isAssignee: i.assignedToId === caller.userId,
        }),
  };
}
