import {
  Anchor,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifyError } from '../../components/ui/notify';
import { pluralize } from '../../lib/format';
import { useAddItems, useCandidates, useCreateSession, useOpenSessions } from './queries';
import { ItemThumbnail } from './session-badges';
import { itemRevisionLabel, SESSION_STATUS_LABEL } from './session-labels';

/**
 * "Add to review session" for a selection of stages (board cards, table rows): each stage's
 * latest revision goes into a draft or running session, or into a new one. Stages without a
 * revision, or already in the chosen session, are listed and left out.
 */
export function AddToSessionModal({
  opened,
  stageIds,
  onClose,
  onAdded,
}: {
  opened: boolean;
  stageIds: string[];
  onClose: () => void;
  onAdded?: () => void;
}) {
  const navigate = useNavigate();
  const open = useOpenSessions(opened);
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const candidates = useCandidates(
    { stageIds, sessionId: mode === 'existing' ? (sessionId ?? undefined) : undefined },
    opened && stageIds.length > 0,
  );
  const create = useCreateSession();
  const add = useAddItems();
  const sessions = useMemo(() => open.data ?? [], [open.data]);

  // Open on the newest session that can take items, or on "new" when there is none.
  useEffect(() => {
    if (!opened || !open.data) return;
    if (sessionId && sessions.some((s) => s.id === sessionId)) return;
    const first = sessions[0];
    setSessionId(first?.id ?? null);
    setMode(first ? 'existing' : 'new');
  }, [opened, open.data, sessions, sessionId]);

  const list = candidates.data?.items ?? [];
  const addable = list.filter((c) => c.revision && !c.inSession);
  const skipped = list.length - addable.length;
  const busy = create.isPending || add.isPending;
  const canSubmit = addable.length > 0 && !busy && (mode === 'new' ? !!name.trim() : !!sessionId);

  const close = () => {
    setName('');
    onClose();
  };

  const done = (id: string, sessionName: string, count: number) => {
    close();
    onAdded?.();
    notifications.show({
      color: 'teal',
      icon: <IconCheck size={16} />,
      autoClose: 6000,
      message: (
        <span data-testid="add-to-session-done">
          Added {pluralize(count, 'revision')} to {sessionName}.{' '}
          <Anchor
            size="sm"
            onClick={() =>
              void navigate({ to: '/review-sessions/$sessionId', params: { sessionId: id } })
            }
          >
            Open the session
          </Anchor>
        </span>
      ),
    });
  };

  const submit = async () => {
    const revisionIds = addable.map((c) => c.revision!.id);
    try {
      let target = sessions.find((s) => s.id === sessionId);
      if (mode === 'new') target = await create.mutateAsync({ name: name.trim() });
      if (!target) return;
      await add.mutateAsync({ sessionId: target.id, revisionIds });
      done(target.id, target.name, revisionIds.length);
    } catch (err) {
      notifyError(err, 'Could not add to the session');
    }
  };

  return (
    <Modal opened={opened} onClose={close} title="Add to review session" centered size="lg">
      <Stack gap="sm" data-testid="add-to-session">
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v as 'existing' | 'new')}
          data={[
            { value: 'existing', label: 'Existing session', disabled: sessions.length === 0 },
            { value: 'new', label: 'New session' },
          ]}
          data-testid="add-to-session-mode"
        />
        {mode === 'existing' ? (
          <Select
            label="Session"
            description="Drafts and sessions in progress"
            placeholder={open.isPending ? 'Loading…' : 'Choose a session'}
            data={sessions.map((s) => ({
              value: s.id,
              label: `${s.name} · ${SESSION_STATUS_LABEL[s.status]} · ${pluralize(s.itemCount, 'item')}`,
            }))}
            value={sessionId}
            onChange={setSessionId}
            searchable
            data-testid="add-to-session-select"
          />
        ) : (
          <TextInput
            label="New session name"
            placeholder="Friday internal review"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={200}
            data-autofocus
            data-testid="add-to-session-name"
          />
        )}
        <Text size="sm" fw={500}>
          {pluralize(stageIds.length, 'selected stage')}
        </Text>
        {candidates.isPending ? (
          <Skeleton h={80} />
        ) : candidates.isError ? (
          <ErrorAlert error={candidates.error} onRetry={() => void candidates.refetch()} />
        ) : (
          <Stack gap={4} mah={300} style={{ overflowY: 'auto' }}>
            {list.map((c) => (
              <Group key={c.stage.id} gap="xs" wrap="nowrap" data-testid="add-to-session-row">
                <ItemThumbnail revision={c.revision} w={56} h={32} />
                <Stack gap={0} miw={0} style={{ flex: 1 }}>
                  <Text size="sm" truncate>
                    {c.deliverable.name} — {c.stage.name}
                  </Text>
                  <Text size="xs" c={c.revision && !c.inSession ? 'dimmed' : 'yellow.8'}>
                    {!c.revision
                      ? 'Nothing uploaded yet: left out'
                      : c.inSession
                        ? `${itemRevisionLabel(c.revision)} — already in this session: left out`
                        : itemRevisionLabel(c.revision)}
                  </Text>
                </Stack>
              </Group>
            ))}
          </Stack>
        )}
        {skipped > 0 && addable.length === 0 && !candidates.isPending ? (
          <Text size="sm" c="dimmed">
            None of the selected stages has a revision to add.
          </Text>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button
            onClick={() => void submit()}
            disabled={!canSubmit}
            loading={busy}
            data-testid="add-to-session-submit"
          >
            {addable.length ? `Add ${pluralize(addable.length, 'revision')}` : 'Add'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
