import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { apiPaths } from '../../lib/paths';
import { notificationsKeys, prependNotification, setUnreadCount } from './queries';
import type { AppNotification } from './types';

function parse<T>(data: unknown): T | null {
  if (typeof data !== 'string') return null;
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

/**
 * Subscribes to the notification SSE stream while mounted. Keeps the unread count and
 * cached lists current and calls `onNotification` for each new item. Reconnects with
 * backoff when the browser gives up (e.g. the server restarted or answered non-200).
 */
export function useNotificationStream(onNotification?: (n: AppNotification) => void) {
  const queryClient = useQueryClient();
  const callback = useRef(onNotification);
  useEffect(() => {
    callback.current = onNotification;
  }, [onNotification]);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let stopped = false;

    const connect = () => {
      if (stopped) return;
      source = new EventSource(apiPaths.notificationsStream(), { withCredentials: true });
      source.addEventListener('open', () => {
        attempts = 0;
        // Catch up on anything missed while disconnected.
        void queryClient.invalidateQueries({ queryKey: notificationsKeys.all });
      });
      source.addEventListener('unread', (event) => {
        const payload = parse<{ count: number }>((event as MessageEvent).data);
        if (payload && typeof payload.count === 'number')
          setUnreadCount(queryClient, payload.count);
      });
      source.addEventListener('notification', (event) => {
        const item = parse<AppNotification>((event as MessageEvent).data);
        if (!item || typeof item.id !== 'string') return;
        prependNotification(queryClient, item);
        // The server also sends `unread`; refetching keeps the badge exact if it does not.
        void queryClient.invalidateQueries({ queryKey: notificationsKeys.unreadCount() });
        callback.current?.(item);
      });
      source.addEventListener('error', () => {
        // readyState CLOSED means the browser will not retry on its own.
        if (source && source.readyState === EventSource.CLOSED) {
          source.close();
          source = null;
          attempts += 1;
          const delay = Math.min(60_000, 2_000 * 2 ** Math.min(attempts, 5));
          retryTimer = setTimeout(connect, delay);
          // Fall back to a poll so the badge is not stale while disconnected.
          void queryClient.invalidateQueries({ queryKey: notificationsKeys.unreadCount() });
        }
      });
    };

    connect();
    return () => {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      source?.close();
    };
  }, [queryClient]);
}
