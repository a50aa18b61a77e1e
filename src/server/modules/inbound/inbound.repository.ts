import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Caller } from '../../caller';
import type { DbOrTx } from '../../db/client';
import {
  deliverableStages,
  deliverables,
  holdingPenFiles,
  inboundLogs,
  orgRolePermissions,
  pipelineStageDefinitions,
  pipelineTemplates,
  projects,
  revisions,
  users,
  type InboundChannel,
  type InboundOutcome,
} from '../../db/schema';
import type { Permission } from '../../../domain/permissions';
import { afterCursor } from '../../http/pagination';
import { visibleProjects } from '../projects/project-visibility';

export type HoldingPenRow = typeof holdingPenFiles.$inferSelect;
export type InboundLogRow = typeof inboundLogs.$inferSelect;

/** Reads and writes of the inbound log and the holding pen; every query is scoped to an org. */
export const inboundRepo = {
  /** The custom filename patterns in use in an org (archived pipelines' projects still receive files). */
  async customPatterns(tx: DbOrTx, orgId: string): Promise<string[]> {
    const rows = await tx
      .selectDistinct({ pattern: pipelineTemplates.inboundFilenameRegex })
      .from(pipelineTemplates)
      .where(
        and(
          eq(pipelineTemplates.organizationId, orgId),
          isNotNull(pipelineTemplates.inboundFilenameRegex),
        ),
      );
    return rows.map((r) => r.pattern!).filter((p) => p.trim() !== '');
  },

  /** Projects by OMG job number (compared case-insensitively), with their pipeline's pattern. */
  async projectsByJobNumbers(tx: DbOrTx, orgId: string, jobNumbers: string[]) {
    if (jobNumbers.length === 0) return [];
    return tx
      .select({
        id: projects.id,
        name: projects.name,
        omgJobNumber: projects.omgJobNumber,
        pattern: pipelineTemplates.inboundFilenameRegex,
      })
      .from(projects)
      .leftJoin(pipelineTemplates, eq(pipelineTemplates.id, projects.pipelineTemplateId))
      .where(
        and(
          eq(projects.organizationId, orgId),
          inArray(
            sql`lower(${projects.omgJobNumber})`,
            jobNumbers.map((j) => j.toLowerCase()),
          ),
        ),
      );
  },

  async projectDeliverables(tx: DbOrTx, orgId: string, projectId: string) {
    return tx
      .select({ id: deliverables.id, name: deliverables.name, alias: deliverables.boxAliasSlug })
      .from(deliverables)
      .where(and(eq(deliverables.organizationId, orgId), eq(deliverables.projectId, projectId)));
  },

  /** The deliverable's sent version awaiting the client (the latest sent, if several). */
  async awaitingClientStage(tx: DbOrTx, deliverableId: string) {
    const [row] = await tx
      .select({
        stageId: revisions.deliverableStageId,
        stageName: pipelineStageDefinitions.name,
        major: revisions.major,
        minor: revisions.minor,
        sentToClient: revisions.sentToClient,
      })
      .from(revisions)
      .innerJoin(deliverableStages, eq(deliverableStages.id, revisions.deliverableStageId))
      .innerJoin(
        pipelineStageDefinitions,
        eq(pipelineStageDefinitions.id, deliverableStages.stageDefinitionId),
      )
      .where(
        and(
          eq(deliverableStages.deliverableId, deliverableId),
          eq(revisions.sentToClient, true),
          eq(revisions.status, 'IN_REVIEW'),
        ),
      )
      .orderBy(desc(revisions.sentAt), desc(revisions.id))
      .limit(1);
    return row ?? null;
  },

  /** Users of the org holding a permission by their role (internal, enabled accounts only). */
  async usersWithPermission(tx: DbOrTx, orgId: string, permission: Permission) {
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(
        orgRolePermissions,
        and(
          eq(orgRolePermissions.organizationId, users.organizationId),
          eq(orgRolePermissions.role, users.role),
          eq(orgRolePermissions.permission, permission),
        ),
      )
      .where(
        and(eq(users.organizationId, orgId), eq(users.isExternal, false), isNull(users.disabledAt)),
      );
    return rows.map((r) => r.id);
  },

  async insertLog(tx: DbOrTx, values: typeof inboundLogs.$inferInsert): Promise<InboundLogRow> {
    const [row] = await tx.insert(inboundLogs).values(values).returning();
    return row!;
  },

  /** The log, newest first, with the names its links need. */
  async listLog(
    tx: DbOrTx,
    orgId: string,
    q: { limit: number; cursor?: string; outcome?: InboundOutcome; channel?: InboundChannel },
  ) {
    return tx
      .select({
        log: inboundLogs,
        projectName: projects.name,
        deliverableName: deliverables.name,
        revision: {
          id: revisions.id,
          major: revisions.major,
          minor: revisions.minor,
          sentToClient: revisions.sentToClient,
          stageId: revisions.deliverableStageId,
        },
      })
      .from(inboundLogs)
      .leftJoin(projects, eq(projects.id, inboundLogs.matchedProjectId))
      .leftJoin(deliverables, eq(deliverables.id, inboundLogs.matchedDeliverableId))
      .leftJoin(revisions, eq(revisions.id, inboundLogs.revisionId))
      .where(
        and(
          eq(inboundLogs.organizationId, orgId),
          q.outcome ? eq(inboundLogs.outcome, q.outcome) : undefined,
          q.channel ? eq(inboundLogs.channel, q.channel) : undefined,
          afterCursor(inboundLogs.receivedAt, inboundLogs.id, q.cursor),
        ),
      )
      .orderBy(desc(inboundLogs.receivedAt), desc(inboundLogs.id))
      .limit(q.limit + 1);
  },

  /** Stage names by id, for people-facing messages and the log. */
  async stageNames(tx: DbOrTx, stageIds: string[]) {
    if (stageIds.length === 0) return new Map<string, string>();
    const rows = await tx
      .select({ id: deliverableStages.id, name: pipelineStageDefinitions.name })
      .from(deliverableStages)
      .innerJoin(
        pipelineStageDefinitions,
        eq(pipelineStageDefinitions.id, deliverableStages.stageDefinitionId),
      )
      .where(inArray(deliverableStages.id, stageIds));
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  async insertHeld(
    tx: DbOrTx,
    values: typeof holdingPenFiles.$inferInsert,
  ): Promise<HoldingPenRow> {
    const [row] = await tx.insert(holdingPenFiles).values(values).returning();
    return row!;
  },

  /** Held files of a deliverable the caller may see, oldest first. */
  async listHeld(tx: DbOrTx, caller: Caller, deliverableId: string) {
    return tx
      .select({ file: holdingPenFiles })
      .from(holdingPenFiles)
      .innerJoin(deliverables, eq(deliverables.id, holdingPenFiles.deliverableId))
      .innerJoin(projects, eq(projects.id, deliverables.projectId))
      .where(
        and(
          eq(holdingPenFiles.deliverableId, deliverableId),
          eq(holdingPenFiles.organizationId, caller.orgId),
          visibleProjects(caller),
        ),
      )
      .orderBy(holdingPenFiles.receivedAt, holdingPenFiles.id);
  },

  /** One held file of a deliverable; `lock` takes its row lock for promote / discard. */
  async findHeld(tx: DbOrTx, orgId: string, deliverableId: string, fileId: string, lock = false) {
    const q = tx
      .select()
      .from(holdingPenFiles)
      .where(
        and(
          eq(holdingPenFiles.id, fileId),
          eq(holdingPenFiles.deliverableId, deliverableId),
          eq(holdingPenFiles.organizationId, orgId),
        ),
      );
    const [row] = lock ? await q.for('update') : await q;
    return row ?? null;
  },

  async deleteHeld(tx: DbOrTx, orgId: string, fileId: string) {
    const rows = await tx
      .delete(holdingPenFiles)
      .where(and(eq(holdingPenFiles.id, fileId), eq(holdingPenFiles.organizationId, orgId)))
      .returning({ id: holdingPenFiles.id });
    return rows.length > 0;
  },

  /** The log row of a held file follows it into the chain (the link to the held file goes). */
  async linkLogToRevision(tx: DbOrTx, orgId: string, fileId: string, revisionId: string) {
    await tx
      .update(inboundLogs)
      .set({ revisionId })
      .where(and(eq(inboundLogs.organizationId, orgId), eq(inboundLogs.holdingPenFileId, fileId)));
  },

  /**
   * A revision made from a held file keeps the file's id: a second promote finds it here.
   * Only on a stage of the given deliverable.
   */
  async revisionOfDeliverable(tx: DbOrTx, orgId: string, deliverableId: string, id: string) {
    const [row] = await tx
      .select({ revision: revisions })
      .from(revisions)
      .innerJoin(deliverableStages, eq(deliverableStages.id, revisions.deliverableStageId))
      .where(
        and(
          eq(revisions.id, id),
          eq(revisions.organizationId, orgId),
          eq(deliverableStages.deliverableId, deliverableId),
        ),
      );
    return row?.revision ?? null;
  },

  /** Which of these ids still own their inbound folder (a held file or a revision). */
  async ownersOf(tx: DbOrTx, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const [held, revs] = await Promise.all([
      tx
        .select({ id: holdingPenFiles.id })
        .from(holdingPenFiles)
        .where(inArray(holdingPenFiles.id, ids)),
      tx.select({ id: revisions.id }).from(revisions).where(inArray(revisions.id, ids)),
    ]);
    return new Set([...held, ...revs].map((r) => r.id));
  },
};
