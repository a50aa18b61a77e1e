/** Postgres unique_violation (23505), through drizzle's wrapped errors. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  let e: unknown = err;
  for (let i = 0; i < 3 && e; i++) {
    const pgErr = e as { code?: string; constraint?: string; cause?: unknown };
    if (pgErr.code === '23505') return !constraint || pgErr.constraint === constraint;
    e = pgErr.cause;
  }
  return false;
}

export function isForeignKeyViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 3 && e; i++) {
    const pgErr = e as { code?: string; cause?: unknown };
    if (pgErr.code === '23503') return true;
    e = pgErr.cause;
  }
  return false;
}
