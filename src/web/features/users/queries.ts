import {
  infiniteQueryOptions,
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import type { InfiniteData } from '@tanstack/react-query';
import { api, getPage, type Page } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import { meKey } from '../me/queries';
import type { User, UserPatch } from './types';

export const usersKeys = {
  all: ['users'] as const,
  list: (q: string) => ['users', 'list', { q }] as const,
};

export const USERS_PAGE_SIZE = 50;

export function usersQueryOptions(q: string, limit = USERS_PAGE_SIZE) {
  return infiniteQueryOptions({
    queryKey: [...usersKeys.list(q), limit] as const,
    queryFn: ({ pageParam, signal }) =>
      getPage<User>(apiPaths.users(), { limit, cursor: pageParam, q: q.trim() }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useUsers(q: string, options: { enabled?: boolean; limit?: number } = {}) {
  return useInfiniteQuery({
    ...usersQueryOptions(q, options.limit),
    enabled: options.enabled ?? true,
    placeholderData: keepPreviousData,
  });
}

export function flattenPages<T>(data: InfiniteData<Page<T>> | undefined): T[] {
  return data?.pages.flatMap((p) => p.items) ?? [];
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UserPatch }) =>
      api.patch<User>(apiPaths.user(id), patch),
    onSuccess: (user) => {
      // Patch the row in every cached users list, then refresh in the background.
      queryClient.setQueriesData<InfiniteData<Page<User>>>({ queryKey: usersKeys.all }, (old) =>
        old
          ? {
              ...old,
              pages: old.pages.map((p) => ({
                ...p,
                items: p.items.map((u) => (u.id === user.id ? { ...u, ...user } : u)),
              })),
            }
          : old,
      );
      void queryClient.invalidateQueries({ queryKey: usersKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['pods'] });
      void queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}
