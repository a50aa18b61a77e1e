import {
  Button,
  Checkbox,
  Group,
  Menu,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import {
  IconArrowDown,
  IconArrowUp,
  IconArrowsSort,
  IconChecklist,
  IconColumns3,
  IconX,
} from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { LoadMore } from '../components/ui/load-more';
import { notifySuccess } from '../components/ui/notify';
import { PageHeader } from '../components/ui/page-header';
import { AnchorLink } from '../components/ui/router-link';
import { SearchInput } from '../components/ui/search-input';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { useClientTeamOptions } from '../features/client-teams/use-client-team-options';
import { CustomFieldValue } from '../features/custom-fields/custom-field-value';
import { useCustomFields } from '../features/custom-fields/queries';
import {
  CLIENT_SIDE_FILTER_HINT,
  CustomFieldFilters,
  filterableFields,
  matchesCustomFieldFilters,
  parseCustomFieldFilters,
  serializeCustomFieldFilters,
  type CustomFieldFilterMap,
} from '../features/deliverables/custom-field-filters';
import {
  DEFAULT_VISIBLE_COLUMNS,
  DELIVERABLE_COLUMNS,
  SORT_OPTIONS,
  type DeliverableColumn,
} from '../features/deliverables/deliverable-columns';
import { useAssignableUsers, useDeliverables } from '../features/deliverables/queries';
import { SavedViewsBar } from '../features/deliverables/saved-views-bar';
import { useSavedViews, viewMatches, type SavedView } from '../features/deliverables/saved-views';
import { useRowCustomFields } from '../features/deliverables/use-row-custom-fields';
import {
  DELIVERABLE_SORTS,
  type DeliverableFilters,
  type DeliverableSort,
} from '../features/deliverables/types';
import { hasPermission, useMe } from '../features/me/queries';
import { AddToSessionModal } from '../features/review-sessions/add-to-session-modal';
import { SelectionBar } from '../features/review-sessions/selection-bar';
import { useProject } from '../features/projects/queries';
import { DELIVERABLE_STATUS_OPTIONS } from '../features/stages/status';
import { flattenPages } from '../features/users/queries';
import { pluralize } from '../lib/format';
import { Permission } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

const route = getRouteApi('/app/deliverables');

const COLUMNS_KEY = 'prodtrack.deliverables.columns';
/** Column ids of custom fields: `cf:<field name>`. */
const CF_PREFIX = 'cf:';

function isSort(v: string | undefined): v is DeliverableSort {
  return !!v && (DELIVERABLE_SORTS as readonly string[]).includes(v);
}

export function DeliverablesPage() {
  usePageTitle('Deliverables');
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/deliverables' });
  const sort: DeliverableSort = isSort(search.sort) ? search.sort : 'dueDate';
  const filters: DeliverableFilters = useMemo(
    () => ({
      projectId: search.projectId,
      status: search.status,
      clientTeamId: search.clientTeamId,
      assigneeId: search.assigneeId,
      q: search.q,
      sort,
    }),
    [search.projectId, search.status, search.clientTeamId, search.assigneeId, search.q, sort],
  );
  const list = useDeliverables(filters);
  const loadedRows = flattenPages(list.data);
  const customFields = useCustomFields('DELIVERABLE');
  const cfDefs = useMemo(() => customFields.data ?? [], [customFields.data]);
  const cfFilterFields = useMemo(() => filterableFields(cfDefs), [cfDefs]);
  const cfFilters = useMemo(() => parseCustomFieldFilters(search.cf), [search.cf]);
  const cfFilterActive = Object.keys(cfFilters).some((name) =>
    cfFilterFields.some((f) => f.fieldName === name),
  );
  const project = useProject(search.projectId ?? '');
  const people = useAssignableUsers(!me.user.isExternal);
  const teamOptions = useClientTeamOptions();
  const [visible, setVisible] = useLocalStorage<string[]>({
    key: COLUMNS_KEY,
    defaultValue: DEFAULT_VISIBLE_COLUMNS,
    getInitialValueInEffect: false,
  });
  const cfColumnsShown = cfDefs.some((f) => visible.includes(CF_PREFIX + f.fieldName));
  const rowValues = useRowCustomFields(loadedRows, cfColumnsShown || cfFilterActive);
  const rows = cfFilterActive
    ? loadedRows.filter((r) => {
        const values = rowValues.valuesOf(r.id);
        return values !== undefined && matchesCustomFieldFilters(cfDefs, cfFilters, values);
      })
    : loadedRows;
  const customColumns: DeliverableColumn[] = cfDefs.map((f) => ({
    id: CF_PREFIX + f.fieldName,
    label: f.fieldName,
    width: f.fieldType === 'TEXT' ? 180 : 130,
    render: (d) => {
      const values = rowValues.valuesOf(d.id);
      return values === undefined ? (
        <Skeleton height={14} width={60} />
      ) : (
        <CustomFieldValue field={f} value={values[f.fieldName]} />
      );
    },
  }));
  const allColumns = [...DELIVERABLE_COLUMNS, ...customColumns];
  const columns = allColumns.filter((c) => visible.includes(c.id));
  const savedViews = useSavedViews();
  const viewState = {
    filters: {
      projectId: search.projectId,
      status: search.status,
      clientTeamId: search.clientTeamId,
      assigneeId: search.assigneeId,
      q: search.q,
      cf: cfFilters,
    },
    sort,
    columns: visible,
  };
  const activeView = savedViews.views.find((v) => viewMatches(v, viewState))?.name ?? null;
  const [focusIndex, setFocusIndex] = useState(0);
  const canSelect = hasPermission(me, Permission.REVIEW_SESSION_MANAGE);
  // Rows picked for a review session: deliverable id → its current stage's id.
  const [selection, setSelection] = useState<Map<string, string>>(new Map());
  const [addingToSession, setAddingToSession] = useState(false);
  const selectableRows = rows.filter((r) => r.currentStage);
  const allSelected = selectableRows.length > 0 && selectableRows.every((r) => selection.has(r.id));
  const toggleRow = (id: string, stageId: string) =>
    setSelection((prev) => {
      const next = new Map(prev);
      if (next.has(id)) next.delete(id);
      else next.set(id, stageId);
      return next;
    });
  const toggleAll = () =>
    setSelection(
      allSelected ? new Map() : new Map(selectableRows.map((r) => [r.id, r.currentStage!.id])),
    );
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);

  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const setCfFilters = (next: CustomFieldFilterMap) =>
    setSearch({ cf: serializeCustomFieldFilters(next) });

  const applyView = (view: SavedView) => {
    const { cf, ...rest } = view.filters;
    void navigate({
      search: {
        ...rest,
        cf: serializeCustomFieldFilters(cf ?? {}),
        sort: view.sort === 'dueDate' ? undefined : view.sort,
      },
      replace: true,
    });
    if (view.columns.length) setVisible(view.columns);
  };

  const saveView = (name: string) => {
    savedViews.save({ name, filters: viewState.filters, sort, columns: visible });
    notifySuccess(`View “${name}” saved.`);
  };

  const open = (id: string) =>
    void navigate({ to: '/deliverables/$deliverableId', params: { deliverableId: id } });

  const focusRow = (i: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, i));
    setFocusIndex(next);
    rowRefs.current[next]?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (rows.length === 0) return;
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        e.preventDefault();
        focusRow(focusIndex + 1);
        if (focusIndex + 1 >= rows.length - 1 && list.hasNextPage && !list.isFetchingNextPage) {
          void list.fetchNextPage();
        }
        break;
      case 'ArrowUp':
      case 'k':
        e.preventDefault();
        focusRow(focusIndex - 1);
        break;
      case 'Home':
        e.preventDefault();
        focusRow(0);
        break;
      case 'End':
        e.preventDefault();
        focusRow(rows.length - 1);
        break;
      case 'Enter': {
        const row = rows[focusIndex];
        if (row) {
          e.preventDefault();
          open(row.id);
        }
        break;
      }
    }
  };

  const toggleColumn = (id: string) =>
    setVisible((v) => (v.includes(id) ? v.filter((x) => x !== id) : [...v, id]));

  const headerSort = (sorts: readonly DeliverableSort[] | undefined) => {
    if (!sorts?.length) return null;
    const i = sorts.indexOf(sort);
    return i === -1 ? sorts[0]! : (sorts[(i + 1) % sorts.length] ?? sorts[0]!);
  };

  const filtered = !!(
    search.q ||
    search.status ||
    search.clientTeamId ||
    search.assigneeId ||
    search.projectId ||
    cfFilterActive
  );
  const safeFocus = Math.min(focusIndex, Math.max(0, rows.length - 1));

  return (
    <Stack gap={0}>
      <PageHeader
        title="Deliverables"
        description="Every deliverable across projects. Arrow keys move between rows, Enter opens one."
        actions={
          <Group gap="xs">
            <Select
              aria-label="Sort"
              leftSection={<IconArrowsSort size={15} />}
              data={SORT_OPTIONS}
              value={sort}
              onChange={(v) => setSearch({ sort: v && v !== 'dueDate' ? v : undefined })}
              w={180}
              data-testid="deliverables-sort"
            />
            <Menu position="bottom-end" closeOnItemClick={false} width={220}>
              <Menu.Target>
                <Button
                  variant="default"
                  leftSection={<IconColumns3 size={16} />}
                  data-testid="deliverables-columns"
                >
                  Columns
                </Button>
              </Menu.Target>
              <Menu.Dropdown mah={480} style={{ overflowY: 'auto' }}>
                <Menu.Label>Show columns</Menu.Label>
                {DELIVERABLE_COLUMNS.map((c) => (
                  <ColumnItem
                    key={c.id}
                    column={c}
                    checked={visible.includes(c.id)}
                    onToggle={() => toggleColumn(c.id)}
                  />
                ))}
                {customColumns.length > 0 ? (
                  <>
                    <Menu.Divider />
                    <Menu.Label>Custom fields</Menu.Label>
                    {customColumns.map((c) => (
                      <ColumnItem
                        key={c.id}
                        column={c}
                        checked={visible.includes(c.id)}
                        onToggle={() => toggleColumn(c.id)}
                      />
                    ))}
                  </>
                ) : null}
                <Menu.Divider />
                <Menu.Item onClick={() => setVisible(DEFAULT_VISIBLE_COLUMNS)}>
                  Reset to default
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        }
      />
      <Group gap="xs" mb="sm" wrap="wrap">
        <SearchInput
          placeholder="Deliverable, project or OMG #"
          value={search.q ?? ''}
          onChange={(q) => setSearch({ q: q || undefined })}
          w={260}
          aria-label="Search deliverables"
          data-testid="deliverables-search"
        />
        <Select
          placeholder="Any status"
          data={DELIVERABLE_STATUS_OPTIONS}
          value={search.status ?? null}
          onChange={(v) => setSearch({ status: v ?? undefined })}
          clearable
          allowDeselect
          w={160}
          aria-label="Status"
          data-testid="deliverables-status"
        />
        {!me.user.isExternal ? (
          <>
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
              data-testid="deliverables-client-team"
            />
            <Select
              placeholder="Anyone"
              data={(people.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={search.assigneeId ?? null}
              onChange={(v) => setSearch({ assigneeId: v ?? undefined })}
              clearable
              allowDeselect
              searchable
              w={180}
              aria-label="Assignee"
              data-testid="deliverables-assignee"
            />
          </>
        ) : null}
        <CustomFieldFilters fields={cfFilterFields} value={cfFilters} onChange={setCfFilters} />
        {search.projectId ? (
          <Button
            variant="light"
            size="xs"
            rightSection={<IconX size={12} />}
            onClick={() => setSearch({ projectId: undefined })}
            data-testid="deliverables-project-filter"
          >
            Project: {project.data?.name ?? rows[0]?.project.name ?? '…'}
          </Button>
        ) : null}
        {filtered ? (
          <Button
            variant="subtle"
            size="xs"
            onClick={() =>
              setSearch({
                q: undefined,
                status: undefined,
                clientTeamId: undefined,
                assigneeId: undefined,
                projectId: undefined,
                cf: undefined,
              })
            }
          >
            Clear filters
          </Button>
        ) : null}
      </Group>
      <Group mb="sm" gap="xs">
        <SavedViewsBar
          views={savedViews.views}
          activeName={activeView}
          onApply={applyView}
          onDelete={(v) => {
            savedViews.remove(v.name);
            notifySuccess(`View “${v.name}” deleted.`);
          }}
          onSave={saveView}
        />
      </Group>

      {selection.size > 0 ? (
        <SelectionBar
          count={selection.size}
          noun="deliverable"
          onAdd={() => setAddingToSession(true)}
          onClear={() => setSelection(new Map())}
        />
      ) : null}

      {list.isPending ? (
        <TableSkeleton rows={8} />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 && cfFilterActive && (rowValues.pending > 0 || list.hasNextPage) ? (
        <Stack gap="xs" data-testid="deliverables-cf-empty">
          <EmptyPanel
            icon={<IconChecklist size={22} />}
            title={
              rowValues.pending > 0
                ? `Checking ${pluralize(rowValues.pending, 'deliverable')}…`
                : 'No loaded deliverable matches the custom field filters'
            }
            description={CLIENT_SIDE_FILTER_HINT}
          />
          <LoadMore
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={list.fetchNextPage}
          />
        </Stack>
      ) : rows.length === 0 ? (
        <EmptyPanel
          icon={<IconChecklist size={22} />}
          title={filtered ? 'No deliverable matches these filters' : 'No deliverables yet'}
          description={
            filtered
              ? 'Try another search or clear the filters.'
              : 'Deliverables are created inside a project.'
          }
          action={
            filtered ? null : (
              <Button size="xs" variant="light" onClick={() => void navigate({ to: '/projects' })}>
                Go to projects
              </Button>
            )
          }
        />
      ) : (
        <>
          <Paper withBorder className="pt-table-paper">
            <Table.ScrollContainer minWidth={400 + columns.length * 110}>
              <Table
                className="pt-table"
                data-testid="deliverables-table"
                style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
              >
                <Table.Thead>
                  <Table.Tr>
                    {canSelect ? (
                      <Table.Th w={36}>
                        <Checkbox
                          size="xs"
                          checked={allSelected}
                          indeterminate={selection.size > 0 && !allSelected}
                          onChange={toggleAll}
                          aria-label="Select every loaded deliverable"
                          data-testid="deliverables-select-all"
                        />
                      </Table.Th>
                    ) : null}
                    <SortableTh
                      label="Deliverable"
                      active={sort === 'name' ? 'asc' : null}
                      onSort={() => setSearch({ sort: 'name' })}
                    />
                    {columns.map((c) => {
                      const next = headerSort(c.sorts);
                      const active =
                        c.sorts && c.sorts.includes(sort)
                          ? sort.startsWith('-')
                            ? 'desc'
                            : 'asc'
                          : null;
                      return next ? (
                        <SortableTh
                          key={c.id}
                          label={c.label}
                          width={c.width}
                          active={active}
                          onSort={() => setSearch({ sort: next === 'dueDate' ? undefined : next })}
                        />
                      ) : (
                        <Table.Th key={c.id} w={c.width}>
                          {c.label}
                        </Table.Th>
                      );
                    })}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody onKeyDown={onKeyDown}>
                  {rows.map((d, i) => (
                    <Table.Tr
                      key={d.id}
                      ref={(el) => {
                        rowRefs.current[i] = el;
                      }}
                      tabIndex={i === safeFocus ? 0 : -1}
                      aria-selected={i === safeFocus}
                      onFocus={() => setFocusIndex(i)}
                      onClick={(e) => {
                        if ((e.target as HTMLElement).closest('a,button,input,label')) return;
                        open(d.id);
                      }}
                      className="pt-row-focusable"
                      data-testid={`deliverables-row-${d.id}`}
                      style={{ cursor: 'pointer' }}
                    >
                      {canSelect ? (
                        <Table.Td onClick={(e) => e.stopPropagation()}>
                          <Checkbox
                            size="xs"
                            checked={selection.has(d.id)}
                            disabled={!d.currentStage}
                            onChange={() => d.currentStage && toggleRow(d.id, d.currentStage.id)}
                            aria-label={`Select ${d.name}`}
                            data-testid={`deliverables-select-${d.id}`}
                          />
                        </Table.Td>
                      ) : null}
                      <Table.Td>
                        <AnchorLink
                          to="/deliverables/$deliverableId"
                          params={{ deliverableId: d.id }}
                          size="sm"
                          fw={500}
                          tabIndex={-1}
                        >
                          {d.name}
                        </AnchorLink>
                        {d.isOnHold ? (
                          <Text span size="xs" c="yellow.8" ml={6}>
                            on hold
                          </Text>
                        ) : null}
                      </Table.Td>
                      {columns.map((c) => (
                        <Table.Td key={c.id}>{c.render(d)}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <Group justify="space-between" mt={4}>
            <Text size="xs" c="dimmed" data-testid="deliverables-count">
              {cfFilterActive
                ? `Showing ${rows.length} of ${pluralize(loadedRows.length, 'loaded deliverable')} (custom field filters)`
                : `${pluralize(rows.length, 'deliverable')}${list.hasNextPage ? ' loaded' : ''}`}
              {rowValues.pending > 0 ? ` · checking ${rowValues.pending}…` : ''}
              {rowValues.failed > 0
                ? ` · custom fields of ${pluralize(rowValues.failed, 'deliverable')} could not be loaded`
                : ''}
            </Text>
            <LoadMore
              hasNextPage={list.hasNextPage}
              isFetchingNextPage={list.isFetchingNextPage}
              fetchNextPage={list.fetchNextPage}
            />
          </Group>
        </>
      )}
      <AddToSessionModal
        opened={addingToSession}
        stageIds={[...selection.values()]}
        onClose={() => setAddingToSession(false)}
        onAdded={() => setSelection(new Map())}
      />
    </Stack>
  );
}

function ColumnItem({
  column,
  checked,
  onToggle,
}: {
  column: DeliverableColumn;
  checked: boolean;
  onToggle: () => void;
}): ReactNode {
  return (
    <Menu.Item
      onClick={onToggle}
      leftSection={<Checkbox size="xs" checked={checked} readOnly tabIndex={-1} aria-hidden />}
      data-testid={`deliverables-column-${column.id}`}
    >
      {column.label}
    </Menu.Item>
  );
}

function SortableTh({
  label,
  width,
  active,
  onSort,
}: {
  label: string;
  width?: number;
  active: 'asc' | 'desc' | null;
  onSort: () => void;
}) {
  return (
    <Table.Th
      w={width}
      aria-sort={active === 'asc' ? 'ascending' : active === 'desc' ? 'descending' : 'none'}
    >
      <UnstyledButton onClick={onSort} fz="inherit" fw="inherit" c="inherit" tt="inherit">
        <Group gap={4} wrap="nowrap">
          <span>{label}</span>
          {active === 'asc' ? (
            <IconArrowUp size={12} />
          ) : active === 'desc' ? (
            <IconArrowDown size={12} />
          ) : (
            <IconArrowsSort size={12} opacity={0.4} />
          )}
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
