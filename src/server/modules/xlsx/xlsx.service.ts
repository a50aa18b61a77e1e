import type { Readable } from 'node:stream';
import { z } from 'zod';
import {
  buildPlan,
  cellText,
  detectHeader,
  exportRow,
  fieldCatalog,
  resolveMapping,
  suggestMapping,
  XLSX_MAX_DATA_ROWS,
  type ColumnMapping,
  type CustomFieldDefs,
  type FieldSpec,
  type ImportPlan,
  type PlanAction,
  type RowError,
  type SheetRow,
} from '../../../domain/xlsx-import';
import { requireAnyPermission, requirePermission, can, type Caller } from '../../caller';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, badRequest, forbidden } from '../../errors';
import type { UploadPart } from '../../http/multipart';
import { CustomFieldService } from '../custom-fields/custom-field.service';
import { DeliverableService } from '../deliverables/deliverable.service';
import type { NotificationService } from '../notifications/notification.service';
import { ProjectRepository } from '../projects/project.repository';
import { ProjectService } from '../projects/project.service';
import { readFirstSheet, tooManyRows, writeWorkbook } from './workbook';
import { xlsxRepo, type ExportFilter } from './xlsx.repository';

/** Largest workbook accepted (bytes). */
export const XLSX_MAX_FILE_BYTES = 5 * 1024 * 1024;

export const xlsxTooLarge = (maxBytes: number) =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `The workbook is larger than ${Math.round(maxBytes / 1024 / 1024)} MB: split it into several files`,
  );

const mappingSchema = z.record(
  z.string().regex(/^[A-Z]{1,3}$/, 'a column letter'),
  z.string().max(300).nullable(),
);

interface Upload {
  fileName: string;
  data: Buffer;
  mapping: ColumnMapping | null;
}

/** A plan that has row errors: nothing was written. */
export class ImportRejected extends Error {
  constructor(readonly plan: ImportPlan) {
    super('The sheet has row errors');
  }
}

const presentPlan = (plan: ImportPlan) => ({
  counts: plan.counts,
  errors: plan.errors,
  projects: plan.projects.map(({ input: _input, ...p }) => p),
  rows: plan.rows.map((r) => ({
    ...r,
    deliverable: r.deliverable ? (({ input: _input, ...d }) => d)(r.deliverable) : null,
  })),
});
export type PresentedPlan = ReturnType<typeof presentPlan>;

/** Everything a fresh plan needs: the sheet, and the org's data as far as the sheet touches it. */
interface Analysis {
  sheetName: string;
  rows: SheetRow[];
  catalog: FieldSpec[];
  headerRow: number;
  columns: { index: number; column: string; header: string }[];
  suggested: ColumnMapping;
  mapping: ColumnMapping;
  problems: { column: string | null; message: string }[];
  plan: ImportPlan | null;
}

const HELP_NOTES = [
  'One row per deliverable, with its project in the same row. Rows of one OMG job number share the project: repeat its columns or leave them blank after the first row, but do not let two rows disagree.',
  'OMG job number (digits) is required: it finds the project, or creates it. New projects need a project name; without a project code they get the job number as code.',
  'A row without a deliverable name and alias slug only creates or updates the project.',
  'Deliverables are matched in their project by slug (the alias slug, else the name in lower-case-with-hyphens), else by exact name.',
  'A blank cell leaves the stored value as it is: the sheet never clears a value.',
  'Dates: real date cells or YYYY-MM-DD. Status: Pipeline, Active, On hold, Completed, Canceled, Archived. Priority: Low, Medium, High, Urgent.',
  'Client team and pipeline are given by name; new projects without a pipeline get the default pipeline.',
  `At most ${XLSX_MAX_DATA_ROWS} rows and 5 MB per file.`,
];

/**
 * Projects and deliverables to and from spreadsheets. Applying goes through the projects and
 * deliverables services (their rules, custom field checks and history), bound to one
 * transaction: any error and nothing is written.
 */
export class XlsxService {
  constructor(
    private readonly db: Db,
    private readonly customFields: CustomFieldService,
    private readonly notifications: NotificationService,
  ) {}

