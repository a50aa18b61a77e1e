import { Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { AnchorLink } from '../../components/ui/router-link';
import { TableSkeleton } from '../../components/ui/table-skeleton';
import { formatDate, pluralize } from '../../lib/format';
import { StageStatusBadge } from '../stages/status-badges';
import { isOverdue } from '../stages/status';
import { useMyWork } from './queries';

const ACTIVE_FIRST: Record<string, number> = {
  CHANGES_REQUESTED: 0,
  IN_PROGRESS: 1,
  NOT_STARTED: 2,
  IN_REVIEW: 3,
  BLOCKED: 4,
};

/** The stages the signed-in person is assigned to, most urgent first. */
export function MyWorkCard() {
  const work = useMyWork();
  if (work.isPending) return <TableSkeleton rows={3} />;
  if (work.isError) return <ErrorAlert error={work.error} onRetry={() => void work.refetch()} />;
  const items = [...work.data.items].sort((a, b) => {
    const da = a.dueDate ?? '9999';
    const db = b.dueDate ?? '9999';
    if (da !== db) return da.localeCompare(db);
    return (ACTIVE_FIRST[a.stageStatus] ?? 9) - (ACTIVE_FIRST[b.stageStatus] ?? 9);
  });
  if (items.length === 0) {
    return (
      <Card withBorder padding="lg" data-testid="my-work-card">
        <Group gap="sm" wrap="nowrap">
          <IconChecklist size={20} color="var(--mantine-color-dimmed)" />
          <div>
            <Title order={3} fz="h5" fw={600}>
              My work
            </Title>
            <Text size="sm" c="dimmed" data-testid="my-work-empty">
              Nothing assigned to you right now. Stages you lead or support show up here with their
              due dates.
            </Text>
          </div>
        </Group>
      </Card>
    );
  }
  return (
    <Card withBorder padding="lg" data-testid="my-work-card">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="h5" fw={600}>
          My work
        </Title>
        <Text size="xs" c="dimmed">
          {pluralize(items.length, 'stage')}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Deliverable</Table.Th>
              <Table.Th>Stage</Table.Th>
              <Table.Th>Project</Table.Th>
              <Table.Th w={90}>Role</Table.Th>
              <Table.Th w={120}>Due</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((w) => (
              <Table.Tr key={`${w.stageId}-${w.role}`} data-testid={`my-work-row-${w.stageId}`}>
                <Table.Td>
                  <AnchorLink
                    to="/deliverables/$deliverableId"
                    params={{ deliverableId: w.deliverableId }}
                    size="sm"
                    fw={500}
                  >
                    {w.deliverableName}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm">{w.stageName}</Text>
                    <StageStatusBadge status={w.stageStatus} size="xs" />
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{w.projectName}</Text>
                  {w.omgJobNumber ? (
                    <Text size="xs" c="dimmed" ff="monospace">
                      OMG {w.omgJobNumber}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Badge size="xs" variant={w.role === 'LEAD' ? 'filled' : 'light'} color="indigo">
                    {w.role === 'LEAD' ? 'Lead' : 'Support'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text
                    size="sm"
                    c={isOverdue(w.dueDate, w.stageStatus === 'APPROVED') ? 'red' : undefined}
                  >
                    {formatDate(w.dueDate)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
