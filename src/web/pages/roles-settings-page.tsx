import { Affix, Button, Group, Paper, Stack, Text, Transition } from '@mantine/core';
import { IconDeviceFloppy, IconShieldLock } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { notifySuccess } from '../components/ui/notify';
import { PageHeader } from '../components/ui/page-header';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { PermissionsMatrix } from '../features/roles/permissions-matrix';
import { useRoles, useSaveRolePermissions } from '../features/roles/queries';
import { Permission, ROLES, roleLabel, type Role } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

type Edits = Partial<Record<Role, Set<string>>>;

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>) {
  if (a.size !== b.size) return false;
  for (const v of a) if (!b.has(v)) return false;
  return true;
}

function lockReason(role: Role, permission: string): string | null {
  if (role === 'ADMIN' && permission === Permission.ROLE_MANAGE) {
    return 'Admins always keep role management, so nobody gets locked out.';
  }
  return null;
}

export function RolesSettingsPage() {
  usePageTitle('Roles & permissions');
  const roles = useRoles();
  const save = useSaveRolePermissions();
  const [edits, setEdits] = useState<Edits>({});

  const roleList: Role[] = roles.data?.roles?.length ? roles.data.roles : [...ROLES];

  const baseline = useMemo(() => {
    const out = {} as Record<Role, Set<string>>;
    for (const role of roleList) out[role] = new Set(roles.data?.matrix?.[role] ?? []);
    return out;
    // roleList derives from roles.data
  }, [roles.data]);

  const effective = useMemo(() => {
    const out = {} as Record<Role, ReadonlySet<string>>;
    for (const role of roleList) out[role] = edits[role] ?? baseline[role] ?? new Set();
    return out;
  }, [edits, baseline]);

  const { dirtyRoles, changedCells } = useMemo(() => {
    const dirty = new Set<Role>();
    const cells = new Set<string>();
    for (const role of roleList) {
      const edited = edits[role];
      const base = baseline[role] ?? new Set<string>();
      if (!edited || sameSet(edited, base)) continue;
      dirty.add(role);
      for (const p of edited) if (!base.has(p)) cells.add(`${role}:${p}`);
      for (const p of base) if (!edited.has(p)) cells.add(`${role}:${p}`);
    }
    return { dirtyRoles: dirty, changedCells: cells };
  }, [edits, baseline]);

  const onToggle = (role: Role, permission: string, checked: boolean) => {
    save.reset();
    setEdits((prev) => {
      const current = new Set(prev[role] ?? baseline[role] ?? []);
      if (checked) current.add(permission);
      else current.delete(permission);
      const next = { ...prev };
      if (sameSet(current, baseline[role] ?? new Set())) delete next[role];
      else next[role] = current;
      return next;
    });
  };

  const onSave = () => {
    const changes = roleList
      .filter((r) => dirtyRoles.has(r))
      .map((role) => ({ role, permissions: [...(effective[role] ?? [])].sort() }));
    if (changes.length === 0) return;
    save.mutate(changes, {
      onSuccess: (results) => {
        setEdits({});
        notifySuccess(
          `Permissions saved for ${results.map((r) => roleLabel(r.role)).join(', ')}.`,
          'Roles updated',
        );
      },
      // On failure the edits stay; roles saved before the failure match the refetched
      // baseline again and stop counting as dirty.
    });
  };

  const dirtyCount = changedCells.size;

  return (
    <Stack gap={0}>
      <PageHeader
        title="Roles & permissions"
        description="What each role can do across the workspace. Changes apply to everyone with that role as soon as you save."
        actions={
          <>
            <Button
              variant="default"
              disabled={dirtyCount === 0 || save.isPending}
              onClick={() => {
                setEdits({});
                save.reset();
              }}
              data-testid="roles-discard"
            >
              Discard
            </Button>
            <Button
              leftSection={<IconDeviceFloppy size={16} />}
              disabled={dirtyCount === 0}
              loading={save.isPending}
              onClick={onSave}
              data-testid="roles-save"
            >
              Save{dirtyCount > 0 ? ` (${dirtyCount})` : ''}
            </Button>
          </>
        }
      />
      {save.isError ? (
        <Stack mb="sm">
          <ErrorAlert error={save.error} title="Could not save permissions" />
        </Stack>
      ) : null}
      {roles.isPending ? (
        <TableSkeleton rows={12} />
      ) : roles.isError ? (
        <ErrorAlert error={roles.error} onRetry={() => void roles.refetch()} />
      ) : roles.data.permissions.length === 0 ? (
        <EmptyPanel
          icon={<IconShieldLock size={22} />}
          title="No permissions defined"
          description="The server did not report any permissions. Check that migrations have run."
        />
      ) : (
        <Paper withBorder className="pt-table-paper">
          <PermissionsMatrix
            roles={roleList}
            permissions={roles.data.permissions}
            value={effective}
            dirtyRoles={dirtyRoles}
            changedCells={changedCells}
            disabled={save.isPending}
            isLocked={lockReason}
            onToggle={onToggle}
          />
        </Paper>
      )}
      <Affix position={{ bottom: 20, right: 20 }}>
        <Transition transition="slide-up" mounted={dirtyCount > 0}>
          {(styles) => (
            <Paper withBorder shadow="lg" px="md" py="xs" style={styles}>
              <Group gap="sm">
                <Text size="sm">
                  {dirtyCount} unsaved change{dirtyCount === 1 ? '' : 's'}
                </Text>
                <Button size="xs" loading={save.isPending} onClick={onSave}>
                  Save
                </Button>
              </Group>
            </Paper>
          )}
        </Transition>
      </Affix>
    </Stack>
  );
}
