import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { getPage } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import type { OutboxMessage } from './types';

export const outboxKey = ['outbox'] as const;

export const outboxQueryOptions = infiniteQueryOptions({
  queryKey: outboxKey,
  queryFn: ({ pageParam, signal }) =>
    getPage<OutboxMessage>(apiPaths.outbox(), { limit: 25, cursor: pageParam }, signal),
  initialPageParam: null as string | null,
  getNextPageParam: (last) => last.nextCursor,
});

export function useOutbox() {
  return useInfiniteQuery({ ...outboxQueryOptions, refetchInterval: 10_000 });
}
