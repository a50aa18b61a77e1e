import { useQueries } from '@tanstack/react-query';
import { deliverableQueryOptions } from './queries';
import type { DeliverableRow } from './types';

export interface RowCustomFields {
  /** The row's custom field values; undefined while they load (or if loading failed). */
  valuesOf: (rowId: string) => Record<string, unknown> | undefined;
  /** Rows whose values are still loading. */
  pending: number;
  /** Rows whose values could not be loaded. */
  failed: number;
}

/**
 * Custom field values of list rows. The list endpoint does not return them, so when they are
 * needed (a custom column is shown or a custom filter is set) each loaded row's detail is
 * fetched (and cached, shared with the deliverable page). Rows that carry `customFields`
 * themselves are used as they are.
 */
export function useRowCustomFields(rows: readonly DeliverableRow[], needed: boolean) {
  const missing = needed ? rows.filter((r) => !r.customFields) : [];
  const details = useQueries({
    queries: missing.map((r) => ({ ...deliverableQueryOptions(r.id), staleTime: 60_000 })),
  });
  const byId = new Map<string, Record<string, unknown> | undefined>();
  for (const r of rows) if (r.customFields) byId.set(r.id, r.customFields);
  let pending = 0;
  let failed = 0;
  missing.forEach((r, i) => {
    const q = details[i];
    if (q?.data) byId.set(r.id, q.data.customFields ?? {});
    else if (q?.isError) failed++;
    else pending++;
  });
  return {
    valuesOf: (id: string) => byId.get(id),
    pending,
    failed,
  } satisfies RowCustomFields;
}
