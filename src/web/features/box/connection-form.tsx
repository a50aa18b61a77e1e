import {
  Anchor,
  Button,
  Collapse,
  Group,
  PasswordInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../lib/api';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { useSaveBoxConnection } from './queries';
import type { BoxAuthMode, BoxConnection, BoxConnectionInput, SecretState } from './types';

const keepHint = (s: SecretState | undefined) =>
  s?.isSet ? `Set${s.last4 ? ` (…${s.last4})` : ''} — leave empty to keep` : undefined;

/** Create or edit a Box connection. Secrets are write-only: empty fields keep what is stored. */
export function BoxConnectionForm({
  connection,
  onDone,
}: {
  connection: BoxConnection | null;
  onDone: (saved: BoxConnection) => void;
}) {
  const save = useSaveBoxConnection();
  const [authMode, setAuthMode] = useState<BoxAuthMode>(
    connection?.authMode ?? 'CLIENT_CREDENTIALS',
  );
  const [values, setValues] = useState({
    name: connection?.name ?? 'Box',
    clientId: connection?.clientId ?? '',
    clientSecret: '',
    enterpriseId: connection?.enterpriseId ?? '',
    developerToken: '',
    rootFolderId: connection?.rootFolderId ?? '0',
    webhookPrimaryKey: '',
    webhookSecondaryKey: '',
    apiBaseUrl: connection?.apiBaseUrl ?? '',
    uploadBaseUrl: connection?.uploadBaseUrl ?? '',
    isEnabled: connection?.isEnabled ?? true,
  });
  const [showAdvanced, setShowAdvanced] = useState(
    Boolean(connection?.apiBaseUrl || connection?.uploadBaseUrl),
  );
  const fieldErrors = isApiError(save.error) ? save.error.fieldMap() : {};
  // Read the value now: React clears currentTarget before a state updater runs.
  const set = (key: keyof typeof values) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const secret = (v: string) => (v.trim() ? v.trim() : undefined);
    const input: BoxConnectionInput = {
      name: values.name.trim(),
      authMode,
      rootFolderId: values.rootFolderId.trim(),
      webhookPrimaryKey: secret(values.webhookPrimaryKey),
      webhookSecondaryKey: secret(values.webhookSecondaryKey),
      apiBaseUrl: values.apiBaseUrl.trim() || null,
      uploadBaseUrl: values.uploadBaseUrl.trim() || null,
      isEnabled: values.isEnabled,
      ...(authMode === 'CLIENT_CREDENTIALS'
        ? {
            clientId: values.clientId.trim(),
            clientSecret: secret(values.clientSecret),
            enterpriseId: values.enterpriseId.trim() || null,
          }
        : { developerToken: secret(values.developerToken) }),
    };
    save.mutate(
      { id: connection?.id ?? null, input },
      {
        onSuccess: (saved) => {
          notifySuccess(connection ? 'Box connection saved.' : 'Box connection added.');
          onDone(saved);
        },
        onError: (err) => notifyError(err, 'Could not save the Box connection'),
      },
    );
  };

  return (
    <form onSubmit={submit} data-testid="box-connection-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Name"
            required
            value={values.name}
            onChange={set('name')}
            data-testid="box-field-name"
            error={fieldErrors.name}
          />
          <TextInput
            label="Root folder id"
            description="Pushes go below it when a project sets no folder of its own (0 = All Files)"
            required
            value={values.rootFolderId}
            onChange={set('rootFolderId')}
            data-testid="box-field-rootFolderId"
            error={fieldErrors.rootFolderId}
          />
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Credentials
          </Text>
          <SegmentedControl
            value={authMode}
            onChange={(v) => setAuthMode(v as BoxAuthMode)}
            data={[
              { value: 'CLIENT_CREDENTIALS', label: 'Client credentials (server app)' },
              { value: 'DEVELOPER_TOKEN', label: 'Developer token' },
            ]}
            w="fit-content"
          />
        </Stack>
        {authMode === 'CLIENT_CREDENTIALS' ? (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="Client id"
              value={values.clientId}
              onChange={set('clientId')}
              data-testid="box-field-clientId"
              error={fieldErrors.clientId}
            />
            <PasswordInput
              label="Client secret"
              value={values.clientSecret}
              onChange={set('clientSecret')}
              data-testid="box-field-clientSecret"
              placeholder={keepHint(connection?.clientSecret)}
              error={fieldErrors.clientSecret}
              autoComplete="new-password"
            />
            <TextInput
              label="Enterprise id"
              value={values.enterpriseId}
              onChange={set('enterpriseId')}
              data-testid="box-field-enterpriseId"
              error={fieldErrors.enterpriseId}
            />
          </SimpleGrid>
        ) : (
          <PasswordInput
            label="Developer token"
            description="Expires after 60 minutes: for trying things out, not for production"
            value={values.developerToken}
            onChange={set('developerToken')}
            data-testid="box-field-developerToken"
            placeholder={keepHint(connection?.developerToken)}
            error={fieldErrors.developerToken}
            autoComplete="new-password"
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <PasswordInput
            label="Webhook primary signature key"
            required={!connection}
            value={values.webhookPrimaryKey}
            onChange={set('webhookPrimaryKey')}
            data-testid="box-field-webhookPrimaryKey"
            placeholder={keepHint(connection?.webhookPrimaryKey)}
            error={fieldErrors.webhookPrimaryKey}
            autoComplete="new-password"
          />
          <PasswordInput
            label="Webhook secondary signature key"
            description="Optional; Box signs with both so one can be rotated"
            value={values.webhookSecondaryKey}
            onChange={set('webhookSecondaryKey')}
            data-testid="box-field-webhookSecondaryKey"
            placeholder={keepHint(connection?.webhookSecondaryKey)}
            error={fieldErrors.webhookSecondaryKey}
            autoComplete="new-password"
          />
        </SimpleGrid>
        <Anchor
          component="button"
          type="button"
          size="xs"
          onClick={() => setShowAdvanced((s) => !s)}
          w="fit-content"
        >
          {showAdvanced ? 'Hide' : 'Show'} advanced settings
        </Anchor>
        <Collapse expanded={showAdvanced}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="API base URL"
              placeholder="https://api.box.com"
              description="Only for a proxy or a test stand-in"
              value={values.apiBaseUrl}
              onChange={set('apiBaseUrl')}
              data-testid="box-field-apiBaseUrl"
              error={fieldErrors.apiBaseUrl}
            />
            <TextInput
              label="Upload base URL"
              placeholder="https://upload.box.com/api"
              description="Only for a proxy or a test stand-in"
              value={values.uploadBaseUrl}
              onChange={set('uploadBaseUrl')}
              data-testid="box-field-uploadBaseUrl"
              error={fieldErrors.uploadBaseUrl}
            />
          </SimpleGrid>
        </Collapse>
        <Group justify="space-between">
          <Switch
            label="Enabled"
            checked={values.isEnabled}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              setValues((v) => ({ ...v, isEnabled: checked }));
            }}
          />
          <Button type="submit" loading={save.isPending}>
            {connection ? 'Save connection' : 'Add connection'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
