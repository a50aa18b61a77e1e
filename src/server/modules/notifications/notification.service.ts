import type { Caller } from '../../caller';
import type { DbOrTx } from '../../db/client';
import { NOTIFICATION_TYPES } from '../../db/schema';
import { notFound } from '../../errors';
import { toPage } from '../../http/pagination';
import type { LiveBus } from './live-bus';
import type { NotificationRepository, NotificationRow } from './notification.repository';

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface NotifyInput {
  organizationId: string;
  userIds: readonly string[];
  type: NotificationType;
  title: string;
  message: string;
  link?: string | null;
  entityType?: string | null;
  entityId?: string | null;
}

export function presentNotification(n: NotificationRow) {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    message: n.message,
    link: n.link,
    isRead: n.isRead,
    createdAt: n.createdAt.toISOString(),
  };
}

export class NotificationService {
  constructor(
    private readonly repo: NotificationRepository,
    private readonly bus: LiveBus,
  ) {}

  /**
   * Stores notifications (inside the caller's transaction when given) and pushes them live.
   * Call `publish` with the result after the transaction commits.
   */
  async create(tx: DbOrTx, input: NotifyInput): Promise<NotificationRow[]> {
    const userIds = [...new Set(input.userIds)];
    return this.repo.insert(
      tx,
      userIds.map((userId) => ({
        organizationId: input.organizationId,
        userId,
        type: input.type,
        title: input.title,
        message: input.message,
        link: input.link ?? null,
        entityType: input.entityType ?? null,
        entityId: input.entityId ?? null,
      })),
    );
  }

  async publish(rows: NotificationRow[]): Promise<void> {
    for (const row of rows) {
      await this.bus.publish({
        userId: row.userId,
        type: 'notification',
        data: presentNotification(row),
      });
      const count = await this.repo.unreadCount(row.organizationId, row.userId);
      await this.bus.publish({ userId: row.userId, type: 'unread', data: { count } });
    }
  }

  async notify(db: DbOrTx, input: NotifyInput): Promise<void> {
    await this.publish(await this.create(db, input));
  }

  async list(caller: Caller, opts: { limit: number; cursor?: string; unreadOnly?: boolean }) {
    const rows = await this.repo.list(caller.orgId, caller.userId, opts);
    return toPage(rows, opts.limit, presentNotification);
  }

  async unreadCount(caller: Caller) {
    return { count: await this.repo.unreadCount(caller.orgId, caller.userId) };
  }

  async markRead(caller: Caller, id: string) {
    if (!(await this.repo.markRead(caller.orgId, caller.userId, id)))
      throw notFound('Notification');
    await this.pushCount(caller);
  }

  async markAllRead(caller: Caller) {
    await this.repo.markAllRead(caller.orgId, caller.userId);
    await this.pushCount(caller);
  }

  private async pushCount(caller: Caller) {
    const count = await this.repo.unreadCount(caller.orgId, caller.userId);
    await this.bus.publish({ userId: caller.userId, type: 'unread', data: { count } });
  }

  subscribe(caller: Caller, listener: Parameters<LiveBus['subscribe']>[1]) {
    return this.bus.subscribe(caller.userId, listener);
  }
}
