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
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifySuccess } from '../../components/ui/notify';
import { isApiError } from '../../lib/api';
import { useFieldErrors } from '../../lib/form';
import { useClientTeamOptions } from '../client-teams/use-client-team-options';
import { PRIORITY_OPTIONS, type Priority } from '../stages/status';
import { useCreateBrief } from './queries';
import type { BriefInput } from './types';

const FIELDS = [
  'title',
  'description',
  'requestorName',
  'requestorEmail',
  'priority',
  'requestedDueDate',
  'clientTeamId',
] as const;

const EMPTY = {
  title: '',
  description: '',
  requestorName: '',
  requestorEmail: '',
  priority: 'MEDIUM' as Priority,
  requestedDueDate: '',
  clientTeamId: null as string | null,
};

/** A brief typed in by hand (phone call, e-mail): lands PENDING like any other. */
export function NewBriefModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateBrief();
  const navigate = useNavigate();
  const teamOptions = useClientTeamOptions();
  const [state, setState] = useState(EMPTY);
  const form = useFieldErrors();

  useEffect(() => {
    if (!opened) return;
    setState(EMPTY);
    form.clear();
    create.reset();
  }, [opened]);

  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => {
    setState((s) => ({ ...s, [key]: value }));
    form.clear(key);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const title = state.title.trim();
    const email = state.requestorEmail.trim();
    const ok = form.validate({
      title: title ? undefined : 'Give the brief a title',
      requestorEmail:
        email && !/^[^@\s]+@[^@\s]+$/.test(email) ? 'Not an e-mail address' : undefined,
    });
    if (!ok) return;
    const input: BriefInput = { title, priority: state.priority };
    if (state.description.trim()) input.description = state.description.trim();
    if (state.requestorName.trim()) input.requestorName = state.requestorName.trim();
    if (email) input.requestorEmail = email;
    if (state.requestedDueDate) input.requestedDueDate = state.requestedDueDate;
    if (state.clientTeamId) input.clientTeamId = state.clientTeamId;
    create.mutate(input, {
      onSuccess: (brief) => {
        notifySuccess(`Brief “${brief.title}” added to the queue.`);
        onClose();
        void navigate({ to: '/briefs/$briefId', params: { briefId: brief.id } });
      },
      onError: (err) => form.fromServer(err, FIELDS),
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title="New brief" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Title"
            placeholder="Holiday campaign — six hero images"
            value={state.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={form.errors.title}
            required
            data-autofocus
            maxLength={300}
            data-testid="brief-title"
          />
          <Textarea
            label="Description"
            autosize
            minRows={3}
            maxRows={8}
            value={state.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={form.errors.description}
            data-testid="brief-description"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Requested by"
              value={state.requestorName}
              onChange={(e) => set('requestorName', e.currentTarget.value)}
              error={form.errors.requestorName}
            />
            <TextInput
              label="Requestor e-mail"
              type="email"
              value={state.requestorEmail}
              onChange={(e) => set('requestorEmail', e.currentTarget.value)}
              error={form.errors.requestorEmail}
            />
            <Select
              label="Priority"
              data={PRIORITY_OPTIONS}
              value={state.priority}
              onChange={(v) => set('priority', (v as Priority | null) ?? 'MEDIUM')}
              allowDeselect={false}
            />
            <TextInput
              label="Requested due date"
              type="date"
              value={state.requestedDueDate}
              onChange={(e) => set('requestedDueDate', e.currentTarget.value)}
              error={form.errors.requestedDueDate}
            />
            <Select
              label="Client team"
              placeholder="None"
              data={teamOptions}
              value={state.clientTeamId}
              onChange={(v) => set('clientTeamId', v)}
              clearable
              searchable
              error={form.errors.clientTeamId}
            />
          </SimpleGrid>
          {create.isError && !(isApiError(create.error) && create.error.fields.length) ? (
            <ErrorAlert error={create.error} title="Could not create the brief" />
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="brief-submit">
              Create brief
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
