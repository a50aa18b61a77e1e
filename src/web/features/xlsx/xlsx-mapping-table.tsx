import { Paper, Select, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { ColumnMapping, ImportPreview } from './types';

export interface XlsxMappingTableProps {
  preview: ImportPreview;
  mapping: ColumnMapping;
  onChange: (column: string, field: string | null) => void;
  disabled?: boolean;
}

const IGNORE = '__ignore__';

/** One line per sheet column: its header, sample values and the field it feeds. */
export function XlsxMappingTable({ preview, mapping, onChange, disabled }: XlsxMappingTableProps) {
  const data = useMemo(
    () => [
      { group: '', items: [{ value: IGNORE, label: '— Ignore this column —' }] },
      {
        group: 'Project',
        items: preview.fields
          .filter((f) => f.entity === 'project')
          .map((f) => ({ value: f.key, label: f.label })),
      },
      {
        group: 'Deliverable',
        items: preview.fields
          .filter((f) => f.entity === 'deliverable')
          .map((f) => ({ value: f.key, label: f.label })),
      },
    ],
    [preview.fields],
  );
  const hints = useMemo(
    () => new Map(preview.fields.map((f) => [f.key, f.hint])),
    [preview.fields],
  );
  const problems = new Map(
    preview.mappingProblems.filter((p) => p.column).map((p) => [p.column!, p.message]),
  );
  return (
    <Paper withBorder className="pt-table-paper">
      <Table.ScrollContainer minWidth={720}>
        <Table className="pt-table" data-testid="xlsx-mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>Column</Table.Th>
              <Table.Th>Header in the sheet</Table.Th>
              <Table.Th>Sample values</Table.Th>
              <Table.Th w={300}>Imports into</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.columns.map((c) => {
              const value = mapping[c.column] ?? null;
              const suggested = preview.suggestedMapping[c.column] ?? null;
              return (
                <Table.Tr key={c.column} data-testid={`xlsx-col-${c.column}`}>
                  <Table.Td ff="monospace">{c.column}</Table.Td>
                  <Table.Td fw={500}>{c.header}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {c.samples.filter(Boolean).join(' · ') || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      data={data}
                      value={value ?? IGNORE}
                      onChange={(v) => onChange(c.column, !v || v === IGNORE ? null : v)}
                      allowDeselect={false}
                      searchable
                      disabled={disabled}
                      aria-label={`Field for column ${c.column}`}
                      data-testid={`xlsx-map-${c.column}`}
                      error={problems.get(c.column)}
                      description={
                        value
                          ? (hints.get(value) ??
                            (value === suggested ? 'Suggested from the header' : undefined))
                          : undefined
                      }
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
