/** The answers of `/api/imports/xlsx/*` (see the server's xlsx.schemas.ts). */

export type PlanAction = 'create' | 'update' | 'unchanged';

/** Column letter → field key, or null to ignore the column. */
export type ColumnMapping = Record<string, string | null>;

export interface RowError {
  row: number;
  column: string | null;
  header: string | null;
  message: string;
}

export interface ActionCounts {
  create: number;
  update: number;
  unchanged: number;
}

export interface PlannedProject {
  omgJobNumber: string;
  action: PlanAction;
  id: string | null;
  name: string;
  projectCode: string;
  row: number;
  rows: number[];
  changes: string[];
}

export interface PlannedRow {
  row: number;
  omgJobNumber: string | null;
  project: PlanAction | null;
  deliverable: {
    action: PlanAction;
    id: string | null;
    name: string;
    slug: string;
    changes: string[];
  } | null;
  errors: RowError[];
}

export interface ImportPlan {
  counts: {
    rows: number;
    errorRows: number;
    errors: number;
    projects: ActionCounts;
    deliverables: ActionCounts;
  };
  errors: RowError[];
  projects: PlannedProject[];
  rows: PlannedRow[];
}

export interface ImportField {
  key: string;
  label: string;
  entity: 'project' | 'deliverable';
  hint: string | null;
}

export interface ImportPreview {
  fileName: string;
  sheet: { name: string; headerRow: number; dataRows: number };
  columns: { column: string; header: string; samples: string[] }[];
  fields: ImportField[];
  suggestedMapping: ColumnMapping;
  mapping: ColumnMapping;
  mappingProblems: { column: string | null; message: string }[];
  plan: ImportPlan | null;
}

export interface ImportApplied extends ImportPreview {
  ok: true;
  result: {
    projects: { omgJobNumber: string; id: string; name: string; action: PlanAction }[];
    rows: {
      row: number;
      projectId: string;
      deliverableId: string | null;
      action: PlanAction | null;
    }[];
  };
}

export interface ImportRejected extends ImportPreview {
  ok: false;
  result: null;
  error: { code: string; message: string };
}
