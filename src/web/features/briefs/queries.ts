import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, getPage } from '../../lib/api';
import type {
  Brief,
  BriefConvertInput,
  BriefCounts,
  BriefDetail,
  BriefFilters,
  BriefInput,
  BriefStatus,
} from './types';

const enc = encodeURIComponent;

export const briefPaths = {
  briefs: () => '/api/briefs',
  counts: () => '/api/briefs/counts',
  brief: (id: string) => `/api/briefs/${enc(id)}`,
  status: (id: string) => `/api/briefs/${enc(id)}/status`,
  convert: (id: string) => `/api/briefs/${enc(id)}/convert`,
} as const;

export const briefsKeys = {
  all: ['briefs'] as const,
  list: (filters: BriefFilters) => ['briefs', 'list', filters] as const,
  counts: (q?: string) => ['briefs', 'counts', q ?? ''] as const,
  detail: (id: string) => ['briefs', 'detail', id] as const,
};

export const BRIEFS_PAGE_SIZE = 50;

export function briefsQueryOptions(filters: BriefFilters) {
  return infiniteQueryOptions({
    queryKey: briefsKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      getPage<Brief>(
        briefPaths.briefs(),
        {
          limit: BRIEFS_PAGE_SIZE,
          cursor: pageParam,
          status: filters.status,
          q: filters.q?.trim(),
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useBriefs(filters: BriefFilters) {
  return useInfiniteQuery({ ...briefsQueryOptions(filters), placeholderData: keepPreviousData });
}

export function useBriefCounts(q?: string) {
  return useQuery({
    queryKey: briefsKeys.counts(q),
    queryFn: ({ signal }) =>
      api.get<BriefCounts>(briefPaths.counts(), { q: q?.trim() || undefined }, signal),
    placeholderData: keepPreviousData,
  });
}

export function briefQueryOptions(id: string) {
  return queryOptions({
    queryKey: briefsKeys.detail(id),
    queryFn: ({ signal }) => api.get<BriefDetail>(briefPaths.brief(id), undefined, signal),
  });
}

export function useBrief(id: string) {
  return useQuery(briefQueryOptions(id));
}

export function useCreateBrief() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BriefInput) => api.post<Brief>(briefPaths.briefs(), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: briefsKeys.all }),
  });
}

export function useSetBriefStatus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { status: BriefStatus; note?: string | null }) =>
      api.post<BriefDetail>(briefPaths.status(id), input),
    onSuccess: async (brief) => {
      queryClient.setQueryData(briefsKeys.detail(id), brief);
      await queryClient.invalidateQueries({ queryKey: briefsKeys.all });
    },
  });
}

export function useConvertBrief(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BriefConvertInput) =>
      api.post<{ brief: BriefDetail; project: { id: string; name: string; projectCode: string } }>(
        briefPaths.convert(id),
        input,
      ),
    onSuccess: async ({ brief }) => {
      queryClient.setQueryData(briefsKeys.detail(id), brief);
      await queryClient.invalidateQueries({ queryKey: briefsKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
    },
  });
}
