import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { flattenPages, useUsers } from './queries';

export interface UserPickerProps extends Omit<
  SelectProps,
  'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange' | 'filter'
> {
  value: string | null;
  onChange: (userId: string | null) => void;
  /** Users that cannot be picked (e.g. already members). */
  excludeIds?: readonly string[];
  /** Label for the current value when it is not in the loaded page (e.g. an existing lead). */
  fallbackLabel?: string;
  /** Only list users matching this predicate, e.g. internal staff. */
  userFilter?: (user: {
    id: string;
    role: string;
    isExternal: boolean;
    disabled: boolean;
  }) => boolean;
}

/** Searchable user select backed by GET /api/users?q=. */
export function UserPicker({
  value,
  onChange,
  excludeIds = [],
  fallbackLabel,
  userFilter,
  ...props
}: UserPickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  // Labels of every user seen so far, so the selected option survives new searches.
  const labels = useRef(new Map<string, string>());
  const selectedLabel = value ? (labels.current.get(value) ?? fallbackLabel) : undefined;
  // Once an option is picked the input shows its label; don't search for that.
  const q = debounced === selectedLabel ? '' : debounced;
  const users = useUsers(q, { limit: 25 });

  const data = useMemo(() => {
    const exclude = new Set(excludeIds);
    const list = flattenPages(users.data)
      .filter((u) => !u.disabled && !exclude.has(u.id) && (!userFilter || userFilter(u)))
      .map((u) => ({ value: u.id, label: u.name ? `${u.name} · ${u.email}` : u.email }));
    for (const o of list) labels.current.set(o.value, o.label);
    if (value && selectedLabel && !list.some((o) => o.value === value)) {
      list.unshift({ value, label: selectedLabel });
    }
    return list;
  }, [users.data, excludeIds, userFilter, value, selectedLabel]);

  return (
    <Select
      searchable
      clearable
      placeholder="Search people…"
      {...props}
      data={data}
      value={value}
      onChange={(v) => onChange(v)}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={
        users.isError ? users.error.message : users.isFetching ? 'Searching…' : 'Nobody matches'
      }
    />
  );
}
