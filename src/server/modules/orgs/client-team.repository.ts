import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { clientTeamMemberships, clientTeams, projects, users } from '../../db/schema';
import { afterCursor } from '../../http/pagination';

export class ClientTeamRepository {
  constructor(private readonly db: Db) {}

  private selectWithCounts() {
    return this.db
      .select({
        id: clientTeams.id,
        name: clientTeams.name,
        slug: clientTeams.slug,
        createdAt: clientTeams.createdAt,
        memberCount: sql<number>`(select count(*)::int from ${clientTeamMemberships} m where m.client_team_id = ${clientTeams.id})`,
        projectCount: sql<number>`(select count(*)::int from ${projects} p where p.client_team_id = ${clientTeams.id})`,
      })
      .from(clientTeams);
  }

  async list(orgId: string, opts: { limit: number; cursor?: string }) {
    return this.selectWithCounts()
      .where(
        and(
          eq(clientTeams.organizationId, orgId),
          afterCursor(clientTeams.createdAt, clientTeams.id, opts.cursor),
        ),
      )
      .orderBy(desc(clientTeams.createdAt), desc(clientTeams.id))
      .limit(opts.limit + 1);
  }

  async getWithCounts(orgId: string, id: string) {
    const [row] = await this.selectWithCounts().where(
      and(eq(clientTeams.id, id), eq(clientTeams.organizationId, orgId)),
    );
    return row;
  }

  async get(orgId: string, id: string) {
    return this.db.query.clientTeams.findFirst({
      where: and(eq(clientTeams.id, id), eq(clientTeams.organizationId, orgId)),
    });
  }

  async countInOrg(orgId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(clientTeams)
      .where(and(eq(clientTeams.organizationId, orgId), inArray(clientTeams.id, [...ids])));
    return row?.n ?? 0;
  }

  async create(orgId: string, data: { name: string; slug: string }) {
    const [row] = await this.db
      .insert(clientTeams)
      .values({ organizationId: orgId, ...data })
      .returning();
    return row!;
  }

  async update(orgId: string, id: string, patch: { name?: string; slug?: string }) {
    const [row] = await this.db
      .update(clientTeams)
      .set(patch)
      .where(and(eq(clientTeams.id, id), eq(clientTeams.organizationId, orgId)))
      .returning();
    return row;
  }

  async countProjects(teamId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(projects)
      .where(eq(projects.clientTeamId, teamId));
    return row?.n ?? 0;
  }

  async delete(orgId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(clientTeams)
      .where(and(eq(clientTeams.id, id), eq(clientTeams.organizationId, orgId)))
      .returning({ id: clientTeams.id });
    return rows.length > 0;
  }

  async members(teamId: string) {
    return this.db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        isPrimary: clientTeamMemberships.isPrimary,
      })
      .from(clientTeamMemberships)
      .innerJoin(users, eq(users.id, clientTeamMemberships.userId))
      .where(eq(clientTeamMemberships.clientTeamId, teamId))
      .orderBy(asc(users.name));
  }

  async addMember(tx: DbOrTx, teamId: string, userId: string, isPrimary: boolean) {
    await tx
      .insert(clientTeamMemberships)
      .values({ clientTeamId: teamId, userId, isPrimary })
      .onConflictDoUpdate({
        target: [clientTeamMemberships.userId, clientTeamMemberships.clientTeamId],
        set: { isPrimary },
      });
  }

  async removeMember(teamId: string, userId: string): Promise<boolean> {
    const rows = await this.db
      .delete(clientTeamMemberships)
      .where(
        and(eq(clientTeamMemberships.clientTeamId, teamId), eq(clientTeamMemberships.userId, userId)),
      )
      .returning({ userId: clientTeamMemberships.userId });
    return rows.length > 0;
  }
}
