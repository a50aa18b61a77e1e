import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { loginAttempts } from '../../db/schema';
import { AppError } from '../../errors';

/**
 * Failed sign-ins are counted per account and per IP over a sliding window, in the database so
 * every web process sees the same counts. Over the limit → 429 with Retry-After.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  private async retryAfter(key: string, max: number): Promise<number | null> {
    const windowMs = this.config.LOGIN_WINDOW_SECONDS * 1000;
    const since = new Date(Date.now() - windowMs);
    const rows = await this.db
      .select({ createdAt: loginAttempts.createdAt })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.key, key), gte(loginAttempts.createdAt, since)))
      .orderBy(asc(loginAttempts.createdAt))
      .limit(max);
    if (rows.length < max) return null;
    const oldest = rows[0]!.createdAt.getTime();
    return Math.max(1, Math.ceil((oldest + windowMs - Date.now()) / 1000));
  }

  async assertAllowed(email: string | null, ip: string): Promise<void> {
    const checks: [string, number][] = [[`ip:${ip}`, this.config.LOGIN_MAX_ATTEMPTS_PER_IP]];
    if (email)
      checks.unshift([`email:${email.toLowerCase()}`, this.config.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT]);
    for (const [key, max] of checks) {
      const wait = await this.retryAfter(key, max);
      if (wait !== null) {
        throw new AppError(
          'TOO_MANY_ATTEMPTS',
          `Too many sign-in attempts. Try again in ${wait} seconds.`,
          { retryAfter: wait },
        );
      }
    }
  }

  async recordFailure(email: string | null, ip: string): Promise<void> {
    const rows = [{ key: `ip:${ip}` }];
    if (email) rows.push({ key: `email:${email.toLowerCase()}` });
    await this.db.insert(loginAttempts).values(rows);
  }

  async clearAccount(email: string): Promise<void> {
    await this.db
      .delete(loginAttempts)
      .where(eq(loginAttempts.key, `email:${email.toLowerCase()}`));
  }

  async sweep(): Promise<number> {
    const before = new Date(Date.now() - this.config.LOGIN_WINDOW_SECONDS * 1000);
    const res = await this.db
      .delete(loginAttempts)
      .where(lt(loginAttempts.createdAt, before))
      .returning({ one: sql`1` });
    return res.length;
  }
}
