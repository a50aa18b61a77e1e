import type { RevisionStatus } from '../revisions/types';
import type { DeliverableStatus } from '../stages/status';

/** The latest version of a stage sent to the client (always a V{n}). */
export interface SentVersion {
  revisionId: string;
  label: string;
  status: RevisionStatus;
  sentAt: string | null;
}

export interface ClientReviewStage {
  stageId: string;
  name: string;
  order: number;
  /** A sent version of this stage awaits the client's decision. */
  waiting: boolean;
  sentCount: number;
  latest: SentVersion;
}

/** A deliverable with versions sent to the client (GET /api/client-review/items). */
export interface ClientReviewItem {
  id: string;
  name: string;
  status: DeliverableStatus;
  dueDate: string | null;
  project: { id: string; name: string };
  waiting: boolean;
  lastSentAt: string | null;
  stages: ClientReviewStage[];
}

export interface ClientReviewFilters {
  projectId?: string;
  /** Only what awaits the client's decision (the staff view). */
  waiting: boolean;
}
