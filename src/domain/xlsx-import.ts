/**
 * Spreadsheet intake of projects and deliverables, keyed by OMG job number. Pure: the server
 * reads the workbook into plain cells and loads what exists; this module detects the header,
 * maps columns to fields, parses and checks every row, and plans what applying would do.
 *
 * The shape (one sheet, one header row, then one row per deliverable):
 * - project columns: OMG job number (the key, required), project code, project name, client
 *   team, pipeline, status, priority, start and due dates, business unit, requestor, agency,
 *   estimated and actual cost, description, and `Project: <field>` for each project custom field;
 * - deliverable columns: deliverable name, alias slug, priority, due date, notes, and
 *   `Deliverable: <field>` for each deliverable custom field.
 * Rows of one job number share their project: its values may be repeated or left blank after
 * the first row, but two rows may not disagree. A row without a deliverable name and alias slug
 * only creates or updates its project. A blank cell leaves the stored value alone (the sheet
 * never clears a value). Deliverables are found in their project by slug (the alias slug, else
 * the slugified name — what inbound file names match), else by their exact name.
 */
import { isIsoDate, validateCustomFieldValues, type CustomFieldDef } from './custom-fields';
import { SLUG_MAX_LENGTH, SLUG_PATTERN, slugify } from './slug';

// ── cells and columns ─────────────────────────────────────────────────────

/** A cell as the workbook reader hands it over (rich text, links and formulas flattened). */
export type Cell = string | number | boolean | Date | null;

export const PROJECT_STATUS_VALUES = [
  'PIPELINE',
  'ACTIVE',
  'ON_HOLD',
  'COMPLETED',
  'CANCELED',
  'ARCHIVED',
] as const;
export const PRIORITY_VALUES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;
export type ProjectStatusValue = (typeof PROJECT_STATUS_VALUES)[number];
export type PriorityValue = (typeof PRIORITY_VALUES)[number];

/** Limits of one import (the server refuses bigger sheets before planning). */
export const XLSX_MAX_DATA_ROWS = 2000;
export const XLSX_MAX_COLUMNS = 100;
/** How far down the header row is looked for. */
export const XLSX_HEADER_SCAN_ROWS = 20;

/** "A", "B", … "Z", "AA", …: the sheet's column letters, from a 0-based index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Header text reduced for matching: lower case, letters and digits only. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/#/g, 'number')
    .replace(/[^a-z0-9]+/g, '');
}

/** A cell as text for headers, samples and messages. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : isoDay(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return String(cell).trim();
}

const isBlankCell = (cell: Cell | undefined) => cell === undefined || cellText(cell) === '';

// ── fields ────────────────────────────────────────────────────────────────

type BuiltinKind = 'text' | 'jobNumber' | 'date' | 'money' | 'status' | 'priority' | 'slug';

export type Entity = 'project' | 'deliverable';

export interface FieldSpec {
  /** `project.name`, `deliverable.dueDate`, `project.cf.<field name>`, … */
  key: string;
  /** The header written in templates and exports. */
  label: string;
  entity: Entity;
  kind: BuiltinKind | 'custom';
  /** For custom fields: the definition. */
  custom?: CustomFieldDef;
  /** Max length for text kinds. */
  max?: number;
  /** Normalized header names that suggest this field (the label's is always one). */
  aliases: string[];
  /** Shown next to the field in the mapping table. */
  hint?: string;
}

/** The project's property a built-in project field writes. */
export const PROJECT_FIELDS = [
  'omgJobNumber',
  'projectCode',
  'name',
  'clientTeam',
  'pipeline',
  'status',
  'priority',
  'startDate',
  'dueDate',
  'businessUnit',
  'requestor',
  'agency',
  'estimatedCost',
  'actualCost',
  'description',
] as const;
export type ProjectField = (typeof PROJECT_FIELDS)[number];
export const DELIVERABLE_FIELDS = ['name', 'aliasSlug', 'priority', 'dueDate', 'notes'] as const;
export type DeliverableField = (typeof DELIVERABLE_FIELDS)[number];

