import { ActionIcon, Button, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMailForward, IconSend, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { ConfirmModal } from '../components/ui/confirm-modal';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { LoadMore } from '../components/ui/load-more';
import { notifyError, notifySuccess } from '../components/ui/notify';
import { PageHeader } from '../components/ui/page-header';
import { RelativeTime } from '../components/ui/relative-time';
import { RoleBadge } from '../components/ui/role-badge';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { useClientTeams } from '../features/client-teams/queries';
import { InvitationStatusBadge } from '../features/invitations/invitation-status-badge';
import { InviteModal } from '../features/invitations/invite-modal';
import {
  useInvitations,
  useResendInvitation,
  useRevokeInvitation,
} from '../features/invitations/queries';
import type { Invitation } from '../features/invitations/types';
import { hasPermission, useMe } from '../features/me/queries';
import { flattenPages } from '../features/users/queries';
import { Permission } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

export function InvitationsSettingsPage() {
  usePageTitle('Invitations');
  const me = useMe();
  const invitations = useInvitations();
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const teams = useClientTeams({ enabled: hasPermission(me, Permission.CLIENT_TEAM_MANAGE) });
  const [inviteOpened, invite] = useDisclosure(false);
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  const teamNames = useMemo(
    () => new Map((teams.data?.items ?? []).map((t) => [t.id, t.name])),
    [teams.data],
  );
  const rows = flattenPages(invitations.data);

  const doResend = (inv: Invitation) =>
    resend.mutate(inv.id, {
      onSuccess: () => notifySuccess(`Invitation sent again to ${inv.email}.`),
      onError: (err) => notifyError(err, 'Could not resend'),
    });

  const doRevoke = () => {
    if (!revoking) return;
    const inv = revoking;
    revoke.mutate(inv.id, {
      onSuccess: () => {
        notifySuccess(`Invitation for ${inv.email} revoked.`);
        setRevoking(null);
      },
      onError: (err) => notifyError(err, 'Could not revoke'),
    });
  };

  return (
    <Stack gap={0}>
      <PageHeader
        title="Invitations"
        description="People invited to join. Pending invitations can be resent or revoked."
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
      {invitations.isPending ? (
        <TableSkeleton rows={5} />
      ) : invitations.isError ? (
        <ErrorAlert error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyPanel
          icon={<IconMailForward size={22} />}
          title="No invitations yet"
          description="Invite colleagues and clients by e-mail. They choose their own password when they accept."
          action={
            <Button size="xs" onClick={invite.open} leftSection={<IconUserPlus size={14} />}>
              Invite someone
            </Button>
          }
        />
      ) : (
        <Paper withBorder className="pt-table-paper">
          <Table.ScrollContainer minWidth={820}>
            <Table className="pt-table" data-testid="invitations-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>E-mail</Table.Th>
                  <Table.Th w={130}>Role</Table.Th>
                  <Table.Th w={100}>Status</Table.Th>
                  <Table.Th>Invited by</Table.Th>
                  <Table.Th w={110}>Sent</Table.Th>
                  <Table.Th w={110}>Expires</Table.Th>
                  <Table.Th w={80} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((inv) => {
                  const open = inv.status === 'PENDING' || inv.status === 'EXPIRED';
                  const teamsLabel = inv.clientTeamIds
                    .map((id) => teamNames.get(id))
                    .filter(Boolean)
                    .join(', ');
                  return (
                    <Table.Tr key={inv.id} data-testid={`invitation-row-${inv.email}`}>
                      <Table.Td>
                        <Text size="sm" fw={500} truncate maw={300}>
                          {inv.email}
                        </Text>
                        {inv.clientTeamIds.length > 0 ? (
                          <Text size="xs" c="dimmed" truncate maw={300}>
                            {teamsLabel || `${inv.clientTeamIds.length} client team(s)`}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <RoleBadge role={inv.role} />
                      </Table.Td>
                      <Table.Td>
                        <InvitationStatusBadge status={inv.status} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed" truncate maw={200}>
                          {inv.invitedBy?.name ?? '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <RelativeTime value={inv.createdAt} />
                      </Table.Td>
                      <Table.Td>
                        {inv.status === 'PENDING' || inv.status === 'EXPIRED' ? (
                          <RelativeTime
                            value={inv.expiresAt}
                            c={inv.status === 'EXPIRED' ? 'red' : undefined}
                          />
                        ) : (
                          <Text size="sm" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {open ? (
                          <Group gap={2} wrap="nowrap" justify="flex-end">
                            <Tooltip label="Resend e-mail">
                              <ActionIcon
                                aria-label={`Resend invitation to ${inv.email}`}
                                onClick={() => doResend(inv)}
                                loading={resend.isPending && resend.variables === inv.id}
                                data-testid={`invitation-resend-${inv.email}`}
                              >
                                <IconSend size={16} />
                              </ActionIcon>
                            </Tooltip>
                            {inv.status === 'PENDING' ? (
                              <Tooltip label="Revoke">
                                <ActionIcon
                                  color="red"
                                  aria-label={`Revoke invitation to ${inv.email}`}
                                  onClick={() => setRevoking(inv)}
                                  data-testid={`invitation-revoke-${inv.email}`}
                                >
                                  <IconTrash size={16} />
                                </ActionIcon>
                              </Tooltip>
                            ) : null}
                          </Group>
                        ) : null}
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
        hasNextPage={invitations.hasNextPage}
        isFetchingNextPage={invitations.isFetchingNextPage}
        fetchNextPage={invitations.fetchNextPage}
      />
      <InviteModal opened={inviteOpened} onClose={invite.close} />
      <ConfirmModal
        opened={!!revoking}
        title="Revoke invitation?"
        confirmLabel="Revoke"
        danger
        loading={revoke.isPending}
        onConfirm={doRevoke}
        onClose={() => setRevoking(null)}
      >
        The link sent to <strong>{revoking?.email}</strong> will stop working. You can invite them
        again later.
      </ConfirmModal>
    </Stack>
  );
}
