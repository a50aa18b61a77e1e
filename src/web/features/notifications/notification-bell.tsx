import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Center,
  Group,
  Loader,
  Popover,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconBell, IconBellCheck, IconChecks, IconExternalLink } from '@tabler/icons-react';
import { useRouter } from '@tanstack/react-router';
import { notifications as toasts } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import { flattenPages } from '../users/queries';
import { ErrorAlert } from '../../components/ui/error-alert';
import { RelativeTime } from '../../components/ui/relative-time';
import {
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
  useUnreadCount,
} from './queries';
import { useNotificationStream } from './use-notification-stream';
import type { AppNotification } from './types';

function isExternal(link: string) {
  return /^https?:\/\//i.test(link) && !link.startsWith(window.location.origin);
}

export function NotificationBell() {
  const [opened, setOpened] = useState(false);
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const router = useRouter();
  const unread = useUnreadCount();
  const list = useNotifications(filter === 'unread', opened);
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const count = unread.data?.count ?? 0;

  const openLink = useCallback(
    (link: string) => {
      if (isExternal(link)) {
        window.open(link, '_blank', 'noopener,noreferrer');
        return;
      }
      const href = link.startsWith(window.location.origin)
        ? link.slice(window.location.origin.length) || '/'
        : link;
      void router.navigate({ href });
    },
    [router],
  );

  useNotificationStream(
    useCallback(
      (n: AppNotification) => {
        if (opened) return;
        toasts.show({
          id: `notification-${n.id}`,
          title: n.title,
          message: n.message,
          color: 'indigo',
          icon: <IconBell size={16} />,
          autoClose: 6000,
          style: n.link ? { cursor: 'pointer' } : undefined,
          onClick: n.link
            ? () => {
                toasts.hide(`notification-${n.id}`);
                openLink(n.link as string);
              }
            : undefined,
        });
      },
      [opened, openLink],
    ),
  );

  const items = flattenPages(list.data);

  const handleClick = (n: AppNotification) => {
    if (!n.isRead) markRead.mutate(n.id);
    if (n.link) {
      setOpened(false);
      openLink(n.link);
    }
  };

  const label = count > 0 ? `Notifications (${count} unread)` : 'Notifications';

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={380}
      withArrow
      arrowPosition="center"
      trapFocus={false}
    >
      <Popover.Target>
        <Tooltip label={label} disabled={opened}>
          <ActionIcon
            size="lg"
            aria-label={label}
            data-testid="notification-bell"
            onClick={() => setOpened((o) => !o)}
            pos="relative"
          >
            <IconBell size={19} />
            {count > 0 ? (
              <Badge
                data-testid="notification-count"
                size="xs"
                color="red"
                variant="filled"
                circle={count < 10}
                pos="absolute"
                top={1}
                right={count < 10 ? 1 : -4}
                px={count < 10 ? 0 : 4}
                style={{ pointerEvents: 'none', boxShadow: '0 0 0 2px var(--mantine-color-body)' }}
              >
                {count > 99 ? '99+' : count}
              </Badge>
            ) : null}
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="notification-panel">
        <Group justify="space-between" px="sm" py={8} wrap="nowrap">
          <Text fw={600} size="sm">
            Notifications
          </Text>
          <Group gap={6} wrap="nowrap">
            <SegmentedControl
              size="xs"
              value={filter}
              onChange={(v) => setFilter(v === 'unread' ? 'unread' : 'all')}
              data={[
                { value: 'all', label: 'All' },
                { value: 'unread', label: 'Unread' },
              ]}
            />
            <Tooltip label="Mark all as read">
              <ActionIcon
                aria-label="Mark all as read"
                data-testid="notifications-read-all"
                onClick={() => markAll.mutate()}
                disabled={count === 0}
                loading={markAll.isPending}
              >
                <IconChecks size={17} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        <Box style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          {list.isPending ? (
            <Center py="xl">
              <Loader size="sm" type="dots" />
            </Center>
          ) : list.isError ? (
            <Box p="sm">
              <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
            </Box>
          ) : items.length === 0 ? (
            <Stack align="center" gap={4} py={32} px="md">
              <IconBellCheck size={28} color="var(--mantine-color-dimmed)" />
              <Text size="sm" fw={500}>
                You're all caught up
              </Text>
              <Text size="xs" c="dimmed" ta="center">
                {filter === 'unread'
                  ? 'No unread notifications.'
                  : 'Assignments, reviews and mentions will show up here.'}
              </Text>
            </Stack>
          ) : (
            <ScrollArea.Autosize mah={420} type="auto">
              {items.map((n) => (
                <UnstyledButton
                  key={n.id}
                  className="pt-notification-item"
                  data-unread={n.isRead ? undefined : true}
                  data-testid="notification-item"
                  onClick={() => handleClick(n)}
                >
                  <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                    <Text size="sm" fw={n.isRead ? 400 : 600} lineClamp={1}>
                      {n.title}
                    </Text>
                    <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                      {n.link ? (
                        <IconExternalLink size={12} color="var(--mantine-color-dimmed)" />
                      ) : null}
                      <RelativeTime value={n.createdAt} size="xs" c="dimmed" />
                    </Group>
                  </Group>
                  {n.message ? (
                    <Text size="xs" c="dimmed" lineClamp={2} mt={2}>
                      {n.message}
                    </Text>
                  ) : null}
                </UnstyledButton>
              ))}
              {list.hasNextPage ? (
                <Center py={6}>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    loading={list.isFetchingNextPage}
                    onClick={() => void list.fetchNextPage()}
                  >
                    Load older
                  </Button>
                </Center>
              ) : null}
            </ScrollArea.Autosize>
          )}
        </Box>
      </Popover.Dropdown>
    </Popover>
  );
}
