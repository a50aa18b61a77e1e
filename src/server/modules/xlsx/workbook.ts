import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  XLSX_HEADER_SCAN_ROWS,
  XLSX_MAX_COLUMNS,
  XLSX_MAX_DATA_ROWS,
  type Cell,
  type FieldSpec,
  type SheetRow,
} from '../../../domain/xlsx-import';
import { AppError, badRequest } from '../../errors';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rich text, links and formulas as the plain value a person sees in the cell. */
export function flattenCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return (v.richText as { text?: unknown }[]).map((t) => String(t.text ?? '')).join('');
    if ('result' in v) return flattenCell(v.result);
    if ('formula' in v || 'sharedFormula' in v) return null;
    if ('text' in v) return flattenCell(v.text);
    if ('error' in v) return String(v.error);
  }
  return null;
}

export interface ReadSheet {
  name: string;
  rows: SheetRow[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * The first worksheet's non-empty rows (cells beyond the column limit dropped). Streams the
 * sheet and stops as soon as it holds more rows than an import may have, so a huge sheet is
 * refused without being read whole.
 */
export async function readFirstSheet(data: Buffer): Promise<ReadSheet> {
  if (data.length === 0)
    throw badRequest('The file is empty', [{ path: 'file', message: 'empty' }]);
  if (data.subarray(0, 4).equals(OLE_MAGIC))
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'This is an old .xls (or a password-protected) workbook: save it as .xlsx and try again',
    );
  if (!data.subarray(0, 4).equals(ZIP_MAGIC))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload an Excel workbook (.xlsx)');
  const maxRows = XLSX_MAX_DATA_ROWS + XLSX_HEADER_SCAN_ROWS;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const sheet of reader) {
      const rows: SheetRow[] = [];
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
        // exceljs puts column A at index 1.
        const cells = values.slice(1, XLSX_MAX_COLUMNS + 1).map(flattenCell);
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
        if (!cells.some((c) => c !== null && String(c).trim() !== '')) continue;
        rows.push({ row: row.number, cells });
        if (rows.length > maxRows) throw tooManyRows();
      }
      return { name: (sheet as unknown as { name?: string }).name ?? 'Sheet1', rows };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw badRequest('The file could not be read as an .xlsx workbook', [
      { path: 'file', message: 'not a readable .xlsx workbook' },
    ]);
  }
  throw badRequest('The workbook has no worksheet', [{ path: 'file', message: 'no worksheet' }]);
}

export const tooManyRows = () =>
  badRequest(`The sheet has more than ${XLSX_MAX_DATA_ROWS} rows: split it into several files`, [
    { path: 'file', message: `at most ${XLSX_MAX_DATA_ROWS} data rows` },
  ]);

/** Widths by field kind, so a template opens readable. */
const width = (f: FieldSpec) =>
  f.kind === 'date'
    ? 14
    : f.kind === 'text' && (f.max ?? 0) > 1000
      ? 40
      : Math.max(12, Math.min(30, f.label.length + 2));

const isDateField = (f: FieldSpec) =>
  f.kind === 'date' || (f.kind === 'custom' && f.custom?.fieldType === 'DATE');

/**
 * Streams a workbook with one sheet: the catalog's labels as the header, then `rows` (values
 * in catalog order; dates as YYYY-MM-DD, written as real date cells). The job number and slug
 * columns are text, so leading zeros survive.
 */
export function writeWorkbook(
  catalog: FieldSpec[],
  rows: AsyncIterable<(string | number | boolean | null)[]>,
  opts: { sheetName?: string; notes?: string[] } = {},
): PassThrough {
  const out = new PassThrough();
  const run = async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const ws = wb.addWorksheet(opts.sheetName ?? 'Projects', {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    ws.columns = catalog.map((f) => ({
      header: f.label,
      key: f.key,
      width: width(f),
      style: isDateField(f)
        ? { numFmt: 'yyyy-mm-dd' }
        : f.kind === 'jobNumber' || f.kind === 'slug'
          ? { numFmt: '@' }
          : {},
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for await (const values of rows) {
      const cells = values.map((v, i) =>
        typeof v === 'string' && isDateField(catalog[i]!) && /^\d{4}-\d{2}-\d{2}$/.test(v)
          ? new Date(`${v}T00:00:00.000Z`)
          : v,
      );
      ws.addRow(cells).commit();
    }
    ws.commit();
    if (opts.notes?.length) {
      const help = wb.addWorksheet('How to fill in');
      help.columns = [{ header: 'Notes', key: 'n', width: 110 }];
      help.getRow(1).font = { bold: true };
      for (const n of opts.notes) help.addRow([n]).commit();
      help.commit();
    }
    await wb.commit();
  };
  run().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
