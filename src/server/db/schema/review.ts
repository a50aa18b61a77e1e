/** Review: comments, visual annotations, feedback items, review sessions and formal approvals. */
import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAtColumn, idColumn, tstz, updatedAtColumn } from './columns';
import { deliverableStages } from './deliverables';
import {
  annotationType,
  approvalDecision,
  commentVisibility,
  feedbackStatus,
  reviewSessionStatus,
} from './enums';
import { organizations } from './organizations';
import { revisions } from './revisions';

export const comments = pgTable(
  'comments',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    content: text('content').notNull(),
    deliverableStageId: text('deliverable_stage_id')
      .notNull()
      .references(() => deliverableStages.id, { onDelete: 'cascade' }),
    /** The revision the comment is about, if any. */
    revisionId: text('revision_id').references((): AnyPgColumn => revisions.id, {
      onDelete: 'set null',
    }),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    parentId: text('parent_id').references((): AnyPgColumn => comments.id, {
      onDelete: 'set null',
    }),
    /** INTERNAL comments are never shown to client viewers. */
    visibility: commentVisibility('visibility').notNull().default('INTERNAL'),
    /** When a client comment was released to the artists (null = not released yet). */
    releasedAt: tstz('released_at'),
    releasedById: text('released_by_id').references((): AnyPgColumn => users.id, {
      onDelete: 'set null',
    }),
    editedAt: tstz('edited_at'),
    /** Soft delete. */
    deletedAt: tstz('deleted_at'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index('comments_deliverable_stage_id_idx').on(t.deliverableStageId),
    index('comments_parent_id_idx').on(t.parentId),
    index('comments_organization_id_idx').on(t.organizationId),
    index('comments_revision_id_idx').on(t.revisionId),
    index('comments_author_id_idx').on(t.authorId),
    index('comments_released_by_id_idx').on(t.releasedById),
  ],
);

