import { Button, Group, Select, Skeleton, Stack, Text } from '@mantine/core';
import { IconLayoutKanban, IconPresentation } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { notifyError, notifySuccess } from '../components/ui/notify';
import { PageHeader } from '../components/ui/page-header';
import { SearchInput } from '../components/ui/search-input';
import { BoardColumnView, type DropState } from '../features/board/board-column';
import { boardKeys, useBoard, type BoardQuery } from '../features/board/queries';
import type { Board, BoardCard, BoardMove } from '../features/board/types';
import { useClientTeamOptions } from '../features/client-teams/use-client-team-options';
import { useAssignableUsers, useUpdateStage } from '../features/deliverables/queries';
import { ReworkModal } from '../features/deliverables/rework-modal';
import { hasPermission, useMe } from '../features/me/queries';
import { usePipelines } from '../features/pipelines/queries';
import { AddToSessionModal } from '../features/review-sessions/add-to-session-modal';
import { SelectionBar } from '../features/review-sessions/selection-bar';
import { DELIVERABLE_STATUS_OPTIONS } from '../features/stages/status';
import { pluralize } from '../lib/format';
import { Permission } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

const route = getRouteApi('/app/board');

const IDLE: DropState = { kind: 'idle' };

function byDueThenName(a: BoardCard, b: BoardCard) {
  const da = a.dueDate ?? '9999';
  const db = b.dueDate ?? '9999';
  return da === db ? a.name.localeCompare(b.name) : da.localeCompare(db);
}

