import { Button, Group, Modal, NativeSelect, NumberInput, Stack, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifySuccess } from '../../components/ui/notify';
import { useFieldErrors } from '../../lib/form';
import { isRole, ROLE_OPTIONS, type Role } from '../../lib/permissions';
import type { Pod } from '../pods/types';
import { useUpdateUser } from './queries';
import type { User, UserPatch } from './types';

export interface EditUserModalProps {
  user: User | null;
  pods: Pod[] | null;
  isSelf: boolean;
  onClose: () => void;
}

export function EditUserModal({ user, pods, isSelf, onClose }: EditUserModalProps) {
  const update = useUpdateUser();
  const form = useFieldErrors();
  const [name, setName] = useState('');
  const [department, setDepartment] = useState('');
  const [capacity, setCapacity] = useState<number | string>(0);
  const [role, setRole] = useState<Role>('ARTIST');
  const [podId, setPodId] = useState('');

  useEffect(() => {
    if (!user) return;
    setName(user.name);
    setDepartment(user.department ?? '');
    setCapacity(user.maxCapacity);
    setRole(user.role);
    setPodId(user.homePodId ?? '');
    form.clear();
    update.reset();
  }, [user?.id]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!user) return;
    const cap = typeof capacity === 'number' ? capacity : Number(capacity);
    const valid = form.validate({
      name: name.trim() ? undefined : 'Enter a name',
      maxCapacity: Number.isFinite(cap) && cap >= 0 ? undefined : 'Enter a number of 0 or more',
    });
    if (!valid) return;
    const patch: UserPatch = {};
    if (name.trim() !== user.name) patch.name = name.trim();
    if ((department.trim() || null) !== user.department)
      patch.department = department.trim() || null;
    if (cap !== user.maxCapacity) patch.maxCapacity = cap;
    if (!isSelf && role !== user.role) patch.role = role;
    if (pods && (podId || null) !== user.homePodId) patch.homePodId = podId || null;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { id: user.id, patch },
      {
        onSuccess: (u) => {
          notifySuccess(`${u.name || u.email} updated.`);
          onClose();
        },
        onError: (err) =>
          form.fromServer(err, ['name', 'department', 'maxCapacity', 'role', 'homePodId']),
      },
    );
  };

  const showGeneralError = update.isError && !Object.values(form.errors).some(Boolean);

  return (
    <Modal opened={!!user} onClose={onClose} title={user ? `Edit ${user.name || user.email}` : ''}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {showGeneralError ? <ErrorAlert error={update.error} title="Could not save" /> : null}
          <TextInput
            label="Name"
            required
            data-autofocus
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              form.clear('name');
            }}
            error={form.errors.name}
            data-testid="edit-user-name"
          />
          <TextInput label="E-mail" value={user?.email ?? ''} readOnly disabled />
          <Group grow align="flex-start">
            <NativeSelect
              label="Role"
              data={ROLE_OPTIONS}
              value={role}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isRole(v)) setRole(v);
              }}
              disabled={isSelf}
              description={isSelf ? "You can't change your own role" : undefined}
              error={form.errors.role}
            />
            <NumberInput
              label="Max capacity"
              description="Hours per week"
              min={0}
              max={168}
              value={capacity}
              onChange={setCapacity}
              error={form.errors.maxCapacity}
            />
          </Group>
          <TextInput
            label="Department"
            placeholder="e.g. Motion, 3D, Editorial"
            value={department}
            onChange={(e) => setDepartment(e.currentTarget.value)}
            error={form.errors.department}
          />
          {pods ? (
            <NativeSelect
              label="Home pod"
              data={[
                { value: '', label: 'No pod' },
                ...pods.map((p) => ({ value: p.id, label: p.name })),
              ]}
              value={podId}
              onChange={(e) => setPodId(e.currentTarget.value)}
              error={form.errors.homePodId}
            />
          ) : null}
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose} disabled={update.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending} data-testid="edit-user-submit">
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
