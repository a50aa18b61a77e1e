import { ActionIcon, Alert, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

/** A secret shown once: monospace, a copy button, and the warning that it will not come back. */
export function SecretReveal({
  label,
  value,
  testId,
}: {
  label: string;
  value: string;
  testId: string;
}) {
  return (
    <Stack gap="xs">
      <Alert
        color="yellow"
        variant="light"
        icon={<IconAlertTriangle size={16} />}
        title={`Copy the ${label} now`}
      >
        This is the only time it is shown. We keep only a hash of it: if it is lost, revoke it and
        create a new one.
      </Alert>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code
          block
          fz="sm"
          style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
          data-testid={testId}
        >
          {value}
        </Code>
        <CopyButton value={value} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
              <ActionIcon
                variant="light"
                color={copied ? 'teal' : undefined}
                size="lg"
                onClick={copy}
                aria-label={`Copy the ${label}`}
                data-testid={`${testId}-copy`}
              >
                {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" c="dimmed">
        Store it in your secret manager; never commit it to a repository.
      </Text>
    </Stack>
  );
}
