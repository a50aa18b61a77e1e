import { ActionIcon, Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconGripVertical,
  IconPlayerPlay,
  IconTrash,
} from '@tabler/icons-react';
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { moveItem, previewApplication } from '../../../domain/review-session';
import { notifyError } from '../../components/ui/notify';
import { AnchorLink } from '../../components/ui/router-link';
import { StageStatusBadge } from '../stages/status-badges';
import { useRemoveItem, useReorderItems } from './queries';
import { DecisionBadge, ItemThumbnail } from './session-badges';
import { itemRevisionLabel } from './session-labels';
import type { ReviewSessionDetail, SessionItem } from './types';

/** Why an item's decision would not reach its stage on completion (null: it would, or n/a). */
export function itemWarning(item: SessionItem): string | null {
  if (!item.revision) return 'The revision was deleted since it was added';
  if (!item.decision) {
    return item.stage.status === 'IN_REVIEW'
      ? null
      : `${item.stage.name} is not in review: a decision will not apply until it is submitted for review`;
  }
  const check = previewApplication({
    decision: item.decision,
    note: item.decisionNote,
    stage: item.stage,
    revision: { ...item.revision, label: itemRevisionLabel(item.revision) },
  });
  return check.ok ? null : check.reason;
}

/**
 * The session's items in order. While the session can change: drag a row by its handle, or
 * focus the handle and press ↑ / ↓, to reorder; remove with the bin.
 */
export function SessionItemList({
  session,
  canEdit,
  onPresent,
}: {
  session: ReviewSessionDetail;
  canEdit: boolean;
  /** Present mode from this item (sessions in progress). */
  onPresent?: (position: number) => void;
}) {
  const reorder = useReorderItems(session.id);
  const remove = useRemoveItem(session.id);
  const [dragIndex, setDragIndex] = useState<number | null>(null);
  const [overIndex, setOverIndex] = useState<number | null>(null);
  const [announce, setAnnounce] = useState('');
  const handles = useRef(new Map<string, HTMLButtonElement>());
  const refocus = useRef<string | null>(null);
  const items = session.items;

  useEffect(() => {
    if (!refocus.current) return;
    handles.current.get(refocus.current)?.focus();
    refocus.current = null;
  }, [items]);

  const move = (from: number, to: number) => {
    if (from === to || to < 0 || to >= items.length) return;
    const item = items[from]!;
    const ids = moveItem(
      items.map((i) => i.id),
      from,
      to,
    );
    refocus.current = item.id;
    setAnnounce(`${item.deliverable.name} moved to position ${to + 1} of ${items.length}`);
    reorder.mutate(ids, { onError: (err) => notifyError(err, 'Could not reorder the items') });
  };

  const onHandleKey = (index: number) => (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      move(index, index + (e.key === 'ArrowUp' ? -1 : 1));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      move(index, e.key === 'Home' ? 0 : items.length - 1);
    }
  };

  const finishDrag = () => {
    setDragIndex(null);
    setOverIndex(null);
  };

  return (
    <Stack gap={6} data-testid="session-items">
      <Text size="xs" c="dimmed" aria-live="polite" style={{ minHeight: 0 }}>
        {announce}
      </Text>
      {items.map((item, index) => {
        const warning = itemWarning(item);
        const isOver = dragIndex !== null && overIndex === index && dragIndex !== index;
        return (
          <Paper
            key={item.id}
            withBorder
            p={8}
            data-testid="session-item"
            data-item-id={item.id}
            data-position={item.position}
            onDragOver={(e: DragEvent) => {
              if (dragIndex === null) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              if (overIndex !== index) setOverIndex(index);
            }}
            onDrop={(e: DragEvent) => {
              e.preventDefault();
              if (dragIndex !== null) move(dragIndex, index);
              finishDrag();
            }}
            style={{
              opacity: dragIndex === index ? 0.4 : 1,
              outline: isOver ? '2px dashed var(--mantine-color-blue-5)' : undefined,
              outlineOffset: -2,
            }}
          >
            <Group gap="sm" wrap="nowrap" align="center">
              {canEdit ? (
                <Tooltip label="Drag, or focus and press ↑ / ↓, to reorder" openDelay={500}>
                  <ActionIcon
                    ref={(el) => {
                      if (el) handles.current.set(item.id, el);
                      else handles.current.delete(item.id);
                    }}
                    variant="subtle"
                    color="gray"
                    draggable
                    onDragStart={(e: DragEvent) => {
                      e.dataTransfer.effectAllowed = 'move';
                      e.dataTransfer.setData('text/plain', item.id);
                      setDragIndex(index);
                    }}
                    onDragEnd={finishDrag}
                    onKeyDown={onHandleKey(index)}
                    aria-label={`Reorder ${item.deliverable.name} (position ${item.position})`}
                    aria-roledescription="sortable handle"
                    data-testid="session-item-handle"
                    style={{ cursor: 'grab' }}
                  >
                    <IconGripVertical size={16} />
                  </ActionIcon>
                </Tooltip>
              ) : null}
              <Text size="sm" c="dimmed" w={22} ta="right" ff="monospace">
                {item.position}
              </Text>
              <ItemThumbnail revision={item.revision} w={112} h={63} />
              <Stack gap={2} miw={0} style={{ flex: 1 }}>
                <Group gap={6} wrap="nowrap" miw={0}>
                  <AnchorLink
                    to="/deliverables/$deliverableId"
                    params={{ deliverableId: item.deliverable.id }}
                    search={{ stage: item.stage.id }}
                    size="sm"
                    fw={600}
                    truncate
                    data-testid="session-item-name"
                  >
                    {item.deliverable.name}
                  </AnchorLink>
                  <Badge variant="default" size="sm" data-testid="session-item-label">
                    {itemRevisionLabel(item.revision)}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed" truncate>
                  {item.project.name} · {item.stage.name}
                </Text>
                {item.decisionNote ? (
                  <Text size="xs" lineClamp={2} data-testid="session-item-note">
                    “{item.decisionNote}”
                  </Text>
                ) : null}
                {warning ? (
                  <Group gap={4} wrap="nowrap">
                    <IconAlertTriangle size={13} color="var(--mantine-color-yellow-7)" />
                    <Text size="xs" c="yellow.8" data-testid="session-item-warning">
                      {warning}
                    </Text>
                  </Group>
                ) : null}
              </Stack>
              <Stack gap={4} align="flex-end">
                <StageStatusBadge status={item.stage.status} size="sm" />
                {session.status !== 'DRAFT' ? (
                  <DecisionBadge decision={item.decision} size="sm" />
                ) : null}
              </Stack>
              {onPresent ? (
                <Tooltip label="Present from here">
                  <ActionIcon
                    variant="subtle"
                    onClick={() => onPresent(item.position)}
                    aria-label={`Present from ${item.deliverable.name}`}
                    data-testid="session-item-present"
                  >
                    <IconPlayerPlay size={16} />
                  </ActionIcon>
                </Tooltip>
              ) : null}
              {canEdit ? (
                <Tooltip label="Remove from the session">
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    loading={remove.isPending && remove.variables === item.id}
                    onClick={() =>
                      remove.mutate(item.id, {
                        onError: (err) => notifyError(err, 'Could not remove the item'),
                      })
                    }
                    aria-label={`Remove ${item.deliverable.name}`}
                    data-testid="session-item-remove"
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              ) : null}
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
