import { Badge, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { notifyError } from '../../components/ui/notify';
import { useFeedbackItems, useMoveFeedbackItem } from './queries';
import type { FeedbackItem, FeedbackStatus } from './types';

const STATUS_LABEL: Record<FeedbackStatus, string> = {
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  RESOLVED: 'Resolved',
  VERIFIED: 'Verified',
  REOPENED: 'Reopened',
};
const STATUS_COLOR: Record<FeedbackStatus, string> = {
  OPEN: 'gray',
  IN_PROGRESS: 'blue',
  RESOLVED: 'teal',
  VERIFIED: 'green',
  REOPENED: 'orange',
};
const MOVE_LABEL: Record<FeedbackStatus, string> = {
  OPEN: 'Back to open',
  IN_PROGRESS: 'Start',
  RESOLVED: 'Resolve…',
  VERIFIED: 'Verify',
  REOPENED: 'Reopen',
};

function FeedbackRow({
  item,
  stageId,
  onResolve,
  onShowComment,
}: {
  item: FeedbackItem;
  stageId: string;
  onResolve: (item: FeedbackItem) => void;
  onShowComment: (commentId: string) => void;
}) {
  const move = useMoveFeedbackItem(stageId);
  const pendingTo = move.isPending ? move.variables?.status : undefined;
  return (
    <Stack
      gap={4}
      py={6}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      data-testid="feedback-item"
      data-status={item.status}
    >
      <Group gap={6} wrap="nowrap" align="flex-start" justify="space-between">
        <Text
          size="sm"
          style={{
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-word',
            cursor: item.commentId ? 'pointer' : undefined,
          }}
          onClick={() => item.commentId && onShowComment(item.commentId)}
          data-testid="feedback-summary"
        >
          {item.summary}
        </Text>
        <Badge
          size="sm"
          variant="light"
          color={STATUS_COLOR[item.status]}
          style={{ flexShrink: 0 }}
          data-testid="feedback-status"
        >
          {STATUS_LABEL[item.status]}
        </Badge>
      </Group>
      <Group gap={8} wrap="wrap">
        <Text size="xs" c="dimmed">
          {item.revisionLabel}
          {item.assignee ? ` · ${item.assignee.name}` : ' · Unassigned'}
        </Text>
        {item.carriedFrom ? (
          <Text size="xs" c="dimmed" fs="italic" data-testid="feedback-carried">
            carried from {item.carriedFrom.revisionLabel}
          </Text>
        ) : null}
        {item.resolutionNote && (item.status === 'RESOLVED' || item.status === 'VERIFIED') ? (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            — {item.resolutionNote}
          </Text>
        ) : null}
      </Group>
      {item.allowedMoves.length > 0 ? (
        <Group gap={4}>
          {item.allowedMoves.map((to) => (
            <Button
              key={to}
              size="compact-xs"
              variant="light"
              color={STATUS_COLOR[to]}
              loading={pendingTo === to}
              disabled={move.isPending && pendingTo !== to}
              onClick={() =>
                to === 'RESOLVED'
                  ? onResolve(item)
                  : move.mutate(
                      { id: item.id, status: to },
                      { onError: (err) => notifyError(err, 'Could not move the item') },
                    )
              }
              data-testid={`feedback-move-${to}`}
            >
              {MOVE_LABEL[to]}
            </Button>
          ))}
        </Group>
      ) : null}
    </Stack>
  );
}

function ResolveModal({
  item,
  stageId,
  onClose,
}: {
  item: FeedbackItem | null;
  stageId: string;
  onClose: () => void;
}) {
  const move = useMoveFeedbackItem(stageId);
  const [note, setNote] = useState('');
  const submit = () => {
    if (!item || !note.trim()) return;
    move.mutate(
      { id: item.id, status: 'RESOLVED', resolutionNote: note.trim() },
      { onSuccess: onClose, onError: (err) => notifyError(err, 'Could not resolve the item') },
    );
  };
  return (
    <Modal opened={item !== null} onClose={onClose} title="Resolve" data-testid="feedback-resolve">
      <Stack gap="sm">
        <Text size="sm" c="dimmed" lineClamp={3}>
          {item?.summary}
        </Text>
        <Textarea
          label="What was done"
          required
          autosize
          minRows={3}
          maxLength={5000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
          data-autofocus
          data-testid="feedback-resolve-note"
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={submit}
            disabled={!note.trim()}
            loading={move.isPending}
            data-testid="feedback-resolve-submit"
          >
            Resolve
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The stage's live action items (staff only), with the moves the API allows. */
export function FeedbackPanel({
  stageId,
  onShowComment,
}: {
  stageId: string;
  onShowComment: (commentId: string) => void;
}) {
  const items = useFeedbackItems(stageId);
  const [resolving, setResolving] = useState<FeedbackItem | null>(null);
  const list = items.data?.items ?? [];
  const open = list.filter((i) => i.status !== 'VERIFIED').length;
  return (
    <Stack gap={4} data-testid="feedback-panel">
      <Text size="xs" c="dimmed">
        {items.isPending
          ? 'Loading…'
          : list.length === 0
            ? 'No action items. Turn a comment into one with “Make action item”.'
            : `${open} open of ${list.length}`}
      </Text>
      {list.map((item) => (
        <FeedbackRow
          key={item.id}
          item={item}
          stageId={stageId}
          onResolve={setResolving}
          onShowComment={onShowComment}
        />
      ))}
      <ResolveModal
        key={resolving?.id ?? 'none'}
        item={resolving}
        stageId={stageId}
        onClose={() => setResolving(null)}
      />
    </Stack>
  );
}
