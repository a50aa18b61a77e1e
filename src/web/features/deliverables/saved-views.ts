import { useLocalStorage } from '@mantine/hooks';
import { useCallback, useMemo } from 'react';
import { DELIVERABLE_SORTS, type DeliverableSort } from './types';

export const SAVED_VIEWS_KEY = 'prodtrack.deliverables.views';
export const VIEW_NAME_MAX = 40;

/** The table's filters as kept in the URL (`cf` already parsed). */
export interface SavedViewFilters {
  projectId?: string;
  status?: string;
  clientTeamId?: string;
  assigneeId?: string;
  q?: string;
  cf?: Record<string, string>;
}

export interface SavedView {
  name: string;
  filters: SavedViewFilters;
  sort: DeliverableSort;
  columns: string[];
  savedAt: string;
}

const FILTER_KEYS = ['projectId', 'status', 'clientTeamId', 'assigneeId', 'q'] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Drops anything in storage that is not a well-formed view (hand edits, older versions). */
function sanitize(raw: unknown): SavedView[] {
  if (!Array.isArray(raw)) return [];
  const out: SavedView[] = [];
  for (const v of raw) {
    if (!isRecord(v) || typeof v.name !== 'string' || !v.name.trim()) continue;
    const f = isRecord(v.filters) ? v.filters : {};
    const filters: SavedViewFilters = {};
    for (const k of FILTER_KEYS) if (typeof f[k] === 'string' && f[k]) filters[k] = f[k];
    if (isRecord(f.cf)) {
      const cf: Record<string, string> = {};
      for (const [k, val] of Object.entries(f.cf)) if (typeof val === 'string') cf[k] = val;
      if (Object.keys(cf).length) filters.cf = cf;
    }
    const sort = (DELIVERABLE_SORTS as readonly unknown[]).includes(v.sort)
      ? (v.sort as DeliverableSort)
      : 'dueDate';
    const columns = Array.isArray(v.columns)
      ? v.columns.filter((c): c is string => typeof c === 'string')
      : [];
    out.push({
      name: v.name.trim(),
      filters,
      sort,
      columns,
      savedAt: typeof v.savedAt === 'string' ? v.savedAt : new Date(0).toISOString(),
    });
  }
  return out;
}

function normalizeFilters(f: SavedViewFilters): SavedViewFilters {
  const out: SavedViewFilters = {};
  for (const k of FILTER_KEYS) if (f[k]) out[k] = f[k];
  if (f.cf && Object.keys(f.cf).length) out.cf = f.cf;
  return out;
}

function sameRecord(a: Record<string, string> = {}, b: Record<string, string> = {}) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Whether a view shows exactly this state (column order aside). */
export function viewMatches(
  view: SavedView,
  state: { filters: SavedViewFilters; sort: DeliverableSort; columns: readonly string[] },
): boolean {
  const a = normalizeFilters(view.filters);
  const b = normalizeFilters(state.filters);
  return (
    FILTER_KEYS.every((k) => a[k] === b[k]) &&
    sameRecord(a.cf, b.cf) &&
    view.sort === state.sort &&
    view.columns.length === state.columns.length &&
    view.columns.every((c) => state.columns.includes(c))
  );
}

/** Named table setups kept in this browser (localStorage). */
export function useSavedViews() {
  const [stored, setStored] = useLocalStorage<unknown>({
    key: SAVED_VIEWS_KEY,
    defaultValue: [],
    getInitialValueInEffect: false,
  });
  const views = useMemo(() => sanitize(stored), [stored]);

  /** Saves under `name`, replacing a view of the same name (ignoring case). */
  const save = useCallback(
    (view: Omit<SavedView, 'savedAt'>) =>
      setStored((prev: unknown) => {
        const list = sanitize(prev);
        const entry: SavedView = {
          ...view,
          filters: normalizeFilters(view.filters),
          savedAt: new Date().toISOString(),
        };
        const i = list.findIndex((v) => v.name.toLowerCase() === view.name.toLowerCase());
        if (i === -1) return [...list, entry];
        const next = [...list];
        next[i] = entry;
        return next;
      }),
    [setStored],
  );

  const remove = useCallback(
    (name: string) => setStored((prev: unknown) => sanitize(prev).filter((v) => v.name !== name)),
    [setStored],
  );

  return { views, save, remove };
}
