import {
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  useSuspenseQuery,
} from '@tanstack/react-query';
import { api } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import { SETTINGS_PERMISSIONS } from '../../lib/permissions';
import type { Me } from './types';

export const meKey = ['me'] as const;

export const meQueryOptions = queryOptions({
  queryKey: meKey,
  queryFn: ({ signal }) => api.get<Me>(apiPaths.me(), undefined, signal),
  staleTime: 60_000,
  // Route guards turn a 401 here into a redirect themselves.
  meta: { redirectOn401: false },
});

/** The signed-in user. Only use below the authenticated route (which preloads it). */
export function useMe(): Me {
  return useSuspenseQuery(meQueryOptions).data;
}

/** Non-suspending variant, for places that may render without a session. */
export function useMeQuery() {
  return useQuery(meQueryOptions);
}

export function hasPermission(me: Pick<Me, 'permissions'>, permission: string): boolean {
  return me.permissions.includes(permission);
}

export function hasAnyPermission(me: Pick<Me, 'permissions'>, permissions: readonly string[]) {
  return permissions.some((p) => me.permissions.includes(p));
}

export function canSeeSettings(me: Pick<Me, 'permissions'>): boolean {
  return hasAnyPermission(me, SETTINGS_PERMISSIONS);
}

/** `const can = useCan(); can('USER_MANAGE')` */
export function useCan(): (permission: string) => boolean {
  const me = useMe();
  return (permission) => hasPermission(me, permission);
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api.post<void>(apiPaths.mePassword(), input),
    // A wrong current password may be answered with 401; that is not an expired session.
    meta: { redirectOn401: false },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}
