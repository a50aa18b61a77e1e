import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Center,
  CloseButton,
  Group,
  Loader,
  Paper,
  Progress,
  Stack,
  Text,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconArrowLeft,
  IconArrowRight,
  IconCheck,
  IconKeyboard,
  IconMaximize,
  IconPencil,
  IconPhotoOff,
  IconX,
} from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { countDecisions } from '../../../domain/review-session';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifyError } from '../../components/ui/notify';
import { useRevision } from '../revisions/queries';
import { RevisionMedia } from '../revisions/revision-media';
import { StageStatusBadge } from '../stages/status-badges';
import { PRESENT_SHORTCUTS, presentAction } from './present-keys';
import { useDecideItem } from './queries';
import { DecisionBadge } from './session-badges';
import { itemRevisionLabel } from './session-labels';
import { itemWarning } from './session-item-list';
import type { ReviewSessionDetail, SessionDecision, SessionItem } from './types';
import './review-sessions.css';

const NOTE_SAVE_DELAY_MS = 600;

type SaveState = 'idle' | 'saving' | 'saved' | 'error';

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable;
}

/**
 * Full-screen, dark, one item at a time. ←/→ or K/J move, A approves, C requests changes
 * (and opens the note), N writes a note, ? shows the shortcuts, Esc leaves. Decisions and
 * notes are saved as they are made (the note a moment after typing stops).
 */