const BUILTIN: FieldSpec[] = [
  {
    key: 'project.omgJobNumber',
    label: 'OMG job number',
    entity: 'project',
    kind: 'jobNumber',
    aliases: ['omgjob', 'omg', 'omgnumber', 'omgjobno', 'jobnumber', 'jobno', 'job', 'omgjobnr'],
    hint: 'Required: the key of each row',
  },
  {
    key: 'project.projectCode',
    label: 'Project code',
    entity: 'project',
    kind: 'text',
    max: 60,
    aliases: ['code'],
    hint: 'New projects without one get the job number',
  },
  {
    key: 'project.name',
    label: 'Project name',
    entity: 'project',
    kind: 'text',
    max: 200,
    aliases: ['project', 'projecttitle'],
    hint: 'Required for new projects',
  },
  {
    key: 'project.clientTeam',
    label: 'Client team',
    entity: 'project',
    kind: 'text',
    max: 200,
    aliases: ['client', 'team', 'clientteamname'],
    hint: 'By name',
  },
  {
    key: 'project.pipeline',
    label: 'Pipeline',
    entity: 'project',
    kind: 'text',
    max: 200,
    aliases: ['pipelinetemplate', 'workflow'],
    hint: 'By name; new projects default to the default pipeline',
  },
  {
    key: 'project.status',
    label: 'Project status',
    entity: 'project',
    kind: 'status',
    aliases: ['status'],
  },
  {
    key: 'project.priority',
    label: 'Project priority',
    entity: 'project',
    kind: 'priority',
    aliases: [],
  },
  {
    key: 'project.startDate',
    label: 'Project start date',
    entity: 'project',
    kind: 'date',
    aliases: ['startdate', 'start', 'projectstart'],
  },
  {
    key: 'project.dueDate',
    label: 'Project due date',
    entity: 'project',
    kind: 'date',
    aliases: ['projectdue', 'projectdeadline'],
  },
  {
    key: 'project.businessUnit',
    label: 'Business unit',
    entity: 'project',
    kind: 'text',
    max: 200,
    aliases: ['bu'],
  },
  {
    key: 'project.requestor',
    label: 'Requestor',
    entity: 'project',
    kind: 'text',
    max: 200,
    aliases: ['requester', 'owner'],
  },
  {
    key: 'project.agency',
    label: 'Agency',
    entity: 'project',
    kind: 'text',
    max: 200,
    aliases: [],
  },
  {
    key: 'project.estimatedCost',
    label: 'Estimated cost',
    entity: 'project',
    kind: 'money',
    aliases: ['estimate', 'budget'],
  },
  {
    key: 'project.actualCost',
    label: 'Actual cost',
    entity: 'project',
    kind: 'money',
    aliases: ['cost'],
  },
  {
    key: 'project.description',
    label: 'Project description',
    entity: 'project',
    kind: 'text',
    max: 5000,
    aliases: ['description', 'projectnotes', 'brief'],
  },
  {
    key: 'deliverable.name',
    label: 'Deliverable name',
    entity: 'deliverable',
    kind: 'text',
    max: 200,
    aliases: ['deliverable', 'asset', 'assetname', 'deliverabletitle'],
    hint: 'Blank (with a blank alias slug): a project-only row',
  },
  {
    key: 'deliverable.aliasSlug',
    label: 'Alias slug',
    entity: 'deliverable',
    kind: 'slug',
    aliases: ['slug', 'alias', 'boxaliasslug', 'deliverableslug'],
    hint: 'lower-case-with-hyphens; else the name is slugified',
  },
  {
    key: 'deliverable.priority',
    label: 'Deliverable priority',
    entity: 'deliverable',
    kind: 'priority',
    aliases: ['priority'],
  },
  {
    key: 'deliverable.dueDate',
    label: 'Deliverable due date',
    entity: 'deliverable',
    kind: 'date',
    aliases: ['duedate', 'due', 'deadline'],
  },
  {
    key: 'deliverable.notes',
    label: 'Deliverable notes',
    entity: 'deliverable',
    kind: 'text',
    max: 5000,
    aliases: ['notes', 'note', 'comments'],
  },
];

export interface CustomFieldDefs {
  PROJECT: readonly CustomFieldDef[];
  DELIVERABLE: readonly CustomFieldDef[];
}

/**
 * Every field a column can map to, in the order of templates and exports: project fields and
 * project custom fields, then deliverable fields and deliverable custom fields.
 */
export function fieldCatalog(defs: CustomFieldDefs): FieldSpec[] {
  const custom = (entity: Entity, list: readonly CustomFieldDef[]) => {
    const prefix = entity === 'project' ? 'Project' : 'Deliverable';
    const otherNames = new Set(
      (entity === 'project' ? defs.DELIVERABLE : defs.PROJECT).map((d) =>
        normalizeHeader(d.fieldName),
      ),
    );
    return list.map<FieldSpec>((d) => ({
      key: `${entity}.cf.${d.fieldName}`,
      label: `${prefix}: ${d.fieldName}`,
      entity,
      kind: 'custom',
      custom: d,
      // The bare field name suggests it too, unless the other entity has a field of that name.
      aliases: otherNames.has(normalizeHeader(d.fieldName)) ? [] : [normalizeHeader(d.fieldName)],
      hint: `${d.fieldType.toLowerCase()}${d.isRequired ? ', required' : ''}`,
    }));
  };
  return [
    ...BUILTIN.filter((f) => f.entity === 'project'),
    ...custom('project', defs.PROJECT),
    ...BUILTIN.filter((f) => f.entity === 'deliverable'),
    ...custom('deliverable', defs.DELIVERABLE),
  ];
}

// ── header detection and mapping ─────────────────────────────────────────

export interface DetectedColumn {
  /** 0-based. */
  index: number;
  /** "A", "B", … */
  column: string;
  header: string;
}

export interface DetectedSheet {
  /** 1-based sheet row of the header; 0 when the sheet is empty. */
  headerRow: number;
  columns: DetectedColumn[];
}

/** A sheet row: its 1-based number and its cells (index 0 = column A). */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

/** Column letter → field key, or null to ignore the column. */
export type ColumnMapping = Record<string, string | null>;

function headerScore(cells: Cell[], catalog: FieldSpec[]): number {
  const names = new Map<string, string>();
  for (const f of catalog) {
    names.set(normalizeHeader(f.label), f.key);
    for (const a of f.aliases) if (!names.has(a)) names.set(a, f.key);
  }
  const seen = new Set<string>();
  for (const c of cells) {
    const key = names.get(normalizeHeader(cellText(c)));
    if (key) seen.add(key);
  }
  return seen.size;
}

