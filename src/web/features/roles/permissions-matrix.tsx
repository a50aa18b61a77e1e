import { Badge, Checkbox, Code, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Fragment, useMemo } from 'react';
import { roleLabel, type Role } from '../../lib/permissions';
import type { PermissionInfo } from './types';

export interface PermissionsMatrixProps {
  roles: Role[];
  permissions: PermissionInfo[];
  /** Effective (possibly edited) permissions per role. */
  value: Record<Role, ReadonlySet<string>>;
  dirtyRoles: ReadonlySet<Role>;
  /** Cells that differ from the saved state, as `ROLE:PERMISSION`. */
  changedCells: ReadonlySet<string>;
  disabled?: boolean;
  isLocked: (role: Role, permission: string) => string | null;
  onToggle: (role: Role, permission: string, checked: boolean) => void;
}

export function PermissionsMatrix({
  roles,
  permissions,
  value,
  dirtyRoles,
  changedCells,
  disabled,
  isLocked,
  onToggle,
}: PermissionsMatrixProps) {
  const groups = useMemo(() => {
    const map = new Map<string, PermissionInfo[]>();
    for (const p of permissions) {
      const key = p.group || 'Other';
      const list = map.get(key) ?? [];
      list.push(p);
      map.set(key, list);
    }
    return [...map.entries()];
  }, [permissions]);

  return (
    <Table
      className="pt-table"
      withColumnBorders={false}
      highlightOnHover
      data-testid="roles-matrix"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Permission</Table.Th>
          {roles.map((role) => (
            <Table.Th key={role} w={120} ta="center">
              <Stack gap={2} align="center">
                <span>{roleLabel(role)}</span>
                <Text size="10px" c="dimmed" fw={500} tt="none">
                  {value[role]?.size ?? 0} of {permissions.length}
                  {dirtyRoles.has(role) ? (
                    <Badge component="span" size="xs" color="yellow" variant="light" ml={4}>
                      edited
                    </Badge>
                  ) : null}
                </Text>
              </Stack>
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {groups.map(([group, perms]) => (
          <Fragment key={group}>
            <Table.Tr bg="var(--mantine-color-default-hover)">
              <Table.Td colSpan={roles.length + 1} py={4}>
                <Text
                  size="xs"
                  fw={700}
                  tt="uppercase"
                  c="dimmed"
                  style={{ letterSpacing: '0.05em' }}
                >
                  {group}
                </Text>
              </Table.Td>
            </Table.Tr>
            {perms.map((perm) => (
              <Table.Tr key={perm.key}>
                <Table.Td>
                  <Group gap={8} wrap="nowrap" align="baseline">
                    <Text size="sm">{perm.description || perm.key}</Text>
                    <Code fz={10.5} c="dimmed" visibleFrom="md">
                      {perm.key}
                    </Code>
                  </Group>
                </Table.Td>
                {roles.map((role) => {
                  const lock = isLocked(role, perm.key);
                  const checked = value[role]?.has(perm.key) ?? false;
                  const changed = changedCells.has(`${role}:${perm.key}`);
                  const box = (
                    <Checkbox
                      size="sm"
                      checked={checked}
                      disabled={disabled || !!lock}
                      color={changed ? 'yellow' : undefined}
                      aria-label={`${roleLabel(role)}: ${perm.description || perm.key}`}
                      data-testid={`perm-${role}-${perm.key}`}
                      data-changed={changed || undefined}
                      onChange={(e) => onToggle(role, perm.key, e.currentTarget.checked)}
                      styles={{ body: { justifyContent: 'center' } }}
                    />
                  );
                  return (
                    <Table.Td key={role} ta="center">
                      <Group justify="center">
                        {lock ? (
                          <Tooltip label={lock} withArrow>
                            <div>{box}</div>
                          </Tooltip>
                        ) : (
                          box
                        )}
                      </Group>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Fragment>
        ))}
      </Table.Tbody>
    </Table>
  );
}
