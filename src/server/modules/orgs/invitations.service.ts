import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../../domain/permissions';
import { requireAdminToGrant, requirePermission, type Caller } from '../../caller';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/unique-violation';
import { AppError, conflict, notFound } from '../../errors';
import { toPage } from '../../http/pagination';
import { hashPassword } from '../auth/password-hash';
import type { Mailer } from '../mail/mailer';
import type { ClientTeamRepository } from './client-team.repository';
import type { InvitationRepository } from './invitation.repository';
import type { OrgRepository } from './org.repository';
import { invitationStatusOf, presentInvitation } from './orgs.presenter';
import type { UserRepository } from './user.repository';

/** Tokens are mailed once and stored only as a SHA-256 hash. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const invalidLink = () =>
  new AppError(
    'NOT_FOUND',
    'This invitation link is invalid or has expired. Ask an admin for a new one.',
  );

export class InvitationsService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly invitations: InvitationRepository,
    private readonly users: UserRepository,
    private readonly teams: ClientTeamRepository,
    private readonly orgs: OrgRepository,
    private readonly mailer: Mailer,
  ) {}

  async list(caller: Caller, opts: { limit: number; cursor?: string }) {
    requirePermission(caller, 'USER_MANAGE');
    return toPage(await this.invitations.list(caller.orgId, opts), opts.limit, presentInvitation);
  }

  async create(caller: Caller, input: { email: string; role: Role; clientTeamIds?: string[] }) {
    requirePermission(caller, 'USER_MANAGE');
    requireAdminToGrant(caller, input.role);
    const teamIds = [...new Set(input.clientTeamIds ?? [])];
    if ((await this.teams.countInOrg(caller.orgId, teamIds)) !== teamIds.length) {
      throw new AppError('VALIDATION_FAILED', 'Unknown client team', {
        fields: [{ path: 'clientTeamIds', message: 'Unknown client team' }],
      });
    }
    if (await this.users.findByEmail(input.email)) {
      throw conflict(`${input.email} already has a prodtrack account`);
    }
    const existing = await this.invitations.findByEmail(caller.orgId, input.email);
    if (existing && invitationStatusOf(existing) === 'PENDING') {
      throw conflict(`${input.email} already has a pending invitation: resend it instead`);
    }
    const token = randomBytes(32).toString('base64url');
    const id = await this.invitations.upsert(this.db, {
      organizationId: caller.orgId,
      email: input.email,
      role: input.role,
      clientTeamIds: teamIds,
      invitedById: caller.userId,
      tokenHash: hashToken(token),
      expiresAt: this.expiry(),
    });
    await this.sendMail(caller, input.email, token);
    return presentInvitation((await this.invitations.get(caller.orgId, id))!);
  }

  async resend(caller: Caller, id: string) {
    requirePermission(caller, 'USER_MANAGE');
    const inv = await this.invitations.get(caller.orgId, id);
    if (!inv) throw notFound('Invitation');
    const status = invitationStatusOf(inv);
    if (status === 'ACCEPTED') throw conflict('This invitation was already accepted');
    if (status === 'REVOKED')
      throw conflict('This invitation was revoked: invite the address again');
    if (await this.users.findByEmail(inv.email))
      throw conflict(`${inv.email} already has a prodtrack account`);
    const token = randomBytes(32).toString('base64url');
    await this.invitations.refreshToken(caller.orgId, id, hashToken(token), this.expiry());
    await this.sendMail(caller, inv.email, token);
    return presentInvitation((await this.invitations.get(caller.orgId, id))!);
  }

  async revoke(caller: Caller, id: string) {
    requirePermission(caller, 'USER_MANAGE');
    const inv = await this.invitations.get(caller.orgId, id);
    if (!inv) throw notFound('Invitation');
    if (inv.acceptedAt) throw conflict('This invitation was already accepted');
    await this.invitations.revoke(caller.orgId, id);
  }

  /** Public: what the accept page shows before the invitee chooses a password. */
  async lookup(token: string) {
    const found = await this.invitations.findByTokenHash(hashToken(token));
    if (!found || invitationStatusOf(found.invitation) !== 'PENDING') throw invalidLink();
    return {
      email: found.invitation.email,
      role: found.invitation.role,
      organizationName: found.organizationName,
      expiresAt: found.invitation.expiresAt.toISOString(),
    };
  }

  /** Public: creates the account; the caller (route) then signs the new user in. */
  async accept(input: {
    token: string;
    name: string;
    password: string;
  }): Promise<{ email: string }> {
    const found = await this.invitations.findByTokenHash(hashToken(input.token));
    if (!found || invitationStatusOf(found.invitation) !== 'PENDING') throw invalidLink();
    const inv = found.invitation;
    if (await this.users.findByEmail(inv.email)) {
      throw conflict(`${inv.email} already has a prodtrack account: sign in instead`);
    }
    const passwordHash = await hashPassword(input.password);
    try {
      await this.db.transaction(async (tx) => {
        // Only one accept wins, even when the link is clicked twice at once.
        if (!(await this.invitations.markAccepted(tx, inv.id))) throw invalidLink();
        const user = await this.users.create(tx, {
          organizationId: inv.organizationId,
          email: inv.email,
          name: input.name,
          role: inv.role,
          passwordHash,
          mustChangePassword: false,
        });
        // Teams deleted since the invitation was sent are skipped. Queried through tx: on
        // PGlite (one connection) a query outside the transaction would wait forever.
        for (const teamId of await this.teams.existingIds(
          tx,
          inv.organizationId,
          inv.clientTeamIds,
        )) {
          await this.teams.addMember(tx, teamId, user.id, false);
        }
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`${inv.email} already has a prodtrack account`);
      throw err;
    }
    return { email: inv.email };
  }

  private expiry(): Date {
    return new Date(Date.now() + this.config.INVITATION_TTL_HOURS * 3600_000);
  }

  private async sendMail(caller: Caller, email: string, token: string) {
    const org = await this.orgs.getOrganization(caller.orgId);
    const link = `${this.config.appUrl}/accept-invite?token=${token}`;
    await this.mailer.send({
      organizationId: caller.orgId,
      to: email,
      subject: `${caller.name} invited you to ${org?.name ?? 'prodtrack'}`,
      text:
        `${caller.name} invited you to join ${org?.name ?? 'their organization'} on prodtrack.\n\n` +
        `Accept the invitation and choose your password (the link expires in ${this.config.INVITATION_TTL_HOURS} hours):\n${link}\n`,
    });
  }
}
