import { count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { boxPushLogs, deliverableStages, revisions } from '../../db/schema';

export const NO_CONNECTOR = 'No delivery connector configured';

/**
 * The outbound delivery of a version sent to the client. Until a connector (Box) is configured
 * for the org, the attempt is logged as failed with the reason, so producers see that nothing
 * left the building.
 */
export async function deliverRevision(db: Db, revisionId: string): Promise<void> {
  const [row] = await db
    .select({
      organizationId: revisions.organizationId,
      deliverableId: deliverableStages.deliverableId,
      sentToClient: revisions.sentToClient,
    })
    .from(revisions)
    .innerJoin(deliverableStages, eq(deliverableStages.id, revisions.deliverableStageId))
    .where(eq(revisions.id, revisionId));
  if (!row?.sentToClient) return;
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(boxPushLogs)
    .where(eq(boxPushLogs.revisionId, revisionId));
  await db.insert(boxPushLogs).values({
    organizationId: row.organizationId,
    deliverableId: row.deliverableId,
    revisionId,
    status: 'FAILED',
    attempt: n + 1,
    error: NO_CONNECTOR,
  });
}
