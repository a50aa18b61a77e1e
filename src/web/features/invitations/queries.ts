import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, getPage } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import type { CreateInvitationInput, Invitation, InvitationLookup } from './types';

export const invitationsKeys = {
  all: ['invitations'] as const,
  list: () => ['invitations', 'list'] as const,
  lookup: (token: string) => ['invitation-lookup', token] as const,
};

export const invitationsQueryOptions = infiniteQueryOptions({
  queryKey: invitationsKeys.list(),
  queryFn: ({ pageParam, signal }) =>
    getPage<Invitation>(apiPaths.invitations(), { limit: 50, cursor: pageParam }, signal),
  initialPageParam: null as string | null,
  getNextPageParam: (last) => last.nextCursor,
});

export function useInvitations() {
  return useInfiniteQuery(invitationsQueryOptions);
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateInvitationInput) =>
      api.post<Invitation>(apiPaths.invitations(), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKeys.all }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(apiPaths.invitation(id)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKeys.all }),
  });
}

export function useResendInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Invitation>(apiPaths.invitationResend(id), {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKeys.all }),
  });
}

export function invitationLookupQueryOptions(token: string) {
  return queryOptions({
    queryKey: invitationsKeys.lookup(token),
    queryFn: ({ signal }) =>
      api.get<InvitationLookup>(apiPaths.invitationLookup(), { token }, signal),
    enabled: token.length > 0,
    staleTime: Infinity,
    retry: false,
    meta: { redirectOn401: false },
  });
}

export function useInvitationLookup(token: string) {
  return useQuery(invitationLookupQueryOptions(token));
}

export function useAcceptInvitation() {
  return useMutation({
    mutationFn: (input: { token: string; name: string; password: string }) =>
      api.post<unknown>(apiPaths.invitationAccept(), input),
    meta: { redirectOn401: false },
  });
}