export const annotations = pgTable(
  'annotations',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    commentId: text('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    revisionId: text('revision_id')
      .notNull()
      .references(() => revisions.id, { onDelete: 'cascade' }),
    type: annotationType('type').notNull(),
    /** Shape geometry / drawing data (per annotation type). */
    data: jsonb('data').notNull(),
    imageX: doublePrecision('image_x').notNull(),
    imageY: doublePrecision('image_y').notNull(),
    /** Null for image annotations; the moment in the video otherwise. */
    timestampSeconds: doublePrecision('timestamp_seconds'),
    frameThumbnailUrl: text('frame_thumbnail_url'),
    createdById: text('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index('annotations_comment_id_idx').on(t.commentId),
    index('annotations_revision_id_idx').on(t.revisionId),
    index('annotations_revision_id_timestamp_seconds_idx').on(t.revisionId, t.timestampSeconds),
    index('annotations_organization_id_idx').on(t.organizationId),
    index('annotations_created_by_id_idx').on(t.createdById),
  ],
);

export const feedbackItems = pgTable(
  'feedback_items',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    deliverableStageId: text('deliverable_stage_id')
      .notNull()
      .references(() => deliverableStages.id, { onDelete: 'cascade' }),
    revisionId: text('revision_id')
      .notNull()
      .references(() => revisions.id, { onDelete: 'cascade' }),
    annotationId: text('annotation_id').references(() => annotations.id, {
      onDelete: 'set null',
    }),
    commentId: text('comment_id').references(() => comments.id, { onDelete: 'set null' }),
    summary: text('summary').notNull(),
    isActionItem: boolean('is_action_item').notNull().default(true),
    status: feedbackStatus('status').notNull().default('OPEN'),
    sortOrder: integer('sort_order').notNull().default(0),
    assignedToId: text('assigned_to_id').references(() => users.id, { onDelete: 'set null' }),
    createdById: text('created_by_id')
      .notNull()
      .references(() => users.id),
    resolvedById: text('resolved_by_id').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: tstz('resolved_at'),
    resolutionNote: text('resolution_note'),
    verifiedById: text('verified_by_id').references(() => users.id, { onDelete: 'set null' }),
    verifiedAt: tstz('verified_at'),
    carriedFromId: text('carried_from_id').references((): AnyPgColumn => feedbackItems.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index('feedback_items_deliverable_stage_id_idx').on(t.deliverableStageId),
    index('feedback_items_revision_id_idx').on(t.revisionId),
    index('feedback_items_assigned_to_id_idx').on(t.assignedToId),
    index('feedback_items_status_idx').on(t.status),
    index('feedback_items_organization_id_idx').on(t.organizationId),
    index('feedback_items_annotation_id_idx').on(t.annotationId),
    index('feedback_items_comment_id_idx').on(t.commentId),
    index('feedback_items_created_by_id_idx').on(t.createdById),
    index('feedback_items_resolved_by_id_idx').on(t.resolvedById),
    index('feedback_items_verified_by_id_idx').on(t.verifiedById),
    index('feedback_items_carried_from_id_idx').on(t.carriedFromId),
  ],
);

/** Batch review / approval sessions. */
export const reviewSessions = pgTable(
  'review_sessions',
  {
    id: idColumn(),
    name: text('name').notNull(),
    description: text('description'),
    status: reviewSessionStatus('status').notNull().default('DRAFT'),
    createdById: text('created_by_id')
      .notNull()
      .references(() => users.id),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index('review_sessions_organization_id_idx').on(t.organizationId),
    index('review_sessions_status_idx').on(t.status),
    index('review_sessions_created_by_id_idx').on(t.createdById),
  ],
);

export const reviewSessionItems = pgTable(
  'review_session_items',
  {
    id: idColumn(),
    sessionId: text('session_id')
      .notNull()
      .references(() => reviewSessions.id, { onDelete: 'cascade' }),
    deliverableStageId: text('deliverable_stage_id').notNull(),
    revisionId: text('revision_id').references(() => revisions.id, { onDelete: 'set null' }),
    sortOrder: integer('sort_order').notNull(),
    decision: text('decision'),
    decisionNote: text('decision_note'),
    decidedById: text('decided_by_id').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: tstz('decided_at'),
  },
  (t) => [
    // explicit FK name: the generated one exceeds PostgreSQL's 63-character limit
    foreignKey({
      name: 'review_session_items_deliverable_stage_id_fk',
      columns: [t.deliverableStageId],
      foreignColumns: [deliverableStages.id],
    }),
    index('review_session_items_session_id_idx').on(t.sessionId),
    index('review_session_items_deliverable_stage_id_idx').on(t.deliverableStageId),
    index('review_session_items_revision_id_idx').on(t.revisionId),
    index('review_session_items_decided_by_id_idx').on(t.decidedById),
  ],
);

/** Formal approval decisions (stages whose approval type is FORMAL), internal or by the client. */
export const approvalDecisions = pgTable(
  'approval_decisions',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    deliverableStageId: text('deliverable_stage_id').notNull(),
    revisionId: text('revision_id')
      .notNull()
      .references(() => revisions.id, { onDelete: 'cascade' }),
    decision: approvalDecision('decision').notNull(),
    note: text('note'),
    decidedById: text('decided_by_id')
      .notNull()
      .references(() => users.id),
    isClientDecision: boolean('is_client_decision').notNull().default(false),
    createdAt: createdAtColumn(),
  },
  (t) => [
    // explicit FK name: the generated one exceeds PostgreSQL's 63-character limit
    foreignKey({
      name: 'approval_decisions_deliverable_stage_id_fk',
      columns: [t.deliverableStageId],
      foreignColumns: [deliverableStages.id],
    }).onDelete('cascade'),
    index('approval_decisions_organization_id_idx').on(t.organizationId),
    index('approval_decisions_deliverable_stage_id_created_at_idx').on(
      t.deliverableStageId,
      t.createdAt,
    ),
    index('approval_decisions_revision_id_idx').on(t.revisionId),
    index('approval_decisions_decided_by_id_idx').on(t.decidedById),
  ],
);
