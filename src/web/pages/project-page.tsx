import { Button, Card, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconChecklist, IconLayoutKanban, IconPencil, IconPlus } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { LoadMore } from '../components/ui/load-more';
import { AnchorLink, ButtonLink } from '../components/ui/router-link';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { CustomFieldValue } from '../features/custom-fields/custom-field-value';
import { useCustomFields } from '../features/custom-fields/queries';
import { AssigneeAvatars } from '../features/deliverables/assignee-avatars';
import { DeliverableFormModal } from '../features/deliverables/deliverable-form-modal';
import { useProjectDeliverables } from '../features/deliverables/queries';
import { hasPermission, useMe } from '../features/me/queries';
import { ProjectFormModal } from '../features/projects/project-form-modal';
import { useProject } from '../features/projects/queries';
import { StageStrip } from '../features/stages/stage-strip';
import {
  DeliverableStatusBadge,
  PriorityBadge,
  ProjectStatusBadge,
  StageStatusBadge,
} from '../features/stages/status-badges';
import { isOverdue } from '../features/stages/status';
import { flattenPages } from '../features/users/queries';
import { formatDate, pluralize } from '../lib/format';
import { Permission } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

const route = getRouteApi('/app/projects/$projectId');

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

export function ProjectPage() {
  const { projectId } = route.useParams();
  const me = useMe();
  const project = useProject(projectId);
  const deliverables = useProjectDeliverables(projectId);
  const customFields = useCustomFields('PROJECT');
  const [editing, setEditing] = useState(false);
  const [creating, setCreating] = useState(false);
  usePageTitle(project.data?.name ?? 'Project');
  const canEdit = hasPermission(me, Permission.PROJECT_UPDATE);
  const canCreate = hasPermission(me, Permission.DELIVERABLE_CREATE);
  const rows = flattenPages(deliverables.data);

  if (project.isPending) return <TableSkeleton rows={6} />;
  if (project.isError) {
    return (
      <Stack gap="xs">
        <AnchorLink to="/projects" size="sm" c="dimmed">
          ← All projects
        </AnchorLink>
        <ErrorAlert error={project.error} onRetry={() => void project.refetch()} />
      </Stack>
    );
  }
  const p = project.data;

  const newButton = canCreate ? (
    <Button
      size="xs"
      leftSection={<IconPlus size={14} />}
      onClick={() => setCreating(true)}
      data-testid="deliverable-new"
    >
      New deliverable
    </Button>
  ) : null;

  return (
    <Stack gap="md">
      <AnchorLink to="/projects" size="sm" c="dimmed">
        ← All projects
      </AnchorLink>
      <Card withBorder padding="lg" data-testid="project-header">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <Stack gap={4} miw={0}>
            <Group gap="xs">
              <Text ff="monospace" size="sm" c="dimmed" data-testid="project-header-code">
                {p.projectCode}
              </Text>
              {p.omgJobNumber ? (
                <Text ff="monospace" size="sm" c="dimmed" data-testid="project-header-omg">
                  · OMG {p.omgJobNumber}
                </Text>
              ) : null}
            </Group>
            <Title order={2} fz="h3" fw={600} data-testid="project-title">
              {p.name}
            </Title>
            <Group gap={6}>
              <ProjectStatusBadge status={p.status} />
              <PriorityBadge priority={p.priority} />
            </Group>
          </Stack>
          <Group gap="xs">
            <ButtonLink
              to="/board"
              search={p.pipeline ? { pipelineId: p.pipeline.id, q: p.name } : { q: p.name }}
              variant="default"
              size="xs"
              leftSection={<IconLayoutKanban size={14} />}
            >
              Board
            </ButtonLink>
            <ButtonLink
              to="/deliverables"
              search={{ projectId: p.id }}
              variant="default"
              size="xs"
              leftSection={<IconChecklist size={14} />}
            >
              Table
            </ButtonLink>
            {canEdit ? (
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPencil size={14} />}
                onClick={() => setEditing(true)}
                data-testid="project-edit"
              >
                Edit
              </Button>
            ) : null}
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} mt="lg" spacing="md">
          <Field label="Client team">
            {p.clientTeam?.name ?? (
              <Text span c="dimmed" size="sm">
                Internal
              </Text>
            )}
          </Field>
          <Field label="Pipeline">
            {p.pipeline && me.user.isExternal ? (
              p.pipeline.name
            ) : p.pipeline ? (
              <AnchorLink
                to="/pipelines/$pipelineId"
                params={{ pipelineId: p.pipeline.id }}
                size="sm"
              >
                {p.pipeline.name}
              </AnchorLink>
            ) : (
              <Text span c="dimmed" size="sm">
                None
              </Text>
            )}
          </Field>
          <Field label="Start">{formatDate(p.startDate)}</Field>
          <Field label="Due">{formatDate(p.dueDate)}</Field>
          <Field label="Deliverables">{p.deliverableCount}</Field>
          <Field label="Created">{formatDate(p.createdAt)}</Field>
        </SimpleGrid>
        {customFields.data?.length ? (
          <SimpleGrid
            cols={{ base: 2, sm: 3, md: 6 }}
            mt="md"
            spacing="md"
            data-testid="project-custom-fields"
          >
            {customFields.data.map((f) => (
              <Field key={f.id} label={f.fieldName}>
                <span data-testid={`project-header-cf-${f.fieldName}`}>
                  <CustomFieldValue field={f} value={p.customFields?.[f.fieldName]} />
                </span>
              </Field>
            ))}
          </SimpleGrid>
        ) : null}
        {p.description ? (
          <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
            {p.description}
          </Text>
        ) : null}
      </Card>

      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} fz="h4" fw={600}>
            Deliverables
          </Title>
          {rows.length > 0 ? newButton : null}
        </Group>
        {deliverables.isPending ? (
          <TableSkeleton rows={4} />
        ) : deliverables.isError ? (
          <ErrorAlert error={deliverables.error} onRetry={() => void deliverables.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyPanel
            icon={<IconChecklist size={22} />}
            title="No deliverables yet"
            description={
              p.pipeline
                ? `Each deliverable gets the stages of “${p.pipeline.name}”.`
                : 'This project has no pipeline: deliverables will have no stages.'
            }
            action={newButton}
          />
        ) : (
          <>
            <Paper withBorder className="pt-table-paper">
              <Table.ScrollContainer minWidth={900}>
                <Table className="pt-table" data-testid="project-deliverables-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Deliverable</Table.Th>
                      <Table.Th w={120}>Status</Table.Th>
                      <Table.Th w={200}>Current stage</Table.Th>
                      <Table.Th w={170}>Stages</Table.Th>
                      <Table.Th w={120}>People</Table.Th>
                      <Table.Th w={100}>Priority</Table.Th>
                      <Table.Th w={110}>Due</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((d) => (
                      <Table.Tr key={d.id} data-testid={`deliverable-row-${d.slug}`}>
                        <Table.Td>
                          <AnchorLink
                            to="/deliverables/$deliverableId"
                            params={{ deliverableId: d.id }}
                            size="sm"
                            fw={500}
                          >
                            {d.name}
                          </AnchorLink>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {d.slug}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <DeliverableStatusBadge status={d.status} />
                        </Table.Td>
                        <Table.Td>
                          {d.currentStage ? (
                            <Group gap={6} wrap="nowrap">
                              <Text size="sm" truncate>
                                {d.currentStage.name}
                              </Text>
                              <StageStatusBadge status={d.currentStage.status} size="xs" />
                            </Group>
                          ) : (
                            <Text size="sm" c="dimmed">
                              —
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <StageStrip stages={d.stages} currentId={d.currentStage?.id} />
                        </Table.Td>
                        <Table.Td>
                          <AssigneeAvatars assignees={d.assignees} />
                        </Table.Td>
                        <Table.Td>
                          <PriorityBadge priority={d.priority} />
                        </Table.Td>
                        <Table.Td>
                          <Text
                            size="sm"
                            c={isOverdue(d.dueDate, d.status === 'APPROVED') ? 'red' : undefined}
                          >
                            {formatDate(d.dueDate)}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {pluralize(rows.length, 'deliverable')}
                {deliverables.hasNextPage ? ' loaded' : ''}
              </Text>
              <LoadMore
                hasNextPage={deliverables.hasNextPage}
                isFetchingNextPage={deliverables.isFetchingNextPage}
                fetchNextPage={deliverables.fetchNextPage}
              />
            </Group>
          </>
        )}
      </Stack>

      <ProjectFormModal opened={editing} project={p} onClose={() => setEditing(false)} />
      <DeliverableFormModal
        opened={creating}
        projectId={p.id}
        deliverable={null}
        onClose={() => setCreating(false)}
      />
    </Stack>
  );
}
