import { openSecret, sealSecret } from '../../crypto/secret-box';
import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { requirePermission, type Caller } from '../../caller';
import type { Db } from '../../db/client';
import { webhookEndpoints } from '../../db/schema';
import { notFound } from '../../errors';

export interface WebhookEndpointOut {
  id: string;
  name: string;
  kind: 'BRIEFS';
  isEnabled: boolean;
  /** Where the sender posts (relative to the app's URL). */
  path: string;
  createdAt: string;
}

/** Standard Webhooks secrets: `whsec_` + base64 of 32 random bytes. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Incoming signed-webhook endpoints (INTEGRATION_MANAGE); the secret is shown once. */
export class WebhookEndpointService {
  constructor(private readonly db: Db) {}

  async create(caller: Caller, input: { name: string }) {
    requirePermission(caller, 'INTEGRATION_MANAGE');
    const secret = newSecret();
    const [row] = await this.db
      .insert(webhookEndpoints)
      .values({
        organizationId: caller.orgId,
        name: input.name,
        kind: 'BRIEFS',
        secret: sealSecret(secret),
      })
      .returning();
    return { ...present(row!), secret };
  }

  async list(caller: Caller) {
    requirePermission(caller, 'INTEGRATION_MANAGE');
    const rows = await this.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.organizationId, caller.orgId))
      .orderBy(desc(webhookEndpoints.isEnabled), desc(webhookEndpoints.createdAt));
    return { items: rows.map(present), nextCursor: null };
  }

  async update(caller: Caller, id: string, patch: { isEnabled?: boolean; name?: string }) {
    requirePermission(caller, 'INTEGRATION_MANAGE');
    const [row] = await this.db
      .update(webhookEndpoints)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organizationId, caller.orgId)))
      .returning();
    if (!row) throw notFound('Webhook endpoint');
    return present(row);
  }

  /** For the public webhook route: the endpoint and its secret, whatever the org. */
  async findForDelivery(id: string) {
    const [row] = await this.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    return row ? { ...row, secret: openSecret(row.secret) } : null;
  }
}

function present(row: typeof webhookEndpoints.$inferSelect): WebhookEndpointOut {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    isEnabled: row.isEnabled,
    path: `/api/webhooks/briefs/${row.id}`,
    createdAt: row.createdAt.toISOString(),
  };
}
