import { Button, Code, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { isApiError } from '../../lib/api';
import { useFieldErrors } from '../../lib/form';
import { useCreateApiKey } from './queries';
import { SecretReveal } from './secret-reveal';
import type { ApiKeyRole, CreatedApiKey } from './types';

const ROLE_OPTIONS: { value: ApiKeyRole; label: string }[] = [
  { value: 'PRODUCER', label: 'Producer (default)' },
  { value: 'ARTIST', label: 'Artist' },
  { value: 'ADMIN', label: 'Admin' },
];

/** Name and role, then the key — shown once, with a copy button. */
export function CreateApiKeyModal({
  opened,
  canGrantAdmin,
  onClose,
}: {
  opened: boolean;
  canGrantAdmin: boolean;
  onClose: () => void;
}) {
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiKeyRole>('PRODUCER');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const { errors, clear, validate, fromServer } = useFieldErrors();

  const close = () => {
    setName('');
    setRole('PRODUCER');
    setCreated(null);
    create.reset();
    clear();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!validate({ name: name.trim() ? undefined : 'Give the key a name' })) return;
    create.mutate(
      { name: name.trim(), role },
      {
        onSuccess: (key) => setCreated(key),
        onError: (err) => fromServer(err, ['name', 'role']),
      },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'Your new API key' : 'New API key'}
      size="lg"
      closeOnClickOutside={!created}
    >
      {created ? (
        <Stack gap="md" data-testid="api-key-created">
          <Text size="sm">
            <strong>{created.name}</strong> acts as a {created.role.toLowerCase()} in this
            organization. Send it as <Code>Authorization: Bearer &lt;key&gt;</Code> to{' '}
            <Code>/api/v1/*</Code> and <Code>/api/briefs</Code>.
          </Text>
          <SecretReveal label="API key" value={created.key} testId="api-key-value" />
          <Group justify="flex-end">
            <Button onClick={close} data-testid="api-key-done">
              I have copied it
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label="Name"
              description="Who uses it: the intake system, a script, the render farm…"
              placeholder="Workfront intake"
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                clear('name');
              }}
              error={errors.name}
              data-autofocus
              required
              maxLength={100}
              data-testid="api-key-name"
            />
            <Select
              label="Acts as"
              description="The key has the permissions of this role in your organization"
              data={ROLE_OPTIONS.filter((o) => o.value !== 'ADMIN' || canGrantAdmin)}
              value={role}
              onChange={(v) => setRole((v as ApiKeyRole | null) ?? 'PRODUCER')}
              allowDeselect={false}
              error={errors.role}
              data-testid="api-key-role"
            />
            {create.isError && !(isApiError(create.error) && create.error.fields.length) ? (
              <ErrorAlert error={create.error} title="Could not create the key" />
            ) : null}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="api-key-submit">
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
