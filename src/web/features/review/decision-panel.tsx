import { Alert, Badge, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconPencilExclamation } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { RelativeTime } from '../../components/ui/relative-time';
import { notifySuccess } from '../../components/ui/notify';
import { errorMessage } from '../../lib/api';
import type { DeliverableStage } from '../deliverables/types';
import { hasPermission, useMe } from '../me/queries';
import { useStageRevisions } from '../revisions/queries';
import { RevisionPermission, revisionLabel } from '../revisions/revision-labels';
import type { Revision } from '../revisions/types';
import { useDecide, useStageDecisions } from './queries';
import type { DecisionKind } from './types';

const DECISION_LABEL: Record<DecisionKind, string> = {
  APPROVED: 'Approved',
  CHANGES_REQUESTED: 'Changes requested',
};
const DECISION_COLOR: Record<DecisionKind, string> = {
  APPROVED: 'teal',
  CHANGES_REQUESTED: 'orange',
};

/**
 * What the signed-in person may decide on now, or null. Staff reviewers decide on a stage
 * IN_REVIEW (the latest revision); client viewers on the sent version awaiting them.
 */
function decisionTarget(
  stage: DeliverableStage,
  chain: readonly Revision[],
  external: boolean,
): { revision: Revision | null } | null {
  if (stage.approvalType === 'NONE') return null;
  if (external) {
    const awaiting = chain.find((r) => r.sentToClient && r.status === 'IN_REVIEW');
    return awaiting ? { revision: awaiting } : null;
  }
  if (stage.status !== 'IN_REVIEW') return null;
  // The chain comes newest first.
  return { revision: chain[0] ?? null };
}

function DecisionModal({
  kind,
  formal,
  revision,
  external,
  pending,
  error,
  onClose,
  onSubmit,
}: {
  kind: DecisionKind | null;
  formal: boolean;
  revision: Revision | null;
  external: boolean;
  pending: boolean;
  error: string | null;
  onClose: () => void;
  onSubmit: (note: string) => void;
}) {
  const [note, setNote] = useState('');
  const required = kind === 'CHANGES_REQUESTED' || (formal && !external);
  const blank = note.trim().length === 0;
  const submit = () => {
    if (required && blank) return;
    onSubmit(note.trim());
  };
  return (
    <Modal
      opened={kind !== null}
      onClose={onClose}
      title={kind === 'APPROVED' ? 'Approve' : 'Request changes'}
      data-testid="decision-modal"
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {revision ? `On ${revisionLabel(revision)}. ` : ''}
          {kind === 'APPROVED'
            ? external
              ? 'The version is approved and the stage delivered.'
              : 'The stage is approved and the next stages unblock.'
            : 'The assignees are told what to change.'}
        </Text>
        <Textarea
          label={required ? 'Note' : 'Note (optional)'}
          placeholder={kind === 'CHANGES_REQUESTED' ? 'What needs to change?' : 'Anything to add?'}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={5000}
          required={required}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
          data-autofocus
          data-testid="decision-note"
        />
        {error ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={16} />}>
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color={kind === 'APPROVED' ? 'teal' : 'orange'}
            onClick={submit}
            disabled={required && blank}
            loading={pending}
            data-testid="decision-submit"
          >
            {kind === 'APPROVED' ? 'Approve' : 'Request changes'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Approve / request changes on the stage, and the decisions taken so far. */
export function DecisionPanel({
  stage,
  deliverableId,
}: {
  stage: DeliverableStage;
  deliverableId: string;
}) {
  const me = useMe();
  const external = me.user.isExternal;
  const canReview = hasPermission(me, RevisionPermission.REVIEW);
  const revisions = useStageRevisions(stage.id);
  const chain = useMemo(
    () => revisions.data?.pages.flatMap((p) => p.items) ?? [],
    [revisions.data],
  );
  const decisions = useStageDecisions(stage.id);
  const decide = useDecide(stage.id, deliverableId);
  const [kind, setKind] = useState<DecisionKind | null>(null);
  const [error, setError] = useState<string | null>(null);

  const target = canReview ? decisionTarget(stage, chain, external) : null;
  const formal = stage.approvalType === 'FORMAL';
  const past = decisions.data?.items ?? [];

  const open = (k: DecisionKind) => {
    setError(null);
    setKind(k);
  };
  const submit = (note: string) => {
    if (!kind || !target) return;
    decide.mutate(
      {
        decision: kind,
        ...(target.revision ? { revisionId: target.revision.id } : {}),
        ...(note ? { note } : {}),
      },
      {
        onSuccess: (d) => {
          setKind(null);
          notifySuccess(`${stage.name}: ${DECISION_LABEL[d.decision].toLowerCase()}`);
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };

  if (!target && past.length === 0) return null;

  return (
    <Stack gap="xs" data-testid="decision-panel">
      {target ? (
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={500}>
            {target.revision
              ? `Your decision on ${revisionLabel(target.revision)}`
              : 'Your decision'}
          </Text>
          <Button
            size="xs"
            color="teal"
            leftSection={<IconCheck size={14} />}
            onClick={() => open('APPROVED')}
            data-testid="decision-approve"
          >
            Approve
          </Button>
          <Button
            size="xs"
            color="orange"
            variant="light"
            leftSection={<IconPencilExclamation size={14} />}
            onClick={() => open('CHANGES_REQUESTED')}
            data-testid="decision-request-changes"
          >
            Request changes
          </Button>
        </Group>
      ) : null}
      {past.length > 0 ? (
        <Stack gap={6} data-testid="decision-list">
          {past.map((d, i) => (
            <Group
              key={d.id ?? `${d.createdAt}-${i}`}
              gap={8}
              align="flex-start"
              wrap="nowrap"
              data-testid="decision-item"
              data-decision={d.decision}
            >
              <Badge size="sm" variant="light" color={DECISION_COLOR[d.decision]}>
                {DECISION_LABEL[d.decision]}
              </Badge>
              <Stack gap={0} miw={0}>
                <Text size="sm">
                  {d.decidedBy.name}
                  {d.byClient ? ' (client)' : ''}
                  {d.revisionLabel ? ` · ${d.revisionLabel}` : ''} ·{' '}
                  <RelativeTime value={d.createdAt} c="dimmed" size="sm" />
                </Text>
                {d.note ? (
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                    {d.note}
                  </Text>
                ) : null}
              </Stack>
            </Group>
          ))}
        </Stack>
      ) : null}
      <DecisionModal
        key={kind ?? 'closed'}
        kind={kind}
        formal={formal}
        revision={target?.revision ?? null}
        external={external}
        pending={decide.isPending}
        error={error}
        onClose={() => setKind(null)}
        onSubmit={submit}
      />
    </Stack>
  );
}