export function PresentMode({
  session,
  position,
  canDecide,
  onNavigate,
  onLeave,
}: {
  session: ReviewSessionDetail;
  /** 1-based, within the items. */
  position: number;
  canDecide: boolean;
  onNavigate: (position: number) => void;
  onLeave: () => void;
}) {
  const items = session.items;
  const item = items[position - 1]!;
  const total = items.length;
  const counts = countDecisions(items);
  const decidedCount = counts.approved + counts.changesRequested;
  const isRunning = session.status === 'IN_PROGRESS';
  const mayDecide = isRunning && canDecide;
  const [helpOpen, setHelpOpen] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const decide = useDecideItem(session.id);

  // The note being written, per item; saved with the item's decision.
  const [note, setNote] = useState(item.decisionNote ?? '');
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const savedNote = useRef(item.decisionNote ?? '');
  const pending = useRef<{ item: SessionItem; note: string } | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const save = useCallback(
    (target: SessionItem, decision: SessionDecision, text: string) => {
      setSaveState('saving');
      decide.mutate(
        { itemId: target.id, decision, note: text.trim() || null },
        {
          onSuccess: () => {
            setSaveState('saved');
            if (target.id === item.id) savedNote.current = text;
          },
          onError: (err) => {
            setSaveState('error');
            notifyError(err, 'The decision was not saved');
          },
        },
      );
    },
    [decide, item.id],
  );

  const flushNote = useCallback(() => {
    window.clearTimeout(timer.current);
    const p = pending.current;
    pending.current = null;
    if (p && p.item.decision) save(p.item, p.item.decision, p.note);
  }, [save]);

  // Another item: save what was being typed on the last one, then show this one's note.
  useEffect(() => {
    setNote(item.decisionNote ?? '');
    savedNote.current = item.decisionNote ?? '';
    setSaveState('idle');
    return () => flushNote();
    // The note is reloaded only when the item changes, not on every save of it.
  }, [item.id]);

  const onNoteChange = (text: string) => {
    setNote(text);
    window.clearTimeout(timer.current);
    if (!item.decision) return;
    pending.current = { item, note: text };
    timer.current = window.setTimeout(flushNote, NOTE_SAVE_DELAY_MS);
  };

  const choose = (decision: SessionDecision) => {
    if (!mayDecide) return;
    window.clearTimeout(timer.current);
    pending.current = null;
    save(item, decision, note);
  };

  const go = (to: number) => {
    if (to < 1 || to > total || to === position) return;
    onNavigate(to);
  };

  const onKey = useRef<(e: KeyboardEvent) => void>(() => undefined);
  onKey.current = (e: KeyboardEvent) => {
    const typing = isTypingTarget(e.target);
    const action = presentAction(e.key, {
      isTyping: typing,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
    });
    if (!action || e.defaultPrevented) return;
    e.preventDefault();
    switch (action) {
      case 'previous':
        go(position - 1);
        break;
      case 'next':
        go(position + 1);
        break;
      case 'approve':
        choose('APPROVED');
        break;
      case 'changes':
        choose('CHANGES_REQUESTED');
        noteRef.current?.focus();
        break;
      case 'note':
        noteRef.current?.focus();
        break;
      case 'help':
        setHelpOpen((v) => !v);
        break;
      case 'leave':
        if (typing && e.target instanceof HTMLElement) {
          flushNote();
          e.target.blur();
        } else if (helpOpen) setHelpOpen(false);
        else onLeave();
        break;
    }
  };
  useEffect(() => {
    const handler = (e: KeyboardEvent) => onKey.current(e);
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, []);

  const warning = itemWarning(item);

  return (
    <div
      className="pt-present"
      data-mantine-color-scheme="dark"
      data-testid="present-mode"
      data-position={position}
      role="dialog"
      aria-modal="true"
      aria-label={`Presenting ${session.name}`}
    >
      <Group justify="space-between" px="md" py={8} wrap="nowrap" gap="md">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <Text fw={600} truncate>
            {session.name}
          </Text>
          <Text size="sm" c="dimmed" ff="monospace" data-testid="present-progress">
            {position} / {total}
          </Text>
        </Group>
        <Group gap="sm" wrap="nowrap" style={{ flex: 1, maxWidth: 360 }}>
          <Progress
            value={total ? (decidedCount / total) * 100 : 0}
            color="teal"
            size="sm"
            style={{ flex: 1 }}
            aria-label="Decided"
          />
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="present-decided">
            {decidedCount} of {total} decided
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Tooltip label="Keyboard shortcuts (?)">
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => setHelpOpen((v) => !v)}
              aria-label="Keyboard shortcuts"
              data-testid="present-help-toggle"
            >
              <IconKeyboard size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Full screen">
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => {
                if (document.fullscreenElement) void document.exitFullscreen();
                else void document.documentElement.requestFullscreen().catch(() => undefined);
              }}
              aria-label="Full screen"
            >
              <IconMaximize size={18} />
            </ActionIcon>
          </Tooltip>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconX size={14} />}
            onClick={onLeave}
            data-testid="present-leave"
          >
            Leave (Esc)
          </Button>
        </Group>
      </Group>

      <Group align="stretch" gap={0} wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <Box px="md" pb="md" style={{ flex: 1, minWidth: 0, position: 'relative' }}>
          <ItemMedia key={item.id} item={item} />
          {position > 1 ? <NavArrow side="left" onClick={() => go(position - 1)} /> : null}
          {position < total ? <NavArrow side="right" onClick={() => go(position + 1)} /> : null}
        </Box>

        <Stack
          w={360}
          p="md"
          gap="sm"
          style={{
            flexShrink: 0,
            borderLeft: '1px solid var(--mantine-color-default-border)',
            overflowY: 'auto',
          }}
        >
          <div>
            <Title order={2} fz="h3" fw={600} data-testid="present-deliverable">
              {item.deliverable.name}
            </Title>
            <Text size="sm" c="dimmed">
              {item.project.name} · {item.stage.name}
            </Text>
          </div>
          <Group gap={6}>
            <Badge variant="default" data-testid="present-label">
              {itemRevisionLabel(item.revision)}
            </Badge>
            <StageStatusBadge status={item.stage.status} size="sm" />
            <DecisionBadge decision={item.decision} size="sm" />
          </Group>

          <Group gap="xs" grow>
            <Button
              color="teal"
              variant={item.decision === 'APPROVED' ? 'filled' : 'light'}
              leftSection={<IconCheck size={16} />}
              onClick={() => choose('APPROVED')}
              disabled={!mayDecide}
              data-testid="present-approve"
              aria-pressed={item.decision === 'APPROVED'}
            >
              Approve (A)
            </Button>
            <Button
              color="orange"
              variant={item.decision === 'CHANGES_REQUESTED' ? 'filled' : 'light'}
              leftSection={<IconPencil size={16} />}
              onClick={() => {
                choose('CHANGES_REQUESTED');
                noteRef.current?.focus();
              }}
              disabled={!mayDecide}
              data-testid="present-changes"
              aria-pressed={item.decision === 'CHANGES_REQUESTED'}
            >
              Changes (C)
            </Button>
          </Group>

          <Textarea
            ref={noteRef}
            label="Note (N)"
            placeholder={
              item.decision === 'CHANGES_REQUESTED'
                ? 'What should change?'
                : 'Anything the team should know'
            }
            value={note}
            onChange={(e) => onNoteChange(e.currentTarget.value)}
            onBlur={flushNote}
            disabled={!mayDecide}
            autosize
            minRows={4}
            maxRows={12}
            maxLength={5000}
            data-testid="present-note"
          />
          <Text size="xs" c="dimmed" data-testid="present-save-state" data-state={saveState}>
            {!isRunning
              ? session.status === 'DRAFT'
                ? 'Start the session to record decisions.'
                : 'The session is completed: decisions are final.'
              : !canDecide
                ? 'You can watch, but not decide.'
                : !item.decision
                  ? note.trim()
                    ? 'Choose Approve or Changes to save the note with the decision.'
                    : 'Not decided yet.'
                  : saveState === 'saving'
                    ? 'Saving…'
                    : saveState === 'error'
                      ? 'Not saved — try again.'
                      : note !== savedNote.current
                        ? 'Saving…'
                        : 'Saved.'}
          </Text>
          {item.decidedBy && item.decidedAt ? (
            <Text size="xs" c="dimmed">
              Decided by {item.decidedBy.name}
            </Text>
          ) : null}
          {warning ? (
            <Text size="xs" c="yellow.4" data-testid="present-warning">
              {warning}
            </Text>
          ) : null}
          <Group justify="space-between" mt="auto" pt="sm">
            <Button
              variant="default"
              leftSection={<IconArrowLeft size={16} />}
              onClick={() => go(position - 1)}
              disabled={position <= 1}
              data-testid="present-previous"
            >
              Previous
            </Button>
            <Button
              variant="default"
              rightSection={<IconArrowRight size={16} />}
              onClick={() => go(position + 1)}
              disabled={position >= total}
              data-testid="present-next"
            >
              Next
            </Button>
          </Group>
        </Stack>
      </Group>

      {helpOpen ? <ShortcutsHelp onClose={() => setHelpOpen(false)} /> : null}
    </div>
  );
}

