import { ActionIcon, Anchor, Button, Code, Menu, Paper, Stack, Table, Text } from '@mantine/core';
import {
  IconDots,
  IconPencil,
  IconPlus,
  IconTrash,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '../components/ui/confirm-modal';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { notifyError, notifySuccess } from '../components/ui/notify';
import { PageHeader } from '../components/ui/page-header';
import { RelativeTime } from '../components/ui/relative-time';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { ClientTeamFormModal } from '../features/client-teams/client-team-form-modal';
import { ClientTeamMembersDrawer } from '../features/client-teams/client-team-members-drawer';
import { useClientTeams, useDeleteClientTeam } from '../features/client-teams/queries';
import type { ClientTeam } from '../features/client-teams/types';
import { pluralize } from '../lib/format';
import { usePageTitle } from '../lib/use-page-title';

export function ClientTeamsSettingsPage() {
  usePageTitle('Client teams');
  const teams = useClientTeams();
  const remove = useDeleteClientTeam();
  const [form, setForm] = useState<{ team: ClientTeam | null } | null>(null);
  const [membersOf, setMembersOf] = useState<ClientTeam | null>(null);
  const [deleting, setDeleting] = useState<ClientTeam | null>(null);
  const items = teams.data?.items ?? [];

  const doDelete = () => {
    if (!deleting) return;
    const team = deleting;
    remove.mutate(team.id, {
      onSuccess: () => {
        notifySuccess(`Client team “${team.name}” deleted.`);
        setDeleting(null);
      },
      onError: (err) => notifyError(err, 'Could not delete client team'),
    });
  };

  const openCreate = () => setForm({ team: null });

  return (
    <Stack gap={0}>
      <PageHeader
        title="Client teams"
        description="Group a client's people so they only see their own projects and reviews."
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={openCreate}
            data-testid="client-team-create"
          >
            New client team
          </Button>
        }
      />
      {teams.isPending ? (
        <TableSkeleton rows={5} />
      ) : teams.isError ? (
        <ErrorAlert error={teams.error} onRetry={() => void teams.refetch()} />
      ) : items.length === 0 ? (
        <EmptyPanel
          icon={<IconUsersGroup size={22} />}
          title="No client teams yet"
          description="Create one per client (or per brand), then add their reviewers as members."
          action={
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={openCreate}>
              New client team
            </Button>
          }
        />
      ) : (
        <Paper withBorder className="pt-table-paper">
          <Table.ScrollContainer minWidth={700}>
            <Table className="pt-table" data-testid="client-teams-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Slug</Table.Th>
                  <Table.Th w={110}>Members</Table.Th>
                  <Table.Th w={100}>Projects</Table.Th>
                  <Table.Th w={110}>Created</Table.Th>
                  <Table.Th w={44} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((t) => (
                  <Table.Tr key={t.id} data-testid={`client-team-row-${t.slug}`}>
                    <Table.Td>
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        fw={500}
                        onClick={() => setMembersOf(t)}
                      >
                        {t.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Code fz="xs">{t.slug}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        c="dimmed"
                        onClick={() => setMembersOf(t)}
                      >
                        {pluralize(t.memberCount, 'member')}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {t.projectCount}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime value={t.createdAt} />
                    </Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end" width={180}>
                        <Menu.Target>
                          <ActionIcon
                            aria-label={`Actions for ${t.name}`}
                            data-testid={`client-team-actions-${t.slug}`}
                          >
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item
                            leftSection={<IconUsers size={15} />}
                            onClick={() => setMembersOf(t)}
                          >
                            Members
                          </Menu.Item>
                          <Menu.Item
                            leftSection={<IconPencil size={15} />}
                            onClick={() => setForm({ team: t })}
                          >
                            Rename
                          </Menu.Item>
                          <Menu.Divider />
                          <Menu.Item
                            color="red"
                            leftSection={<IconTrash size={15} />}
                            onClick={() => setDeleting(t)}
                          >
                            Delete
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      <ClientTeamFormModal
        opened={!!form}
        team={form?.team ?? null}
        onClose={() => setForm(null)}
      />
      <ClientTeamMembersDrawer team={membersOf} onClose={() => setMembersOf(null)} />
      <ConfirmModal
        opened={!!deleting}
        title="Delete client team?"
        confirmLabel="Delete team"
        danger
        loading={remove.isPending}
        onConfirm={doDelete}
        onClose={() => setDeleting(null)}
      >
        <Stack gap={6}>
          <span>
            <strong>{deleting?.name}</strong> and its memberships will be removed. People stay in
            the workspace.
          </span>
          {deleting && deleting.projectCount > 0 ? (
            <Text size="sm" c="red">
              This team has {pluralize(deleting.projectCount, 'project')}; the server may refuse to
              delete it until they are moved.
            </Text>
          ) : null}
        </Stack>
      </ConfirmModal>
    </Stack>
  );
}