/**
 * The header row: of the first rows, the one whose cells name the most known fields (ties: the
 * first); when no row names any, the first row with two or more text cells, else the first
 * non-empty row.
 */
export function detectHeader(rows: readonly SheetRow[], catalog: FieldSpec[]): DetectedSheet {
  const scan = rows.slice(0, XLSX_HEADER_SCAN_ROWS);
  let best: SheetRow | undefined;
  let bestScore = 0;
  for (const r of scan) {
    const score = headerScore(r.cells, catalog);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  best ??=
    scan.find((r) => r.cells.filter((c) => typeof c === 'string' && c.trim()).length >= 2) ??
    scan.find((r) => r.cells.some((c) => !isBlankCell(c)));
  if (!best) return { headerRow: 0, columns: [] };
  const columns: DetectedColumn[] = [];
  best.cells.forEach((c, index) => {
    const header = cellText(c);
    if (header && index < XLSX_MAX_COLUMNS)
      columns.push({ index, column: columnLetter(index), header });
  });
  return { headerRow: best.row, columns };
}

/** Each field goes to the first column whose header is its label or one of its aliases. */
export function suggestMapping(columns: readonly DetectedColumn[], catalog: FieldSpec[]) {
  const mapping: ColumnMapping = {};
  const taken = new Set<string>();
  // Exact labels first (so "Project due date" wins over the "due date" alias elsewhere).
  const byLabel = new Map(catalog.map((f) => [normalizeHeader(f.label), f]));
  for (const col of columns) {
    const f = byLabel.get(normalizeHeader(col.header));
    if (f && !taken.has(f.key)) {
      mapping[col.column] = f.key;
      taken.add(f.key);
    }
  }
  for (const col of columns) {
    if (mapping[col.column]) continue;
    const h = normalizeHeader(col.header);
    const f = catalog.find((x) => !taken.has(x.key) && x.aliases.includes(h));
    mapping[col.column] = f ? f.key : null;
    if (f) taken.add(f.key);
  }
  return mapping;
}

export interface MappingProblem {
  column: string | null;
  message: string;
}

/**
 * The mapping in effect: the suggestion, overridden by the columns the user gave (a column set
 * to null is ignored; a field the user placed elsewhere leaves its suggested column). Problems
 * are mistakes of the mapping itself (unknown column or field, a field twice, no job number).
 */
export function resolveMapping(
  columns: readonly DetectedColumn[],
  catalog: FieldSpec[],
  given: ColumnMapping | null | undefined,
): { mapping: ColumnMapping; problems: MappingProblem[] } {
  const suggested = suggestMapping(columns, catalog);
  const problems: MappingProblem[] = [];
  const keys = new Set(catalog.map((f) => f.key));
  const letters = new Set(columns.map((c) => c.column));
  const user: ColumnMapping = {};
  for (const [col, key] of Object.entries(given ?? {})) {
    if (!letters.has(col)) {
      problems.push({ column: col, message: `Column ${col} has no header in this sheet` });
      continue;
    }
    if (key !== null && !keys.has(key)) {
      problems.push({ column: col, message: `Column ${col}: unknown field "${key}"` });
      continue;
    }
    user[col] = key;
  }
  const userFields = new Set(Object.values(user).filter((k): k is string => !!k));
  const mapping: ColumnMapping = {};
  for (const c of columns) {
    if (Object.hasOwn(user, c.column)) mapping[c.column] = user[c.column]!;
    else {
      const s = suggested[c.column] ?? null;
      mapping[c.column] = s && !userFields.has(s) ? s : null;
    }
  }
  const seen = new Map<string, string>();
  for (const c of columns) {
    const key = mapping[c.column];
    if (!key) continue;
    const first = seen.get(key);
    if (first) {
      const label = catalog.find((f) => f.key === key)!.label;
      problems.push({
        column: c.column,
        message: `"${label}" is mapped to columns ${first} and ${c.column}: pick one`,
      });
    } else seen.set(key, c.column);
  }
  if (!seen.has('project.omgJobNumber'))
    problems.push({ column: null, message: 'Map a column to "OMG job number": it keys every row' });
  return { mapping, problems };
}

// ── parsing cells ─────────────────────────────────────────────────────────

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** YYYY-MM-DD of a date's UTC day (the workbook reader gives dates at UTC midnight). */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Excel's day 0 is 1899-12-30 (with the 1900 leap-year bug folded in). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function parseDateCell(cell: Cell): Parsed<string> {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { ok: false, message: 'is not a valid date' };
    return { ok: true, value: isoDay(cell) };
  }
  if (typeof cell === 'number') {
    // A date typed into a cell without a date format arrives as its serial number.
    if (!Number.isFinite(cell) || cell < 1 || cell > 2958465)
      return { ok: false, message: 'is not a date (use YYYY-MM-DD)' };
    return { ok: true, value: isoDay(new Date(EXCEL_EPOCH_MS + Math.floor(cell) * 86_400_000)) };
  }
  const text = cellText(cell);
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    text,
  );
  if (m) {
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    if (isIsoDate(iso)) return { ok: true, value: iso };
  }
  return { ok: false, message: `"${text}" is not a date (use YYYY-MM-DD)` };
}

function parseText(cell: Cell, max: number): Parsed<string> {
  const text = cellText(cell);
  if (text.length > max) return { ok: false, message: `must be at most ${max} characters` };
  return { ok: true, value: text };
}

