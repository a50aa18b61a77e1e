import { and, eq, isNull } from 'drizzle-orm';
import type { Role } from '../../../domain/permissions';
import { afterCursor, newestFirst } from '../../http/pagination';
import type { Db, DbOrTx } from '../../db/client';
import { invitations, organizations, users } from '../../db/schema';

export class InvitationRepository {
  constructor(private readonly db: Db) {}

  private select() {
    return this.db
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        clientTeamIds: invitations.clientTeamIds,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        revokedAt: invitations.revokedAt,
        createdAt: invitations.createdAt,
        organizationId: invitations.organizationId,
        invitedById: invitations.invitedById,
        invitedByName: users.name,
      })
      .from(invitations)
      .innerJoin(users, eq(users.id, invitations.invitedById));
  }

  async list(orgId: string, opts: { limit: number; cursor?: string }) {
    return this.select()
      .where(
        and(
          eq(invitations.organizationId, orgId),
          afterCursor(invitations.createdAt, invitations.id, opts.cursor),
        ),
      )
      .orderBy(...newestFirst(invitations.createdAt, invitations.id))
      .limit(opts.limit + 1);
  }

  async get(orgId: string, id: string) {
    const [row] = await this.select().where(
      and(eq(invitations.id, id), eq(invitations.organizationId, orgId)),
    );
    return row;
  }

  async findByEmail(orgId: string, email: string) {
    return this.db.query.invitations.findFirst({
      where: and(eq(invitations.organizationId, orgId), eq(invitations.email, email)),
    });
  }

  async findByTokenHash(tokenHash: string) {
    const [row] = await this.db
      .select({ invitation: invitations, organizationName: organizations.name })
      .from(invitations)
      .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
      .where(eq(invitations.tokenHash, tokenHash));
    return row;
  }

  /** One row per (email, org): inviting again refreshes the token, role and expiry. */
  async upsert(
    tx: DbOrTx,
    data: {
      organizationId: string;
      email: string;
      role: Role;
      clientTeamIds: string[];
      invitedById: string;
      tokenHash: string;
      expiresAt: Date;
    },
  ): Promise<string> {
    const [row] = await tx
      .insert(invitations)
      .values(data)
      .onConflictDoUpdate({
        target: [invitations.email, invitations.organizationId],
        set: {
          role: data.role,
          clientTeamIds: data.clientTeamIds,
          invitedById: data.invitedById,
          tokenHash: data.tokenHash,
          expiresAt: data.expiresAt,
          acceptedAt: null,
          revokedAt: null,
          createdAt: new Date(),
        },
      })
      .returning({ id: invitations.id });
    return row!.id;
  }

  async refreshToken(orgId: string, id: string, tokenHash: string, expiresAt: Date) {
    await this.db
      .update(invitations)
      .set({ tokenHash, expiresAt })
      .where(and(eq(invitations.id, id), eq(invitations.organizationId, orgId)));
  }

  async revoke(orgId: string, id: string): Promise<void> {
    await this.db
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, id), eq(invitations.organizationId, orgId)));
  }

  /** Marks accepted only if still open: the WHERE makes two racing accepts yield one winner. */
  async markAccepted(tx: DbOrTx, id: string): Promise<boolean> {
    const rows = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(
        and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
      )
      .returning({ id: invitations.id, acceptedAt: invitations.acceptedAt });
    return rows.length > 0;
  }
}
