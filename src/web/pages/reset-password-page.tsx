import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { IconCircleCheck, IconLinkOff } from '@tabler/icons-react';
import { useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { AuthCard } from '../components/ui/auth-card';
import { ErrorAlert } from '../components/ui/error-alert';
import { PasswordStrength } from '../components/ui/password-strength';
import { AnchorLink, ButtonLink } from '../components/ui/router-link';
import { useResetPassword } from '../features/auth/queries';
import { isApiError } from '../lib/api';
import { useFieldErrors } from '../lib/form';
import { validateNewPassword } from '../lib/password';
import { usePageTitle } from '../lib/use-page-title';

function InvalidLink() {
  return (
    <AuthCard title="Link expired">
      <Stack gap="md">
        <Alert
          color="orange"
          variant="light"
          icon={<IconLinkOff size={18} />}
          data-testid="reset-invalid"
        >
          This password reset link is invalid, expired or has already been used.
        </Alert>
        <ButtonLink to="/forgot-password" fullWidth>
          Request a new link
        </ButtonLink>
        <AnchorLink to="/login" size="sm" ta="center">
          Back to sign in
        </AnchorLink>
      </Stack>
    </AuthCard>
  );
}

export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const { token, error } = useSearch({ from: '/public/reset-password' });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const reset = useResetPassword();
  const form = useFieldErrors();

  if (!token || error) return <InvalidLink />;
  if (isApiError(reset.error) && reset.error.code === 'INVALID_TOKEN') return <InvalidLink />;

  if (done) {
    return (
      <AuthCard title="Password updated">
        <Stack gap="md">
          <Alert
            color="teal"
            variant="light"
            icon={<IconCircleCheck size={18} />}
            data-testid="reset-done"
          >
            Your password has been changed. You can now sign in with it.
          </Alert>
          <ButtonLink to="/login" fullWidth data-testid="reset-sign-in">
            Sign in
          </ButtonLink>
        </Stack>
      </AuthCard>
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const valid = form.validate({
      newPassword: validateNewPassword(password) ?? undefined,
      confirm: confirm !== password ? 'Passwords do not match' : undefined,
    });
    if (!valid) return;
    reset.mutate(
      { token, newPassword: password },
      {
        onSuccess: () => setDone(true),
        onError: (err) => form.fromServer(err, ['newPassword']),
      },
    );
  };

  return (
    <AuthCard
      title="Choose a new password"
      description="Pick something you don't use anywhere else."
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {reset.isError && !form.errors.newPassword ? (
            <ErrorAlert error={reset.error} title="Could not reset password" />
          ) : null}
          <div>
            <PasswordInput
              label="New password"
              autoComplete="new-password"
              autoFocus
              required
              value={password}
              onChange={(e) => {
                setPassword(e.currentTarget.value);
                form.clear('newPassword');
              }}
              error={form.errors.newPassword}
              data-testid="new-password"
            />
            <PasswordStrength value={password} />
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
          <Button
            type="submit"
            fullWidth
            loading={reset.isPending}
            data-testid="reset-password-submit"
          >
            Set new password
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
