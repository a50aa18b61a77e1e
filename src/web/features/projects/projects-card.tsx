import { Card, Group, Table, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ui/error-alert';
import { AnchorLink } from '../../components/ui/router-link';
import { TableSkeleton } from '../../components/ui/table-skeleton';
import { formatDate } from '../../lib/format';
import { PriorityBadge, ProjectStatusBadge } from '../stages/status-badges';
import { useRecentProjects } from './queries';

/** The projects the signed-in person can see (client viewers: their client teams only). */
export function ProjectsCard() {
  const query = useRecentProjects(true);
  if (query.isPending) return <TableSkeleton rows={4} />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const projects = query.data.items;
  if (projects.length === 0) return null;
  return (
    <Card withBorder padding="lg" data-testid="projects-card">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="h5" fw={600}>
          Projects
        </Title>
        <AnchorLink to="/projects" size="xs">
          All projects →
        </AnchorLink>
      </Group>
      <Table verticalSpacing={6} highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Job #</Table.Th>
            <Table.Th>Project</Table.Th>
            <Table.Th>Client team</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Priority</Table.Th>
            <Table.Th ta="right">Deliverables</Table.Th>
            <Table.Th>Due</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {projects.map((p) => (
            <Table.Tr key={p.id} data-testid={`project-row-${p.projectCode}`}>
              <Table.Td ff="monospace" fz="sm">
                {p.omgJobNumber ?? '—'}
              </Table.Td>
              <Table.Td>
                <AnchorLink
                  to="/projects/$projectId"
                  params={{ projectId: p.id }}
                  size="sm"
                  fw={500}
                >
                  {p.name}
                </AnchorLink>
                <Text size="xs" c="dimmed">
                  {p.projectCode}
                </Text>
              </Table.Td>
              <Table.Td fz="sm">
                {p.clientTeam?.name ?? (
                  <Text span c="dimmed" size="sm">
                    Internal
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <ProjectStatusBadge status={p.status} />
              </Table.Td>
              <Table.Td>
                <PriorityBadge priority={p.priority} />
              </Table.Td>
              <Table.Td ta="right" fz="sm">
                {p.deliverableCount}
              </Table.Td>
              <Table.Td fz="sm">{formatDate(p.dueDate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
