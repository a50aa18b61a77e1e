import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import type { PublicConfig } from './types';

export const publicConfigKey = ['public-config'] as const;

export const publicConfigQueryOptions = queryOptions({
  queryKey: publicConfigKey,
  queryFn: ({ signal }) => api.get<PublicConfig>(apiPaths.publicConfig(), undefined, signal),
  staleTime: 5 * 60_000,
  meta: { redirectOn401: false },
});

export function usePublicConfig() {
  return useQuery(publicConfigQueryOptions);
}

/** Drop everything cached for the previous session (keeps the public config). */
export function clearSessionCache(queryClient: QueryClient): void {
  void queryClient.cancelQueries({ predicate: (q) => q.queryKey[0] !== publicConfigKey[0] });
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== publicConfigKey[0] });
}

export interface SignInInput {
  email: string;
  password: string;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) => api.post<unknown>(apiPaths.auth.signInEmail(), input),
    meta: { redirectOn401: false },
    onSuccess: () => clearSessionCache(queryClient),
  });
}

export function useOidcSignIn() {
  return useMutation({
    mutationFn: async (providerId: string) => {
      const res = await api.post<{ url?: string; redirect?: boolean }>(
        apiPaths.auth.signInOAuth(),
        { providerId, callbackURL: '/' },
      );
      if (!res?.url) throw new Error('The identity provider did not return a sign-in address.');
      window.location.assign(res.url);
      return res;
    },
    meta: { redirectOn401: false },
  });
}

export function useSignOut() {
  return useMutation({
    mutationFn: () => api.post<unknown>(apiPaths.auth.signOut(), {}),
    meta: { redirectOn401: false },
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      api.post<unknown>(apiPaths.auth.requestPasswordReset(), {
        email,
        redirectTo: '/reset-password',
      }),
    meta: { redirectOn401: false },
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (input: { token: string; newPassword: string }) =>
      api.post<unknown>(apiPaths.auth.resetPassword(), input),
    meta: { redirectOn401: false },
  });
}
