import { and, asc, eq, ilike, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../../domain/permissions';
import type { Db, DbOrTx } from '../../db/client';
import { accounts, sessions, users } from '../../db/schema';
import { hasValues } from './keyset';
import { afterCursor, containsPattern, newestFirst } from '../../http/pagination';

export type UserRow = typeof users.$inferSelect;

export interface NewUser {
  organizationId: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  mustChangePassword: boolean;
}

export interface UserPatch {
  name?: string;
  role?: Role;
  department?: string | null;
  maxCapacity?: number;
  homePodId?: string | null;
  disabledAt?: Date | null;
  isExternal?: boolean;
}

export const CREDENTIAL_PROVIDER = 'credential';

export class UserRepository {
  constructor(private readonly db: Db) {}

  async list(orgId: string, opts: { limit: number; cursor?: string; q?: string }) {
    const conds: (SQL | undefined)[] = [
      eq(users.organizationId, orgId),
      afterCursor(users.createdAt, users.id, opts.cursor),
    ];
    if (opts.q) {
      const like = containsPattern(opts.q);
      conds.push(or(ilike(users.name, like), ilike(users.email, like)));
    }
    return this.db
      .select()
      .from(users)
      .where(and(...conds))
      .orderBy(...newestFirst(users.createdAt, users.id))
      .limit(opts.limit + 1);
  }

  async listAll(orgId: string) {
    return this.db
      .select()
      .from(users)
      .where(and(eq(users.organizationId, orgId), isNull(users.disabledAt)))
      .orderBy(asc(users.name));
  }

  async get(orgId: string, id: string): Promise<UserRow | undefined> {
    return this.db.query.users.findFirst({
      where: and(eq(users.id, id), eq(users.organizationId, orgId)),
    });
  }

  /** E-mails are unique across all organizations (one account, one org). */
  async findByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.query.users.findFirst({ where: eq(users.email, email.toLowerCase()) });
  }

  async create(tx: DbOrTx, data: NewUser): Promise<UserRow> {
    const [user] = await tx
      .insert(users)
      .values({
        organizationId: data.organizationId,
        email: data.email.toLowerCase(),
        name: data.name,
        role: data.role,
        isExternal: data.role === 'CLIENT_VIEWER',
        mustChangePassword: data.mustChangePassword,
        emailVerified: true,
      })
      .returning();
    if (data.passwordHash) {
      await tx.insert(accounts).values({
        userId: user!.id,
        accountId: user!.id,
        providerId: CREDENTIAL_PROVIDER,
        password: data.passwordHash,
      });
    }
    return user!;
  }

  async update(tx: DbOrTx, orgId: string, id: string, patch: UserPatch) {
    if (!hasValues(patch)) {
      // Through tx: on PGlite (one connection) a query outside the transaction would wait forever.
      const [current] = await tx
        .select()
        .from(users)
        .where(and(eq(users.id, id), eq(users.organizationId, orgId)));
      return current;
    }
    const [row] = await tx
      .update(users)
      .set(patch)
      .where(and(eq(users.id, id), eq(users.organizationId, orgId)))
      .returning();
    return row;
  }

  async countActiveAdmins(orgId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(
        and(eq(users.organizationId, orgId), eq(users.role, 'ADMIN'), isNull(users.disabledAt)),
      );
    return row?.n ?? 0;
  }

  async getPasswordHash(userId: string): Promise<string | null> {
    const row = await this.db.query.accounts.findFirst({
      where: and(eq(accounts.userId, userId), eq(accounts.providerId, CREDENTIAL_PROVIDER)),
    });
    return row?.password ?? null;
  }

  async setPasswordHash(tx: DbOrTx, userId: string, hash: string): Promise<void> {
    const updated = await tx
      .update(accounts)
      .set({ password: hash })
      .where(and(eq(accounts.userId, userId), eq(accounts.providerId, CREDENTIAL_PROVIDER)))
      .returning({ id: accounts.id });
    if (updated.length === 0) {
      await tx
        .insert(accounts)
        .values({ userId, accountId: userId, providerId: CREDENTIAL_PROVIDER, password: hash });
    }
    await tx.update(users).set({ mustChangePassword: false }).where(eq(users.id, userId));
  }

  /** Ends every session of a user except the one given (password change, disabling). */
  async revokeSessions(tx: DbOrTx, userId: string, keepSessionId?: string | null): Promise<void> {
    await tx
      .delete(sessions)
      .where(
        keepSessionId
          ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
          : eq(sessions.userId, userId),
      );
  }
}
