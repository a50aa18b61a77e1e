import { Group, Select, ThemeIcon, Tooltip } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { matchesCustomFieldFilter } from '../../../domain/custom-fields';
import type { CustomField } from '../custom-fields/types';

/** Field name → wanted value ('' = no value; 'true'/'false' for yes/no fields). */
export type CustomFieldFilterMap = Record<string, string>;

const NO_VALUE = '__none__';

/** The `cf` search param: a JSON object of strings; anything else reads as no filter. */
export function parseCustomFieldFilters(raw: string | undefined): CustomFieldFilterMap {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: CustomFieldFilterMap = {};
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof v === 'string') out[k] = v;
    }
    return out;
  } catch {
    return {};
  }
}

export function serializeCustomFieldFilters(filters: CustomFieldFilterMap): string | undefined {
  const keys = Object.keys(filters).sort();
  if (keys.length === 0) return undefined;
  const sorted: CustomFieldFilterMap = {};
  for (const k of keys) sorted[k] = filters[k]!;
  return JSON.stringify(sorted);
}

/** Fields the table can filter on (in the browser). */
export function filterableFields(fields: readonly CustomField[] | undefined): CustomField[] {
  return (fields ?? []).filter((f) => f.fieldType === 'SELECT' || f.fieldType === 'BOOLEAN');
}

/** Whether a row's values pass every filter (filters on unknown fields are ignored). */
export function matchesCustomFieldFilters(
  fields: readonly CustomField[],
  filters: CustomFieldFilterMap,
  values: Record<string, unknown>,
): boolean {
  for (const [name, wanted] of Object.entries(filters)) {
    const field = fields.find((f) => f.fieldName === name);
    if (!field) continue;
    const value = values[name];
    // An unset yes/no field reads as "no".
    if (field.fieldType === 'BOOLEAN' && wanted === 'false') {
      if (value === true) return false;
      continue;
    }
    if (!matchesCustomFieldFilter(field, value, wanted)) return false;
  }
  return true;
}

export const CLIENT_SIDE_FILTER_HINT =
  'Custom field filters are applied in the browser to the deliverables loaded so far: load more rows to look further.';

/** One select per SELECT / yes-no custom field. */
export function CustomFieldFilters({
  fields,
  value,
  onChange,
}: {
  fields: readonly CustomField[];
  value: CustomFieldFilterMap;
  onChange: (next: CustomFieldFilterMap) => void;
}) {
  if (fields.length === 0) return null;
  const set = (name: string, v: string | null) => {
    const next = { ...value };
    if (v === null) delete next[name];
    else next[name] = v === NO_VALUE ? '' : v;
    onChange(next);
  };
  return (
    <Group gap="xs" wrap="wrap" data-testid="deliverables-cf-filters">
      {fields.map((f) => {
        const current = value[f.fieldName];
        const data =
          f.fieldType === 'BOOLEAN'
            ? [
                { value: 'true', label: `${f.fieldName}: yes` },
                { value: 'false', label: `${f.fieldName}: no` },
              ]
            : [
                ...f.options.map((o) => ({ value: o, label: `${f.fieldName}: ${o}` })),
                { value: NO_VALUE, label: `${f.fieldName}: (no value)` },
              ];
        return (
          <Select
            key={f.id}
            placeholder={`${f.fieldName}: any`}
            data={data}
            value={current === undefined ? null : current === '' ? NO_VALUE : current}
            onChange={(v) => set(f.fieldName, v)}
            clearable
            allowDeselect
            searchable={data.length > 8}
            w={170}
            aria-label={f.fieldName}
            data-testid={`deliverables-cf-filter-${f.fieldName}`}
          />
        );
      })}
      <Tooltip label={CLIENT_SIDE_FILTER_HINT} multiline w={260} withArrow>
        <ThemeIcon
          variant="subtle"
          color="gray"
          size="sm"
          aria-label={CLIENT_SIDE_FILTER_HINT}
          data-testid="deliverables-cf-filter-hint"
        >
          <IconInfoCircle size={16} />
        </ThemeIcon>
      </Tooltip>
    </Group>
  );
}
