import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getPage } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import type { Pod, PodInput } from './types';

export const podsKeys = {
  all: ['pods'] as const,
  list: () => ['pods', 'list'] as const,
};

export const podsQueryOptions = queryOptions({
  queryKey: podsKeys.list(),
  queryFn: ({ signal }) => getPage<Pod>(apiPaths.pods(), { limit: 200 }, signal),
});

export function usePods(options: { enabled?: boolean } = {}) {
  return useQuery({ ...podsQueryOptions, enabled: options.enabled ?? true });
}

export function useCreatePod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PodInput & { name: string }) => api.post<Pod>(apiPaths.pods(), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: podsKeys.all }),
  });
}

export function useUpdatePod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: PodInput }) =>
      api.patch<Pod>(apiPaths.pod(id), patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: podsKeys.all }),
  });
}

export function useDeletePod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(apiPaths.pod(id)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: podsKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
}
