import type { ReactNode } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';

export function AuthCard({
  title,
  description,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder shadow="sm" p="xl" radius="md">
      <Stack gap={4} mb="lg">
        <Title order={1} fz="h3" fw={600}>
          {title}
        </Title>
        {description ? (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        ) : null}
      </Stack>
      {children}
    </Paper>
  );
}