  private requireImport(caller: Caller) {
    requireAnyPermission(caller, [
      'PROJECT_CREATE',
      'PROJECT_UPDATE',
      'DELIVERABLE_CREATE',
      'DELIVERABLE_UPDATE',
    ]);
    if (caller.isExternal)
      throw new AppError('FORBIDDEN', 'Spreadsheet import is for the agency team');
  }

  private async defs(tx: DbOrTx, orgId: string): Promise<CustomFieldDefs> {
    const [p, d] = await Promise.all([
      this.customFields.definitions(orgId, 'PROJECT', tx),
      this.customFields.definitions(orgId, 'DELIVERABLE', tx),
    ]);
    return { PROJECT: p, DELIVERABLE: d };
  }

  /** Reads the form: the `file` part (bounded) and the optional `mapping` JSON field. */
  async readUpload(openForm: () => AsyncIterable<UploadPart>): Promise<Upload> {
    let file: { name: string; data: Buffer } | null = null;
    let mappingText: string | undefined;
    for await (const part of openForm()) {
      if (part.type === 'field') {
        if (part.name === 'mapping') mappingText = part.value;
        continue;
      }
      if (part.name !== 'file' || file) {
        part.stream.resume();
        throw badRequest('Send exactly one file, in the field "file"', [
          { path: part.name, message: 'unexpected file' },
        ]);
      }
      const data = await readAll(part.stream, XLSX_MAX_FILE_BYTES);
      if (part.truncated() || data === null) throw xlsxTooLarge(XLSX_MAX_FILE_BYTES);
      file = { name: part.filename, data };
    }
    if (!file)
      throw badRequest('Send the workbook in the multipart field "file"', [
        { path: 'file', message: 'is required' },
      ]);
    let mapping: ColumnMapping | null = null;
    if (mappingText !== undefined && mappingText.trim() !== '') {
      let raw: unknown;
      try {
        raw = JSON.parse(mappingText);
      } catch {
        throw badRequest('mapping is not valid JSON', [{ path: 'mapping', message: 'not JSON' }]);
      }
      const parsed = mappingSchema.safeParse(raw);
      if (!parsed.success)
        throw badRequest('mapping must be an object of column letter → field key (or null)', [
          { path: 'mapping', message: parsed.error.issues[0]?.message ?? 'invalid' },
        ]);
      mapping = parsed.data;
    }
    return { fileName: file.name, data: file.data, mapping };
  }

  private async analyse(
    tx: DbOrTx,
    caller: Caller,
    sheet: { name: string; rows: SheetRow[] },
    given: ColumnMapping | null,
  ): Promise<Analysis> {
    const defs = await this.defs(tx, caller.orgId);
    const catalog = fieldCatalog(defs);
    const detected = detectHeader(sheet.rows, catalog);
    const dataRows = sheet.rows.filter((r) => r.row > detected.headerRow).length;
    if (dataRows > XLSX_MAX_DATA_ROWS) throw tooManyRows();
    const suggested = suggestMapping(detected.columns, catalog);
    const { mapping, problems } = resolveMapping(detected.columns, catalog, given);
    const base = {
      sheetName: sheet.name,
      rows: sheet.rows,
      catalog,
      headerRow: detected.headerRow,
      columns: detected.columns,
      suggested,
      mapping,
      problems,
    };
    if (detected.columns.length === 0)
      return {
        ...base,
        problems: [{ column: null, message: 'The sheet is empty: add a header row' }],
        plan: null,
      };
    if (problems.length) return { ...base, plan: null };

    // Load what the sheet touches: its job numbers and project codes.
    const jobCol = Object.entries(mapping).find(([, k]) => k === 'project.omgJobNumber')?.[0];
    const codeCol = Object.entries(mapping).find(([, k]) => k === 'project.projectCode')?.[0];
    const idx = (col: string | undefined) => detected.columns.find((c) => c.column === col)?.index;
    const jobIdx = idx(jobCol);
    const codeIdx = idx(codeCol);
    const after = sheet.rows.filter((r) => r.row > detected.headerRow);
    const jobs = new Set<string>();
    const codes = new Set<string>();
    for (const r of after) {
      const j = jobIdx !== undefined ? cellText(r.cells[jobIdx] ?? null) : '';
      if (/^\d{1,20}$/.test(j)) {
        jobs.add(j);
        codes.add(j);
      }
      const c = codeIdx !== undefined ? cellText(r.cells[codeIdx] ?? null) : '';
      if (c) codes.add(c);
    }
    const [projects, projectCodes, clientTeams, pipelines] = await Promise.all([
      xlsxRepo.projectsByJob(tx, caller.orgId, [...jobs]),
      xlsxRepo.codeHolders(tx, caller.orgId, [...codes]),
      xlsxRepo.clientTeams(tx, caller.orgId),
      xlsxRepo.pipelines(tx, caller.orgId),
    ]);
    const plan = buildPlan(sheet.rows, detected, mapping, {
      projects,
      projectCodes,
      clientTeams,
      pipelines,
      customFields: defs,
      can: {
        projectCreate: can(caller, 'PROJECT_CREATE'),
        projectUpdate: can(caller, 'PROJECT_UPDATE'),
        deliverableCreate: can(caller, 'DELIVERABLE_CREATE'),
        deliverableUpdate: can(caller, 'DELIVERABLE_UPDATE'),
      },
    });
    return { ...base, plan };
  }

