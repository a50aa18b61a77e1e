import { slugify } from '../../../domain/slug';
import { requirePermission, type Caller } from '../../caller';
import { isUniqueViolation } from '../../db/unique-violation';
import { AppError, conflict, notFound } from '../../errors';
import { toPage } from '../../http/pagination';
import { presentPod } from './orgs.presenter';
import type { PodRepository } from './pod.repository';
import type { UserRepository } from './user.repository';

export class PodsService {
  constructor(
    private readonly pods: PodRepository,
    private readonly users: UserRepository,
  ) {}

  async list(caller: Caller, opts: { limit: number; cursor?: string }) {
    requirePermission(caller, 'POD_MANAGE');
    return toPage(await this.pods.list(caller.orgId, opts), opts.limit, presentPod);
  }

  private async checkLead(caller: Caller, leadUserId: string | null | undefined) {
    if (leadUserId && !(await this.users.get(caller.orgId, leadUserId))) {
      throw new AppError('VALIDATION_FAILED', 'Unknown lead user', {
        fields: [{ path: 'leadUserId', message: 'No such user in this organization' }],
      });
    }
  }

  async create(caller: Caller, input: { name: string; slug?: string; leadUserId?: string | null }) {
    requirePermission(caller, 'POD_MANAGE');
    await this.checkLead(caller, input.leadUserId);
    const slug = input.slug ?? slugify(input.name);
    if (!slug) {
      throw new AppError('VALIDATION_FAILED', 'Give the pod a name with letters or digits', {
        fields: [{ path: 'name', message: 'needs letters or digits (or give a slug)' }],
      });
    }
    try {
      const id = await this.pods.create(caller.orgId, {
        name: input.name,
        slug,
        leadUserId: input.leadUserId ?? null,
      });
      return presentPod((await this.pods.get(caller.orgId, id))!);
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`A pod with the slug "${slug}" already exists`);
      throw err;
    }
  }

  async update(
    caller: Caller,
    id: string,
    patch: { name?: string; slug?: string; leadUserId?: string | null },
  ) {
    requirePermission(caller, 'POD_MANAGE');
    if (!(await this.pods.get(caller.orgId, id))) throw notFound('Pod');
    await this.checkLead(caller, patch.leadUserId);
    try {
      if (!(await this.pods.update(caller.orgId, id, patch))) throw notFound('Pod');
    } catch (err) {
      if (isUniqueViolation(err))
        throw conflict(`A pod with the slug "${patch.slug}" already exists`);
      throw err;
    }
    return presentPod((await this.pods.get(caller.orgId, id))!);
  }

  async delete(caller: Caller, id: string) {
    requirePermission(caller, 'POD_MANAGE');
    if (!(await this.pods.delete(caller.orgId, id))) throw notFound('Pod');
  }
}
