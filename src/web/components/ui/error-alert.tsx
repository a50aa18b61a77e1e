import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorMessage, isApiError } from '../../lib/api';

export interface ErrorAlertProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** Shows the server's error message (never a stack trace). */
export function ErrorAlert({ error, title, onRetry }: ErrorAlertProps) {
  const forbidden = isApiError(error) && error.status === 403;
  return (
    <Alert
      color={forbidden ? 'orange' : 'red'}
      variant="light"
      icon={<IconAlertCircle size={18} />}
      title={title ?? (forbidden ? 'Not allowed' : 'Could not load data')}
      role="alert"
    >
      <Group justify="space-between" gap="sm" wrap="nowrap" align="center">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry ? (
          <Button size="xs" variant="default" onClick={onRetry}>
            Retry
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
