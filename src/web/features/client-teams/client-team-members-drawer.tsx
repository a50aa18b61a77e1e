import {
  ActionIcon,
  Button,
  Drawer,
  Group,
  Stack,
  Switch,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconUserMinus, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { EmptyPanel } from '../../components/ui/empty-panel';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { RoleBadge } from '../../components/ui/role-badge';
import { TableSkeleton } from '../../components/ui/table-skeleton';
import { UserPicker } from '../users/user-picker';
import { useClientTeamMembers, useRemoveClientTeamMember, useSetClientTeamMember } from './queries';
import type { ClientTeam } from './types';

export function ClientTeamMembersDrawer({
  team,
  onClose,
}: {
  team: ClientTeam | null;
  onClose: () => void;
}) {
  return (
    <Drawer
      opened={!!team}
      onClose={onClose}
      position="right"
      size={560}
      title={
        <Text fw={600} size="md">
          {team ? `${team.name} · members` : ''}
        </Text>
      }
      data-testid="client-team-members"
    >
      {team ? <MembersPanel team={team} /> : null}
    </Drawer>
  );
}

function MembersPanel({ team }: { team: ClientTeam }) {
  const members = useClientTeamMembers(team.id);
  const setMember = useSetClientTeamMember(team.id);
  const remove = useRemoveClientTeamMember(team.id);
  const [picked, setPicked] = useState<string | null>(null);
  const items = members.data?.items ?? [];
  const memberIds = useMemo(() => items.map((m) => m.userId), [items]);

  const add = () => {
    if (!picked) return;
    setMember.mutate(
      { userId: picked },
      {
        onSuccess: () => {
          setPicked(null);
          notifySuccess('Member added.');
        },
        onError: (err) => notifyError(err, 'Could not add member'),
      },
    );
  };

  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <UserPicker
            label="Add a member"
            value={picked}
            onChange={setPicked}
            excludeIds={memberIds}
            style={{ flex: 1 }}
            data-testid="client-team-add-user"
            comboboxProps={{ withinPortal: true }}
          />
          <Button
            leftSection={<IconUserPlus size={16} />}
            onClick={add}
            disabled={!picked}
            loading={setMember.isPending && !setMember.variables?.isPrimary}
            data-testid="client-team-add-submit"
          >
            Add
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Client viewers see only the projects of their client teams. Primary contacts receive
          review requests first.
        </Text>
      </Stack>

      {members.isPending ? (
        <TableSkeleton rows={4} />
      ) : members.isError ? (
        <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />
      ) : items.length === 0 ? (
        <EmptyPanel
          icon={<IconUsers size={22} />}
          title="No members yet"
          description="Add the client's people (and your account team) with the picker above."
        />
      ) : (
        <Table className="pt-table" data-testid="client-team-members-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Member</Table.Th>
              <Table.Th w={120}>Role</Table.Th>
              <Table.Th w={80}>Primary</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((m) => (
              <Table.Tr key={m.userId} data-testid={`client-team-member-${m.email}`}>
                <Table.Td>
                  <Text size="sm" fw={500} truncate maw={240}>
                    {m.name || m.email}
                  </Text>
                  <Text size="xs" c="dimmed" truncate maw={240}>
                    {m.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RoleBadge role={m.role} />
                </Table.Td>
                <Table.Td>
                  <Switch
                    size="sm"
                    checked={m.isPrimary}
                    aria-label={`Primary contact: ${m.name || m.email}`}
                    disabled={setMember.isPending && setMember.variables?.userId === m.userId}
                    onChange={(e) => {
                      const isPrimary = e.currentTarget.checked;
                      setMember.mutate(
                        { userId: m.userId, isPrimary },
                        {
                          onError: (err) => notifyError(err, 'Could not update member'),
                        },
                      );
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <Tooltip label="Remove from team">
                    <ActionIcon
                      color="red"
                      aria-label={`Remove ${m.name || m.email}`}
                      loading={remove.isPending && remove.variables === m.userId}
                      onClick={() =>
                        remove.mutate(m.userId, {
                          onSuccess: () => notifySuccess(`${m.name || m.email} removed.`),
                          onError: (err) => notifyError(err, 'Could not remove member'),
                        })
                      }
                    >
                      <IconUserMinus size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
