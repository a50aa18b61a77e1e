/**
 * PostgreSQL enums of the prodtrack data model.
 *
 * Every enum of the founding document (the predecessor's Prisma schema) is kept with
 * all of its values; the enums added by prodtrack are marked below. Each pg enum has
 * a matching TS const array (`X_VALUES`) and a union type for use outside the DB layer.
 */
import { pgEnum } from 'drizzle-orm/pg-core';

// ─── Founding enums ─────────────────────────────────────

export const role = pgEnum('role', ['ADMIN', 'PRODUCER', 'ARTIST', 'CLIENT_VIEWER']);
export const ROLES = role.enumValues;
export type Role = (typeof ROLES)[number];

export const projectStatus = pgEnum('project_status', [
  'PIPELINE',
  'ACTIVE',
  'ON_HOLD',
  'COMPLETED',
  'CANCELED',
  'ARCHIVED',
]);
export const PROJECT_STATUSES = projectStatus.enumValues;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const briefStatus = pgEnum('brief_status', [
  'PENDING', // just arrived
  'REVIEWING', // producer is triaging
  'ACCEPTED', // approved but not yet a project
  'REJECTED', // declined
  'CONVERTED', // promoted to a project (see briefs.converted_project_id)
  'ARCHIVED',
]);
export const BRIEF_STATUSES = briefStatus.enumValues;
export type BriefStatus = (typeof BRIEF_STATUSES)[number];

export const priority = pgEnum('priority', ['LOW', 'MEDIUM', 'HIGH', 'URGENT']);
export const PRIORITIES = priority.enumValues;
export type Priority = (typeof PRIORITIES)[number];

export const deliverableStatus = pgEnum('deliverable_status', [
  'NOT_STARTED',
  'IN_PROGRESS',
  'IN_REVIEW',
  'APPROVED',
  'ON_HOLD',
]);
export const DELIVERABLE_STATUSES = deliverableStatus.enumValues;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

export const stageStatus = pgEnum('stage_status', [
  'BLOCKED',
  'NOT_STARTED',
  'IN_PROGRESS',
  'IN_REVIEW',
  'CHANGES_REQUESTED',
  'APPROVED',
  'DELIVERED',
  'SKIPPED',
]);
export const STAGE_STATUSES = stageStatus.enumValues;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export const revisionStatus = pgEnum('revision_status', [
  'SUBMITTED',
  'IN_REVIEW',
  'CHANGES_REQUESTED',
  'APPROVED',
]);
export const REVISION_STATUSES = revisionStatus.enumValues;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

export const notificationType = pgEnum('notification_type', [
  'ASSIGNMENT',
  'STATUS_CHANGE',
  'REVISION_SUBMITTED',
  'REVISION_FEEDBACK',
  'COMMENT',
  'DEADLINE_APPROACHING',
  'DEADLINE_OVERDUE',
  'STAGE_UNBLOCKED',
  'BOX_UNMATCHED_FILE',
  'NEW_FILE_AWAITING_REVIEWER',
]);
export const NOTIFICATION_TYPES = notificationType.enumValues;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const boxPushStatus = pgEnum('box_push_status', ['PENDING', 'SUCCESS', 'FAILED']);
export const BOX_PUSH_STATUSES = boxPushStatus.enumValues;
export type BoxPushStatus = (typeof BOX_PUSH_STATUSES)[number];

export const boxInboundStatus = pgEnum('box_inbound_status', ['MATCHED', 'UNMATCHED', 'ERROR']);
export const BOX_INBOUND_STATUSES = boxInboundStatus.enumValues;
export type BoxInboundStatus = (typeof BOX_INBOUND_STATUSES)[number];

export const assignmentRole = pgEnum('assignment_role', ['LEAD', 'SUPPORT']);
export const ASSIGNMENT_ROLES = assignmentRole.enumValues;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export const skillLevel = pgEnum('skill_level', ['JUNIOR', 'INTERMEDIATE', 'SENIOR', 'LEAD']);
export const SKILL_LEVELS = skillLevel.enumValues;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export const executionStatus = pgEnum('execution_status', [
  'SUCCESS',
  'PARTIAL_FAILURE',
  'FAILURE',
]);
export const EXECUTION_STATUSES = executionStatus.enumValues;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/**
 * The founding document's 27 permissions, followed by the six prodtrack adds for
 * actions the founding document leaves implicit (see API.md, "Permissions").
 */
