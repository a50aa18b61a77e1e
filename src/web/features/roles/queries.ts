import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import type { Role } from '../../lib/permissions';
import { meKey } from '../me/queries';
import type { RolesMatrix } from './types';

export const rolesKey = ['roles'] as const;

export const rolesQueryOptions = queryOptions({
  queryKey: rolesKey,
  queryFn: ({ signal }) => api.get<RolesMatrix>(apiPaths.roles(), undefined, signal),
  // Avoid clobbering unsaved edits on focus; we refetch after saving.
  refetchOnWindowFocus: false,
});

export function useRoles() {
  return useQuery(rolesQueryOptions);
}

/** Saves several roles' permission sets; resolves when all are done. */
export function useSaveRolePermissions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (changes: { role: Role; permissions: string[] }[]) => {
      const results: { role: Role; permissions: string[] }[] = [];
      // Sequential so that the first failure stops the batch with a clear message.
      for (const change of changes) {
        results.push(
          await api.put<{ role: Role; permissions: string[] }>(
            apiPaths.rolePermissions(change.role),
            { permissions: change.permissions },
          ),
        );
      }
      return results;
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: rolesKey });
      await queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}
