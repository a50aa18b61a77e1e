import type { Role } from '../../../domain/permissions';
import { requireAdminToGrant, requirePermission, type Caller } from '../../caller';
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/unique-violation';
import { AppError, conflict, notFound } from '../../errors';
import { toPage } from '../../http/pagination';
import { hashPassword } from '../auth/password-hash';
import type { ClientTeamRepository } from './client-team.repository';
import { presentUser } from './orgs.presenter';
import type { PodRepository } from './pod.repository';
import type { UserPatch, UserRepository } from './user.repository';

export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly users: UserRepository,
    private readonly pods: PodRepository,
    private readonly teams: ClientTeamRepository,
  ) {}

  async list(caller: Caller, opts: { limit: number; cursor?: string; q?: string }) {
    requirePermission(caller, 'USER_MANAGE');
    const rows = await this.users.list(caller.orgId, opts);
    return toPage(rows, opts.limit, presentUser);
  }

  async get(caller: Caller, id: string) {
    requirePermission(caller, 'USER_MANAGE');
    const user = await this.users.get(caller.orgId, id);
    if (!user) throw notFound('User');
    return presentUser(user);
  }

  /** An admin creates an account with a temporary password; the user must change it. */
  async create(
    caller: Caller,
    input: {
      email: string;
      name: string;
      role: Role;
      temporaryPassword: string;
      clientTeamIds?: string[];
    },
  ) {
    requirePermission(caller, 'USER_MANAGE');
    requireAdminToGrant(caller, input.role);
    const teamIds = [...new Set(input.clientTeamIds ?? [])];
    if ((await this.teams.countInOrg(caller.orgId, teamIds)) !== teamIds.length) {
      throw new AppError('VALIDATION_FAILED', 'Unknown client team', {
        fields: [{ path: 'clientTeamIds', message: 'Unknown client team' }],
      });
    }
    if (await this.users.findByEmail(input.email)) {
      throw conflict(`A user with the e-mail ${input.email} already exists`);
    }
    const passwordHash = await hashPassword(input.temporaryPassword);
    try {
      const user = await this.db.transaction(async (tx) => {
        const created = await this.users.create(tx, {
          organizationId: caller.orgId,
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash,
          mustChangePassword: true,
        });
        for (const teamId of teamIds) await this.teams.addMember(tx, teamId, created.id, false);
        return created;
      });
      return presentUser(user);
    } catch (err) {
      if (isUniqueViolation(err))
        throw conflict(`A user with the e-mail ${input.email} already exists`);
      throw err;
    }
  }

  async update(
    caller: Caller,
    id: string,
    input: Omit<UserPatch, 'disabledAt'> & { disabled?: boolean },
  ) {
    requirePermission(caller, 'USER_MANAGE');
    const user = await this.users.get(caller.orgId, id);
    if (!user) throw notFound('User');
    requireAdminToGrant(caller, input.role, user.role);
    const { disabled, ...rest } = input;
    const patch: UserPatch = { ...rest };
    if (rest.role) patch.isExternal = rest.role === 'CLIENT_VIEWER';
    if (disabled !== undefined)
      patch.disabledAt = disabled ? (user.disabledAt ?? new Date()) : null;
    if (rest.homePodId && !(await this.pods.get(caller.orgId, rest.homePodId))) {
      throw new AppError('VALIDATION_FAILED', 'Unknown pod', {
        fields: [{ path: 'homePodId', message: 'No such pod in this organization' }],
      });
    }
    // The organization must keep at least one active admin.
    const losesAdmin =
      user.role === 'ADMIN' &&
      user.disabledAt === null &&
      ((rest.role && rest.role !== 'ADMIN') || disabled === true);
    if (losesAdmin && (await this.users.countActiveAdmins(caller.orgId)) <= 1) {
      throw conflict('This is the last active admin: make someone else an admin first');
    }
    const updated = await this.db.transaction(async (tx) => {
      const row = await this.users.update(tx, caller.orgId, id, patch);
      if (disabled === true) await this.users.revokeSessions(tx, id);
      return row;
    });
    if (!updated) throw notFound('User');
    return presentUser(updated);
  }
}