function NavArrow({ side, onClick }: { side: 'left' | 'right'; onClick: () => void }) {
  const Icon = side === 'left' ? IconArrowLeft : IconArrowRight;
  return (
    <ActionIcon
      variant="default"
      radius="xl"
      size="xl"
      onClick={onClick}
      aria-label={side === 'left' ? 'Previous item' : 'Next item'}
      style={{
        position: 'absolute',
        top: '50%',
        [side]: 24,
        transform: 'translateY(-50%)',
        opacity: 0.75,
        zIndex: 2,
      }}
    >
      <Icon size={20} />
    </ActionIcon>
  );
}

/** The revision in the shared viewer, loaded in full (the session only names it). */
function ItemMedia({ item }: { item: SessionItem }) {
  const revision = useRevision(item.revision?.id);
  if (!item.revision) {
    return (
      <Center h="100%">
        <Stack align="center" gap="xs">
          <IconPhotoOff size={40} stroke={1.2} />
          <Text c="dimmed">The revision was deleted since it was added to the session.</Text>
        </Stack>
      </Center>
    );
  }
  if (revision.isPending) {
    return (
      <Center h="100%">
        <Loader color="gray" />
      </Center>
    );
  }
  if (revision.isError) {
    return <ErrorAlert error={revision.error} onRetry={() => void revision.refetch()} />;
  }
  return (
    <Box data-testid="present-media">
      <RevisionMedia revision={revision.data} canReprocess={false} h="calc(100dvh - 170px)" />
    </Box>
  );
}

function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <Paper
      withBorder
      shadow="xl"
      p="lg"
      w={420}
      data-testid="present-help"
      role="dialog"
      aria-label="Keyboard shortcuts"
      style={{
        position: 'absolute',
        top: '50%',
        left: '50%',
        transform: 'translate(-50%, -50%)',
        zIndex: 5,
      }}
    >
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="md">
          Keyboard shortcuts
        </Title>
        <CloseButton onClick={onClose} aria-label="Close shortcuts" />
      </Group>
      <Stack gap={8}>
        {PRESENT_SHORTCUTS.map((s) => (
          <Group key={s.label} justify="space-between" wrap="nowrap">
            <Text size="sm">{s.label}</Text>
            <Group gap={4} wrap="nowrap">
              {s.keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </Group>
          </Group>
        ))}
        <Text size="xs" c="dimmed" mt="xs">
          The viewer keeps its own keys: + − 0 zoom an image; space , . play and step a video.
        </Text>
      </Stack>
    </Paper>
  );
}
