import { Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IconFolders, IconPlus } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { LoadMore } from '../components/ui/load-more';
import { PageHeader } from '../components/ui/page-header';
import { AnchorLink } from '../components/ui/router-link';
import { SearchInput } from '../components/ui/search-input';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { useClientTeamOptions } from '../features/client-teams/use-client-team-options';
import { CustomFieldValue } from '../features/custom-fields/custom-field-value';
import { useCustomFields } from '../features/custom-fields/queries';
import { hasPermission, useMe } from '../features/me/queries';
import { ProjectFormModal } from '../features/projects/project-form-modal';
import { useProjects } from '../features/projects/queries';
import { ImportExportMenu } from '../features/xlsx/import-export-menu';
import { PriorityBadge, ProjectStatusBadge } from '../features/stages/status-badges';
import { PROJECT_STATUS_OPTIONS } from '../features/stages/status';
import { formatDate } from '../lib/format';
import { Permission } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';
import { flattenPages } from '../features/users/queries';

const route = getRouteApi('/app/projects');

export function ProjectsPage() {
  usePageTitle('Projects');
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/projects' });
  const canCreate = hasPermission(me, Permission.PROJECT_CREATE);
  const [creating, setCreating] = useState(false);
  const filters = useMemo(
    () => ({ status: search.status, clientTeamId: search.clientTeamId, q: search.q }),
    [search.status, search.clientTeamId, search.q],
  );
  const projects = useProjects(filters);
  const items = flattenPages(projects.data);
  const known = useMemo(() => items.map((p) => p.clientTeam), [items]);
  const teamOptions = useClientTeamOptions(known);
  const filtered = !!(search.status || search.clientTeamId || search.q);
  const customFields = useCustomFields('PROJECT').data ?? [];

  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  // Shown in the header and, on an empty list, in the empty state: each with its own test id.
  const newButton = (testId: string) =>
    canCreate ? (
      <Button
        leftSection={<IconPlus size={16} />}
        onClick={() => setCreating(true)}
        data-testid={testId}
      >
        New project
      </Button>
    ) : null;

  return (
    <Stack gap={0}>
      <PageHeader
        title="Projects"
        description="Every job in the studio, with its client, pipeline and deliverables."
        actions={
          <>
            {!me.user.isExternal ? (
              <ImportExportMenu canImport={canCreate} filters={filters} />
            ) : null}
            {newButton('project-new')}
          </>
        }
      />
      <Group gap="xs" mb="sm" wrap="wrap">
        <SearchInput
          placeholder="Search name, code or OMG #"
          value={search.q ?? ''}
          onChange={(q) => setSearch({ q: q || undefined })}
          w={280}
          aria-label="Search projects"
          data-testid="projects-search"
        />
        <Select
          placeholder="Any status"
          data={PROJECT_STATUS_OPTIONS}
          value={search.status ?? null}
          onChange={(v) => setSearch({ status: v ?? undefined })}
          clearable
          allowDeselect
          w={170}
          aria-label="Status"
          data-testid="projects-status"
        />
        {!me.user.isExternal ? (
          <Select
            placeholder="Any client team"
            data={teamOptions}
            value={search.clientTeamId ?? null}
            onChange={(v) => setSearch({ clientTeamId: v ?? undefined })}
            clearable
            allowDeselect
            searchable
            w={200}
            aria-label="Client team"
            data-testid="projects-client-team"
          />
        ) : null}
        {filtered ? (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => setSearch({ q: undefined, status: undefined, clientTeamId: undefined })}
          >
            Clear filters
          </Button>
        ) : null}
      </Group>
      {projects.isPending ? (
        <TableSkeleton rows={6} />
      ) : projects.isError ? (
        <ErrorAlert error={projects.error} onRetry={() => void projects.refetch()} />
      ) : items.length === 0 ? (
        <EmptyPanel
          icon={<IconFolders size={22} />}
          title={filtered ? 'No project matches these filters' : 'No projects yet'}
          description={
            filtered
              ? 'Try another search or clear the filters.'
              : canCreate
                ? 'Create the first project, then add its deliverables.'
                : 'Projects you can see will appear here.'
          }
          action={filtered ? null : newButton('project-new-empty')}
        />
      ) : (
        <>
          <Paper withBorder className="pt-table-paper">
            <Table.ScrollContainer minWidth={900 + customFields.length * 140}>
              <Table
                className="pt-table"
                data-testid="projects-table"
                style={{ opacity: projects.isPlaceholderData ? 0.6 : 1 }}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={110}>OMG #</Table.Th>
                    <Table.Th>Project</Table.Th>
                    <Table.Th>Client team</Table.Th>
                    <Table.Th>Pipeline</Table.Th>
                    <Table.Th w={110}>Status</Table.Th>
                    <Table.Th w={100}>Priority</Table.Th>
                    <Table.Th w={110} ta="right">
                      Deliverables
                    </Table.Th>
                    <Table.Th w={120}>Due</Table.Th>
                    {customFields.map((f) => (
                      <Table.Th key={f.id} miw={120} data-testid={`projects-cf-col-${f.fieldName}`}>
                        {f.fieldName}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((p) => (
                    <Table.Tr key={p.id} data-testid={`project-row-${p.projectCode}`}>
                      <Table.Td ff="monospace">{p.omgJobNumber ?? '—'}</Table.Td>
                      <Table.Td>
                        <AnchorLink
                          to="/projects/$projectId"
                          params={{ projectId: p.id }}
                          size="sm"
                          fw={500}
                        >
                          {p.name}
                        </AnchorLink>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {p.projectCode}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {p.clientTeam?.name ?? (
                          <Text span size="sm" c="dimmed">
                            Internal
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {p.pipeline?.name ?? (
                          <Text span size="sm" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <ProjectStatusBadge status={p.status} />
                      </Table.Td>
                      <Table.Td>
                        <PriorityBadge priority={p.priority} />
                      </Table.Td>
                      <Table.Td ta="right">{p.deliverableCount}</Table.Td>
                      <Table.Td>{formatDate(p.dueDate)}</Table.Td>
                      {customFields.map((f) => (
                        <Table.Td key={f.id} data-testid={`project-cf-${f.fieldName}`}>
                          <CustomFieldValue field={f} value={p.customFields?.[f.fieldName]} />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <LoadMore
            hasNextPage={projects.hasNextPage}
            isFetchingNextPage={projects.isFetchingNextPage}
            fetchNextPage={projects.fetchNextPage}
          />
        </>
      )}
      <ProjectFormModal opened={creating} project={null} onClose={() => setCreating(false)} />
    </Stack>
  );
}
