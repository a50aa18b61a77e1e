import {
  Badge,
  Button,
  Collapse,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconPhotoEdit } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { notifyError } from '../../components/ui/notify';
import { FeedbackChain, ResolutionNote, WhoWhen } from './feedback/feedback-chain';
import {
  FEEDBACK_MOVE_LABEL,
  FEEDBACK_STATUS_COLOR,
  FEEDBACK_STATUS_LABEL,
  groupByVersion,
} from './feedback/feedback-labels';
import { useStageVersions } from './feedback/use-stage-versions';
import { useFeedbackItemList, useMoveFeedbackItem } from './queries';
import type { FeedbackItem, FeedbackListFilter } from './types';

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
  const [expanded, setExpanded] = useState(false);
  const pendingTo = move.isPending ? move.variables?.status : undefined;
  const hasChain = item.carriedFromId !== null || item.carriedToId !== null;
  return (
    <Stack
      gap={4}
      py={6}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      data-testid="feedback-item"
      data-item-id={item.id}
      data-status={item.status}
      data-version={item.revisionLabel}
      data-carried={item.carriedFrom ? item.carriedFrom.revisionLabel : undefined}
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
          color={FEEDBACK_STATUS_COLOR[item.status]}
          style={{ flexShrink: 0 }}
          data-testid="feedback-status"
        >
          {FEEDBACK_STATUS_LABEL[item.status]}
        </Badge>
      </Group>
      <Group gap={6} wrap="wrap">
        <Tooltip label="The version this item is on" openDelay={400}>
          <Badge size="xs" variant="outline" color="gray" data-testid="feedback-version">
            {item.revisionLabel}
          </Badge>
        </Tooltip>
        {item.carriedFrom ? (
          <Badge size="xs" variant="light" color="violet" data-testid="feedback-carried">
            Carried from {item.carriedFrom.revisionLabel}
          </Badge>
        ) : null}
        {item.carriedToId ? (
          <Badge size="xs" variant="light" color="gray" data-testid="feedback-superseded">
            Carried on to a newer version
          </Badge>
        ) : null}
        {item.annotationId ? (
          <Tooltip label="Made from an annotation" openDelay={400}>
            <IconPhotoEdit size={14} color="var(--mantine-color-red-6)" aria-label="Annotation" />
          </Tooltip>
        ) : null}
        <Text size="xs" c="dimmed">
          {item.assignee ? item.assignee.name : 'Unassigned'}
        </Text>
      </Group>
      <Group gap={8} wrap="wrap">
        <WhoWhen label="Raised" who={item.createdBy} at={item.createdAt} testId="feedback-raised" />
        <WhoWhen
          label="Resolved"
          who={item.resolvedBy}
          at={item.resolvedAt}
          testId="feedback-resolved"
        />
        <WhoWhen
          label="Verified"
          who={item.verifiedBy}
          at={item.verifiedAt}
          testId="feedback-verified"
        />
      </Group>
      {item.resolutionNote ? <ResolutionNote item={item} /> : null}
      <Group gap={4} justify="space-between" wrap="wrap">
        {item.allowedMoves.length > 0 ? (
          <Group gap={4}>
            {item.allowedMoves.map((to) => (
              <Button
                key={to}
                size="compact-xs"
                variant="light"
                color={FEEDBACK_STATUS_COLOR[to]}
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
                {FEEDBACK_MOVE_LABEL[to]}
              </Button>
            ))}
          </Group>
        ) : (
          <span />
        )}
        {hasChain ? (
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            leftSection={expanded ? <IconChevronDown size={12} /> : <IconChevronRight size={12} />}
            onClick={() => setExpanded((v) => !v)}
            aria-expanded={expanded}
            data-testid="feedback-chain-toggle"
          >
            {expanded ? 'Hide history' : 'History across versions'}
          </Button>
        ) : null}
      </Group>
      <Collapse expanded={expanded}>{expanded ? <FeedbackChain item={item} /> : null}</Collapse>
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
        {item?.resolutionNote && item.status === 'REOPENED' ? (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            Last time: {item.resolutionNote}
          </Text>
        ) : null}
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

/** Refetches when the stage's newest version changes (not on the first render). */
function useRefetchOnNewVersion(refetch: () => unknown, latestId: string | undefined) {
  const seen = useRef(latestId);
  useEffect(() => {
    if (seen.current === latestId) return;
    const first = seen.current === undefined;
    seen.current = latestId;
    if (!first) void refetch();
  }, [latestId, refetch]);
}

type Scope = 'live' | 'version' | 'all';

/**
 * The stage's action items (staff only), with the moves the API allows. "Current" lists the
 * live copy of each item wherever it is (an item made on an older version and not carried yet
 * included); "This version" the items on the stage's newest version (where the unverified ones
 * were carried); "All versions" every item grouped by version, earlier copies included.
 */
export function FeedbackPanel({
  stageId,
  onShowComment,
}: {
  stageId: string;
  onShowComment: (commentId: string) => void;
}) {
  const versions = useStageVersions(stageId);
  const [scope, setScope] = useState<Scope>('live');
  const latest = versions.latest;
  const filter: FeedbackListFilter =
    scope === 'all'
      ? { kind: 'all' }
      : scope === 'version' && latest
        ? { kind: 'revision', revisionId: latest.id }
        : { kind: 'live' };
  // The newest version is part of the key: after an upload (which carries items over) the
  // list is asked for again as soon as the new version shows.
  const items = useFeedbackItemList(stageId, filter);
  const latestId = latest?.id;
  useRefetchOnNewVersion(items.refetch, latestId);
  const [resolving, setResolving] = useState<FeedbackItem | null>(null);
  const list = items.data?.items ?? [];
  const open = list.filter((i) => i.status !== 'VERIFIED' && !i.carriedToId).length;
  const live = list.filter((i) => !i.carriedToId).length;

  const row = (item: FeedbackItem) => (
    <FeedbackRow
      key={item.id}
      item={item}
      stageId={stageId}
      onResolve={setResolving}
      onShowComment={onShowComment}
    />
  );

  return (
    <Stack gap={4} data-testid="feedback-panel" data-scope={scope}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="xs" c="dimmed" data-testid="feedback-count">
          {items.isPending
            ? 'Loading…'
            : list.length === 0
              ? scope === 'version' && latest
                ? `No action items on ${latest.label}. Turn a comment into one with “Make action item”.`
                : 'No action items. Turn a comment into one with “Make action item”.'
              : `${open} open of ${live}` +
                (list.length > live ? ` · ${list.length - live} earlier copies` : '')}
        </Text>
        {latest ? (
          <SegmentedControl
            size="xs"
            value={scope}
            onChange={(v) => setScope(v as Scope)}
            data={[
              { value: 'live', label: 'Current' },
              { value: 'version', label: `This version (${latest.label})` },
              { value: 'all', label: 'All versions' },
            ]}
            data-testid="feedback-filter"
          />
        ) : null}
      </Group>
      {items.isError ? (
        <Text size="sm" c="red">
          Could not load the action items.
        </Text>
      ) : null}
      {scope === 'all'
        ? groupByVersion(
            list,
            versions.versions.map((v) => v.id),
          ).map((g) => (
            <Stack
              key={g.revisionId}
              gap={0}
              data-testid="feedback-version-group"
              data-version={g.label}
            >
              <Text size="xs" fw={600} c="dimmed" mt={4}>
                {g.label}
              </Text>
              {g.items.map(row)}
            </Stack>
          ))
        : list.map(row)}
      <ResolveModal
        key={resolving?.id ?? 'none'}
        item={resolving}
        stageId={stageId}
        onClose={() => setResolving(null)}
      />
    </Stack>
  );
}
