/**
 * Review decisions (PRODUCT.md lifecycle contract): what approving or requesting changes does
 * to a stage and to the revision it was taken on, for the agency's reviewers and for the client.
 */
import type { ApprovalType, StageStatus } from './stage-workflow';

export type Decision = 'APPROVED' | 'CHANGES_REQUESTED';
export type RevisionStatus = 'SUBMITTED' | 'IN_REVIEW' | 'CHANGES_REQUESTED' | 'APPROVED';

export interface DecisionInput {
  decision: Decision;
  /** A client viewer deciding on a version sent to them. */
  byClient: boolean;
  stage: { name: string; status: StageStatus; approvalType: ApprovalType };
  revision: { label: string; sentToClient: boolean; status: RevisionStatus } | null;
  note?: string | null;
}

export type DecisionPlan =
  | { ok: true; stageTo: StageStatus; revisionTo: RevisionStatus | null }
  | { ok: false; reason: string; invalid?: boolean };

const hasNote = (note: string | null | undefined) => Boolean(note && note.trim());

export function planDecision(input: DecisionInput): DecisionPlan {
  const { decision, stage, revision } = input;
  if (input.byClient) {
    // The client decides on a sent V{n} that awaits them: approve → delivered; changes → back.
    if (!revision)
      return { ok: false, reason: 'Choose the version you are deciding on', invalid: true };
    if (!revision.sentToClient || revision.status !== 'IN_REVIEW')
      return { ok: false, reason: `${revision.label} is not awaiting your decision` };
    if (decision === 'CHANGES_REQUESTED' && !hasNote(input.note))
      return { ok: false, reason: 'Say what should change', invalid: true };
    return {
      ok: true,
      stageTo: decision === 'APPROVED' ? 'DELIVERED' : 'CHANGES_REQUESTED',
      revisionTo: decision,
    };
  }
  if (stage.approvalType === 'NONE')
    return { ok: false, reason: `${stage.name} has no review step: mark it done instead` };
  if (stage.status !== 'IN_REVIEW')
    return { ok: false, reason: `${stage.name} is not in review: submit it for review first` };
  if (stage.approvalType === 'FORMAL') {
    if (!revision)
      return {
        ok: false,
        reason: `${stage.name} needs a formal decision on a revision: choose one`,
        invalid: true,
      };
    if (!hasNote(input.note))
      return { ok: false, reason: 'A formal decision needs a note saying why', invalid: true };
  }
  // A version out with the client keeps waiting for the client's own decision.
  const revisionTo =
    revision && !(revision.sentToClient && revision.status === 'IN_REVIEW') ? decision : null;
  return { ok: true, stageTo: decision, revisionTo };
}
