import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifySuccess } from '../../components/ui/notify';
import { useRework } from './queries';

export interface ReworkModalProps {
  opened: boolean;
  deliverableId: string;
  fromStage: { id: string; name: string } | null;
  targets: readonly { stageId: string; name: string }[];
  /** Preselected target (board drop). */
  initialTarget?: string | null;
  onClose: () => void;
  onDone?: () => void;
}

/** Send work back along a declared rework path, with a note for the history. */
export function ReworkModal({
  opened,
  deliverableId,
  fromStage,
  targets,
  initialTarget,
  onClose,
  onDone,
}: ReworkModalProps) {
  const rework = useRework();
  const [target, setTarget] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();

  useEffect(() => {
    if (!opened) return;
    setTarget(initialTarget ?? (targets.length === 1 ? (targets[0]?.stageId ?? null) : null));
    setNote('');
    setNoteError(undefined);
    rework.reset();
  }, [opened, initialTarget]);

  const targetName = targets.find((t) => t.stageId === target)?.name;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!fromStage || !target) return;
    if (!note.trim()) {
      setNoteError('Say what needs to change');
      return;
    }
    rework.mutate(
      { deliverableId, fromStageId: fromStage.id, toStageId: target, note: note.trim() },
      {
        onSuccess: () => {
          notifySuccess(`Sent back to ${targetName ?? 'the earlier stage'}.`);
          onClose();
          onDone?.();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Send back for rework" size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {rework.isError ? <ErrorAlert error={rework.error} title="Could not send back" /> : null}
          <Text size="sm">
            From <strong>{fromStage?.name}</strong>. The target reopens with changes requested;
            later stages that depend on it go back to waiting.
          </Text>
          <Select
            label="Back to"
            placeholder="Choose a stage"
            data={targets.map((t) => ({ value: t.stageId, label: t.name }))}
            value={target}
            onChange={setTarget}
            required
            data-testid="rework-target"
          />
          <Textarea
            label="What needs to change"
            placeholder="e.g. Logo too small on the mobile crop"
            required
            autosize
            minRows={3}
            maxRows={8}
            value={note}
            onChange={(e) => {
              setNote(e.currentTarget.value);
              setNoteError(undefined);
            }}
            error={noteError}
            data-testid="rework-note"
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={rework.isPending}>
              Cancel
            </Button>
            <Button
              type="submit"
              color="orange"
              loading={rework.isPending}
              disabled={!target}
              data-testid="rework-submit"
            >
              Send back
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
