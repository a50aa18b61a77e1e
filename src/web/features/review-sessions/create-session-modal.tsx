import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { notifyError } from '../../components/ui/notify';
import { useFieldErrors } from '../../lib/form';
import { useCreateSession } from './queries';
import type { ReviewSessionDetail } from './types';

/** Name (and what it is for) of a new DRAFT session. */
export function CreateSessionModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (session: ReviewSessionDetail) => void;
}) {
  const create = useCreateSession();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const { errors, validate, fromServer, clear } = useFieldErrors();

  const close = () => {
    setName('');
    setDescription('');
    clear();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!validate({ name: name.trim() ? undefined : 'Give the session a name' })) return;
    create.mutate(
      { name: name.trim(), description: description.trim() || null },
      {
        onSuccess: (session) => {
          close();
          onCreated(session);
        },
        onError: (err) => {
          if (!fromServer(err, ['name', 'description']))
            notifyError(err, 'Could not create the session');
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title="New review session" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Name"
            placeholder="Friday internal review"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
            data-autofocus
            maxLength={200}
            data-testid="session-name"
          />
          <Textarea
            label="Description"
            description="Optional: who attends, what to look for, when it takes place."
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
            autosize
            minRows={2}
            maxLength={5000}
            data-testid="session-description"
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="session-create-submit">
              Create session
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
