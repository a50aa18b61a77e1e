import { Alert, Button, Group, Paper, PasswordInput, Stack } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../components/ui/error-alert';
import { notifySuccess } from '../components/ui/notify';
import { PageHeader } from '../components/ui/page-header';
import { PasswordStrength } from '../components/ui/password-strength';
import { useChangePassword, useMe } from '../features/me/queries';
import { useFieldErrors } from '../lib/form';
import { validateNewPassword } from '../lib/password';
import { usePageTitle } from '../lib/use-page-title';

export function ChangePasswordPage() {
  usePageTitle('Change password');
  const me = useMe();
  const forced = me.user.mustChangePassword;
  const change = useChangePassword();
  const navigate = useNavigate();
  const router = useRouter();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const form = useFieldErrors();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const valid = form.validate({
      currentPassword: current ? undefined : 'Enter your current password',
      newPassword:
        validateNewPassword(next) ??
        (next && next === current ? 'Choose a password different from the current one' : undefined),
      confirm: confirm !== next ? 'Passwords do not match' : undefined,
    });
    if (!valid) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          void (async () => {
            notifySuccess('Your password has been changed.');
            setCurrent('');
            setNext('');
            setConfirm('');
            await router.invalidate();
            await navigate({ to: '/', replace: forced });
          })();
        },
        onError: (err) => {
          form.fromServer(err, ['currentPassword', 'newPassword']);
        },
      },
    );
  };

  const showGeneralError =
    change.isError && !form.errors.currentPassword && !form.errors.newPassword;

  return (
    <Stack maw={460} mx="auto" mt={forced ? 'xl' : 0} gap={0}>
      <PageHeader
        title="Change password"
        description={
          forced ? undefined : 'Use at least 10 characters. Other devices may be signed out.'
        }
      />
      <Paper withBorder p="lg">
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            {forced ? (
              <Alert
                color="indigo"
                variant="light"
                icon={<IconLock size={18} />}
                data-testid="password-change-required"
              >
                Before you continue, replace the temporary password you were given with one only you
                know.
              </Alert>
            ) : null}
            {showGeneralError ? (
              <ErrorAlert error={change.error} title="Could not change password" />
            ) : null}
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              autoFocus
              required
              value={current}
              onChange={(e) => {
                setCurrent(e.currentTarget.value);
                form.clear('currentPassword');
              }}
              error={form.errors.currentPassword}
              data-testid="current-password"
            />
            <div>
              <PasswordInput
                label="New password"
                autoComplete="new-password"
                required
                value={next}
                onChange={(e) => {
                  setNext(e.currentTarget.value);
                  form.clear('newPassword');
                }}
                error={form.errors.newPassword}
                data-testid="new-password"
              />
              <PasswordStrength value={next} />
            </div>
            <PasswordInput
              label="Confirm new password"
              autoComplete="new-password"
              required
              value={confirm}
              onChange={(e) => {
                setConfirm(e.currentTarget.value);
                form.clear('confirm');
              }}
              error={form.errors.confirm}
              data-testid="confirm-password"
            />
            <Group justify="flex-end" gap="xs" mt="xs">
              {!forced ? (
                <Button variant="default" onClick={() => router.history.back()}>
                  Cancel
                </Button>
              ) : null}
              <Button type="submit" loading={change.isPending} data-testid="change-password-submit">
                Change password
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
