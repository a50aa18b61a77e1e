import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { notifications } from '../../db/schema';
import { afterCursor } from '../../http/pagination';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

export class NotificationRepository {
  constructor(private readonly db: Db) {}

  async insert(tx: DbOrTx, rows: NewNotification[]): Promise<NotificationRow[]> {
    if (rows.length === 0) return [];
    return tx.insert(notifications).values(rows).returning();
  }

  async list(
    orgId: string,
    userId: string,
    opts: { limit: number; cursor?: string; unreadOnly?: boolean },
  ) {
    return this.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.organizationId, orgId),
          eq(notifications.userId, userId),
          opts.unreadOnly ? eq(notifications.isRead, false) : undefined,
          afterCursor(notifications.createdAt, notifications.id, opts.cursor),
        ),
      )
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(opts.limit + 1);
  }

  async unreadCount(orgId: string, userId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(
        and(
          eq(notifications.organizationId, orgId),
          eq(notifications.userId, userId),
          eq(notifications.isRead, false),
        ),
      );
    return row?.n ?? 0;
  }

  async markRead(orgId: string, userId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .update(notifications)
      .set({ isRead: true, readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(
        and(
          eq(notifications.id, id),
          eq(notifications.userId, userId),
          eq(notifications.organizationId, orgId),
        ),
      )
      .returning({ id: notifications.id });
    return rows.length > 0;
  }

  async markAllRead(orgId: string, userId: string): Promise<void> {
    await this.db
      .update(notifications)
      .set({ isRead: true, readAt: new Date() })
      .where(
        and(
          eq(notifications.organizationId, orgId),
          eq(notifications.userId, userId),
          eq(notifications.isRead, false),
        ),
      );
  }
}
