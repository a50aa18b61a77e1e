import {
  Alert,
  Button,
  Group,
  PasswordInput,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import { useNavigate, useRouter, useSearch } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AuthCard } from '../components/ui/auth-card';
import { ErrorAlert } from '../components/ui/error-alert';
import { PasswordStrength } from '../components/ui/password-strength';
import { RoleBadge } from '../components/ui/role-badge';
import { AnchorLink } from '../components/ui/router-link';
import { clearSessionCache } from '../features/auth/queries';
import { useAcceptInvitation, useInvitationLookup } from '../features/invitations/queries';
import { formatDate } from '../lib/format';
import { useFieldErrors } from '../lib/form';
import { validateNewPassword } from '../lib/password';
import { usePageTitle } from '../lib/use-page-title';

function InvalidInvitation() {
  return (
    <AuthCard title="Invitation unavailable">
      <Stack gap="md">
        <Alert
          color="orange"
          variant="light"
          icon={<IconLinkOff size={18} />}
          data-testid="accept-invalid"
        >
          This invitation link is invalid or expired. Ask the person who invited you to send a new
          one.
        </Alert>
        <AnchorLink to="/login" size="sm" ta="center">
          Go to sign in
        </AnchorLink>
      </Stack>
    </AuthCard>
  );
}

export function AcceptInvitePage() {
  usePageTitle('Accept invitation');
  const { token = '' } = useSearch({ from: '/public/accept-invite' });
  const lookup = useInvitationLookup(token);
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const form = useFieldErrors();

  if (!token || lookup.isError) return <InvalidInvitation />;
  if (lookup.isPending) {
    return (
      <AuthCard title="Join your team">
        <Stack gap="sm">
          <Skeleton height={16} width="80%" />
          <Skeleton height={36} />
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Stack>
      </AuthCard>
    );
  }
  const invite = lookup.data;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const valid = form.validate({
      name: name.trim() ? undefined : 'Enter your name',
      password: validateNewPassword(password) ?? undefined,
    });
    if (!valid) return;
    accept.mutate(
      { token, name: name.trim(), password },
      {
        onSuccess: () => {
          void (async () => {
            clearSessionCache(queryClient);
            await router.invalidate();
            await navigate({ to: '/', replace: true });
          })();
        },
        onError: (err) => form.fromServer(err, ['name', 'password']),
      },
    );
  };

  return (
    <AuthCard
      title={`Join ${invite.organizationName}`}
      description="You've been invited to prodtrack. Set up your account to get started."
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Group gap="xs" justify="space-between" data-testid="accept-summary">
            <Text size="sm" c="dimmed">
              Joining as
            </Text>
            <RoleBadge role={invite.role} data-testid="accept-role" />
          </Group>
          {accept.isError && !form.errors.name && !form.errors.password ? (
            <ErrorAlert error={accept.error} title="Could not create your account" />
          ) : null}
          <TextInput
            label="E-mail"
            value={invite.email}
            readOnly
            disabled
            data-testid="accept-email"
          />
          <TextInput
            label="Your name"
            autoComplete="name"
            autoFocus
            required
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              form.clear('name');
            }}
            error={form.errors.name}
            data-testid="accept-name"
          />
          <div>
            <PasswordInput
              label="Password"
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => {
                setPassword(e.currentTarget.value);
                form.clear('password');
              }}
              error={form.errors.password}
              data-testid="accept-password"
            />
            <PasswordStrength value={password} />
          </div>
          <Button type="submit" fullWidth loading={accept.isPending} data-testid="accept-submit">
            Create account
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            Invitation valid until {formatDate(invite.expiresAt)}
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