function parseJobNumber(cell: Cell): Parsed<string> {
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell) || cell < 0)
      return { ok: false, message: 'must be digits only' };
    return { ok: true, value: String(cell) };
  }
  const text = cellText(cell);
  if (!/^\d{1,20}$/.test(text))
    return { ok: false, message: `"${text}" is not an OMG job number (digits only)` };
  return { ok: true, value: text };
}

function parseNumber(cell: Cell): Parsed<number> {
  if (typeof cell === 'number') {
    return Number.isFinite(cell)
      ? { ok: true, value: cell }
      : { ok: false, message: 'not a number' };
  }
  const text = cellText(cell).replace(/[\s,]/g, '');
  const n = Number(text);
  if (text === '' || !Number.isFinite(n))
    return { ok: false, message: `"${cellText(cell)}" is not a number` };
  return { ok: true, value: n };
}

function parseMoney(cell: Cell): Parsed<number> {
  const n = parseNumber(cell);
  if (n.ok && n.value < 0) return { ok: false, message: 'must not be negative' };
  return n;
}

function parseEnum<T extends string>(cell: Cell, values: readonly T[]): Parsed<T> {
  const text = cellText(cell);
  const wanted = text.toUpperCase().replace(/[\s-]+/g, '_');
  const v = values.find((x) => x === wanted);
  if (v) return { ok: true, value: v };
  const pretty = values.map((x) => x.charAt(0) + x.slice(1).toLowerCase().replace(/_/g, ' '));
  return { ok: false, message: `"${text}" is not one of: ${pretty.join(', ')}` };
}

