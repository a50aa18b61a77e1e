import { slugify } from '../../../domain/slug';
import { requirePermission, type Caller } from '../../caller';
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/unique-violation';
import { AppError, conflict, notFound } from '../../errors';
import { toPage } from '../../http/pagination';
import type { ClientTeamRepository } from './client-team.repository';
import { encodeNameCursor } from './keyset';
import { presentClientTeam } from './orgs.presenter';
import type { UserRepository } from './user.repository';

export class ClientTeamsService {
  constructor(
    private readonly db: Db,
    private readonly teams: ClientTeamRepository,
    private readonly users: UserRepository,
  ) {}

  async list(caller: Caller, opts: { limit: number; cursor?: string }) {
    requirePermission(caller, 'CLIENT_TEAM_MANAGE');
    return toPage(await this.teams.list(caller.orgId, opts), opts.limit, presentClientTeam);
  }

  private async present(orgId: string, id: string) {
    const row = await this.teams.getWithCounts(orgId, id);
    if (!row) throw notFound('Client team');
    return presentClientTeam(row);
  }

  async create(caller: Caller, input: { name: string; slug?: string }) {
    requirePermission(caller, 'CLIENT_TEAM_MANAGE');
    const slug = input.slug ?? slugify(input.name);
    if (!slug) {
      throw new AppError('VALIDATION_FAILED', 'Give the team a name with letters or digits', {
        fields: [{ path: 'name', message: 'needs letters or digits (or give a slug)' }],
      });
    }
    try {
      const row = await this.teams.create(caller.orgId, { name: input.name, slug });
      return presentClientTeam({ ...row, memberCount: 0, projectCount: 0 });
    } catch (err) {
      if (isUniqueViolation(err))
        throw conflict(`A client team with the slug "${slug}" already exists`);
      throw err;
    }
  }

  async update(caller: Caller, id: string, patch: { name?: string; slug?: string }) {
    requirePermission(caller, 'CLIENT_TEAM_MANAGE');
    try {
      const row = await this.teams.update(caller.orgId, id, patch);
      if (!row) throw notFound('Client team');
    } catch (err) {
      if (isUniqueViolation(err))
        throw conflict(`A client team with the slug "${patch.slug}" already exists`);
      throw err;
    }
    return this.present(caller.orgId, id);
  }

  async delete(caller: Caller, id: string) {
    requirePermission(caller, 'CLIENT_TEAM_MANAGE');
    const team = await this.teams.get(caller.orgId, id);
    if (!team) throw notFound('Client team');
    const projects = await this.teams.countProjects(id);
    if (projects > 0) {
      throw conflict(
        `${team.name} still owns ${projects} project(s): move them to another team first`,
      );
    }
    await this.teams.delete(caller.orgId, id);
  }

  async members(caller: Caller, id: string, opts: { limit: number; cursor?: string }) {
    requirePermission(caller, 'CLIENT_TEAM_MANAGE');
    if (!(await this.teams.get(caller.orgId, id))) throw notFound('Client team');
    const rows = await this.teams.members(id, opts);
    const hasMore = rows.length > opts.limit;
    const items = hasMore ? rows.slice(0, opts.limit) : rows;
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: hasMore && last ? encodeNameCursor({ name: last.name, id: last.userId }) : null,
    };
  }

  async addMember(caller: Caller, id: string, userId: string, isPrimary: boolean | undefined) {
    requirePermission(caller, 'CLIENT_TEAM_MANAGE');
    if (!(await this.teams.get(caller.orgId, id))) throw notFound('Client team');
    if (!(await this.users.get(caller.orgId, userId))) throw notFound('User');
    await this.db.transaction((tx) => this.teams.addMember(tx, id, userId, isPrimary));
  }

  async removeMember(caller: Caller, id: string, userId: string) {
    requirePermission(caller, 'CLIENT_TEAM_MANAGE');
    if (!(await this.teams.get(caller.orgId, id))) throw notFound('Client team');
    if (!(await this.teams.removeMember(id, userId))) throw notFound('Membership');
  }
}
