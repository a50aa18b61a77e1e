import type { BriefStatus } from '../../../domain/brief-status';
import type { Priority } from '../stages/status';

export type { BriefStatus };

export interface Brief {
  id: string;
  title: string;
  description: string | null;
  /** "manual", "api" or "webhook:<endpoint>". */
  source: string;
  externalId: string | null;
  requestorName: string | null;
  requestorEmail: string | null;
  status: BriefStatus;
  priority: Priority;
  requestedDueDate: string | null;
  clientTeam: { id: string; name: string } | null;
  convertedProject: { id: string; name: string; projectCode: string } | null;
  /** Members of the incoming payload that were not mapped. */
  rawPayload: unknown;
  nextStatuses: BriefStatus[];
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface BriefHistoryEntry {
  id: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  actor: string | null;
  createdAt: string;
}

export interface BriefDetail extends Brief {
  history: BriefHistoryEntry[];
}

export interface BriefInput {
  title: string;
  description?: string | null;
  requestorName?: string | null;
  requestorEmail?: string | null;
  priority?: Priority;
  requestedDueDate?: string | null;
  clientTeamId?: string | null;
  externalId?: string | null;
}

export interface BriefConvertInput {
  name?: string;
  projectCode: string;
  omgJobNumber?: string | null;
  pipelineTemplateId?: string | null;
  clientTeamId?: string | null;
  dueDate?: string | null;
  customFields?: Record<string, string | number | boolean | null>;
}

export interface BriefFilters {
  status?: string;
  q?: string;
}

export interface BriefCounts {
  counts: Record<BriefStatus, number>;
  total: number;
}
