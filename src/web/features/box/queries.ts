import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  BoxConnection,
  BoxConnectionInput,
  BoxPushLog,
  BoxTestResult,
  BoxWebhookEvent,
} from './types';

const enc = encodeURIComponent;

export const boxPaths = {
  connections: () => '/api/box/connections',
  connection: (id: string) => `/api/box/connections/${enc(id)}`,
  connectionTest: (id: string) => `/api/box/connections/${enc(id)}/test`,
  connectionEvents: (id: string) => `/api/box/connections/${enc(id)}/events`,
  revisionPushes: (revisionId: string) => `/api/revisions/${enc(revisionId)}/deliveries/box`,
  revisionRetry: (revisionId: string) => `/api/revisions/${enc(revisionId)}/deliveries/retry`,
} as const;

export const boxKeys = {
  all: ['box'] as const,
  connections: () => ['box', 'connections'] as const,
  events: (id: string) => ['box', 'events', id] as const,
  // Under the revisions module's delivery key, so a send-to-client refreshes it too.
  pushes: (revisionId: string) => ['revisions', 'deliveries', revisionId, 'box'] as const,
};

export function useBoxConnections() {
  return useQuery({
    queryKey: boxKeys.connections(),
    queryFn: ({ signal }) =>
      api.get<{ items: BoxConnection[] }>(boxPaths.connections(), undefined, signal),
  });
}

export function useSaveBoxConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: BoxConnectionInput }) =>
      id
        ? api.patch<BoxConnection>(boxPaths.connection(id), input)
        : api.post<BoxConnection>(boxPaths.connections(), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: boxKeys.connections() }),
  });
}

export function useDeleteBoxConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(boxPaths.connection(id)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: boxKeys.connections() }),
  });
}

export function useTestBoxConnection() {
  return useMutation({
    mutationFn: (id: string) => api.post<BoxTestResult>(boxPaths.connectionTest(id)),
  });
}

export function useBoxEvents(connectionId: string) {
  return useQuery({
    queryKey: boxKeys.events(connectionId),
    queryFn: ({ signal }) =>
      api.get<{ items: BoxWebhookEvent[] }>(
        boxPaths.connectionEvents(connectionId),
        { limit: 20 },
        signal,
      ),
    // Deliveries are processed in the background: look again while one is waiting.
    refetchInterval: (q) =>
      q.state.data?.items.some((e) => e.status === 'RECEIVED') ? 3000 : 30_000,
  });
}

/** The push log of a sent version, with Box links and whether it may be retried now. */
export function useBoxPushes(revisionId: string) {
  return useQuery({
    queryKey: boxKeys.pushes(revisionId),
    queryFn: ({ signal }) =>
      api.get<BoxPushLog>(boxPaths.revisionPushes(revisionId), { limit: 20 }, signal),
    // A fresh send (or retry) is delivered in the background: look again until it settles.
    refetchInterval: (q) => {
      const items = q.state.data?.items;
      if (!items) return false;
      if (items.length === 0) return q.state.dataUpdateCount < 20 ? 1500 : false;
      return items[0]!.status === 'PENDING' ? 1500 : false;
    },
  });
}

export function useRetryDelivery(revisionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ queued: boolean }>(boxPaths.revisionRetry(revisionId)),
    onSettled: async () => {
      // The attempt starts in the background; give the job a moment, then look.
      await queryClient.invalidateQueries({ queryKey: ['revisions', 'deliveries', revisionId] });
      setTimeout(() => {
        void queryClient.invalidateQueries({ queryKey: boxKeys.pushes(revisionId) });
      }, 1200);
    },
  });
}
