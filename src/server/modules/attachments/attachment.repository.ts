import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { deliverableAttachments, deliverableStages, users } from '../../db/schema';
import { afterCursor } from '../../http/pagination';

export type AttachmentRow = typeof deliverableAttachments.$inferSelect;
export type AttachmentInsert = typeof deliverableAttachments.$inferInsert;
export type AttachmentWithAuthor = AttachmentRow & { createdByName: string };

/**
 * Rows of deliverable_attachments. Visibility is not decided here: callers check the deliverable
 * with deliverableRepo.find first.
 */
export const attachmentRepo = {
  /** One page, newest first (keyset over createdAt, id); fetches limit + 1 rows. */
  async list(
    tx: DbOrTx,
    orgId: string,
    deliverableId: string,
    limit: number,
    cursor?: string,
  ): Promise<AttachmentWithAuthor[]> {
    const rows = await tx
      .select({ attachment: deliverableAttachments, createdByName: users.name })
      .from(deliverableAttachments)
      .innerJoin(users, eq(users.id, deliverableAttachments.createdById))
      .where(
        and(
          eq(deliverableAttachments.organizationId, orgId),
          eq(deliverableAttachments.deliverableId, deliverableId),
          afterCursor(deliverableAttachments.createdAt, deliverableAttachments.id, cursor),
        ),
      )
      .orderBy(desc(deliverableAttachments.createdAt), desc(deliverableAttachments.id))
      .limit(limit + 1);
    return rows.map((r) => ({ ...r.attachment, createdByName: r.createdByName }));
  },

  /** The row in the caller's organization, or undefined. */
  async findInOrg(tx: DbOrTx, orgId: string, id: string, lock = false) {
    const q = tx
      .select()
      .from(deliverableAttachments)
      .where(
        and(eq(deliverableAttachments.id, id), eq(deliverableAttachments.organizationId, orgId)),
      );
    const [row] = lock ? await q.for('update') : await q;
    return row;
  },

  async insert(tx: DbOrTx, values: AttachmentInsert): Promise<AttachmentRow> {
    const [row] = await tx.insert(deliverableAttachments).values(values).returning();
    return row!;
  },

  async remove(tx: DbOrTx, id: string): Promise<void> {
    await tx.delete(deliverableAttachments).where(eq(deliverableAttachments.id, id));
  },

  /** Whether the pipeline stage definition is one of this deliverable's stages. */
  async deliverableHasStage(
    tx: DbOrTx,
    deliverableId: string,
    stageDefinitionId: string,
  ): Promise<boolean> {
    const [row] = await tx
      .select({ id: deliverableStages.id })
      .from(deliverableStages)
      .where(
        and(
          eq(deliverableStages.deliverableId, deliverableId),
          eq(deliverableStages.stageDefinitionId, stageDefinitionId),
        ),
      )
      .limit(1);
    return row !== undefined;
  },
};
