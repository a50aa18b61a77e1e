import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import { meKey } from '../me/queries';
import type { Organization } from './types';

export const organizationKey = ['organization'] as const;

export const organizationQueryOptions = queryOptions({
  queryKey: organizationKey,
  queryFn: ({ signal }) => api.get<Organization>(apiPaths.organization(), undefined, signal),
});

export function useOrganization() {
  return useQuery(organizationQueryOptions);
}

export function useUpdateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string }) =>
      api.patch<Organization>(apiPaths.organization(), input),
    onSuccess: (org) => {
      queryClient.setQueryData(organizationKey, org);
      // The header shows the organisation name from /api/me.
      void queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}
