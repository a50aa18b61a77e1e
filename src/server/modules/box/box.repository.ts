import { and, asc, desc, eq } from 'drizzle-orm';
import { openSecret, sealSecret } from '../../crypto/secret-box';
import type { DbOrTx } from '../../db/client';
import {
  boxConnections,
  boxPushLogs,
  boxWebhookEvents,
  inboundLogs,
  projects,
} from '../../db/schema';

export type BoxWebhookEventRow = typeof boxWebhookEvents.$inferSelect;
type ConnectionRow = typeof boxConnections.$inferSelect;
type ConnectionValues = Partial<typeof boxConnections.$inferInsert>;

/** Credentials and webhook keys are stored sealed (src/server/crypto/secret-box.ts). */
const SECRET_FIELDS = [
  'developerToken',
  'clientSecret',
  'webhookPrimaryKey',
  'webhookSecondaryKey',
] as const;

function sealConnection<T extends ConnectionValues>(values: T): T {
  const out: ConnectionValues = { ...values };
  for (const f of SECRET_FIELDS) {
    const v = out[f];
    if (typeof v === 'string') (out as Record<string, unknown>)[f] = sealSecret(v);
  }
  return out as T;
}

/** A connection row with its secrets readable again (only ever inside the server). */
export function openConnection(row: ConnectionRow): ConnectionRow;
export function openConnection(row: ConnectionRow | undefined | null): ConnectionRow | null;
export function openConnection(row: ConnectionRow | undefined | null): ConnectionRow | null {
  if (!row) return null;
  const out: ConnectionRow = { ...row };
  for (const f of SECRET_FIELDS) {
    const v = out[f];
    if (typeof v === 'string') (out as Record<string, unknown>)[f] = openSecret(v);
  }
  return out;
}

/** Box connections, webhook events and push logs; every query names the organization. */
export const boxRepo = {
  async listConnections(db: DbOrTx, orgId: string) {
    const rows = await db
      .select()
      .from(boxConnections)
      .where(eq(boxConnections.organizationId, orgId))
      .orderBy(asc(boxConnections.createdAt), asc(boxConnections.id));
    return rows.map((r) => openConnection(r));
  },

  async findConnection(db: DbOrTx, orgId: string, id: string) {
    const [row] = await db
      .select()
      .from(boxConnections)
      .where(and(eq(boxConnections.id, id), eq(boxConnections.organizationId, orgId)));
    return openConnection(row);
  },

  /** For the public webhook route: the connection id is the only thing Box sends. */
  async findConnectionForWebhook(db: DbOrTx, id: string) {
    const [row] = await db.select().from(boxConnections).where(eq(boxConnections.id, id));
    return openConnection(row);
  },

  async insertConnection(db: DbOrTx, values: typeof boxConnections.$inferInsert) {
    const [row] = await db.insert(boxConnections).values(sealConnection(values)).returning();
    return openConnection(row!);
  },

  async updateConnection(
    db: DbOrTx,
    orgId: string,
    id: string,
    values: Partial<typeof boxConnections.$inferInsert>,
  ) {
    const [row] = await db
      .update(boxConnections)
      .set(sealConnection(values))
      .where(and(eq(boxConnections.id, id), eq(boxConnections.organizationId, orgId)))
      .returning();
    return openConnection(row);
  },

  async deleteConnection(db: DbOrTx, orgId: string, id: string) {
    const rows = await db
      .delete(boxConnections)
      .where(and(eq(boxConnections.id, id), eq(boxConnections.organizationId, orgId)))
      .returning({ id: boxConnections.id });
    return rows.length > 0;
  },

  /** Stores a delivery once: a redelivery of the same Box event id → null. */
  async insertEventOnce(db: DbOrTx, values: typeof boxWebhookEvents.$inferInsert) {
    const [row] = await db
      .insert(boxWebhookEvents)
      .values(values)
      .onConflictDoNothing({
        target: [boxWebhookEvents.connectionId, boxWebhookEvents.eventId],
      })
      .returning();
    return row ?? null;
  },

  async findEventByBoxId(db: DbOrTx, connectionId: string, eventId: string) {
    const [row] = await db
      .select()
      .from(boxWebhookEvents)
      .where(
        and(eq(boxWebhookEvents.connectionId, connectionId), eq(boxWebhookEvents.eventId, eventId)),
      );
    return row ?? null;
  },

  async findEvent(db: DbOrTx, id: string) {
    const [row] = await db.select().from(boxWebhookEvents).where(eq(boxWebhookEvents.id, id));
    return row ?? null;
  },

  async updateEvent(db: DbOrTx, id: string, values: Partial<typeof boxWebhookEvents.$inferInsert>) {
    await db.update(boxWebhookEvents).set(values).where(eq(boxWebhookEvents.id, id));
  },

  /** Recent deliveries of one connection, with what the inbound resolver made of them. */
  async recentEvents(db: DbOrTx, orgId: string, connectionId: string, limit: number) {
    return db
      .select({
        event: boxWebhookEvents,
        outcome: inboundLogs.outcome,
        reason: inboundLogs.reason,
        revisionId: inboundLogs.revisionId,
        holdingPenFileId: inboundLogs.holdingPenFileId,
        matchedDeliverableId: inboundLogs.matchedDeliverableId,
      })
      .from(boxWebhookEvents)
      .leftJoin(inboundLogs, eq(inboundLogs.id, boxWebhookEvents.inboundLogId))
      .where(
        and(
          eq(boxWebhookEvents.organizationId, orgId),
          eq(boxWebhookEvents.connectionId, connectionId),
        ),
      )
      .orderBy(desc(boxWebhookEvents.receivedAt), desc(boxWebhookEvents.id))
      .limit(limit);
  },

  /** True when the file is one we pushed ourselves (its upload must not come back in). */
  async isPushedFile(db: DbOrTx, orgId: string, boxFileId: string) {
    const [row] = await db
      .select({ id: boxPushLogs.id })
      .from(boxPushLogs)
      .where(and(eq(boxPushLogs.organizationId, orgId), eq(boxPushLogs.boxFileId, boxFileId)))
      .limit(1);
    return Boolean(row);
  },

  async pushLogs(db: DbOrTx, orgId: string, revisionId: string, limit: number) {
    return db
      .select()
      .from(boxPushLogs)
      .where(and(eq(boxPushLogs.organizationId, orgId), eq(boxPushLogs.revisionId, revisionId)))
      .orderBy(desc(boxPushLogs.attempt), desc(boxPushLogs.sentAt), desc(boxPushLogs.id))
      .limit(limit);
  },

  async project(db: DbOrTx, orgId: string, id: string) {
    const [row] = await db
      .select({ id: projects.id, boxFolderId: projects.boxFolderId })
      .from(projects)
      .where(and(eq(projects.id, id), eq(projects.organizationId, orgId)));
    return row ?? null;
  },

  async setProjectFolder(db: DbOrTx, orgId: string, id: string, boxFolderId: string | null) {
    const [row] = await db
      .update(projects)
      .set({ boxFolderId })
      .where(and(eq(projects.id, id), eq(projects.organizationId, orgId)))
      .returning({ id: projects.id, boxFolderId: projects.boxFolderId });
    return row ?? null;
  },
};
