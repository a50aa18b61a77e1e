import { ActionIcon, Checkbox, Group, Menu, Paper, Text, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp,
  IconDotsVertical,
  IconPlayerPause,
  IconPlayerPlay,
} from '@tabler/icons-react';
import { memo, type DragEvent } from 'react';
import { AnchorLink } from '../../components/ui/router-link';
import { formatDate } from '../../lib/format';
import { AssigneeAvatars } from '../deliverables/assignee-avatars';
import { StageStatusBadge } from '../stages/status-badges';
import { isOverdue } from '../stages/status';
import type { BoardCard as Card, BoardMove } from './types';

export const CARD_HEIGHT = 96;
export const CARD_GAP = 8;

export interface BoardCardProps {
  card: Card;
  top: number;
  dragging: boolean;
  columnName: (stageDefinitionId: string) => string;
  onDragStart: (card: Card, e: DragEvent) => void;
  onDragEnd: (card: Card, e: DragEvent) => void;
  onMove: (card: Card, move: BoardMove) => void;
  /** Selection mode (e.g. to add cards to a review session): null = off. */
  isSelected?: boolean | null;
  onToggleSelect?: (card: Card) => void;
}

/** One deliverable in its current stage's column. Fixed height so columns can be windowed. */
export const BoardCardView = memo(function BoardCardView({
  card,
  top,
  dragging,
  columnName,
  onDragStart,
  onDragEnd,
  onMove,
  isSelected = null,
  onToggleSelect,
}: BoardCardProps) {
  const overdue = isOverdue(card.dueDate, card.status === 'APPROVED');
  return (
    <Paper
      withBorder
      shadow="xs"
      p={8}
      draggable
      onDragStart={(e: DragEvent) => onDragStart(card, e)}
      onDragEnd={(e: DragEvent) => onDragEnd(card, e)}
      data-testid={`board-card-${card.deliverableId}`}
      data-stage-status={card.stageStatus}
      data-selected={isSelected ? 'true' : undefined}
      aria-roledescription="Draggable card"
      style={{
        position: 'absolute',
        top,
        left: 0,
        right: 0,
        height: CARD_HEIGHT,
        cursor: 'grab',
        opacity: dragging ? 0.4 : 1,
        borderLeft: card.isOnHold ? '3px solid var(--mantine-color-yellow-6)' : undefined,
        outline: isSelected ? '2px solid var(--mantine-color-blue-5)' : undefined,
        outlineOffset: -1,
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        overflow: 'hidden',
      }}
    >
      <Group gap={4} wrap="nowrap" justify="space-between" align="flex-start">
        {isSelected !== null ? (
          <Checkbox
            size="xs"
            mt={3}
            checked={isSelected}
            onChange={() => onToggleSelect?.(card)}
            aria-label={`Select ${card.name}`}
            data-testid={`board-card-select-${card.deliverableId}`}
          />
        ) : null}
        <div style={{ minWidth: 0, flex: 1 }}>
          <AnchorLink
            to="/deliverables/$deliverableId"
            params={{ deliverableId: card.deliverableId }}
            size="sm"
            fw={600}
            c="inherit"
            display="block"
            truncate
            // The card is the drag source, not the link inside it.
            style={{ WebkitUserDrag: 'none' }}
          >
            {card.name}
          </AnchorLink>
          <Text size="xs" c="dimmed" truncate>
            {card.omgJobNumber ? `${card.omgJobNumber} · ` : ''}
            {card.projectName}
          </Text>
        </div>
        {card.moves.length > 0 ? (
          <Menu position="bottom-end" width={220} withinPortal>
            <Menu.Target>
              <ActionIcon
                size="sm"
                aria-label={`Move ${card.name}`}
                data-testid={`board-card-menu-${card.deliverableId}`}
              >
                <IconDotsVertical size={14} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Move to</Menu.Label>
              {card.moves.map((m) => (
                <Menu.Item
                  key={`${m.action}-${m.toColumnStageId}`}
                  leftSection={
                    m.action === 'start' ? (
                      <IconPlayerPlay size={14} />
                    ) : (
                      <IconArrowBackUp size={14} />
                    )
                  }
                  onClick={() => onMove(card, m)}
                  data-testid={`board-card-move-${m.toColumnStageId}`}
                >
                  {m.action === 'start' ? 'Start ' : 'Send back to '}
                  {columnName(m.toColumnStageId)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        ) : null}
      </Group>
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Group gap={6} wrap="nowrap" miw={0}>
          {card.isOnHold ? (
            <Tooltip label="On hold">
              <IconPlayerPause size={14} color="var(--mantine-color-yellow-7)" />
            </Tooltip>
          ) : null}
          <StageStatusBadge status={card.stageStatus} size="xs" />
          <Text size="xs" c={overdue ? 'red' : 'dimmed'} truncate>
            {card.dueDate ? formatDate(card.dueDate) : ''}
          </Text>
        </Group>
        <AssigneeAvatars assignees={card.assignees} size={20} max={2} emptyLabel={null} />
      </Group>
    </Paper>
  );
});
