import {
  Alert,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconArrowBackUp, IconShieldCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { errorMessage, isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { StageStatusIcon } from '../stages/stage-strip';
import { StageStatusBadge } from '../stages/status-badges';
import {
  approvalLabel,
  stageMoveLabel,
  stageStatusColor,
  stageStatusLabel,
  toDateInput,
  type StageStatus,
} from '../stages/status';
import { deliverablesKeys, useUpdateStage } from './queries';
import { ReworkModal } from './rework-modal';
import { StageAssignees } from './stage-assignees';
import type { DeliverableDetail, DeliverableStage, StagePatch } from './types';

export interface StagePermissions {
  canMove: boolean;
  canEdit: boolean;
  canSchedule: boolean;
  canAssign: boolean;
  /** Staff see internal notes; client viewers never do. */
  internal: boolean;
  /**
   * Reviewers decide on a stage in review from the Review panel (a recorded decision with its
   * note), so its approve / request-changes moves are not offered here as well.
   */
  decidesInReview?: boolean;
}

const MOVE_ORDER: readonly StageStatus[] = [
  'IN_PROGRESS',
  'IN_REVIEW',
  'APPROVED',
  'CHANGES_REQUESTED',
  'DELIVERED',
  'SKIPPED',
  'NOT_STARTED',
  'BLOCKED',
];

function whyNoMoves(stage: DeliverableStage, canMove: boolean, onHold: boolean): string {
  if (!canMove) return 'You can see this stage but not move it.';
  if (onHold) return 'The deliverable is on hold: release the hold to move its stages.';
  switch (stage.status) {
    case 'BLOCKED':
      return 'Waiting for its prerequisites (and any earlier critical gate) to be approved.';
    case 'IN_REVIEW':
      return stage.approvalType === 'FORMAL'
        ? 'Waiting for a formal decision recorded on a revision.'
        : 'Waiting for a reviewer’s decision.';
    case 'APPROVED':
      return 'Approved. It becomes delivered when the client approves a sent version.';
    case 'DELIVERED':
      return 'Delivered. Nothing left to do here.';
    case 'SKIPPED':
      return 'Skipped.';
    default:
      return 'No move is available to you right now.';
  }
}

function Label({ children }: { children: string }) {
  return (
    <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
      {children}
    </Text>
  );
}

/** One stage of a deliverable: moves, versions, sub-status, dates, notes, people, rework. */
export function StagePanel({
  deliverable,
  stage,
  perms,
  versions,
}: {
  deliverable: DeliverableDetail;
  stage: DeliverableStage;
  perms: StagePermissions;
  /** The stage's version chain (its work), shown right under the moves. */
  versions?: ReactNode;
}) {
  const queryClient = useQueryClient();
  const update = useUpdateStage();
  const [moveError, setMoveError] = useState<string | null>(null);
  const [reworkOpen, setReworkOpen] = useState(false);
  const [startDate, setStartDate] = useState(toDateInput(stage.startDate));
  const [dueDate, setDueDate] = useState(toDateInput(stage.dueDate));
  const [notes, setNotes] = useState(stage.notes ?? '');
  const notesDirty = notes.trim() !== (stage.notes ?? '').trim();

  const reviewMoves = perms.decidesInReview && stage.status === 'IN_REVIEW';
  const moves = MOVE_ORDER.filter(
    (s) =>
      stage.allowedMoves.includes(s) &&
      !(reviewMoves && (s === 'APPROVED' || s === 'CHANGES_REQUESTED')),
  );
  const pendingStatus = update.isPending ? update.variables?.patch.status : undefined;

  const patch = (p: StagePatch, success?: string) =>
    update.mutate(
      { stageId: stage.id, patch: p },
      {
        onSuccess: () => {
          if (success) notifySuccess(success);
        },
        onError: (err) => {
          if (p.status) {
            setMoveError(errorMessage(err));
            // The rules may have changed under us: fetch the current allowed moves.
            if (isApiError(err) && err.status === 409) {
              void queryClient.invalidateQueries({
                queryKey: deliverablesKeys.detail(deliverable.id),
              });
            }
          } else {
            notifyError(err, 'Could not save the stage');
          }
        },
      },
    );

  const move = (to: StageStatus) => {
    setMoveError(null);
    patch({ status: to }, `${stage.name}: ${stageStatusLabel(to).toLowerCase()}`);
  };

  const saveDate = (field: 'startDate' | 'dueDate', value: string) => {
    const current = toDateInput(field === 'startDate' ? stage.startDate : stage.dueDate);
    if (value === current) return;
    patch({ [field]: value || null });
  };

  return (
    <Card withBorder padding="md" data-testid="stage-panel" data-stage={stage.slug}>
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4}>
          <Group gap="xs">
            <span
              aria-hidden
              style={{
                width: 10,
                height: 10,
                borderRadius: 3,
                background: stage.color ?? 'var(--mantine-color-gray-5)',
                display: 'inline-block',
              }}
            />
            <Title order={3} fz="h4" fw={600}>
              {stage.name}
            </Title>
            <StageStatusBadge status={stage.status} size="md" data-testid="stage-status" />
            {stage.subStatus ? (
              <Badge variant="outline" color="gray" size="md" tt="none" fw={500}>
                {stage.subStatus}
              </Badge>
            ) : null}
          </Group>
          <Group gap={6}>
            <Text size="xs" c="dimmed">
              {approvalLabel(stage.approvalType)}
            </Text>
            {stage.isOptional ? (
              <Badge size="xs" variant="default">
                Optional
              </Badge>
            ) : null}
            {stage.isCriticalGate ? (
              <Badge
                size="xs"
                variant="light"
                color="red"
                leftSection={<IconShieldCheck size={11} />}
              >
                Critical gate
              </Badge>
            ) : null}
          </Group>
        </Stack>
        {stage.reworkTargets.length > 0 && perms.canMove ? (
          <Button
            variant="light"
            color="orange"
            size="xs"
            leftSection={<IconArrowBackUp size={14} />}
            onClick={() => setReworkOpen(true)}
            data-testid="stage-rework"
          >
            Send back…
          </Button>
        ) : null}
      </Group>

      <Stack gap={6} mt="md">
        <Label>Move</Label>
        {reviewMoves ? (
          <Text size="sm" c="dimmed" data-testid="stage-decide-in-review">
            Approve or request changes in the Review panel below.
          </Text>
        ) : null}
        {moves.length > 0 ? (
          <Group gap="xs" data-testid="stage-moves">
            {moves.map((to) => (
              <Button
                key={to}
                size="xs"
                color={stageStatusColor(to)}
                variant={to === 'SKIPPED' || to === 'CHANGES_REQUESTED' ? 'light' : 'filled'}
                leftSection={<StageStatusIcon status={to} size={14} />}
                loading={pendingStatus === to}
                disabled={update.isPending && pendingStatus !== to}
                onClick={() => move(to)}
                data-testid={`stage-move-${to}`}
              >
                {stageMoveLabel(to)}
              </Button>
            ))}
          </Group>
        ) : reviewMoves ? null : (
          <Text size="sm" c="dimmed" data-testid="stage-no-moves">
            {whyNoMoves(stage, perms.canMove, deliverable.isOnHold)}
          </Text>
        )}
        {moveError ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle size={16} />}
            withCloseButton
            onClose={() => setMoveError(null)}
            title="Move refused"
            data-testid="stage-move-error"
          >
            {moveError}
          </Alert>
        ) : null}
      </Stack>

      {versions ? (
        <>
          <Divider my="md" />
          {versions}
        </>
      ) : null}

      <Divider my="md" />

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <Select
          label="Sub-status"
          placeholder={stage.customStatuses.length ? 'None' : 'None defined'}
          data={[
            ...stage.customStatuses,
            ...(stage.subStatus && !stage.customStatuses.includes(stage.subStatus)
              ? [stage.subStatus]
              : []),
          ]}
          value={stage.subStatus}
          onChange={(v) => patch({ subStatus: v })}
          clearable
          allowDeselect
          disabled={!(perms.canEdit || perms.canMove) || stage.customStatuses.length === 0}
          size="xs"
          data-testid="stage-substatus"
        />
        <TextInput
          type="date"
          label="Start"
          size="xs"
          value={startDate}
          onChange={(e) => setStartDate(e.currentTarget.value)}
          onBlur={() => saveDate('startDate', startDate)}
          disabled={!perms.canSchedule}
          data-testid="stage-start"
        />
        <TextInput
          type="date"
          label="Due"
          size="xs"
          value={dueDate}
          onChange={(e) => setDueDate(e.currentTarget.value)}
          onBlur={() => saveDate('dueDate', dueDate)}
          disabled={!perms.canSchedule}
          data-testid="stage-due"
        />
        <Stack gap={2}>
          <Text size="xs" fw={500}>
            Completed
          </Text>
          <Text size="sm" pt={4}>
            {formatDate(stage.completedDate)}
          </Text>
        </Stack>
      </SimpleGrid>

      <Stack gap={6} mt="md" display={perms.internal ? undefined : 'none'}>
        <Textarea
          label="Stage notes"
          placeholder={perms.canEdit ? 'Anything the team should know about this stage' : 'None'}
          autosize
          minRows={2}
          maxRows={8}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          disabled={!perms.canEdit}
          size="xs"
          data-testid="stage-notes"
        />
        {notesDirty ? (
          <Group gap="xs" justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setNotes(stage.notes ?? '')}>
              Cancel
            </Button>
            <Button
              size="xs"
              onClick={() => patch({ notes: notes.trim() || null }, 'Notes saved.')}
              loading={update.isPending && update.variables?.patch.notes !== undefined}
              data-testid="stage-notes-save"
            >
              Save notes
            </Button>
          </Group>
        ) : null}
      </Stack>

      <Divider my="md" />
      <Stack gap={6}>
        <Label>People</Label>
        <StageAssignees deliverableId={deliverable.id} stage={stage} canAssign={perms.canAssign} />
      </Stack>

      <ReworkModal
        opened={reworkOpen}
        deliverableId={deliverable.id}
        fromStage={stage}
        targets={stage.reworkTargets}
        onClose={() => setReworkOpen(false)}
      />
    </Card>
  );
}
