import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { AuthCard } from '../components/ui/auth-card';
import { ErrorAlert } from '../components/ui/error-alert';
import { AnchorLink } from '../components/ui/router-link';
import { useRequestPasswordReset } from '../features/auth/queries';
import { useFieldErrors } from '../lib/form';
import { validateEmail } from '../lib/password';
import { usePageTitle } from '../lib/use-page-title';

export function ForgotPasswordPage() {
  usePageTitle('Reset password');
  const search = useSearch({ from: '/public/forgot-password' });
  const [email, setEmail] = useState(search.email ?? '');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const request = useRequestPasswordReset();
  const form = useFieldErrors();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.validate({ email: validateEmail(email) ?? undefined })) return;
    const value = email.trim();
    request.mutate(value, {
      onSuccess: () => setSentTo(value),
      onError: (err) => form.fromServer(err, ['email']),
    });
  };

  if (sentTo) {
    return (
      <AuthCard title="Check your inbox">
        <Stack gap="md">
          <Alert
            color="teal"
            variant="light"
            icon={<IconMailCheck size={18} />}
            data-testid="reset-requested"
          >
            If the address <strong>{sentTo}</strong> is known, an e-mail is on its way with a link
            to choose a new password.
          </Alert>
          <Text size="sm" c="dimmed">
            The link expires after a while. Didn't get anything? Check your spam folder or{' '}
            <Anchor component="button" type="button" size="sm" onClick={() => setSentTo(null)}>
              try again
            </Anchor>
            .
          </Text>
          <AnchorLink to="/login" size="sm">
            Back to sign in
          </AnchorLink>
        </Stack>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Reset your password"
      description="Enter the e-mail address you sign in with and we'll send you a reset link."
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {request.isError && !form.errors.email ? (
            <ErrorAlert error={request.error} title="Could not send" />
          ) : null}
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="email"
            autoFocus
            required
            value={email}
            onChange={(e) => {
              setEmail(e.currentTarget.value);
              form.clear('email');
            }}
            error={form.errors.email}
            data-testid="forgot-email"
          />
          <Button type="submit" fullWidth loading={request.isPending} data-testid="forgot-submit">
            Send reset link
          </Button>
          <AnchorLink to="/login" size="sm" ta="center">
            Back to sign in
          </AnchorLink>
        </Stack>
      </form>
    </AuthCard>
  );
}
