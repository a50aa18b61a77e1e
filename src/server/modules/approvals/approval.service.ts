import { and, desc, eq } from 'drizzle-orm';
import { planDecision, type Decision } from '../../../domain/approvals';
import { formatRevisionLabel } from '../../../domain/version-chain';
import { requirePermission, type Caller } from '../../caller';
import type { Db } from '../../db/client';
import { approvalDecisions, revisions, users } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { deliverableRepo } from '../deliverables/deliverable.repository';
import type { DeliverableService } from '../deliverables/deliverable.service';
import type { NotificationService } from '../notifications/notification.service';
import { revisionRepo } from '../revisions/revision.repository';

export interface DecisionInput {
  decision: Decision;
  revisionId?: string | null;
  note?: string | null;
}

/**
 * Approving or requesting changes: by the agency's reviewers on a stage in review (SIMPLE: a
 * producer's call; FORMAL: recorded on a revision with a note), and by the client on a version
 * sent to them. Every decision is kept (who, when, which revision, why) and the stage and
 * revision move as the lifecycle contract says.
 */
export class ApprovalService {
  constructor(
    private readonly db: Db,
    private readonly deliverables: DeliverableService,
    private readonly notifications: NotificationService,
  ) {}

  async decide(caller: Caller, stageId: string, input: DecisionInput) {
    requirePermission(caller, 'REVISION_REVIEW');
    const visible = await revisionRepo.visibleStage(this.db, caller, stageId);
    if (!visible) throw notFound('Stage');
    const result = await this.db.transaction(async (tx) => {
      const found = await deliverableRepo.find(tx, caller, visible.deliverableId, true);
      if (!found) throw notFound('Stage');
      await revisionRepo.lockStage(tx, stageId);
      const stage = (await deliverableRepo.stages(tx, [visible.deliverableId])).find(
        (s) => s.id === stageId,
      )!;
      let revision = null;
      if (input.revisionId) {
        const row = await revisionRepo.visible(tx, caller, input.revisionId, true);
        if (!row || row.revision.deliverableStageId !== stageId) throw notFound('Revision');
        revision = row.revision;
      } else {
        // Unnamed: the client decides on the version that awaits them; a reviewer on the
        // stage's latest revision (a stage without files is decided on without one).
        const [fallback] = await tx
          .select()
          .from(revisions)
          .where(
            and(
              eq(revisions.deliverableStageId, stageId),
              caller.isExternal ? eq(revisions.sentToClient, true) : undefined,
              caller.isExternal ? eq(revisions.status, 'IN_REVIEW') : undefined,
            ),
          )
          .orderBy(desc(revisions.major), desc(revisions.minor))
          .limit(1);
        revision = fallback ?? null;
      }
      const plan = planDecision({
        decision: input.decision,
        byClient: caller.isExternal,
        stage: { name: stage.name, status: stage.status, approvalType: stage.approvalType },
        revision: revision
          ? {
              label: formatRevisionLabel(revision),
              sentToClient: revision.sentToClient,
              status: revision.status,
            }
          : null,
        note: input.note,
      });
      if (!plan.ok)
        throw new AppError(
          plan.invalid ? 'VALIDATION_FAILED' : 'STAGE_MOVE_NOT_ALLOWED',
          plan.reason,
        );
      const label = revision ? formatRevisionLabel(revision) : null;
      const who = caller.isExternal ? 'The client' : caller.name;
      const verb = input.decision === 'APPROVED' ? 'approved' : 'requested changes on';
      const note = `${who} ${verb} ${label ?? stage.name}${input.note ? `: ${input.note}` : ''}`;
      if (revision && plan.revisionTo && plan.revisionTo !== revision.status) {
        await tx
          .update(revisions)
          .set({ status: plan.revisionTo })
          .where(eq(revisions.id, revision.id));
        await this.deliverables.recordRevision(
          tx,
          caller,
          revision.id,
          revision.status,
          plan.revisionTo,
          note,
        );
      }
      // Decisions are kept per revision; one on a stage without files lives in its history.
      const [row] = revision
        ? await tx
            .insert(approvalDecisions)
            .values({
              organizationId: caller.orgId,
              deliverableStageId: stageId,
              revisionId: revision.id,
              decision: input.decision,
              note: input.note?.trim() || null,
              decidedById: caller.userId,
              isClientDecision: caller.isExternal,
            })
            .returning()
        : [null];
      const unblocked = await this.deliverables.decideStage(
        tx,
        caller,
        visible.deliverableId,
        stageId,
        plan.stageTo,
        note,
      );
      return { decision: row, unblocked, deliverableName: found.deliverable.name, label, note };
    });
    await this.deliverables.notifyUnblockedStages(caller, result.unblocked, result.deliverableName);
    const assignees = (await deliverableRepo.assignments(this.db, [stageId]))
      .map((a) => a.userId)
      .filter((id) => id !== caller.userId);
    if (assignees.length)
      await this.notifications.notify(this.db, {
        organizationId: caller.orgId,
        userIds: assignees,
        type: 'REVISION_FEEDBACK',
        title:
          input.decision === 'APPROVED'
            ? `${result.label ?? 'Stage'} approved`
            : `Changes requested on ${result.label ?? 'the stage'}`,
        message: result.note,
        link: `/deliverables/${visible.deliverableId}`,
        entityType: 'STAGE',
        entityId: stageId,
      });
    return result.decision
      ? this.present(result.decision, caller.name, result.label)
      : {
          id: null,
          stageId,
          revisionId: null,
          revisionLabel: null,
          decision: input.decision,
          note: input.note?.trim() || null,
          byClient: caller.isExternal,
          decidedBy: { id: caller.userId, name: caller.name },
          createdAt: new Date().toISOString(),
        };
  }

  async list(caller: Caller, stageId: string) {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    const visible = await revisionRepo.visibleStage(this.db, caller, stageId);
    if (!visible) throw notFound('Stage');
    const rows = await this.db
      .select({ d: approvalDecisions, name: users.name, revision: revisions })
      .from(approvalDecisions)
      .leftJoin(users, eq(users.id, approvalDecisions.decidedById))
      .leftJoin(revisions, eq(revisions.id, approvalDecisions.revisionId))
      .where(
        and(
          eq(approvalDecisions.organizationId, caller.orgId),
          eq(approvalDecisions.deliverableStageId, stageId),
          // Clients see their side of the conversation only.
          caller.isExternal ? eq(approvalDecisions.isClientDecision, true) : undefined,
        ),
      )
      .orderBy(desc(approvalDecisions.createdAt), desc(approvalDecisions.id))
      .limit(200);
    return {
      items: rows.map((r) =>
        this.present(r.d, r.name ?? '', r.revision ? formatRevisionLabel(r.revision) : null),
      ),
      nextCursor: null,
    };
  }

  private present(
    d: typeof approvalDecisions.$inferSelect,
    decidedByName: string,
    revisionLabel: string | null,
  ) {
    return {
      id: d.id,
      stageId: d.deliverableStageId,
      revisionId: d.revisionId,
      revisionLabel,
      decision: d.decision,
      note: d.note,
      byClient: d.isClientDecision,
      decidedBy: { id: d.decidedById, name: decidedByName },
      createdAt: d.createdAt.toISOString(),
    };
  }
}