  private present(upload: Upload, a: Analysis) {
    const samples = (index: number) =>
      a.rows
        .filter((r) => r.row > a.headerRow)
        .slice(0, 3)
        .map((r) => cellText(r.cells[index] ?? null));
    return {
      fileName: upload.fileName,
      sheet: {
        name: a.sheetName,
        headerRow: a.headerRow,
        dataRows: a.rows.filter((r) => r.row > a.headerRow).length,
      },
      columns: a.columns.map((c) => ({
        column: c.column,
        header: c.header,
        samples: samples(c.index),
      })),
      fields: a.catalog.map((f) => ({
        key: f.key,
        label: f.label,
        entity: f.entity,
        hint: f.hint ?? null,
      })),
      suggestedMapping: a.suggested,
      mapping: a.mapping,
      mappingProblems: a.problems,
      plan: a.plan ? presentPlan(a.plan) : null,
    };
  }

  /** Reads the sheet and plans the import; nothing is written. */
  async preview(caller: Caller, openForm: () => AsyncIterable<UploadPart>) {
    this.requireImport(caller);
    const upload = await this.readUpload(openForm);
    const sheet = await readFirstSheet(upload.data);
    const a = await this.analyse(this.db, caller, sheet, upload.mapping);
    return this.present(upload, a);
  }

  /**
   * Plans again inside one transaction and applies the plan through the projects and
   * deliverables services. Row errors (found by the plan, or raised while writing) → nothing is
   * written and the answer is `{ok: false, …}` with the plan.
   */
  async apply(caller: Caller, openForm: () => AsyncIterable<UploadPart>) {
    this.requireImport(caller);
    const upload = await this.readUpload(openForm);
    const sheet = await readFirstSheet(upload.data);
    const seen: { analysis?: Analysis } = {};
    try {
      const written = await this.db.transaction(async (tx) => {
        await xlsxRepo.lockImports(tx, caller.orgId);
        const a = await this.analyse(tx, caller, sheet, upload.mapping);
        seen.analysis = a;
        if (!a.plan)
          throw badRequest(
            'Fix the column mapping first',
            a.problems.map((p) => ({
              path: p.column ? `mapping.${p.column}` : 'mapping',
              message: p.message,
            })),
          );
        if (a.plan.errors.length) throw new ImportRejected(a.plan);
        return this.write(tx, caller, a.plan);
      });
      return { ok: true as const, ...this.present(upload, seen.analysis!), result: written };
    } catch (err) {
      if (err instanceof ImportRejected && seen.analysis)
        return {
          ok: false as const,
          ...this.present(upload, { ...seen.analysis, plan: err.plan }),
          result: null,
        };
      throw err;
    }
  }

