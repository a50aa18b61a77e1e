import type { Priority, ProjectStatus } from '../stages/status';

export interface Project {
  id: string;
  projectCode: string;
  omgJobNumber: string | null;
  name: string;
  description: string | null;
  status: ProjectStatus;
  priority: Priority;
  startDate: string | null;
  dueDate: string | null;
  clientTeam: { id: string; name: string } | null;
  deliverableCount: number;
  /** Values of the org's project custom fields, by field name. */
  customFields: Record<string, unknown>;
  createdAt: string;
  pipeline: { id: string; name: string } | null;
}

export interface ProjectInput {
  name: string;
  projectCode: string;
  omgJobNumber?: string | null;
  pipelineTemplateId?: string | null;
  clientTeamId?: string | null;
  status?: ProjectStatus;
  priority?: Priority;
  startDate?: string | null;
  dueDate?: string | null;
  description?: string | null;
  /** By field name; null clears a value. */
  customFields?: Record<string, string | number | boolean | null>;
}

export type ProjectPatch = Partial<ProjectInput>;

export interface ProjectFilters {
  status?: string;
  clientTeamId?: string;
  q?: string;
}
