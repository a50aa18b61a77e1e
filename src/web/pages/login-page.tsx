import { Alert, Button, Divider, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle, IconLogin2 } from '@tabler/icons-react';
import { useNavigate, useRouter, useSearch } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { AuthCard } from '../components/ui/auth-card';
import { AnchorLink } from '../components/ui/router-link';
import { usePublicConfig, useOidcSignIn, useSignIn } from '../features/auth/queries';
import { errorMessage, isApiError } from '../lib/api';
import { useFieldErrors } from '../lib/form';
import { safeRedirect } from '../lib/paths';
import { validateEmail } from '../lib/password';
import { usePageTitle } from '../lib/use-page-title';

function useCountdown() {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const id = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= until) setUntil(null);
    }, 250);
    return () => clearInterval(id);
  }, [until]);
  const remaining = until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
  return {
    remaining,
    start: (seconds: number) => {
      setNow(Date.now());
      setUntil(Date.now() + seconds * 1000);
    },
  };
}

export function LoginPage() {
  usePageTitle('Sign in');
  const search = useSearch({ from: '/public/login' });
  const navigate = useNavigate();
  const router = useRouter();
  const config = usePublicConfig();
  const signIn = useSignIn();
  const oidc = useOidcSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useFieldErrors();
  const countdown = useCountdown();

  const oidcConfig = config.data?.oidc;
  const error = signIn.error;
  const rateLimited = isApiError(error) && error.status === 429;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (countdown.remaining > 0) return;
    const valid = form.validate({
      email: validateEmail(email) ?? undefined,
      password: password ? undefined : 'Enter your password',
    });
    if (!valid) return;
    signIn.mutate(
      { email: email.trim(), password },
      {
        onSuccess: () => {
          void (async () => {
            const target = safeRedirect(search.redirect);
            await router.invalidate();
            await navigate({ href: target, replace: true });
          })();
        },
        onError: (err) => {
          if (isApiError(err) && err.status === 429) countdown.start(err.retryAfter ?? 30);
          form.fromServer(err, ['email', 'password']);
          setPassword('');
        },
      },
    );
  };

  let errorText: string | null = null;
  if (rateLimited) {
    errorText =
      countdown.remaining > 0
        ? `Too many attempts, try again in ${countdown.remaining} s`
        : 'Too many attempts. You can try again now.';
  } else if (error) {
    errorText =
      isApiError(error) && error.code === 'INVALID_CREDENTIALS'
        ? error.message || 'Wrong e-mail or password.'
        : errorMessage(error);
  } else if (oidc.error) {
    errorText = errorMessage(oidc.error);
  } else if (search.error) {
    errorText = `Sign-in failed (${search.error.replace(/_/g, ' ').toLowerCase()}). Please try again.`;
  }

  return (
    <AuthCard title="Sign in" description="Welcome back. Sign in to your workspace.">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {errorText ? (
            <Alert
              color={rateLimited ? 'orange' : 'red'}
              variant="light"
              icon={<IconAlertCircle size={18} />}
              data-testid="login-error"
              role="alert"
            >
              {errorText}
            </Alert>
          ) : null}
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="username"
            autoFocus
            required
            value={email}
            onChange={(e) => {
              setEmail(e.currentTarget.value);
              form.clear('email');
            }}
            error={form.errors.email}
            data-testid="login-email"
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              form.clear('password');
            }}
            error={form.errors.password}
            data-testid="login-password"
          />
          <Group justify="flex-end" mt={-4}>
            <AnchorLink
              to="/forgot-password"
              search={{ email: email.trim() || undefined }}
              size="xs"
              data-testid="forgot-password-link"
            >
              Forgot password?
            </AnchorLink>
          </Group>
          <Button
            type="submit"
            fullWidth
            loading={signIn.isPending}
            disabled={countdown.remaining > 0}
            data-testid="login-submit"
          >
            Sign in
          </Button>
          {oidcConfig?.enabled ? (
            <>
              <Divider label="or" labelPosition="center" my={4} />
              <Button
                variant="default"
                fullWidth
                leftSection={<IconLogin2 size={16} />}
                loading={oidc.isPending}
                onClick={() => oidc.mutate(oidcConfig.providerId)}
                data-testid="login-oidc"
              >
                Sign in with {oidcConfig.label || 'SSO'}
              </Button>
            </>
          ) : null}
        </Stack>
      </form>
    </AuthCard>
  );
}
