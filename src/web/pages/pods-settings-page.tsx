import { ActionIcon, Button, Code, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconHierarchy2, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '../components/ui/confirm-modal';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { notifyError, notifySuccess } from '../components/ui/notify';
import { PageHeader } from '../components/ui/page-header';
import { RelativeTime } from '../components/ui/relative-time';
import { AnchorLink } from '../components/ui/router-link';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { hasPermission, useMe } from '../features/me/queries';
import { PodFormModal } from '../features/pods/pod-form-modal';
import { useDeletePod, usePods } from '../features/pods/queries';
import type { Pod } from '../features/pods/types';
import { pluralize } from '../lib/format';
import { Permission } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

export function PodsSettingsPage() {
  usePageTitle('Pods');
  const me = useMe();
  const pods = usePods();
  const remove = useDeletePod();
  const [form, setForm] = useState<{ pod: Pod | null } | null>(null);
  const [deleting, setDeleting] = useState<Pod | null>(null);
  const items = pods.data?.items ?? [];
  const canManageUsers = hasPermission(me, Permission.USER_MANAGE);

  const doDelete = () => {
    if (!deleting) return;
    const pod = deleting;
    remove.mutate(pod.id, {
      onSuccess: () => {
        notifySuccess(`Pod “${pod.name}” deleted.`);
        setDeleting(null);
      },
      onError: (err) => notifyError(err, 'Could not delete pod'),
    });
  };

  const openCreate = () => setForm({ pod: null });

  return (
    <Stack gap={0}>
      <PageHeader
        title="Pods"
        description={
          <>
            Small standing teams with a lead. People join a pod through their home pod
            {canManageUsers ? (
              <>
                {' '}
                on the{' '}
                <AnchorLink to="/settings/users" size="sm">
                  Users
                </AnchorLink>{' '}
                page
              </>
            ) : null}
            .
          </>
        }
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={openCreate}
            data-testid="pod-create"
          >
            New pod
          </Button>
        }
      />
      {pods.isPending ? (
        <TableSkeleton rows={5} />
      ) : pods.isError ? (
        <ErrorAlert error={pods.error} onRetry={() => void pods.refetch()} />
      ) : items.length === 0 ? (
        <EmptyPanel
          icon={<IconHierarchy2 size={22} />}
          title="No pods yet"
          description="Create pods to group artists under a lead and balance workload between them."
          action={
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={openCreate}>
              New pod
            </Button>
          }
        />
      ) : (
        <Paper withBorder className="pt-table-paper">
          <Table.ScrollContainer minWidth={640}>
            <Table className="pt-table" data-testid="pods-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Slug</Table.Th>
                  <Table.Th>Lead</Table.Th>
                  <Table.Th w={110}>Members</Table.Th>
                  <Table.Th w={110}>Created</Table.Th>
                  <Table.Th w={76} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id} data-testid={`pod-row-${p.slug}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {p.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Code fz="xs">{p.slug}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={p.leadUser ? undefined : 'dimmed'}>
                        {p.leadUser?.name ?? 'No lead'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {pluralize(p.memberCount, 'member')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime value={p.createdAt} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={2} wrap="nowrap" justify="flex-end">
                        <Tooltip label="Edit">
                          <ActionIcon
                            aria-label={`Edit ${p.name}`}
                            onClick={() => setForm({ pod: p })}
                            data-testid={`pod-edit-${p.slug}`}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Delete">
                          <ActionIcon
                            color="red"
                            aria-label={`Delete ${p.name}`}
                            onClick={() => setDeleting(p)}
                            data-testid={`pod-delete-${p.slug}`}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <PodFormModal opened={!!form} pod={form?.pod ?? null} onClose={() => setForm(null)} />
      <ConfirmModal
        opened={!!deleting}
        title="Delete pod?"
        confirmLabel="Delete pod"
        danger
        loading={remove.isPending}
        onConfirm={doDelete}
        onClose={() => setDeleting(null)}
      >
        <strong>{deleting?.name}</strong> will be deleted.
        {deleting && deleting.memberCount > 0
          ? ` Its ${pluralize(deleting.memberCount, 'member')} will no longer have a home pod.`
          : ''}
      </ConfirmModal>
    </Stack>
  );
}
