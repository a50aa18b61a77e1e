import { Button, Group, Paper, Skeleton, Stack, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorAlert } from '../components/ui/error-alert';
import { notifySuccess } from '../components/ui/notify';
import { PageHeader } from '../components/ui/page-header';
import { useOrganization, useUpdateOrganization } from '../features/organization/queries';
import { useFieldErrors } from '../lib/form';
import { usePageTitle } from '../lib/use-page-title';

export function OrganizationSettingsPage() {
  usePageTitle('Organization');
  const org = useOrganization();
  const update = useUpdateOrganization();
  const [name, setName] = useState('');
  const form = useFieldErrors();

  useEffect(() => {
    if (org.data) setName(org.data.name);
  }, [org.data]);

  const dirty = !!org.data && name.trim() !== org.data.name;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!form.validate({ name: trimmed ? undefined : 'Enter a name' })) return;
    if (!dirty) return;
    update.mutate(
      { name: trimmed },
      {
        onSuccess: () => notifySuccess('Organization renamed.'),
        onError: (err) => form.fromServer(err, ['name']),
      },
    );
  };

  return (
    <Stack gap={0} maw={640}>
      <PageHeader title="Organization" description="How your agency appears across prodtrack." />
      {org.isError ? (
        <ErrorAlert error={org.error} onRetry={() => void org.refetch()} />
      ) : (
        <Paper withBorder p="lg">
          {org.isPending ? (
            <Stack gap="sm">
              <Skeleton height={14} width={120} />
              <Skeleton height={36} />
              <Skeleton height={14} width={120} />
              <Skeleton height={36} />
            </Stack>
          ) : (
            <form onSubmit={onSubmit} noValidate>
              <Stack gap="sm">
                {update.isError && !form.errors.name ? (
                  <ErrorAlert error={update.error} title="Could not save" />
                ) : null}
                <TextInput
                  label="Name"
                  required
                  autoFocus
                  value={name}
                  onChange={(e) => {
                    setName(e.currentTarget.value);
                    form.clear('name');
                  }}
                  error={form.errors.name}
                  maxLength={120}
                  data-testid="org-name-input"
                />
                <TextInput
                  label="Domain"
                  value={org.data.domain}
                  readOnly
                  disabled
                  description="Set when the workspace was created; used to recognise colleagues signing in with single sign-on."
                />
                <Group justify="flex-end" gap="xs" mt="xs">
                  <Button
                    variant="default"
                    disabled={!dirty || update.isPending}
                    onClick={() => {
                      setName(org.data.name);
                      form.clear();
                    }}
                  >
                    Reset
                  </Button>
                  <Button
                    type="submit"
                    disabled={!dirty}
                    loading={update.isPending}
                    data-testid="org-save"
                  >
                    Save changes
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Paper>
      )}
    </Stack>
  );
}
