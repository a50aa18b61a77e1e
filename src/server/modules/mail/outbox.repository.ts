import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { outboxEmails } from '../../db/schema';
import { afterCursor, toPage } from '../../http/pagination';

export class OutboxRepository {
  constructor(private readonly db: Db) {}

  async list(orgId: string, opts: { limit: number; cursor?: string }) {
    const rows = await this.db
      .select()
      .from(outboxEmails)
      .where(
        and(
          eq(outboxEmails.organizationId, orgId),
          afterCursor(outboxEmails.createdAt, outboxEmails.id, opts.cursor),
        ),
      )
      .orderBy(desc(outboxEmails.createdAt), desc(outboxEmails.id))
      .limit(opts.limit + 1);
    return toPage(rows, opts.limit, (e) => ({
      id: e.id,
      to: e.toAddress,
      subject: e.subject,
      text: e.textBody,
      createdAt: e.createdAt.toISOString(),
    }));
  }
}
