import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { AppError } from '../../errors';

/** Whether an update patch sets anything (drizzle refuses an UPDATE with nothing to set). */
export function hasValues(patch: object): boolean {
  return Object.values(patch).some((v) => v !== undefined);
}

/** Cursor over (name asc, id asc), for lists shown alphabetically. */
export function encodeNameCursor(key: { name: string; id: string }): string {
  return Buffer.from(JSON.stringify([key.name, key.id])).toString('base64url');
}

export function afterNameCursor(
  nameCol: AnyColumn,
  idCol: AnyColumn,
  cursor: string | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  if (
    !Array.isArray(key) ||
    key.length !== 2 ||
    typeof key[0] !== 'string' ||
    typeof key[1] !== 'string'
  ) {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not valid; start from the first page', {
      fields: [{ path: 'cursor', message: 'Invalid cursor' }],
    });
  }
  return sql`(${nameCol}, ${idCol}) > (${key[0]}, ${key[1]})`;
}
