import type { StageStatus } from '../stages/status';
import type { AssignmentRole } from '../deliverables/types';

export interface WorkItem {
  stageId: string;
  stageName: string;
  stageStatus: StageStatus;
  deliverableId: string;
  deliverableName: string;
  projectName: string;
  omgJobNumber: string | null;
  dueDate: string | null;
  role: AssignmentRole;
}
