import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { getPage } from '../../lib/api';
import { deliverablesKeys } from '../deliverables/queries';
import type { ClientReviewFilters, ClientReviewItem } from './types';

const CLIENT_REVIEW_ITEMS = '/api/client-review/items';

/**
 * Under the deliverables keys on purpose: a decision, a send or any deliverable change
 * invalidates every deliverable view (invalidateDeliverableViews), this list included.
 */
export const clientReviewKeys = {
  items: (filters: ClientReviewFilters) =>
    [...deliverablesKeys.all, 'client-review', filters] as const,
};

export const CLIENT_REVIEW_PAGE_SIZE = 50;

/** Deliverables with versions sent to the client: awaiting a decision first, then the rest. */
export function useClientReviewItems(filters: ClientReviewFilters) {
  return useInfiniteQuery({
    queryKey: clientReviewKeys.items(filters),
    queryFn: ({ pageParam, signal }) =>
      getPage<ClientReviewItem>(
        CLIENT_REVIEW_ITEMS,
        {
          limit: CLIENT_REVIEW_PAGE_SIZE,
          cursor: pageParam,
          projectId: filters.projectId,
          waiting: filters.waiting ? 'true' : undefined,
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}
