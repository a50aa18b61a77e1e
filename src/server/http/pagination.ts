import { and, desc, eq, lt, or, type SQL, type AnyColumn } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../errors';

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size (max 200)'),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});

export type ListQuery = z.infer<typeof listQuerySchema>;

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Keyset cursor over (createdAt desc, id desc): stable under inserts, no OFFSET scans. */
interface CursorKey {
  createdAt: Date;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.createdAt.toISOString(), key.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorKey | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(String(at));
    if (typeof id !== 'string' || Number.isNaN(createdAt.getTime())) throw new Error('bad');
    return { createdAt, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not valid; start from the first page', {
      fields: [{ path: 'cursor', message: 'Invalid cursor' }],
    });
  }
}

/** WHERE fragment for "rows after the cursor" in (createdAt desc, id desc) order. */
export function afterCursor(
  createdAtCol: AnyColumn,
  idCol: AnyColumn,
  cursor: string | undefined,
): SQL | undefined {
  const key = decodeCursor(cursor);
  if (!key) return undefined;
  return or(
    lt(createdAtCol, key.createdAt),
    and(eq(createdAtCol, key.createdAt), lt(idCol, key.id)),
  );
}

/** The ORDER BY that goes with afterCursor. */
export function newestFirst(createdAtCol: AnyColumn, idCol: AnyColumn): SQL[] {
  return [desc(createdAtCol), desc(idCol)];
}

/** A LIKE pattern matching `q` anywhere, with %, _ and \\ in `q` taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Rows were fetched with limit + 1: the extra row tells whether there is a next page. */
export function toPage<R extends { createdAt: Date; id: string }, T>(
  rows: R[],
  limit: number,
  present: (row: R) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(present),
    nextCursor: hasMore && last ? encodeCursor(last) : null,
  };
}
