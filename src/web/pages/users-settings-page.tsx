import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPencil, IconSearch, IconUserPlus, IconUsers, IconX } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { LoadMore } from '../components/ui/load-more';
import { notifyError, notifySuccess } from '../components/ui/notify';
import { PageHeader } from '../components/ui/page-header';
import { RelativeTime } from '../components/ui/relative-time';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { InviteModal } from '../features/invitations/invite-modal';
import { hasPermission, useMe } from '../features/me/queries';
import { usePods } from '../features/pods/queries';
import { EditUserModal } from '../features/users/edit-user-modal';
import { flattenPages, useUpdateUser, useUsers } from '../features/users/queries';
import type { User, UserPatch } from '../features/users/types';
import { isRole, Permission, ROLE_OPTIONS, roleLabel } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

export function UsersSettingsPage() {
  usePageTitle('Users');
  const me = useMe();
  const search = useSearch({ from: '/app/settings/users' });
  const navigate = useNavigate({ from: '/settings/users' });
  const [query, setQuery] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(query, 250);
  const users = useUsers(debounced);
  const canManagePods = hasPermission(me, Permission.POD_MANAGE);
  const pods = usePods({ enabled: canManagePods });
  const update = useUpdateUser();
  const [inviteOpened, invite] = useDisclosure(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);

  useEffect(() => {
    void navigate({ search: { q: debounced.trim() || undefined }, replace: true });
  }, [debounced, navigate]);

  const podNames = useMemo(
    () => new Map((pods.data?.items ?? []).map((p) => [p.id, p.name])),
    [pods.data],
  );
  const rows = flattenPages(users.data);

  const patchUser = (user: User, patch: UserPatch, message: string) => {
    setPendingId(user.id);
    update.mutate(
      { id: user.id, patch },
      {
        onSuccess: () => notifySuccess(message),
        onError: (err) => notifyError(err, `Could not update ${user.name || user.email}`),
        onSettled: () => setPendingId(null),
      },
    );
  };

  return (
    <Stack gap={0}>
      <PageHeader
        title="Users"
        description="Everyone with access to this workspace. Change roles inline; disable people who have left."
        actions={
          <Button
            leftSection={<IconUserPlus size={16} />}
            onClick={invite.open}
            data-testid="invite-open"
          >
            Invite
          </Button>
        }
      />
      <Group mb="sm" gap="sm">
        <TextInput
          placeholder="Search name or e-mail"
          leftSection={<IconSearch size={15} />}
          rightSection={
            query ? (
              <ActionIcon size="sm" onClick={() => setQuery('')} aria-label="Clear search">
                <IconX size={14} />
              </ActionIcon>
            ) : null
          }
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          w={300}
          aria-label="Search users"
          data-testid="users-search"
        />
        {users.isFetching && !users.isPending ? (
          <Text size="xs" c="dimmed">
            Updating…
          </Text>
        ) : null}
      </Group>

      {users.isPending ? (
        <TableSkeleton rows={8} />
      ) : users.isError ? (
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      ) : rows.length === 0 ? (
        debounced.trim() ? (
          <EmptyPanel
            icon={<IconSearch size={22} />}
            title="No matching users"
            description={`Nobody matches “${debounced.trim()}”. Check the spelling, or invite them.`}
            action={
              <Button size="xs" variant="default" onClick={() => setQuery('')}>
                Clear search
              </Button>
            }
          />
        ) : (
          <EmptyPanel
            icon={<IconUsers size={22} />}
            title="No users yet"
            description="Invite producers, artists and clients to start working together."
            action={
              <Button size="xs" onClick={invite.open} leftSection={<IconUserPlus size={14} />}>
                Invite someone
              </Button>
            }
          />
        )
      ) : (
        <Paper withBorder className="pt-table-paper">
          <Table.ScrollContainer minWidth={860}>
            <Table className="pt-table" data-testid="users-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>E-mail</Table.Th>
                  <Table.Th w={170}>Role</Table.Th>
                  <Table.Th w={canManagePods ? 170 : 120}>Pod</Table.Th>
                  <Table.Th w={110}>Last login</Table.Th>
                  <Table.Th w={80}>Active</Table.Th>
                  <Table.Th w={44} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((u) => {
                  const self = u.id === me.user.id;
                  const busy = pendingId === u.id;
                  return (
                    <Table.Tr
                      key={u.id}
                      data-testid={`user-row-${u.email}`}
                      opacity={u.disabled ? 0.6 : 1}
                    >
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" fw={500} truncate maw={220}>
                            {u.name || '—'}
                          </Text>
                          {self ? (
                            <Badge size="xs" variant="default">
                              You
                            </Badge>
                          ) : null}
                          {u.isExternal ? (
                            <Badge size="xs" variant="light" color="orange">
                              External
                            </Badge>
                          ) : null}
                        </Group>
                        {u.department ? (
                          <Text size="xs" c="dimmed" truncate maw={260}>
                            {u.department}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed" truncate maw={260}>
                          {u.email}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label="You can't change your own role" disabled={!self}>
                          <NativeSelect
                            size="xs"
                            data={ROLE_OPTIONS}
                            value={u.role}
                            disabled={self || busy}
                            aria-label={`Role of ${u.name || u.email}`}
                            data-testid={`user-role-${u.email}`}
                            onChange={(e) => {
                              const role = e.currentTarget.value;
                              if (isRole(role) && role !== u.role) {
                                patchUser(
                                  u,
                                  { role },
                                  `${u.name || u.email} is now ${roleLabel(role)}.`,
                                );
                              }
                            }}
                          />
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        {canManagePods ? (
                          <NativeSelect
                            size="xs"
                            data={[
                              { value: '', label: '—' },
                              ...(pods.data?.items ?? []).map((p) => ({
                                value: p.id,
                                label: p.name,
                              })),
                            ]}
                            value={u.homePodId ?? ''}
                            disabled={busy || pods.isPending}
                            aria-label={`Pod of ${u.name || u.email}`}
                            onChange={(e) => {
                              const podId = e.currentTarget.value || null;
                              patchUser(
                                u,
                                { homePodId: podId },
                                podId
                                  ? `${u.name || u.email} moved to ${podNames.get(podId) ?? 'pod'}.`
                                  : `${u.name || u.email} removed from pod.`,
                              );
                            }}
                          />
                        ) : (
                          <Text size="sm" c="dimmed">
                            {u.homePodId ? (podNames.get(u.homePodId) ?? 'Assigned') : '—'}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <RelativeTime
                          value={u.lastLoginAt}
                          empty="Never"
                          c={u.lastLoginAt ? undefined : 'dimmed'}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Tooltip
                          label={
                            self
                              ? "You can't disable yourself"
                              : u.disabled
                                ? 'Enable sign-in'
                                : 'Disable sign-in'
                          }
                        >
                          <div style={{ display: 'inline-block' }}>
                            <Switch
                              size="sm"
                              checked={!u.disabled}
                              disabled={self || busy}
                              aria-label={u.disabled ? `Enable ${u.email}` : `Disable ${u.email}`}
                              data-testid={`user-active-${u.email}`}
                              onChange={(e) => {
                                const active = e.currentTarget.checked;
                                patchUser(
                                  u,
                                  { disabled: !active },
                                  active
                                    ? `${u.name || u.email} can sign in again.`
                                    : `${u.name || u.email} has been disabled.`,
                                );
                              }}
                            />
                          </div>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label="Edit details">
                          <ActionIcon
                            aria-label={`Edit ${u.name || u.email}`}
                            onClick={() => setEditing(u)}
                            data-testid={`user-edit-${u.email}`}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <LoadMore
        hasNextPage={users.hasNextPage}
        isFetchingNextPage={users.isFetchingNextPage}
        fetchNextPage={users.fetchNextPage}
      />

      <InviteModal opened={inviteOpened} onClose={invite.close} />
      <EditUserModal
        user={editing}
        pods={canManagePods ? (pods.data?.items ?? null) : null}
        isSelf={editing?.id === me.user.id}
        onClose={() => setEditing(null)}
      />
    </Stack>
  );
}
