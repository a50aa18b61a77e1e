import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifySuccess } from '../../components/ui/notify';
import { SlugField } from '../../components/ui/slug-field';
import { slugify } from '../../lib/format';
import { useFieldErrors } from '../../lib/form';
import { useCreateClientTeam, useUpdateClientTeam } from './queries';
import type { ClientTeam } from './types';

export interface ClientTeamFormModalProps {
  opened: boolean;
  /** null = create */
  team: ClientTeam | null;
  onClose: () => void;
}

export function ClientTeamFormModal({ opened, team, onClose }: ClientTeamFormModalProps) {
  const create = useCreateClientTeam();
  const update = useUpdateClientTeam();
  const mutation = team ? update : create;
  const form = useFieldErrors();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');

  useEffect(() => {
    if (!opened) return;
    setName(team?.name ?? '');
    setSlug(team?.slug ?? '');
    form.clear();
    create.reset();
    update.reset();
  }, [opened, team?.id]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!form.validate({ name: trimmed ? undefined : 'Enter a name' })) return;
    const cleanSlug = slug.replace(/^-+|-+$/g, '');
    const onError = (err: unknown) => form.fromServer(err, ['name', 'slug']);
    if (team) {
      const patch: { name?: string; slug?: string } = {};
      if (trimmed !== team.name) patch.name = trimmed;
      if (cleanSlug && cleanSlug !== team.slug) patch.slug = cleanSlug;
      if (Object.keys(patch).length === 0) return onClose();
      update.mutate(
        { id: team.id, patch },
        {
          onSuccess: () => {
            notifySuccess(`Client team “${trimmed}” saved.`);
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { name: trimmed, slug: cleanSlug || undefined },
        {
          onSuccess: () => {
            notifySuccess(`Client team “${trimmed}” created.`);
            onClose();
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={team ? 'Edit client team' : 'New client team'}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {mutation.isError && !form.errors.name && !form.errors.slug ? (
            <ErrorAlert error={mutation.error} title="Could not save" />
          ) : null}
          <TextInput
            label="Name"
            placeholder="e.g. Acme Beverages"
            required
            data-autofocus
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              form.clear('name');
            }}
            error={form.errors.name}
            data-testid="client-team-name"
          />
          <SlugField
            value={slug}
            placeholder={slugify(name) || 'acme-beverages'}
            onChange={(v) => {
              setSlug(v);
              form.clear('slug');
            }}
            error={form.errors.slug}
            data-testid="client-team-slug"
          />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="client-team-submit">
              {team ? 'Save' : 'Create team'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
