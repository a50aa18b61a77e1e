/** Shapes of the review-sessions API (src/server/modules/review-sessions). */
import type { SessionDecision, SessionStatus } from '../../../domain/review-session';
import type { ApprovalType, StageStatus } from '../stages/status';
import type { RevisionStatus } from '../revisions/types';

export type { SessionDecision, SessionStatus };

export interface Person {
  id: string;
  name: string;
}

export interface ReviewSession {
  id: string;
  name: string;
  description: string | null;
  status: SessionStatus;
  itemCount: number;
  approvedCount: number;
  changesRequestedCount: number;
  createdBy: Person;
  createdAt: string;
  updatedAt: string;
}

export interface SessionStage {
  id: string;
  name: string;
  /** The stage's status now. */
  status: StageStatus;
  approvalType: ApprovalType;
}

/** A revision as a session names it: enough for its label and a thumbnail. */
export interface SessionRevision {
  id: string;
  label: string;
  major: number;
  minor: number;
  sentToClient: boolean;
  status: RevisionStatus;
  asset: { kind: 'image' | 'video'; thumbnailUrl: string | null } | null;
}

export interface SessionItem {
  id: string;
  position: number;
  stage: SessionStage;
  deliverable: Person;
  project: Person;
  /** Null when the revision was deleted after it was added. */
  revision: SessionRevision | null;
  decision: SessionDecision | null;
  decisionNote: string | null;
  decidedBy: Person | null;
  decidedAt: string | null;
}

export interface ReviewSessionDetail extends ReviewSession {
  items: SessionItem[];
}

export interface CompletionResult {
  itemId: string;
  stageId: string;
  decision: SessionDecision | null;
  applied: boolean;
  reason: string | null;
}

export interface Completion {
  session: ReviewSessionDetail;
  results: CompletionResult[];
  applied: number;
  notApplied: number;
}

export interface SessionSummary {
  session: Omit<ReviewSession, 'itemCount' | 'approvedCount' | 'changesRequestedCount'>;
  counts: { total: number; approved: number; changesRequested: number; undecided: number };
  items: {
    position: number;
    itemId: string;
    deliverable: Person;
    project: Person;
    stage: SessionStage;
    revision: SessionRevision | null;
    decision: SessionDecision | null;
    note: string | null;
    decidedBy: Person | null;
    decidedAt: string | null;
  }[];
}

/** A stage that can be added to a session, with its latest revision. */
export interface Candidate {
  stage: SessionStage;
  deliverable: Person;
  project: Person;
  /** Null: nothing uploaded on the stage yet. */
  revision: SessionRevision | null;
  inSession: boolean;
}

export interface CandidateFilter {
  projectId?: string;
  stageStatus?: string;
  stageIds?: string[];
  sessionId?: string;
}

export interface SessionInput {
  name: string;
  description?: string | null;
}
