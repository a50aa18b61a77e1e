import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getPage } from '../../lib/api';
import type {
  ApiKey,
  ApiKeyRole,
  CreatedApiKey,
  CreatedWebhookEndpoint,
  WebhookEndpoint,
} from './types';

const enc = encodeURIComponent;

/** API paths of this feature (kept here: the feature owns its endpoints). */
export const apiKeyPaths = {
  apiKeys: () => '/api/api-keys',
  apiKey: (id: string) => `/api/api-keys/${enc(id)}`,
  webhookEndpoints: () => '/api/webhook-endpoints',
  webhookEndpoint: (id: string) => `/api/webhook-endpoints/${enc(id)}`,
} as const;

export const apiKeysKeys = {
  all: ['api-keys'] as const,
  list: () => ['api-keys', 'list'] as const,
};

export const webhookEndpointsKeys = {
  all: ['webhook-endpoints'] as const,
  list: () => ['webhook-endpoints', 'list'] as const,
};

export const apiKeysQueryOptions = queryOptions({
  queryKey: apiKeysKeys.list(),
  queryFn: ({ signal }) => getPage<ApiKey>(apiKeyPaths.apiKeys(), undefined, signal),
});

export function useApiKeys() {
  return useQuery(apiKeysQueryOptions);
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; role?: ApiKeyRole }) =>
      api.post<CreatedApiKey>(apiKeyPaths.apiKeys(), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKeys.all }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(apiKeyPaths.apiKey(id)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKeys.all }),
  });
}

export function useWebhookEndpoints(enabled = true) {
  return useQuery({
    queryKey: webhookEndpointsKeys.list(),
    queryFn: ({ signal }) =>
      getPage<WebhookEndpoint>(apiKeyPaths.webhookEndpoints(), undefined, signal),
    enabled,
  });
}

export function useCreateWebhookEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string }) =>
      api.post<CreatedWebhookEndpoint>(apiKeyPaths.webhookEndpoints(), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookEndpointsKeys.all }),
  });
}

export function useSetWebhookEndpointEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, isEnabled }: { id: string; isEnabled: boolean }) =>
      api.patch<WebhookEndpoint>(apiKeyPaths.webhookEndpoint(id), { isEnabled }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookEndpointsKeys.all }),
  });
}
