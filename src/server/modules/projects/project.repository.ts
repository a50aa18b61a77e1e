import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Caller } from '../../caller';
import type { Db } from '../../db/client';
import { clientTeams, deliverables, pipelineTemplates, projects } from '../../db/schema';
import { afterCursor, containsPattern } from '../../http/pagination';
import { visibleProjects } from './project-visibility';

export interface ProjectListFilter {
  limit: number;
  cursor?: string;
  status?: (typeof projects.$inferSelect)['status'];
  clientTeamId?: string;
  q?: string;
}

export class ProjectRepository {
  constructor(private readonly db: Db) {}

  private select() {
    return this.db
      .select({
        id: projects.id,
        createdAt: projects.createdAt,
        project: projects,
        clientTeamName: clientTeams.name,
        deliverableCount: sql<number>`(select count(*)::int from ${deliverables} d where d.project_id = ${projects.id})`,
        pipelineName: pipelineTemplates.name,
      })
      .from(projects)
      .leftJoin(clientTeams, eq(clientTeams.id, projects.clientTeamId))
      .leftJoin(pipelineTemplates, eq(pipelineTemplates.id, projects.pipelineTemplateId));
  }

  async list(caller: Caller, f: ProjectListFilter) {
    const conds: (SQL | undefined)[] = [
      visibleProjects(caller),
      afterCursor(projects.createdAt, projects.id, f.cursor),
      f.status ? eq(projects.status, f.status) : undefined,
      f.clientTeamId ? eq(projects.clientTeamId, f.clientTeamId) : undefined,
      f.q
        ? or(
            ilike(projects.name, containsPattern(f.q)),
            ilike(projects.projectCode, containsPattern(f.q)),
            ilike(projects.omgJobNumber, containsPattern(f.q)),
          )
        : undefined,
    ];
    return this.select()
      .where(and(...conds))
      .orderBy(desc(projects.createdAt), desc(projects.id))
      .limit(f.limit + 1);
  }

  async get(caller: Caller, id: string) {
    const [row] = await this.select().where(and(visibleProjects(caller), eq(projects.id, id)));
    return row;
  }
}