export function BoardPage() {
  usePageTitle('Board');
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/board' });
  const queryClient = useQueryClient();
  const pipelines = usePipelines(false);
  const params: BoardQuery = useMemo(
    () => ({ pipelineId: search.pipelineId, clientTeamId: search.clientTeamId }),
    [search.pipelineId, search.clientTeamId],
  );
  const board = useBoard(params);
  const people = useAssignableUsers(!me.user.isExternal);
  const teamOptions = useClientTeamOptions();
  const updateStage = useUpdateStage();

  const [dragging, setDragging] = useState<BoardCard | null>(null);
  const [overColumn, setOverColumn] = useState<string | null>(null);
  const dropped = useRef(false);
  const [rework, setRework] = useState<{ card: BoardCard; move: BoardMove } | null>(null);
  const canReviewSessions = hasPermission(me, Permission.REVIEW_SESSION_MANAGE);
  // Selecting cards for a review session: deliverable id → its current stage's id.
  const [selection, setSelection] = useState<Map<string, string> | null>(null);
  const [addingToSession, setAddingToSession] = useState(false);
  const selectedIds = useMemo(() => (selection ? new Set(selection.keys()) : null), [selection]);
  const toggleSelect = useCallback(
    (card: BoardCard) =>
      setSelection((prev) => {
        const next = new Map(prev ?? []);
        if (next.has(card.deliverableId)) next.delete(card.deliverableId);
        else next.set(card.deliverableId, card.stageId);
        return next;
      }),
    [],
  );

  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const columns = useMemo(
    () => [...(board.data?.pipeline.stages ?? [])].sort((a, b) => a.order - b.order),
    [board.data],
  );
  const columnNames = useMemo(() => new Map(columns.map((c) => [c.id, c.name])), [columns]);
  const columnName = useCallback(
    (id: string) => columnNames.get(id) ?? 'another stage',
    [columnNames],
  );

  const q = search.q?.trim().toLowerCase() ?? '';
  const { byColumn, shown, total } = useMemo(() => {
    const map = new Map<string, BoardCard[]>();
    const all = board.data?.cards ?? [];
    let count = 0;
    for (const c of all) {
      if (q && !`${c.name} ${c.projectName} ${c.omgJobNumber ?? ''}`.toLowerCase().includes(q))
        continue;
      if (search.assigneeId && !c.assignees.some((a) => a.userId === search.assigneeId)) continue;
      if (search.status && c.status !== search.status) continue;
      const list = map.get(c.columnStageId) ?? [];
      list.push(c);
      map.set(c.columnStageId, list);
      count += 1;
    }
    for (const list of map.values()) list.sort(byDueThenName);
    return { byColumn: map, shown: count, total: all.length };
  }, [board.data, q, search.assigneeId, search.status]);

  const dropStateFor = useCallback(
    (columnId: string): DropState => {
      if (!dragging) return IDLE;
      if (columnId === dragging.columnStageId) return { kind: 'source' };
      const move = dragging.moves.find((m) => m.toColumnStageId === columnId);
      if (move) return { kind: 'allowed', move };
      const from = columnName(dragging.columnStageId);
      const to = columnName(columnId);
      return {
        kind: 'refused',
        reason: dragging.isOnHold
          ? `${dragging.name} is on hold: release the hold before moving it`
          : `No rule allows moving from ${from} to ${to}`,
      };
    },
    [dragging, columnName],
  );

  const runMove = useCallback(
    (card: BoardCard, move: BoardMove) => {
      if (move.action === 'rework') {
        setRework({ card, move });
        return;
      }
      // Optimistic: the card jumps to its new column right away.
      const key = boardKeys.detail(params);
      const before = queryClient.getQueryData<Board>(key);
      queryClient.setQueryData<Board>(key, (old) =>
        old
          ? {
              ...old,
              cards: old.cards.map((c) =>
                c.deliverableId === card.deliverableId
                  ? {
                      ...c,
                      columnStageId: move.toColumnStageId,
                      stageId: move.stageId,
                      stageStatus: 'IN_PROGRESS',
                      moves: [],
                    }
                  : c,
              ),
            }
          : old,
      );
      updateStage.mutate(
        { stageId: move.stageId, patch: { status: 'IN_PROGRESS' } },
        {
          onSuccess: () =>
            notifySuccess(`${card.name}: ${columnName(move.toColumnStageId)} started`),
          onError: (err) => {
            if (before) queryClient.setQueryData(key, before);
            notifyError(err, `Could not move ${card.name}`);
            void queryClient.invalidateQueries({ queryKey: boardKeys.all });
          },
        },
      );
    },
    [params, queryClient, updateStage, columnName],
  );

  const onDragStart = useCallback((card: BoardCard, e: DragEvent) => {
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', card.deliverableId);
    dropped.current = false;
    // Let the browser take its drag image before the card fades.
    requestAnimationFrame(() => setDragging(card));
  }, []);

  const overRef = useRef<string | null>(null);
  const onDragOverColumn = useCallback((columnId: string) => {
    if (overRef.current === columnId) return;
    overRef.current = columnId;
    setOverColumn(columnId);
  }, []);

  const draggingRef = useRef<BoardCard | null>(null);
  draggingRef.current = dragging;
  const dropStateRef = useRef(dropStateFor);
  dropStateRef.current = dropStateFor;

  const finishDrag = useCallback(() => {
    setDragging(null);
    setOverColumn(null);
    overRef.current = null;
  }, []);

  const onDropColumn = useCallback(
    (columnId: string) => {
      const card = draggingRef.current;
      dropped.current = true;
      finishDrag();
      if (!card) return;
      const state = dropStateRef.current(columnId);
      if (state.kind === 'allowed') runMove(card, state.move);
      else if (state.kind === 'refused') {
        notifyError(state.reason, 'Move not allowed');
      }
    },
    [finishDrag, runMove],
  );

  const onDragEnd = useCallback(() => {
    const over = overRef.current;
    if (!dropped.current && over) {
      const state = dropStateRef.current(over);
      if (state.kind === 'refused') notifyError(state.reason, 'Move not allowed');
    }
    finishDrag();
  }, [finishDrag]);

  const pipelineOptions = useMemo(() => {
    const list = (pipelines.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
    const current = board.data?.pipeline;
    if (current && !list.some((o) => o.value === current.id)) {
      list.unshift({ value: current.id, label: current.name });
    }
    return list;
  }, [pipelines.data, board.data]);

  const peopleOptions = useMemo(
    () => (people.data?.items ?? []).map((u) => ({ value: u.id, label: u.name })),
    [people.data],
  );
  const filtered = !!(q || search.assigneeId || search.status || search.clientTeamId);

  return (
    <Stack gap={0}>
      <PageHeader
        title="Board"
        description="Deliverables in their current stage. Drag a card to start a stage or send work back along a rework path."
        actions={
          <>
            {canReviewSessions && !selection ? (
              <Button
                variant="default"
                leftSection={<IconPresentation size={16} />}
                onClick={() => setSelection(new Map())}
                data-testid="board-select"
              >
                Select for review
              </Button>
            ) : null}
            <Select
              aria-label="Pipeline"
              placeholder="Pipeline"
              data={pipelineOptions}
              value={search.pipelineId ?? board.data?.pipeline.id ?? null}
              onChange={(v) => setSearch({ pipelineId: v ?? undefined })}
              w={240}
              data-testid="board-pipeline"
            />
          </>
        }
      />
      <Group gap="xs" mb="sm" wrap="wrap">
        <SearchInput
          placeholder="Deliverable, project or OMG #"
          value={search.q ?? ''}
          onChange={(v) => setSearch({ q: v || undefined })}
          w={260}
          aria-label="Filter cards"
          data-testid="board-search"
        />
        {!me.user.isExternal ? (
          <Select
            placeholder="Any client team"
            data={teamOptions}
            value={search.clientTeamId ?? null}
            onChange={(v) => setSearch({ clientTeamId: v ?? undefined })}
            clearable
            allowDeselect
            searchable
            w={190}
            aria-label="Client team"
            data-testid="board-client-team"
          />
        ) : null}
        {!me.user.isExternal ? (
          <Select
            placeholder="Anyone"
            data={peopleOptions}
            value={search.assigneeId ?? null}
            onChange={(v) => setSearch({ assigneeId: v ?? undefined })}
            clearable
            allowDeselect
            searchable
            w={180}
            aria-label="Assignee"
            data-testid="board-assignee"
          />
        ) : null}
        <Select
          placeholder="Any status"
          data={DELIVERABLE_STATUS_OPTIONS}
          value={search.status ?? null}
          onChange={(v) => setSearch({ status: v ?? undefined })}
          clearable
          allowDeselect
          w={160}
          aria-label="Status"
          data-testid="board-status"
        />
        {filtered ? (
          <Button
            variant="subtle"
            size="xs"
            onClick={() =>
              setSearch({
                q: undefined,
                assigneeId: undefined,
                status: undefined,
                clientTeamId: undefined,
              })
            }
          >
            Clear filters
          </Button>
        ) : null}
        {board.data ? (
          <Text size="xs" c="dimmed" ml="auto" data-testid="board-count">
            {filtered
              ? `${shown} of ${pluralize(total, 'deliverable')}`
              : pluralize(total, 'deliverable')}
          </Text>
        ) : null}
      </Group>

      {selection ? (
        <SelectionBar
          count={selection.size}
          noun="card"
          onAdd={() => setAddingToSession(true)}
          onClear={() => setSelection(selection.size ? new Map() : null)}
        />
      ) : null}

      {board.isPending ? (
        <Group gap="sm" wrap="nowrap" align="stretch">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} w={280} h={420} radius="md" />
          ))}
        </Group>
      ) : board.isError ? (
        <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />
      ) : columns.length === 0 ? (
        <EmptyPanel
          icon={<IconLayoutKanban size={22} />}
          title="No pipeline to show"
          description="Create a pipeline (and mark one as the default) to see its board."
        />
      ) : (
        <div
          data-testid="board"
          style={{
            display: 'flex',
            gap: 12,
            overflowX: 'auto',
            paddingBottom: 8,
            height: 'max(420px, calc(100dvh - var(--app-shell-header-height, 52px) - 190px))',
            opacity: board.isPlaceholderData ? 0.6 : 1,
          }}
        >
          {columns.map((col) => (
            <BoardColumnView
              key={col.id}
              column={col}
              cards={byColumn.get(col.id) ?? []}
              drop={dropStateFor(col.id)}
              isOver={overColumn === col.id}
              draggingId={dragging?.deliverableId ?? null}
              columnName={columnName}
              onDragStart={onDragStart}
              onDragEnd={onDragEnd}
              onDragOverColumn={onDragOverColumn}
              onDropColumn={onDropColumn}
              onMove={runMove}
              selected={selectedIds}
              onToggleSelect={toggleSelect}
            />
          ))}
        </div>
      )}

      <ReworkModal
        opened={!!rework}
        deliverableId={rework?.card.deliverableId ?? ''}
        fromStage={
          rework ? { id: rework.card.stageId, name: columnName(rework.card.columnStageId) } : null
        }
        targets={
          rework
            ? [{ stageId: rework.move.stageId, name: columnName(rework.move.toColumnStageId) }]
            : []
        }
        initialTarget={rework?.move.stageId ?? null}
        onClose={() => setRework(null)}
      />
      <AddToSessionModal
        opened={addingToSession}
        stageIds={selection ? [...selection.values()] : []}
        onClose={() => setAddingToSession(false)}
        onAdded={() => setSelection(null)}
      />
    </Stack>
  );
}
