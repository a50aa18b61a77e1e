import { Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { ActionBadge } from './action-badge';
import type { ActionCounts, ImportPlan, RowError } from './types';

function CountCard({
  title,
  counts,
  testId,
}: {
  title: string;
  counts: ActionCounts;
  testId: string;
}) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {title}
      </Text>
      <Group gap="lg" mt={4}>
        <Stat label="create" value={counts.create} color="teal" />
        <Stat label="update" value={counts.update} color="blue" />
        <Stat label="unchanged" value={counts.unchanged} />
      </Group>
    </Paper>
  );
}

function Stat({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <div>
      <Text fz={22} fw={600} c={value && color ? color : undefined} lh={1.2}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </div>
  );
}

const where = (e: RowError) =>
  e.column ? `Column ${e.column}${e.header ? ` (${e.header})` : ''}` : 'Row';

type Filter = 'all' | 'changes' | 'errors';

/** Counts, then one line per sheet row: its project and deliverable action, or its errors. */
export function XlsxPlanPreview({ plan }: { plan: ImportPlan }) {
  const [filter, setFilter] = useState<Filter>(plan.counts.errors ? 'errors' : 'all');
  const rows = plan.rows.filter((r) =>
    filter === 'errors'
      ? r.errors.length > 0
      : filter === 'changes'
        ? r.errors.length > 0 ||
          r.project === 'create' ||
          r.project === 'update' ||
          (r.deliverable && r.deliverable.action !== 'unchanged')
        : true,
  );
  const projectOf = new Map(plan.projects.map((p) => [p.omgJobNumber, p]));
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <CountCard title="Projects" counts={plan.counts.projects} testId="xlsx-count-projects" />
        <CountCard
          title="Deliverables"
          counts={plan.counts.deliverables}
          testId="xlsx-count-deliverables"
        />
        <Paper
          withBorder
          p="sm"
          radius="md"
          data-testid="xlsx-count-errors"
          style={
            plan.counts.errors
              ? {
                  borderColor: 'var(--mantine-color-red-5)',
                  background: 'var(--mantine-color-red-light)',
                }
              : undefined
          }
        >
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Rows
          </Text>
          <Group gap="lg" mt={4}>
            <Stat label="rows read" value={plan.counts.rows} />
            <Stat label="with errors" value={plan.counts.errorRows} color="red" />
          </Group>
        </Paper>
      </SimpleGrid>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          Row by row
        </Text>
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          data={[
            { value: 'all', label: `All (${plan.counts.rows})` },
            { value: 'changes', label: 'Changes' },
            { value: 'errors', label: `Errors (${plan.counts.errorRows})` },
          ]}
          data-testid="xlsx-filter"
        />
      </Group>
      <Paper withBorder className="pt-table-paper">
        <Table.ScrollContainer minWidth={820}>
          <Table className="pt-table" data-testid="xlsx-plan">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>Row</Table.Th>
                <Table.Th w={110}>OMG #</Table.Th>
                <Table.Th>Project</Table.Th>
                <Table.Th>Deliverable</Table.Th>
                <Table.Th>Changes / errors</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text size="sm" c="dimmed" ta="center" py="sm">
                      Nothing to show with this filter.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {rows.map((r) => {
                const p = r.omgJobNumber ? projectOf.get(r.omgJobNumber) : undefined;
                const isFirst = p?.row === r.row;
                const bad = r.errors.length > 0;
                return (
                  <Table.Tr
                    key={r.row}
                    data-testid={`xlsx-row-${r.row}`}
                    data-error={bad || undefined}
                    style={bad ? { background: 'var(--mantine-color-red-light)' } : undefined}
                  >
                    <Table.Td ff="monospace">{r.row}</Table.Td>
                    <Table.Td ff="monospace">{r.omgJobNumber ?? '—'}</Table.Td>
                    <Table.Td>
                      {p ? (
                        <Group gap={6} wrap="nowrap">
                          {isFirst && r.project ? (
                            <ActionBadge action={r.project} />
                          ) : (
                            <Text size="xs" c="dimmed">
                              same as row {p.row}
                            </Text>
                          )}
                          <Text size="sm" truncate>
                            {p.name}
                          </Text>
                        </Group>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {r.deliverable ? (
                        <Group gap={6} wrap="nowrap">
                          <ActionBadge action={r.deliverable.action} />
                          <Text size="sm" truncate>
                            {r.deliverable.name}
                          </Text>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {r.deliverable.slug}
                          </Text>
                        </Group>
                      ) : (
                        <Text size="xs" c="dimmed">
                          project only
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {bad ? (
                        <Stack gap={2}>
                          {r.errors.map((e, i) => (
                            <Text key={i} size="sm" c="red.8" data-testid="xlsx-row-error">
                              <Text span fw={600} size="sm">
                                {where(e)}:
                              </Text>{' '}
                              {e.message}
                            </Text>
                          ))}
                        </Stack>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {[
                            ...(isFirst && p?.changes.length
                              ? [`project: ${p.changes.join(', ')}`]
                              : []),
                            ...(r.deliverable?.changes.length ? r.deliverable.changes : []),
                          ].join(' · ') || '—'}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
