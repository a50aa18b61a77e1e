import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifySuccess } from '../../components/ui/notify';
import { SlugField } from '../../components/ui/slug-field';
import { slugify } from '../../lib/format';
import { useFieldErrors } from '../../lib/form';
import { UserPicker } from '../users/user-picker';
import { useCreatePod, useUpdatePod } from './queries';
import type { Pod, PodInput } from './types';

export interface PodFormModalProps {
  opened: boolean;
  pod: Pod | null;
  onClose: () => void;
}

const internalOnly = (u: { isExternal: boolean; role: string }) =>
  !u.isExternal && u.role !== 'CLIENT_VIEWER';

export function PodFormModal({ opened, pod, onClose }: PodFormModalProps) {
  const create = useCreatePod();
  const update = useUpdatePod();
  const mutation = pod ? update : create;
  const form = useFieldErrors();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [leadId, setLeadId] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setName(pod?.name ?? '');
    setSlug(pod?.slug ?? '');
    setLeadId(pod?.leadUser?.id ?? null);
    form.clear();
    create.reset();
    update.reset();
  }, [opened, pod?.id]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!form.validate({ name: trimmed ? undefined : 'Enter a name' })) return;
    const cleanSlug = slug.replace(/^-+|-+$/g, '');
    const onError = (err: unknown) => form.fromServer(err, ['name', 'slug', 'leadUserId']);
    if (pod) {
      const patch: PodInput = {};
      if (trimmed !== pod.name) patch.name = trimmed;
      if (cleanSlug && cleanSlug !== pod.slug) patch.slug = cleanSlug;
      if (leadId !== (pod.leadUser?.id ?? null)) patch.leadUserId = leadId;
      if (Object.keys(patch).length === 0) return onClose();
      update.mutate(
        { id: pod.id, patch },
        {
          onSuccess: () => {
            notifySuccess(`Pod “${trimmed}” saved.`);
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { name: trimmed, slug: cleanSlug || undefined, leadUserId: leadId ?? undefined },
        {
          onSuccess: () => {
            notifySuccess(`Pod “${trimmed}” created.`);
            onClose();
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={pod ? 'Edit pod' : 'New pod'}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {mutation.isError && !form.errors.name && !form.errors.slug && !form.errors.leadUserId ? (
            <ErrorAlert error={mutation.error} title="Could not save" />
          ) : null}
          <TextInput
            label="Name"
            placeholder="e.g. Motion East"
            required
            data-autofocus
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              form.clear('name');
            }}
            error={form.errors.name}
            data-testid="pod-name"
          />
          <SlugField
            value={slug}
            placeholder={slugify(name) || 'motion-east'}
            onChange={(v) => {
              setSlug(v);
              form.clear('slug');
            }}
            error={form.errors.slug}
            data-testid="pod-slug"
          />
          <UserPicker
            label="Lead"
            description="The person who balances this pod's workload."
            placeholder="Search people… (optional)"
            value={leadId}
            onChange={(v) => {
              setLeadId(v);
              form.clear('leadUserId');
            }}
            fallbackLabel={pod?.leadUser?.name}
            userFilter={internalOnly}
            error={form.errors.leadUserId}
            comboboxProps={{ withinPortal: true }}
            data-testid="pod-lead"
          />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="pod-submit">
              {pod ? 'Save' : 'Create pod'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