function parseSlug(cell: Cell): Parsed<string> {
  const text = cellText(cell).toLowerCase();
  if (text.length > SLUG_MAX_LENGTH || !SLUG_PATTERN.test(text))
    return {
      ok: false,
      message: `"${cellText(cell)}" is not a slug (lower-case letters, digits and hyphens)`,
    };
  return { ok: true, value: text };
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/** A custom field cell, turned into what the custom field rules expect for its type. */
function parseCustom(cell: Cell, def: CustomFieldDef): Parsed<string | number | boolean> {
  switch (def.fieldType) {
    case 'NUMBER':
      return parseNumber(cell);
    case 'DATE':
      return parseDateCell(cell);
    case 'BOOLEAN': {
      if (typeof cell === 'boolean') return { ok: true, value: cell };
      const t = cellText(cell).toLowerCase();
      if (TRUE_WORDS.has(t)) return { ok: true, value: true };
      if (FALSE_WORDS.has(t)) return { ok: true, value: false };
      return { ok: false, message: `"${cellText(cell)}" is not yes / no` };
    }
    case 'SELECT': {
      // Options match case-insensitively and are stored as defined.
      const t = cellText(cell);
      const options = def.fieldOptions?.options ?? [];
      const hit = options.find((o) => o.toLowerCase() === t.toLowerCase());
      return { ok: true, value: hit ?? t };
    }
    default:
      return { ok: true, value: cellText(cell) };
  }
}

export type FieldValue = string | number | boolean;

function parseCell(cell: Cell, spec: FieldSpec): Parsed<FieldValue> {
  switch (spec.kind) {
    case 'jobNumber':
      return parseJobNumber(cell);
    case 'date':
      return parseDateCell(cell);
    case 'money':
      return parseMoney(cell);
    case 'status':
      return parseEnum(cell, PROJECT_STATUS_VALUES);
    case 'priority':
      return parseEnum(cell, PRIORITY_VALUES);
    case 'slug':
      return parseSlug(cell);
    case 'custom':
      return parseCustom(cell, spec.custom!);
    default:
      return parseText(cell, spec.max ?? 2000);
  }
}

// ── the plan ──────────────────────────────────────────────────────────────

export interface RowError {
  /** 1-based sheet row. */
  row: number;
  /** Column letter, when one column is at fault. */
  column: string | null;
  /** That column's header. */
  header: string | null;
  message: string;
}

export interface ExistingDeliverable {
  id: string;
  name: string;
  boxAliasSlug: string | null;
  priority: PriorityValue;
  /** YYYY-MM-DD or null. */
  dueDate: string | null;
  notes: string | null;
  customFields: Record<string, unknown>;
}

export interface ExistingProject {
  id: string;
  omgJobNumber: string;
  projectCode: string;
  name: string;
  clientTeamId: string | null;
  pipelineTemplateId: string | null;
  status: ProjectStatusValue;
  priority: PriorityValue;
  startDate: string | null;
  dueDate: string | null;
  description: string | null;
  businessUnit: string | null;
  requestor: string | null;
  agency: string | null;
  estimatedCost: number | null;
  actualCost: number | null;
  customFields: Record<string, unknown>;
  deliverables: ExistingDeliverable[];
}

/** What the plan is checked against: the org's current data, as far as the sheet touches it. */
export interface PlanContext {
  /** Projects of the org whose job numbers appear in the sheet. */
  projects: readonly ExistingProject[];
  /** Project code → the job number of the project holding it (null: a project without one). */
  projectCodes: ReadonlyMap<string, string | null>;
  clientTeams: readonly { id: string; name: string; slug: string }[];
  pipelines: readonly {
    id: string;
    name: string;
    isArchived: boolean;
    isDefault: boolean;
    stageCount: number;
  }[];
  customFields: CustomFieldDefs;
  can: {
    projectCreate: boolean;
    projectUpdate: boolean;
    deliverableCreate: boolean;
    deliverableUpdate: boolean;
  };
}

/** The project properties a create or update writes (the projects service's input). */
export interface ProjectWrite {
  omgJobNumber?: string;
  projectCode?: string;
  name?: string;
  clientTeamId?: string;
  pipelineTemplateId?: string;
  status?: ProjectStatusValue;
  priority?: PriorityValue;
  startDate?: string;
  dueDate?: string;
  businessUnit?: string;
  requestor?: string;
  agency?: string;
  estimatedCost?: number;
  actualCost?: number;
  description?: string;
  customFields?: Record<string, FieldValue>;
}

export interface DeliverableWrite {
  name?: string;
  boxAliasSlug?: string;
  priority?: PriorityValue;
  dueDate?: string;
  notes?: string;
  customFields?: Record<string, FieldValue>;
}

export type PlanAction = 'create' | 'update' | 'unchanged';

export interface PlannedProject {
  omgJobNumber: string;
  action: PlanAction;
  /** The existing project (update / unchanged). */
  id: string | null;
  name: string;
  projectCode: string;
  /** The first row of this job number. */
  row: number;
  rows: number[];
  /** Labels of the fields that change (update). */
  changes: string[];
  /** What to write: the full input (create) or only the changes (update). */
  input: ProjectWrite;
}

export interface PlannedDeliverable {
  action: PlanAction;
  id: string | null;
  name: string;
  slug: string;
  changes: string[];
  input: DeliverableWrite;
}

export interface PlannedRow {
  row: number;
  omgJobNumber: string | null;
  /** The action of the row's project (the same on every row of that job number). */
  project: PlanAction | null;
  /** Null: a project-only row. */
  deliverable: PlannedDeliverable | null;
  errors: RowError[];
}

export interface ImportPlan {
  rows: PlannedRow[];
  projects: PlannedProject[];
  errors: RowError[];
  counts: {
    rows: number;
    errorRows: number;
    errors: number;
    projects: Record<PlanAction, number>;
    deliverables: Record<PlanAction, number>;
  };
}

interface ParsedRow {
  row: number;
  values: Map<string, { value: FieldValue; column: string; header: string }>;
  errors: RowError[];
}

/** Data rows after the header, blank ones skipped, each cell parsed by its mapped field. */
export function parseRows(
  rows: readonly SheetRow[],
  sheet: DetectedSheet,
  mapping: ColumnMapping,
  catalog: FieldSpec[],
): ParsedRow[] {
  const specs = new Map(catalog.map((f) => [f.key, f]));
  const mapped = sheet.columns
    .map((c) => ({ ...c, spec: mapping[c.column] ? specs.get(mapping[c.column]!) : undefined }))
    .filter((c): c is DetectedColumn & { spec: FieldSpec } => !!c.spec);
  const out: ParsedRow[] = [];
  for (const r of rows) {
    if (r.row <= sheet.headerRow) continue;
    if (mapped.every((c) => isBlankCell(r.cells[c.index]))) continue;
    const parsed: ParsedRow = { row: r.row, values: new Map(), errors: [] };
    for (const c of mapped) {
      const cell = r.cells[c.index];
      if (cell === undefined || isBlankCell(cell)) continue;
      const p = parseCell(cell, c.spec);
      if (p.ok)
        parsed.values.set(c.spec.key, { value: p.value, column: c.column, header: c.header });
      else
        parsed.errors.push({
          row: r.row,
          column: c.column,
          header: c.header,
          message: `${c.header}: ${p.message}`,
        });
    }
    out.push(parsed);
  }
  return out;
}

const sameValue = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-9 : a === b;

const deliverableSlugOf = (name: string, alias: string | null | undefined) =>
  alias || slugify(name);

/**
 * Plans the import: per job number a project create / update / unchanged, per row a deliverable
 * create / update / unchanged (or none), and every row error. Nothing is written; the plan
 * holds the inputs the services need.
 */
export function buildPlan(
  sheetRows: readonly SheetRow[],
  sheet: DetectedSheet,
  mapping: ColumnMapping,
  ctx: PlanContext,
): ImportPlan {
  const catalog = fieldCatalog(ctx.customFields);
  const specs = new Map(catalog.map((f) => [f.key, f]));
  const columnOf = new Map<string, DetectedColumn>();
  for (const c of sheet.columns) {
    const key = mapping[c.column];
    if (key) columnOf.set(key, c);
  }
  const parsed = parseRows(sheetRows, sheet, mapping, catalog);
  const errorAt = (row: number, key: string | null, message: string): RowError => {
    const c = key ? columnOf.get(key) : undefined;
    return { row, column: c?.column ?? null, header: c?.header ?? null, message };
  };
  const label = (key: string) => specs.get(key)?.label ?? key;

  // ── group rows by job number; merge the project values ──
  interface Group {
    job: string;
    rows: ParsedRow[];
    values: Map<string, { value: FieldValue; row: number }>;
  }
  const groups = new Map<string, Group>();
  const jobOfRow = new Map<number, string>();
  for (const r of parsed) {
    const job = r.values.get('project.omgJobNumber')?.value as string | undefined;
    if (!job) {
      if (!r.errors.some((e) => e.column === columnOf.get('project.omgJobNumber')?.column))
        r.errors.push(errorAt(r.row, 'project.omgJobNumber', 'OMG job number is required'));
      continue;
    }
    jobOfRow.set(r.row, job);
    let g = groups.get(job);
    if (!g) groups.set(job, (g = { job, rows: [], values: new Map() }));
    g.rows.push(r);
    for (const [key, v] of r.values) {
      if (!key.startsWith('project.') || key === 'project.omgJobNumber') continue;
      const prev = g.values.get(key);
      if (!prev) g.values.set(key, { value: v.value, row: r.row });
      else if (!sameValue(prev.value, v.value))
        r.errors.push(
          errorAt(
            r.row,
            key,
            `${label(key)} "${String(v.value)}" differs from row ${prev.row} ("${String(prev.value)}") for job ${job}`,
          ),
        );
    }
  }

  const existingByJob = new Map(ctx.projects.map((p) => [p.omgJobNumber, p]));
  const teamsByName = new Map<string, { id: string; name: string }>();
  for (const t of ctx.clientTeams) {
    teamsByName.set(t.name.trim().toLowerCase(), t);
    if (!teamsByName.has(t.slug)) teamsByName.set(t.slug, t);
  }
  const pipelinesByName = new Map(ctx.pipelines.map((p) => [p.name.trim().toLowerCase(), p]));
  const defaultPipeline = ctx.pipelines.find((p) => p.isDefault && !p.isArchived) ?? null;
  const codesInFile = new Map<string, string>();

  const plannedProjects: PlannedProject[] = [];
  /** Per job: the project's plan and the pipeline its deliverables get stages from. */
  const projectState = new Map<
    string,
    {
      plan: PlannedProject;
      pipeline: (typeof ctx.pipelines)[number] | null;
      /** The Pipeline cell is wrong (already reported). */
      pipelineError: boolean;
    }
  >();

  for (const g of groups.values()) {
    const first = g.rows[0]!.row;
    const existing = existingByJob.get(g.job) ?? null;
    const v = (key: ProjectField) => g.values.get(`project.${key}`);
    const errs: RowError[] = [];
    const fail = (key: string | null, message: string, row = first) =>
      errs.push(errorAt(row, key, message));

    const input: ProjectWrite = {};
    const changes: string[] = [];
    const want = <K extends keyof ProjectWrite>(
      key: K,
      value: ProjectWrite[K] | undefined,
      current: unknown,
      fieldKey: string,
    ) => {
      if (value === undefined) return;
      if (!existing) input[key] = value;
      else if (!sameValue(value, current)) {
        input[key] = value;
        changes.push(label(fieldKey));
      }
    };

    // references by name
    let clientTeamId: string | undefined;
    const team = v('clientTeam');
    if (team) {
      const t = teamsByName.get(String(team.value).toLowerCase());
      if (t) clientTeamId = t.id;
      else fail('project.clientTeam', `No client team named "${String(team.value)}"`, team.row);
    }
    let pipeline = existing?.pipelineTemplateId
      ? (ctx.pipelines.find((p) => p.id === existing.pipelineTemplateId) ?? null)
      : null;
    const pipe = v('pipeline');
    let pipelineError = false;
    if (pipe) {
      const p = pipelinesByName.get(String(pipe.value).toLowerCase());
      pipelineError = !p || (p.isArchived && p.id !== existing?.pipelineTemplateId);
      if (!p) fail('project.pipeline', `No pipeline named "${String(pipe.value)}"`, pipe.row);
      else if (pipelineError)
        fail('project.pipeline', `The pipeline "${p.name}" is archived`, pipe.row);
      else pipeline = p;
    } else if (!existing) pipeline = defaultPipeline;

    const code = v('projectCode');
    const projectCode = code ? String(code.value) : (existing?.projectCode ?? g.job);
    const name = v('name');
    if (!existing && !name)
      fail('project.name', `Project name is required for the new job ${g.job}`);
    if (!existing && !ctx.can.projectCreate)
      fail(null, 'You need the PROJECT_CREATE permission to create projects');

    if (!existing || projectCode !== existing.projectCode) {
      const holder = ctx.projectCodes.get(projectCode);
      const inFile = codesInFile.get(projectCode);
      if (holder !== undefined && holder !== g.job)
        fail(
          code ? 'project.projectCode' : null,
          `The project code ${projectCode} is already used by another project`,
          code?.row,
        );
      else if (inFile && inFile !== g.job)
        fail(
          code ? 'project.projectCode' : null,
          `The project code ${projectCode} is also given to job ${inFile} in this sheet`,
          code?.row,
        );
    }
    codesInFile.set(projectCode, g.job);

    if (!existing) input.omgJobNumber = g.job;
    if (!existing) input.projectCode = projectCode;
    else
      want(
        'projectCode',
        code ? projectCode : undefined,
        existing.projectCode,
        'project.projectCode',
      );
    want('name', name?.value as string | undefined, existing?.name, 'project.name');
    want('clientTeamId', clientTeamId, existing?.clientTeamId, 'project.clientTeam');
    want(
      'pipelineTemplateId',
      pipe && pipeline ? pipeline.id : undefined,
      existing?.pipelineTemplateId,
      'project.pipeline',
    );
    const scalar = [
      'status',
      'priority',
      'startDate',
      'dueDate',
      'businessUnit',
      'requestor',
      'agency',
      'estimatedCost',
      'actualCost',
      'description',
    ] as const;
    for (const key of scalar) {
      want(key, v(key)?.value as never, existing?.[key], `project.${key}`);
    }
    const start = input.startDate ?? existing?.startDate;
    const due = input.dueDate ?? existing?.dueDate;
    if (start && due && due < start && (input.startDate || input.dueDate))
      fail('project.dueDate', 'Project due date is before its start date', v('dueDate')?.row);

    // custom fields
    const cfGiven: Record<string, FieldValue> = {};
    const cfRow = new Map<string, number>();
    for (const [key, val] of g.values) {
      if (!key.startsWith('project.cf.')) continue;
      const fieldName = key.slice('project.cf.'.length);
      cfGiven[fieldName] = val.value;
      cfRow.set(fieldName, val.row);
    }
    const cf = validateCustomFieldValues(ctx.customFields.PROJECT, cfGiven, {
      partial: !!existing,
    });
    if (!cf.ok) {
      for (const f of cf.fields) {
        const fieldName = f.path.slice('customFields.'.length);
        fail(`project.cf.${fieldName}`, `${fieldName} ${f.message}`, cfRow.get(fieldName));
      }
    } else {
      const changed: Record<string, FieldValue> = {};
      for (const [k, val] of Object.entries(cf.values)) {
        if (val === null) continue;
        if (!existing || !sameValue(existing.customFields[k], val)) {
          changed[k] = val;
          if (existing) changes.push(label(`project.cf.${k}`));
        }
      }
      if (Object.keys(changed).length) input.customFields = changed;
    }

    const action: PlanAction = !existing ? 'create' : changes.length ? 'update' : 'unchanged';
    if (action === 'update' && !ctx.can.projectUpdate)
      fail(null, `You need the PROJECT_UPDATE permission to change job ${g.job}`);

    const plan: PlannedProject = {
      omgJobNumber: g.job,
      action,
      id: existing?.id ?? null,
      name: (input.name ?? existing?.name ?? '') as string,
      projectCode,
      row: first,
      rows: g.rows.map((r) => r.row),
      changes,
      input,
    };
    plannedProjects.push(plan);
    projectState.set(g.job, { plan, pipeline, pipelineError });
    for (const e of errs) parsed.find((r) => r.row === e.row)?.errors.push(e);
  }

  // ── deliverables ──
  /** Per job: slug → who holds it (a deliverable id, or `row:<n>` for one created here). */
  const slugOwners = new Map<string, Map<string, string>>();
  const claimed = new Map<string, number>();
  const plannedRows: PlannedRow[] = [];
  for (const r of parsed) {
    const job = jobOfRow.get(r.row) ?? null;
    const state = job ? projectState.get(job) : undefined;
    const row: PlannedRow = {
      row: r.row,
      omgJobNumber: job,
      project: state?.plan.action ?? null,
      deliverable: null,
      errors: r.errors,
    };
    plannedRows.push(row);
    const nameV = r.values.get('deliverable.name');
    const aliasV = r.values.get('deliverable.aliasSlug');
    const hasDeliverableValues = [...r.values.keys()].some((k) => k.startsWith('deliverable.'));
    if (!nameV && !aliasV) {
      if (hasDeliverableValues)
        r.errors.push(
          errorAt(r.row, 'deliverable.name', 'Give the deliverable a name (or an alias slug)'),
        );
      continue;
    }
    if (!job || !state) continue;
    const fail = (key: string | null, message: string) =>
      r.errors.push(errorAt(r.row, key, message));
    const existingProject = existingByJob.get(job) ?? null;
    const name = nameV ? String(nameV.value) : undefined;
    const alias = aliasV ? String(aliasV.value) : undefined;
    const key = alias ?? slugify(name ?? '');

    let owners = slugOwners.get(job);
    if (!owners) {
      owners = new Map();
      for (const d of existingProject?.deliverables ?? [])
        owners.set(deliverableSlugOf(d.name, d.boxAliasSlug), d.id);
      slugOwners.set(job, owners);
    }
    const list = existingProject?.deliverables ?? [];
    let match = list.find((d) => deliverableSlugOf(d.name, d.boxAliasSlug) === key);
    if (!match && name) {
      const byName = list.filter((d) => d.name.trim().toLowerCase() === name.toLowerCase());
      if (byName.length > 1) {
        fail(
          'deliverable.aliasSlug',
          `Several deliverables of job ${job} are named "${name}": give the alias slug`,
        );
        continue;
      }
      match = byName[0];
    }

    const claimKey = match ? `${job}#${match.id}` : `${job}#new:${key}`;
    const earlier = claimed.get(claimKey);
    if (earlier !== undefined) {
      fail(
        alias ? 'deliverable.aliasSlug' : 'deliverable.name',
        `Row ${earlier} already has this deliverable (job ${job}, slug "${key}")`,
      );
      continue;
    }
    claimed.set(claimKey, r.row);

    const input: DeliverableWrite = {};
    const changes: string[] = [];
    const want = <K extends keyof DeliverableWrite>(
      k: K,
      value: DeliverableWrite[K] | undefined,
      current: unknown,
      fieldKey: string,
    ) => {
      if (value === undefined) return;
      if (!match) input[k] = value;
      else if (!sameValue(value, current)) {
        input[k] = value;
        changes.push(label(fieldKey));
      }
    };
    want('name', name, match?.name, 'deliverable.name');
    want('boxAliasSlug', alias, match?.boxAliasSlug, 'deliverable.aliasSlug');
    for (const k of ['priority', 'dueDate', 'notes'] as const)
      want(k, r.values.get(`deliverable.${k}`)?.value as never, match?.[k], `deliverable.${k}`);

    const cfGiven: Record<string, FieldValue> = {};
    for (const [k, val] of r.values)
      if (k.startsWith('deliverable.cf.')) cfGiven[k.slice('deliverable.cf.'.length)] = val.value;
    const cf = validateCustomFieldValues(ctx.customFields.DELIVERABLE, cfGiven, {
      partial: !!match,
    });
    if (!cf.ok) {
      for (const f of cf.fields) {
        const fieldName = f.path.slice('customFields.'.length);
        fail(`deliverable.cf.${fieldName}`, `${fieldName} ${f.message}`);
      }
    } else {
      const changed: Record<string, FieldValue> = {};
      for (const [k, val] of Object.entries(cf.values)) {
        if (val === null) continue;
        if (!match || !sameValue(match.customFields[k], val)) {
          changed[k] = val;
          if (match) changes.push(label(`deliverable.cf.${k}`));
        }
      }
      if (Object.keys(changed).length) input.customFields = changed;
    }

    const finalName = input.name ?? match?.name ?? name ?? '';
    const finalAlias = input.boxAliasSlug ?? match?.boxAliasSlug ?? null;
    const finalSlug = deliverableSlugOf(finalName, finalAlias);
    const action: PlanAction = !match ? 'create' : changes.length ? 'update' : 'unchanged';

    if (action === 'create') {
      if (!name) fail('deliverable.name', 'Deliverable name is required for a new deliverable');
      if (!ctx.can.deliverableCreate)
        fail(null, 'You need the DELIVERABLE_CREATE permission to create deliverables');
      if (!state.pipeline && !state.pipelineError)
        fail(
          'project.pipeline',
          `Job ${job} has no pipeline: name one in the Pipeline column (or set a default pipeline)`,
        );
      else if (state.pipeline && state.pipeline.stageCount === 0)
        fail('project.pipeline', `The pipeline "${state.pipeline.name}" has no stages`);
    }
    if (action === 'update' && !ctx.can.deliverableUpdate)
      fail(null, 'You need the DELIVERABLE_UPDATE permission to change deliverables');
    if (name !== undefined && !finalSlug)
      fail('deliverable.name', 'Give the deliverable a name with letters or digits');

    if (finalSlug && action !== 'unchanged') {
      const self = match?.id ?? `row:${r.row}`;
      const holder = owners.get(finalSlug);
      if (holder && holder !== self) {
        const who = holder.startsWith('row:')
          ? `row ${holder.slice(4)}`
          : `"${list.find((d) => d.id === holder)?.name ?? 'another deliverable'}"`;
        fail(
          alias ? 'deliverable.aliasSlug' : 'deliverable.name',
          `${who} in job ${job} already uses the slug "${finalSlug}": set an alias slug`,
        );
      } else {
        if (match) {
          const old = deliverableSlugOf(match.name, match.boxAliasSlug);
          if (owners.get(old) === match.id) owners.delete(old);
        }
        owners.set(finalSlug, self);
      }
    }

    row.deliverable = {
      action,
      id: match?.id ?? null,
      name: finalName,
      slug: finalSlug,
      changes,
      input,
    };
  }

  const errors = plannedRows.flatMap((r) => r.errors);
  const count = (actions: PlanAction[]) => ({
    create: actions.filter((a) => a === 'create').length,
    update: actions.filter((a) => a === 'update').length,
    unchanged: actions.filter((a) => a === 'unchanged').length,
  });
  return {
    rows: plannedRows,
    projects: plannedProjects,
    errors,
    counts: {
      rows: plannedRows.length,
      errorRows: plannedRows.filter((r) => r.errors.length > 0).length,
      errors: errors.length,
      projects: count(plannedProjects.map((p) => p.action)),
      deliverables: count(
        plannedRows.flatMap((r) => (r.deliverable ? [r.deliverable.action] : [])),
      ),
    },
  };
}

// ── export ────────────────────────────────────────────────────────────────

/** One sheet row of an export (or template), in catalog order. */
export function exportRow(
  catalog: FieldSpec[],
  p: ExistingProject & { clientTeamName: string | null; pipelineName: string | null },
  d: ExistingDeliverable | null,
): (string | number | boolean | null)[] {
  return catalog.map((f) => {
    const [entity, key, cfName] = f.key.startsWith(`${f.entity}.cf.`)
      ? [f.entity, 'cf', f.key.slice(`${f.entity}.cf.`.length)]
      : [f.entity, f.key.slice(f.entity.length + 1), ''];
    if (entity === 'deliverable' && !d) return null;
    if (key === 'cf') {
      const v = (entity === 'project' ? p.customFields : d!.customFields)[cfName];
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
    }
    if (entity === 'project') {
      if (key === 'clientTeam') return p.clientTeamName;
      if (key === 'pipeline') return p.pipelineName;
      const v = p[key as keyof ExistingProject];
      return typeof v === 'string' || typeof v === 'number' ? v : null;
    }
    if (key === 'aliasSlug') return d!.boxAliasSlug;
    const v = d![key as keyof ExistingDeliverable];
    return typeof v === 'string' || typeof v === 'number' ? v : null;
  });
}
