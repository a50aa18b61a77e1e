import {
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { slugify } from '../../../domain/slug';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifySuccess } from '../../components/ui/notify';
import { isApiError } from '../../lib/api';
import { useFieldErrors } from '../../lib/form';
import { CustomFieldInputs } from '../custom-fields/custom-field-inputs';
import { useCustomFieldForm } from '../custom-fields/use-custom-field-form';
import { PRIORITY_OPTIONS, toDateInput, type Priority } from '../stages/status';
import { useCreateDeliverable, useUpdateDeliverable } from './queries';
import type { DeliverableDetail, DeliverableInput, DeliverablePatch } from './types';

export interface DeliverableFormModalProps {
  opened: boolean;
  projectId: string;
  /** null = create in `projectId`. */
  deliverable: DeliverableDetail | null;
  onClose: () => void;
  /** Open the new deliverable's page after creating it (default false: stay on the list). */
  openAfterCreate?: boolean;
}

interface FormState {
  name: string;
  boxAliasSlug: string;
  priority: Priority;
  dueDate: string;
  notes: string;
}

function initialState(d: DeliverableDetail | null): FormState {
  return {
    name: d?.name ?? '',
    boxAliasSlug: d?.boxAliasSlug ?? '',
    priority: d?.priority ?? 'MEDIUM',
    dueDate: toDateInput(d?.dueDate),
    notes: d?.notes ?? '',
  };
}

const cleanSlug = (v: string) => v.replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');

export function DeliverableFormModal({
  opened,
  projectId,
  deliverable,
  onClose,
  openAfterCreate = false,
}: DeliverableFormModalProps) {
  const create = useCreateDeliverable(projectId);
  const update = useUpdateDeliverable(deliverable?.id ?? '');
  const mutation = deliverable ? update : create;
  const navigate = useNavigate();
  const form = useFieldErrors();
  const [state, setState] = useState<FormState>(() => initialState(deliverable));
  const custom = useCustomFieldForm(
    'DELIVERABLE',
    opened,
    deliverable?.customFields ?? null,
    deliverable?.id,
  );

  useEffect(() => {
    if (!opened) return;
    setState(initialState(deliverable));
    form.clear();
    create.reset();
    update.reset();
  }, [opened, deliverable?.id]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setState((s) => ({ ...s, [key]: value }));
    form.clear(key);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const name = state.name.trim();
    const alias = cleanSlug(state.boxAliasSlug);
    const ok = form.validate({ name: name ? undefined : 'Enter a name' });
    const customValues = custom.build();
    if (!ok || !customValues.ok) return;
    const onError = (err: unknown) => {
      const { rest, shown } = custom.fromServer(err);
      if (form.fromServer(rest, ['name', 'boxAliasSlug', 'priority', 'dueDate', 'notes']) || shown)
        return;
      // 409: the slug clashes with another deliverable of the project; an alias fixes it.
      if (isApiError(err) && err.status === 409) form.setErrors({ boxAliasSlug: err.message });
    };
    if (deliverable) {
      const before = initialState(deliverable);
      const patch: DeliverablePatch = {};
      if (name !== before.name) patch.name = name;
      if (alias !== before.boxAliasSlug) patch.boxAliasSlug = alias || null;
      if (state.priority !== before.priority) patch.priority = state.priority;
      if (state.dueDate !== before.dueDate) patch.dueDate = state.dueDate || null;
      if (state.notes.trim() !== before.notes.trim()) patch.notes = state.notes.trim() || null;
      if (customValues.values) patch.customFields = customValues.values;
      if (Object.keys(patch).length === 0) return onClose();
      update.mutate(patch, {
        onSuccess: () => {
          notifySuccess(`Deliverable “${name}” saved.`);
          onClose();
        },
        onError,
      });
    } else {
      const input: DeliverableInput = { name, priority: state.priority };
      if (alias) input.boxAliasSlug = alias;
      if (state.dueDate) input.dueDate = state.dueDate;
      if (state.notes.trim()) input.notes = state.notes.trim();
      if (customValues.values) input.customFields = customValues.values;
      create.mutate(input, {
        onSuccess: (created) => {
          notifySuccess(`Deliverable “${created.name}” created.`);
          onClose();
          if (openAfterCreate) {
            void navigate({
              to: '/deliverables/$deliverableId',
              params: { deliverableId: created.id },
            });
          }
        },
        onError,
      });
    }
  };

  const hasFieldError = Object.values(form.errors).some(Boolean) || custom.hasErrors;
  const derived = slugify(state.name);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={deliverable ? 'Edit deliverable' : 'New deliverable'}
      size="md"
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {mutation.isError && !hasFieldError ? (
            <ErrorAlert error={mutation.error} title="Could not save" />
          ) : null}
          <TextInput
            label="Name"
            placeholder="e.g. Hero banner 1920×1080"
            required
            data-autofocus
            value={state.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={form.errors.name}
            data-testid="deliverable-name"
          />
          <TextInput
            label="Inbound alias"
            description={
              derived
                ? `Files are matched by the slug “${cleanSlug(state.boxAliasSlug) || derived}”. Set an alias if incoming filenames use another name.`
                : 'Files arriving by name are matched on the slugified name, or on this alias.'
            }
            placeholder={derived || 'hero-banner'}
            value={state.boxAliasSlug}
            onChange={(e) =>
              set(
                'boxAliasSlug',
                e.currentTarget.value
                  .toLowerCase()
                  .replace(/[^a-z0-9-]+/g, '-')
                  .slice(0, 80),
              )
            }
            error={form.errors.boxAliasSlug}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-testid="deliverable-alias"
          />
          <SimpleGrid cols={2} spacing="sm">
            <Select
              label="Priority"
              data={PRIORITY_OPTIONS}
              value={state.priority}
              onChange={(v) => v && set('priority', v as Priority)}
              data-testid="deliverable-priority"
            />
            <TextInput
              type="date"
              label="Due date"
              value={state.dueDate}
              onChange={(e) => set('dueDate', e.currentTarget.value)}
              error={form.errors.dueDate}
              data-testid="deliverable-due"
            />
          </SimpleGrid>
          <CustomFieldInputs {...custom.inputProps} disabled={mutation.isPending} />
          <Textarea
            label="Notes"
            autosize
            minRows={2}
            maxRows={6}
            value={state.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            error={form.errors.notes}
            data-testid="deliverable-notes"
          />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="deliverable-submit">
              {deliverable ? 'Save' : 'Create deliverable'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
