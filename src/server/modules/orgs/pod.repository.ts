import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { pods, users } from '../../db/schema';
import { hasValues } from './keyset';
import { afterCursor, newestFirst } from '../../http/pagination';

const lead = alias(users, 'lead');

export class PodRepository {
  constructor(private readonly db: Db) {}

  private selectPods() {
    return this.db
      .select({
        id: pods.id,
        name: pods.name,
        slug: pods.slug,
        createdAt: pods.createdAt,
        leadUserId: pods.leadUserId,
        leadName: lead.name,
        memberCount: sql<number>`(select count(*)::int from ${users} u where u.home_pod_id = "pods"."id")`,
      })
      .from(pods)
      .leftJoin(lead, eq(lead.id, pods.leadUserId));
  }

  async list(orgId: string, opts: { limit: number; cursor?: string }) {
    return this.selectPods()
      .where(and(eq(pods.organizationId, orgId), afterCursor(pods.createdAt, pods.id, opts.cursor)))
      .orderBy(...newestFirst(pods.createdAt, pods.id))
      .limit(opts.limit + 1);
  }

  async get(orgId: string, id: string) {
    const [row] = await this.selectPods().where(
      and(eq(pods.id, id), eq(pods.organizationId, orgId)),
    );
    return row;
  }

  async create(orgId: string, data: { name: string; slug: string; leadUserId: string | null }) {
    const [row] = await this.db
      .insert(pods)
      .values({ organizationId: orgId, ...data })
      .returning({ id: pods.id });
    return row!.id;
  }

  async update(
    orgId: string,
    id: string,
    patch: { name?: string; slug?: string; leadUserId?: string | null },
  ): Promise<boolean> {
    if (!hasValues(patch)) return (await this.get(orgId, id)) !== undefined;
    const rows = await this.db
      .update(pods)
      .set(patch)
      .where(and(eq(pods.id, id), eq(pods.organizationId, orgId)))
      .returning({ id: pods.id });
    return rows.length > 0;
  }

  async delete(orgId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(pods)
      .where(and(eq(pods.id, id), eq(pods.organizationId, orgId)))
      .returning({ id: pods.id });
    return rows.length > 0;
  }
}
