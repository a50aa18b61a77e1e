import type { ApprovalType, DeliverableStatus, Priority, StageStatus } from '../stages/status';

export interface StageSummary {
  id: string;
  stageDefinitionId: string;
  name: string;
  status: StageStatus;
  order: number;
  color: string | null;
}

export interface DeliverableRow {
  id: string;
  name: string;
  slug: string;
  status: DeliverableStatus;
  isOnHold: boolean;
  priority: Priority;
  dueDate: string | null;
  project: { id: string; name: string; projectCode: string; omgJobNumber: string | null };
  currentStage: {
    id: string;
    name: string;
    status: StageStatus;
    stageDefinitionId: string;
    color: string | null;
  } | null;
  stages: StageSummary[];
  assignees: { userId: string; name: string }[];
  /** Not in the documented row; shown when the server sends it. */
  createdAt?: string;
  /**
   * Not in the documented row either (only the detail has it): when absent, tables read the
   * values from the deliverable's detail.
   */
  customFields?: Record<string, unknown>;
}

export type AssignmentRole = 'LEAD' | 'SUPPORT';

export interface StageAssignee {
  userId: string;
  name: string;
  role: AssignmentRole;
}

export interface DeliverableStage {
  id: string;
  stageDefinitionId: string;
  name: string;
  slug: string;
  order: number;
  color: string | null;
  status: StageStatus;
  approvalType: ApprovalType;
  isOptional: boolean;
  isCriticalGate: boolean;
  subStatus: string | null;
  customStatuses: string[];
  startDate: string | null;
  dueDate: string | null;
  completedDate: string | null;
  notes: string | null;
  assignees: StageAssignee[];
  /** Statuses this caller may move the stage to now. */
  allowedMoves: StageStatus[];
  reworkTargets: { stageId: string; name: string }[];
}

export interface DeliverableDetail {
  id: string;
  name: string;
  slug: string;
  boxAliasSlug: string | null;
  status: DeliverableStatus;
  isOnHold: boolean;
  priority: Priority;
  dueDate: string | null;
  notes: string | null;
  /** Values of the org's deliverable custom fields, by field name. */
  customFields: Record<string, unknown>;
  createdAt: string;
  project: {
    id: string;
    name: string;
    projectCode: string;
    omgJobNumber: string | null;
    pipelineTemplateId: string | null;
  };
  stages: DeliverableStage[];
}

export interface DeliverableInput {
  name: string;
  boxAliasSlug?: string | null;
  priority?: Priority;
  dueDate?: string | null;
  notes?: string | null;
  customFields?: Record<string, string | number | boolean | null>;
}

export interface DeliverablePatch {
  name?: string;
  boxAliasSlug?: string | null;
  priority?: Priority;
  dueDate?: string | null;
  notes?: string | null;
  isOnHold?: boolean;
  customFields?: Record<string, string | number | boolean | null>;
}

export interface StagePatch {
  status?: StageStatus;
  subStatus?: string | null;
  startDate?: string | null;
  dueDate?: string | null;
  notes?: string | null;
}

export interface HistoryEntry {
  id: string;
  entityType: string;
  entityId: string;
  stageName: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  actor: { id: string; name: string } | null;
  createdAt: string;
}

export interface AssignableUser {
  id: string;
  name: string;
  role: string;
}

export const DELIVERABLE_SORTS = ['dueDate', '-dueDate', 'name', '-createdAt'] as const;
export type DeliverableSort = (typeof DELIVERABLE_SORTS)[number];

export interface DeliverableFilters {
  projectId?: string;
  status?: string;
  clientTeamId?: string;
  assigneeId?: string;
  q?: string;
  sort?: DeliverableSort;
}
