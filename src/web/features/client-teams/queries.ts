import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getPage } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import type { ClientTeam, ClientTeamInput, ClientTeamMember } from './types';

export const clientTeamsKeys = {
  all: ['client-teams'] as const,
  list: () => ['client-teams', 'list'] as const,
  members: (id: string) => ['client-teams', 'members', id] as const,
};

export const clientTeamsQueryOptions = queryOptions({
  queryKey: clientTeamsKeys.list(),
  queryFn: ({ signal }) => getPage<ClientTeam>(apiPaths.clientTeams(), { limit: 200 }, signal),
});

export function useClientTeams(options: { enabled?: boolean } = {}) {
  return useQuery({ ...clientTeamsQueryOptions, enabled: options.enabled ?? true });
}

export function useCreateClientTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ClientTeamInput & { name: string }) =>
      api.post<ClientTeam>(apiPaths.clientTeams(), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientTeamsKeys.all }),
  });
}

export function useUpdateClientTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ClientTeamInput }) =>
      api.patch<ClientTeam>(apiPaths.clientTeam(id), patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientTeamsKeys.all }),
  });
}

export function useDeleteClientTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(apiPaths.clientTeam(id)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientTeamsKeys.all }),
  });
}

export function useClientTeamMembers(teamId: string | null) {
  return useQuery({
    queryKey: clientTeamsKeys.members(teamId ?? ''),
    queryFn: ({ signal }) =>
      getPage<ClientTeamMember>(apiPaths.clientTeamMembers(teamId ?? ''), { limit: 200 }, signal),
    enabled: !!teamId,
  });
}

export function useSetClientTeamMember(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, isPrimary }: { userId: string; isPrimary?: boolean }) =>
      api.put(
        apiPaths.clientTeamMember(teamId, userId),
        isPrimary === undefined ? {} : { isPrimary },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientTeamsKeys.all }),
  });
}

export function useRemoveClientTeamMember(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(apiPaths.clientTeamMember(teamId, userId)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientTeamsKeys.all }),
  });
}
