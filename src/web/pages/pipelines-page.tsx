import { ActionIcon, Badge, Group, Menu, Paper, Stack, Switch, Table, Text } from '@mantine/core';
import {
  IconArchive,
  IconArchiveOff,
  IconCopy,
  IconDots,
  IconGitBranch,
  IconPencil,
  IconPlus,
} from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { notifyError, notifySuccess } from '../components/ui/notify';
import { PageHeader } from '../components/ui/page-header';
import { RelativeTime } from '../components/ui/relative-time';
import { AnchorLink, ButtonLink } from '../components/ui/router-link';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { hasPermission, useMe } from '../features/me/queries';
import { useArchivePipeline, usePipelines } from '../features/pipelines/queries';
import { Permission } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

export function PipelinesPage() {
  usePageTitle('Pipelines');
  const me = useMe();
  const canManage = hasPermission(me, Permission.PIPELINE_MANAGE);
  const [showArchived, setShowArchived] = useState(false);
  const pipelines = usePipelines(showArchived);
  const archive = useArchivePipeline();
  const navigate = useNavigate();
  const items = pipelines.data?.items ?? [];

  const toggleArchive = (id: string, archived: boolean) =>
    archive.mutate(
      { id, archived },
      {
        onSuccess: (p) =>
          notifySuccess(p.isArchived ? `“${p.name}” archived.` : `“${p.name}” restored.`),
        onError: (err) => notifyError(err, 'Could not change the pipeline'),
      },
    );

  // Shown in the header and, on an empty list, in the empty state: each with its own test id.
  const newButton = (testId: string) =>
    canManage ? (
      <ButtonLink to="/pipelines/new" leftSection={<IconPlus size={16} />} data-testid={testId}>
        New pipeline
      </ButtonLink>
    ) : null;

  return (
    <Stack gap={0}>
      <PageHeader
        title="Pipelines"
        description="Templates of stages every deliverable goes through: order, prerequisites, approvals and rework paths."
        actions={
          <>
            <Switch
              label="Show archived"
              checked={showArchived}
              onChange={(e) => setShowArchived(e.currentTarget.checked)}
              data-testid="pipelines-show-archived"
            />
            {newButton('pipeline-new')}
          </>
        }
      />
      {pipelines.isPending ? (
        <TableSkeleton rows={4} />
      ) : pipelines.isError ? (
        <ErrorAlert error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      ) : items.length === 0 ? (
        <EmptyPanel
          icon={<IconGitBranch size={22} />}
          title={showArchived ? 'No pipelines' : 'No active pipelines'}
          description={
            canManage
              ? 'Create a pipeline: the stages your deliverables go through, e.g. Brief → Creative → Final approval → Delivery.'
              : 'Someone with the Manage pipelines permission can set them up.'
          }
          action={newButton('pipeline-new-empty')}
        />
      ) : (
        <Paper withBorder className="pt-table-paper">
          <Table.ScrollContainer minWidth={640}>
            <Table className="pt-table" data-testid="pipelines-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th w={100}>Stages</Table.Th>
                  <Table.Th w={100}>Projects</Table.Th>
                  <Table.Th w={120}>Created</Table.Th>
                  <Table.Th w={44} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr
                    key={p.id}
                    data-testid={`pipeline-row-${p.id}`}
                    style={{ opacity: p.isArchived ? 0.65 : 1 }}
                  >
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <AnchorLink
                          to="/pipelines/$pipelineId"
                          params={{ pipelineId: p.id }}
                          fw={500}
                          size="sm"
                        >
                          {p.name}
                        </AnchorLink>
                        {p.isDefault ? (
                          <Badge size="xs" variant="light">
                            Default
                          </Badge>
                        ) : null}
                        {p.isArchived ? (
                          <Badge size="xs" variant="light" color="gray">
                            Archived
                          </Badge>
                        ) : null}
                      </Group>
                      {p.description ? (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {p.description}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{p.stageCount}</Table.Td>
                    <Table.Td>{p.projectCount}</Table.Td>
                    <Table.Td>
                      <RelativeTime value={p.createdAt} />
                    </Table.Td>
                    <Table.Td>
                      {canManage ? (
                        <Menu position="bottom-end" width={190}>
                          <Menu.Target>
                            <ActionIcon aria-label={`Actions for ${p.name}`}>
                              <IconDots size={16} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item
                              leftSection={<IconPencil size={15} />}
                              onClick={() =>
                                void navigate({
                                  to: '/pipelines/$pipelineId',
                                  params: { pipelineId: p.id },
                                })
                              }
                            >
                              Edit
                            </Menu.Item>
                            <Menu.Item
                              leftSection={<IconCopy size={15} />}
                              onClick={() =>
                                void navigate({ to: '/pipelines/new', search: { from: p.id } })
                              }
                            >
                              Duplicate
                            </Menu.Item>
                            <Menu.Divider />
                            <Menu.Item
                              leftSection={
                                p.isArchived ? (
                                  <IconArchiveOff size={15} />
                                ) : (
                                  <IconArchive size={15} />
                                )
                              }
                              onClick={() => toggleArchive(p.id, !p.isArchived)}
                            >
                              {p.isArchived ? 'Unarchive' : 'Archive'}
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {!canManage && items.length > 0 ? (
        <Text size="xs" c="dimmed" mt="sm">
          You can look at pipelines; editing needs the Manage pipelines permission.
        </Text>
      ) : null}
    </Stack>
  );
}
