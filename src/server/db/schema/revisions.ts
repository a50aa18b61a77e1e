/**
 * Revisions (the per-stage version chain) and the holding pen.
 *
 * Versioning: `major` starts at 0 and bumps on each "send to client"; `minor` counts
 * internal iterations within the current major and resets to 0 on send. A revision with
 * sent_to_client and minor = 0 is a client-visible V{major}; otherwise it is an internal
 * V{major}.{minor}. One asset (image or video) per revision.
 */
import { boolean, index, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, tstz, updatedAtColumn } from './columns';
import { inboundSource, revisionStatus } from './enums';
import { deliverableStages, deliverables } from './deliverables';
import { users } from './auth';
import { organizations } from './organizations';

export type AssetKind = 'image' | 'video';
export type AssetProcessingState = 'pending' | 'running' | 'done' | 'failed';

export interface AssetProcessing {
  state: AssetProcessingState;
  /** 0..100 */
  progress: number;
  error?: string;
  /** The run that owns the work: a stale or superseded run cannot write its results. */
  runId?: string;
  /** Last sign of life of the running job (ISO); a stale one is taken over. */
  heartbeatAt?: string;
}

export type RenditionName = 'preview' | 'thumbnail' | 'poster' | 'hls';

/** A derived file; for `hls` the key is a folder holding master.m3u8 and its segments. */
export interface StoredRendition {
  key: string;
  mimeType: string;
}

/** The single stored asset of a revision or held file. */
export interface RevisionAsset {
  kind: AssetKind;
  /** Storage key of the original file (never a public path). */
  key: string;
  mimeType: string;
  size: number;
  width?: number;
  height?: number;
  durationSeconds?: number;
  /** Frames per second (videos). */
  fps?: number;
  /** Derived files by name (preview, thumbnail, poster, hls) → where they are stored. */
  renditions?: Partial<Record<RenditionName, StoredRendition>>;
  processing: AssetProcessing;
}

export const revisions = pgTable(
  'revisions',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    status: revisionStatus('status').notNull().default('SUBMITTED'),
    feedbackNotes: text('feedback_notes'),
    internalNotes: text('internal_notes'),
    major: integer('major').notNull().default(0),
    minor: integer('minor').notNull().default(1),
    sentToClient: boolean('sent_to_client').notNull().default(false),
    sentAt: tstz('sent_at'),
    /** Null while the row exists but nothing has been uploaded yet. */
    asset: jsonb('asset').$type<RevisionAsset>(),
    /** The uploaded file's name, for people (never used as a storage path). */
    fileName: text('file_name'),
    createdById: text('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    deliverableStageId: text('deliverable_stage_id')
      .notNull()
      .references(() => deliverableStages.id, { onDelete: 'cascade' }),
    /** Box folder the asset was pushed to (outbound), if any. */
    boxFolderId: text('box_folder_id'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    unique('revisions_deliverable_stage_id_major_minor_unique').on(
      t.deliverableStageId,
      t.major,
      t.minor,
    ),
    index('revisions_deliverable_stage_id_idx').on(t.deliverableStageId),
    index('revisions_organization_id_idx').on(t.organizationId),
  ],
);

/**
 * Files that arrived (any channel) for a deliverable that is IN_REVIEW. They wait here
 * until a producer promotes one (next minor on the chosen stage) or discards it.
 */
export const holdingPenFiles = pgTable(
  'holding_pen_files',
  {
    id: idColumn(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    deliverableId: text('deliverable_id')
      .notNull()
      .references(() => deliverables.id, { onDelete: 'cascade' }),
    /** Best-guess stage at intake; the producer can override on promote. */
    suggestedStageId: text('suggested_stage_id').references(() => deliverableStages.id, {
      onDelete: 'set null',
    }),
    fileName: text('file_name').notNull(),
    asset: jsonb('asset').$type<RevisionAsset>().notNull(),
    source: inboundSource('source').notNull(),
    parsedOmgNumber: text('parsed_omg_number'),
    parsedSlug: text('parsed_slug'),
    parsedVersion: integer('parsed_version'),
    receivedAt: tstz('received_at').notNull().defaultNow(),
  },
  (t) => [
    index('holding_pen_files_deliverable_id_idx').on(t.deliverableId),
    index('holding_pen_files_organization_id_idx').on(t.organizationId),
    index('holding_pen_files_suggested_stage_id_idx').on(t.suggestedStageId),
  ],
);
