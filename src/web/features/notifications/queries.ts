import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { api, getPage, type Page } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import type { AppNotification } from './types';

export const notificationsKeys = {
  all: ['notifications'] as const,
  list: (unreadOnly: boolean) => ['notifications', 'list', { unreadOnly }] as const,
  unreadCount: () => ['notifications', 'unread-count'] as const,
};

export function notificationsQueryOptions(unreadOnly: boolean) {
  return infiniteQueryOptions({
    queryKey: notificationsKeys.list(unreadOnly),
    queryFn: ({ pageParam, signal }) =>
      getPage<AppNotification>(
        apiPaths.notifications(),
        { limit: 20, cursor: pageParam, unreadOnly: unreadOnly ? 'true' : undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useNotifications(unreadOnly: boolean, enabled = true) {
  return useInfiniteQuery({ ...notificationsQueryOptions(unreadOnly), enabled });
}

export const unreadCountQueryOptions = queryOptions({
  queryKey: notificationsKeys.unreadCount(),
  queryFn: ({ signal }) =>
    api.get<{ count: number }>(apiPaths.notificationsUnreadCount(), undefined, signal),
  // The live stream keeps this current; polling is only a safety net.
  refetchInterval: 120_000,
  staleTime: 15_000,
});

export function useUnreadCount() {
  return useQuery(unreadCountQueryOptions);
}

type NotificationPages = InfiniteData<Page<AppNotification>>;

function updateCachedNotifications(
  queryClient: QueryClient,
  update: (n: AppNotification) => AppNotification,
) {
  queryClient.setQueriesData<NotificationPages>(
    { queryKey: [...notificationsKeys.all, 'list'] },
    (old) =>
      old ? { ...old, pages: old.pages.map((p) => ({ ...p, items: p.items.map(update) })) } : old,
  );
}

/** Insert a freshly streamed notification at the top of cached lists. */
export function prependNotification(queryClient: QueryClient, item: AppNotification) {
  queryClient.setQueriesData<NotificationPages>(
    { queryKey: [...notificationsKeys.all, 'list'] },
    (old) => {
      if (!old) return old;
      const [first, ...rest] = old.pages;
      if (!first) return old;
      if (old.pages.some((p) => p.items.some((n) => n.id === item.id))) return old;
      return { ...old, pages: [{ ...first, items: [item, ...first.items] }, ...rest] };
    },
  );
}

export function setUnreadCount(queryClient: QueryClient, count: number) {
  queryClient.setQueryData(notificationsKeys.unreadCount(), { count: Math.max(0, count) });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(apiPaths.notificationRead(id), {}),
    onMutate: (id) => {
      let changed = false;
      updateCachedNotifications(queryClient, (n) => {
        if (n.id !== id || n.isRead) return n;
        changed = true;
        return { ...n, isRead: true };
      });
      if (changed) {
        const current = queryClient.getQueryData<{ count: number }>(
          notificationsKeys.unreadCount(),
        );
        if (current) setUnreadCount(queryClient, current.count - 1);
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKeys.all }),
  });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(apiPaths.notificationsReadAll(), {}),
    onMutate: () => {
      updateCachedNotifications(queryClient, (n) => (n.isRead ? n : { ...n, isRead: true }));
      setUnreadCount(queryClient, 0);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKeys.all }),
  });
}
