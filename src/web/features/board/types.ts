import type { DeliverableStatus, StageStatus } from '../stages/status';

export interface BoardColumn {
  id: string;
  name: string;
  color: string | null;
  order: number;
  /** Not in the documented shape; used for test ids when the server sends it. */
  slug?: string;
}

export interface BoardMove {
  toColumnStageId: string;
  action: 'start' | 'rework';
  /** The deliverable's stage instance in the target column. */
  stageId: string;
}

export interface BoardCard {
  deliverableId: string;
  name: string;
  projectName: string;
  omgJobNumber: string | null;
  status: DeliverableStatus;
  isOnHold: boolean;
  dueDate: string | null;
  /** Stage definition id of the current stage. */
  columnStageId: string;
  /** The deliverable's stage instance in that column. */
  stageId: string;
  stageStatus: StageStatus;
  assignees: { userId: string; name: string }[];
  moves: BoardMove[];
}

export interface Board {
  pipeline: { id: string; name: string; stages: BoardColumn[] };
  cards: BoardCard[];
}

export interface BoardFilters {
  pipelineId?: string;
  q?: string;
  clientTeamId?: string;
  assigneeId?: string;
  status?: string;
}