export const permission = pgEnum('permission', [
  'PROJECT_CREATE',
  'PROJECT_UPDATE',
  'PROJECT_DELETE',
  'PROJECT_VIEW',
  'DELIVERABLE_VIEW',
  'DELIVERABLE_CREATE',
  'DELIVERABLE_UPDATE',
  'DELIVERABLE_DELETE',
  'STAGE_VIEW',
  'STAGE_UPDATE',
  'STAGE_UPDATE_STATUS',
  'STAGE_ASSIGN',
  'STAGE_SCHEDULE',
  'REVISION_CREATE',
  'REVISION_UPDATE',
  'REVISION_REVIEW',
  'COMMENT_CREATE',
  'COMMENT_DELETE',
  'COMMENT_DELETE_ANY',
  'PIPELINE_MANAGE',
  'USER_MANAGE',
  'ROLE_MANAGE',
  'ORG_SETTINGS',
  'AUTOMATION_MANAGE',
  'FIELD_CUSTOMIZE',
  'CLIENT_TEAM_MANAGE',
  'POD_MANAGE',
  // added by prodtrack
  'REVISION_SEND',
  'INBOUND_MANAGE',
  'API_KEY_MANAGE',
  'BRIEF_MANAGE',
  'REVIEW_SESSION_MANAGE',
  'INTEGRATION_MANAGE',
]);
export const PERMISSIONS = permission.enumValues;
export type Permission = (typeof PERMISSIONS)[number];

export const annotationType = pgEnum('annotation_type', [
  'RECTANGLE',
  'ELLIPSE',
  'ARROW',
  'FREEHAND',
  'TEXT',
  'PIN',
  'SCREENSHOT',
]);
export const ANNOTATION_TYPES = annotationType.enumValues;
export type AnnotationType = (typeof ANNOTATION_TYPES)[number];

export const approvalType = pgEnum('approval_type', ['NONE', 'SIMPLE', 'FORMAL']);
export const APPROVAL_TYPES = approvalType.enumValues;
export type ApprovalType = (typeof APPROVAL_TYPES)[number];

export const feedbackStatus = pgEnum('feedback_status', [
  'OPEN',
  'IN_PROGRESS',
  'RESOLVED',
  'VERIFIED',
  'REOPENED',
]);
export const FEEDBACK_STATUSES = feedbackStatus.enumValues;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const reviewSessionStatus = pgEnum('review_session_status', [
  'DRAFT',
  'IN_PROGRESS',
  'COMPLETED',
]);
export const REVIEW_SESSION_STATUSES = reviewSessionStatus.enumValues;
export type ReviewSessionStatus = (typeof REVIEW_SESSION_STATUSES)[number];

/**
 * The founding HoldingPenSource enum, reused as the channel of every inbound file
 * (holding_pen_files.source and inbound_logs.channel).
 */
export const inboundSource = pgEnum('inbound_source', ['MANUAL', 'API', 'BOX']);
export const INBOUND_SOURCES = inboundSource.enumValues;
export type InboundSource = (typeof INBOUND_SOURCES)[number];
/** Founding name of the same values. */
export const HOLDING_PEN_SOURCES = INBOUND_SOURCES;
export type HoldingPenSource = InboundSource;
/** The inbound log's name for the same values. */
export const INBOUND_CHANNELS = INBOUND_SOURCES;
export type InboundChannel = InboundSource;

/** Founding CustomFieldDefinition.entityType (a string there). */
export const customFieldEntity = pgEnum('custom_field_entity', ['PROJECT', 'DELIVERABLE']);
export const CUSTOM_FIELD_ENTITIES = customFieldEntity.enumValues;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];

/** Founding CustomFieldDefinition.fieldType (a string there). */
export const customFieldType = pgEnum('custom_field_type', [
  'TEXT',
  'NUMBER',
  'DATE',
  'SELECT',
  'BOOLEAN',
]);
export const CUSTOM_FIELD_TYPES = customFieldType.enumValues;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

// ─── Added by prodtrack ─────────────────────────────────

/** What became of an inbound file (any channel). */
export const inboundOutcome = pgEnum('inbound_outcome', ['REVISION', 'HELD', 'UNMATCHED', 'ERROR']);
export const INBOUND_OUTCOMES = inboundOutcome.enumValues;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

/** A formal approval decision on a revision of a stage. */
export const approvalDecision = pgEnum('approval_decision', ['APPROVED', 'CHANGES_REQUESTED']);
export const APPROVAL_DECISIONS = approvalDecision.enumValues;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** INTERNAL comments are never shown to client viewers; CLIENT comments are. */
export const commentVisibility = pgEnum('comment_visibility', ['INTERNAL', 'CLIENT']);
export const COMMENT_VISIBILITIES = commentVisibility.enumValues;
export type CommentVisibility = (typeof COMMENT_VISIBILITIES)[number];

// ─── Text-column value sets (not pg enums) ──────────────

export const STATUS_HISTORY_ENTITY_TYPES = [
  'DELIVERABLE',
  'STAGE',
  'REVISION',
  'PROJECT',
  'BRIEF',
] as const;
export type StatusHistoryEntityType = (typeof STATUS_HISTORY_ENTITY_TYPES)[number];

export const IDEMPOTENCY_STATES = ['IN_FLIGHT', 'DONE'] as const;
export type IdempotencyState = (typeof IDEMPOTENCY_STATES)[number];

export const WEBHOOK_ENDPOINT_KINDS = ['BRIEFS'] as const;
export type WebhookEndpointKind = (typeof WEBHOOK_ENDPOINT_KINDS)[number];

export const ATTACHMENT_KINDS = ['file', 'link'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const CHAT_MESSAGE_ROLES = ['user', 'assistant', 'system'] as const;
export type ChatMessageRole = (typeof CHAT_MESSAGE_ROLES)[number];
