import { Badge, Box, Group, Paper, Text } from '@mantine/core';
import { IconArrowBackUp, IconBan, IconPlayerPlay } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { BoardCardView, CARD_GAP, CARD_HEIGHT } from './board-card';
import type { BoardCard, BoardColumn as Column, BoardMove } from './types';

const ROW = CARD_HEIGHT + CARD_GAP;
const OVERSCAN = 4;

export type DropState =
  | { kind: 'idle' }
  | { kind: 'source' }
  | { kind: 'allowed'; move: BoardMove }
  | { kind: 'refused'; reason: string };

export interface BoardColumnProps {
  column: Column;
  cards: readonly BoardCard[];
  drop: DropState;
  isOver: boolean;
  draggingId: string | null;
  columnName: (stageDefinitionId: string) => string;
  onDragStart: (card: BoardCard, e: DragEvent) => void;
  onDragEnd: (card: BoardCard, e: DragEvent) => void;
  onDragOverColumn: (columnId: string) => void;
  onDropColumn: (columnId: string) => void;
  onMove: (card: BoardCard, move: BoardMove) => void;
  /** Selected deliverable ids while selecting; null when not selecting. */
  selected?: ReadonlySet<string> | null;
  onToggleSelect?: (card: BoardCard) => void;
}

/**
 * A stage column. Cards have a fixed height, so only the ones in view (plus a few) are
 * rendered: thousands of cards stay smooth.
 */
export const BoardColumnView = memo(function BoardColumnView({
  column,
  cards,
  drop,
  isOver,
  draggingId,
  columnName,
  onDragStart,
  onDragEnd,
  onDragOverColumn,
  onDropColumn,
  onMove,
  selected = null,
  onToggleSelect,
}: BoardColumnProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  const frame = useRef(0);

  const measure = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    setView((v) =>
      v.top === el.scrollTop && v.height === el.clientHeight
        ? v
        : { top: el.scrollTop, height: el.clientHeight },
    );
  }, []);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => {
      ro.disconnect();
      cancelAnimationFrame(frame.current);
    };
  }, [measure]);

  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(measure);
  };

  const first = Math.max(0, Math.floor(view.top / ROW) - OVERSCAN);
  const last = Math.min(cards.length, Math.ceil((view.top + view.height) / ROW) + OVERSCAN);
  const visible = cards.slice(first, last);
  const slug = column.slug ?? column.id;

  const border =
    drop.kind === 'allowed'
      ? `2px dashed var(--mantine-color-${isOver ? 'teal' : 'blue'}-5)`
      : drop.kind === 'refused' && isOver
        ? '2px dashed var(--mantine-color-red-5)'
        : '2px solid transparent';

  return (
    <Paper
      withBorder
      radius="md"
      data-testid={`board-column-${slug}`}
      data-column-id={column.id}
      data-drop={drop.kind}
      onDragOver={(e: DragEvent) => {
        if (!draggingId) return;
        onDragOverColumn(column.id);
        if (drop.kind === 'allowed') {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
        } else if (drop.kind === 'source') {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'none';
        }
      }}
      onDrop={(e: DragEvent) => {
        e.preventDefault();
        onDropColumn(column.id);
      }}
      style={{
        width: 280,
        flexShrink: 0,
        display: 'flex',
        flexDirection: 'column',
        background: 'var(--mantine-color-default-hover)',
        outline: border,
        outlineOffset: -2,
        transition: 'outline-color 120ms',
        position: 'relative',
      }}
    >
      <Group
        justify="space-between"
        px="sm"
        py={8}
        wrap="nowrap"
        style={{
          borderBottom: '1px solid var(--mantine-color-default-border)',
          opacity: drop.kind === 'refused' ? 0.5 : 1,
        }}
      >
        <Group gap={8} wrap="nowrap" miw={0}>
          <Box
            w={10}
            h={10}
            style={{
              borderRadius: 3,
              background: column.color ?? 'var(--mantine-color-gray-5)',
              flexShrink: 0,
            }}
          />
          <Text size="sm" fw={600} truncate>
            {column.name}
          </Text>
        </Group>
        <Badge variant="default" size="sm" data-testid={`board-column-count-${slug}`}>
          {cards.length}
        </Badge>
      </Group>
      {drop.kind === 'allowed' || (drop.kind === 'refused' && isOver) ? (
        <Group
          gap={6}
          px="sm"
          py={6}
          wrap="nowrap"
          data-testid={`board-column-hint-${slug}`}
          style={{
            background:
              drop.kind === 'allowed'
                ? 'var(--mantine-color-blue-light)'
                : 'var(--mantine-color-red-light)',
          }}
        >
          {drop.kind === 'allowed' ? (
            drop.move.action === 'start' ? (
              <IconPlayerPlay size={14} />
            ) : (
              <IconArrowBackUp size={14} />
            )
          ) : (
            <IconBan size={14} color="var(--mantine-color-red-7)" />
          )}
          <Text size="xs" c={drop.kind === 'refused' ? 'red.8' : undefined} role="status">
            {drop.kind === 'allowed'
              ? drop.move.action === 'start'
                ? `Drop to start ${column.name}`
                : `Drop to send back to ${column.name}`
              : drop.reason}
          </Text>
        </Group>
      ) : null}
      <div
        ref={scrollRef}
        onScroll={onScroll}
        style={{
          flex: 1,
          overflowY: 'auto',
          padding: 8,
          minHeight: 0,
          opacity: drop.kind === 'refused' ? 0.5 : 1,
        }}
      >
        {cards.length === 0 ? (
          <Text size="xs" c="dimmed" ta="center" py="lg">
            No deliverables here
          </Text>
        ) : (
          <div style={{ position: 'relative', height: cards.length * ROW - CARD_GAP }}>
            {visible.map((card, i) => (
              <BoardCardView
                key={card.deliverableId}
                card={card}
                top={(first + i) * ROW}
                dragging={draggingId === card.deliverableId}
                columnName={columnName}
                onDragStart={onDragStart}
                onDragEnd={onDragEnd}
                onMove={onMove}
                isSelected={selected ? selected.has(card.deliverableId) : null}
                onToggleSelect={onToggleSelect}
              />
            ))}
          </div>
        )}
      </div>
    </Paper>
  );
});