  private async write(tx: DbOrTx, caller: Caller, plan: ImportPlan) {
    // The services, bound to this transaction: their own transactions become savepoints.
    const txDb = tx as unknown as Db;
    const customFields = new CustomFieldService(txDb);
    const projectsSvc = new ProjectService(txDb, new ProjectRepository(txDb), customFields);
    const deliverablesSvc = new DeliverableService(txDb, this.notifications, customFields);
    const rowError = (row: number, err: unknown): never => {
      if (!(err instanceof AppError)) throw err;
      const e: RowError = { row, column: null, header: null, message: err.message };
      const r = plan.rows.find((x) => x.row === row);
      r?.errors.push(e);
      plan.errors.push(e);
      plan.counts.errors += 1;
      plan.counts.errorRows = plan.rows.filter((x) => x.errors.length).length;
      throw new ImportRejected(plan);
    };

    const projectIds = new Map<string, string>();
    const projects: { omgJobNumber: string; id: string; name: string; action: PlanAction }[] = [];
    for (const p of plan.projects) {
      let id = p.id;
      try {
        if (p.action === 'create') {
          const created = await projectsSvc.create(caller, {
            ...p.input,
            name: p.input.name!,
            projectCode: p.input.projectCode!,
          });
          id = created.id;
        } else if (p.action === 'update') {
          await projectsSvc.update(caller, p.id!, p.input);
        }
      } catch (err) {
        rowError(p.row, err);
      }
      projectIds.set(p.omgJobNumber, id!);
      projects.push({ omgJobNumber: p.omgJobNumber, id: id!, name: p.name, action: p.action });
    }
    const rows: {
      row: number;
      projectId: string;
      deliverableId: string | null;
      action: PlanAction | null;
    }[] = [];
    for (const r of plan.rows) {
      const projectId = projectIds.get(r.omgJobNumber!)!;
      const d = r.deliverable;
      let deliverableId = d?.id ?? null;
      try {
        if (d?.action === 'create') {
          const created = await deliverablesSvc.create(caller, projectId, {
            ...d.input,
            name: d.input.name!,
          });
          deliverableId = created.id;
        } else if (d?.action === 'update') {
          await deliverablesSvc.update(caller, d.id!, d.input);
        }
      } catch (err) {
        rowError(r.row, err);
      }
      rows.push({ row: r.row, projectId, deliverableId, action: d?.action ?? null });
    }
    return { projects, rows };
  }

  // ── export ─────────────────────────────────────────────────────────────

  private requireExport(caller: Caller) {
    requirePermission(caller, 'PROJECT_VIEW');
    requirePermission(caller, 'DELIVERABLE_VIEW');
    // The sheet carries internal columns (costs, notes, aliases, custom fields).
    if (caller.isExternal) throw forbidden('agency team');
  }

  /** The import's shape, filled with the org's projects (filters as the projects list). */
  async export(caller: Caller, filter: ExportFilter): Promise<Readable> {
    this.requireExport(caller);
    const catalog = fieldCatalog(await this.defs(this.db, caller.orgId));
    const projects = await xlsxRepo.exportProjects(this.db, caller, filter);
    const db = this.db;
    async function* rows() {
      for (let i = 0; i < projects.length; i += 200) {
        const batch = projects.slice(i, i + 200);
        const ds = await xlsxRepo.exportDeliverables(
          db,
          caller.orgId,
          batch.map((b) => b.project.id),
        );
        for (const b of batch) {
          const p = {
            ...xlsxRepo.toExistingProject(b.project, []),
            clientTeamName: b.clientTeamName,
            pipelineName: b.pipelineName,
          };
          const list = ds.get(b.project.id) ?? [];
          if (list.length === 0) yield exportRow(catalog, p, null);
          for (const d of list) yield exportRow(catalog, p, d);
        }
      }
    }
    return writeWorkbook(catalog, rows());
  }

  /** An empty sheet with the org's columns, and a sheet of notes. */
  async template(caller: Caller): Promise<Readable> {
    this.requireImport(caller);
    const catalog = fieldCatalog(await this.defs(this.db, caller.orgId));
    async function* none() {}
    return writeWorkbook(catalog, none(), { notes: HELP_NOTES });
  }
}

/** The whole stream, or null when it is longer than `max` bytes. */
async function readAll(stream: Readable, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > max) {
      stream.resume();
      return null;
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
