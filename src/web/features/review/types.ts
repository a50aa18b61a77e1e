/** Shapes of the review API (comments, annotations, feedback items, decisions). */

import type { ShapeInput } from './annotations/shapes';

export type CommentVisibility = 'INTERNAL' | 'CLIENT';

export interface Person {
  id: string;
  name: string;
}

export type AnnotationType =
  'RECTANGLE' | 'ELLIPSE' | 'ARROW' | 'FREEHAND' | 'TEXT' | 'PIN' | 'SCREENSHOT';

export interface Annotation {
  id: string;
  commentId: string;
  revisionId: string;
  type: AnnotationType;
  /** Per type: RECTANGLE/ELLIPSE {w, h}; ARROW {x2, y2}; FREEHAND {points}; TEXT {text}. */
  data: Record<string, unknown>;
  /** Fractions (0..1) of the image's width and height, from the top-left. */
  x: number;
  y: number;
  timestampSeconds: number | null;
  frameThumbnailUrl: string | null;
  createdAt: string;
}

export interface ReviewComment {
  id: string;
  stageId: string;
  revisionId: string | null;
  parentId: string | null;
  /** Plain text: render as text, never as HTML. Null once deleted. */
  content: string | null;
  visibility: CommentVisibility;
  released: boolean;
  releasedAt: string | null;
  author: Person;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  annotations: Annotation[];
}

export interface CreateCommentInput {
  content: string;
  parentId?: string;
  revisionId?: string;
  visibility?: CommentVisibility;
}

export type RectangleInput = {
  type: 'RECTANGLE';
  x: number;
  y: number;
  data: { w: number; h: number };
};

export interface CreateAnnotationInput {
  content: string;
  visibility?: CommentVisibility;
  /** Videos: `timestampSeconds` (the frame's start) and a `frameThumbnail` data URL. */
  annotation: ShapeInput & { timestampSeconds?: number; frameThumbnail?: string };
}

export type FeedbackStatus = 'OPEN' | 'IN_PROGRESS' | 'RESOLVED' | 'VERIFIED' | 'REOPENED';

export interface FeedbackItem {
  id: string;
  stageId: string;
  revisionId: string;
  revisionLabel: string;
  commentId: string | null;
  annotationId: string | null;
  summary: string;
  status: FeedbackStatus;
  sortOrder: number;
  assignee: Person | null;
  createdBy: Person | null;
  createdAt: string;
  resolvedBy: Person | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
  verifiedBy: Person | null;
  verifiedAt: string | null;
  carriedFromId: string | null;
  carriedFrom: { revisionId: string; revisionLabel: string } | null;
  carriedToId: string | null;
  allowedMoves: FeedbackStatus[];
}

export type DecisionKind = 'APPROVED' | 'CHANGES_REQUESTED';

export interface Decision {
  id: string | null;
  stageId: string;
  revisionId: string | null;
  revisionLabel: string | null;
  decision: DecisionKind;
  note: string | null;
  byClient: boolean;
  decidedBy: Person;
  createdAt: string;
}

export interface DecisionInput {
  decision: DecisionKind;
  revisionId?: string;
  note?: string;
}

/** Someone a comment can @mention (GET /api/stages/:stageId/mentionable). */
export interface MentionablePerson {
  id: string;
  name: string;
  /** Written as `@handle` (the part of their e-mail before the @). */
  handle: string;
  isExternal: boolean;
}

/** Which of a stage's action items the panel lists. */
export type FeedbackListFilter =
  /** The live copy of each chain (what is still being worked on, wherever it sits). */
  | { kind: 'live' }
  /** Only the items on one revision. */
  | { kind: 'revision'; revisionId: string }
  /** Every item on every revision, carried copies included. */
  | { kind: 'all' };

export interface CreateFeedbackItemInput {
  commentId?: string;
  annotationId?: string;
  summary?: string;
  revisionId?: string;
}
