import { useQuery } from '@tanstack/react-query';
import { getPage } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import type { WorkItem } from './types';

export const myWorkKey = ['me-work'] as const;

export function useMyWork(enabled = true) {
  return useQuery({
    queryKey: myWorkKey,
    queryFn: ({ signal }) => getPage<WorkItem>(apiPaths.meWork(), { limit: 100 }, signal),
    enabled,
  });
}
