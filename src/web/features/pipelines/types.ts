import type { ApprovalType } from '../stages/status';

export interface PipelineSummary {
  id: string;
  name: string;
  description: string | null;
  isDefault: boolean;
  isArchived: boolean;
  stageCount: number;
  projectCount: number;
  createdAt: string;
}

export interface PipelineStage {
  id: string;
  name: string;
  slug: string;
  order: number;
  color: string | null;
  estimatedDays: number | null;
  approvalType: ApprovalType;
  isOptional: boolean;
  isCriticalGate: boolean;
  description: string | null;
  customStatuses: string[];
  /** Stage ids. */
  prerequisites: string[];
}

export interface PipelineRework {
  fromStageId: string;
  toStageId: string;
}

export interface PipelineDetail {
  id: string;
  name: string;
  description: string | null;
  isDefault: boolean;
  isArchived: boolean;
  inboundFilenameRegex: string | null;
  projectCount: number;
  stages: PipelineStage[];
  reworks: PipelineRework[];
}

export interface PipelineStageInput {
  /** Stage id for existing stages, any client-made string for new ones. */
  key: string;
  name: string;
  slug?: string;
  color?: string | null;
  estimatedDays?: number | null;
  approvalType: ApprovalType;
  isOptional: boolean;
  isCriticalGate: boolean;
  description?: string | null;
  customStatuses?: string[];
  /** Keys of other stages in this body. */
  prerequisites: string[];
}

export interface PipelineInput {
  name: string;
  description?: string | null;
  isDefault?: boolean;
  /** Null = the default naming pattern. */
  inboundFilenameRegex?: string | null;
  stages: PipelineStageInput[];
  reworks: { from: string; to: string }[];
}
