import type { ReactNode } from 'react';
import { EmptyState, Paper } from '@mantine/core';

export interface EmptyPanelProps {
  icon: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  withBorder?: boolean;
}

/** A bordered empty state that says what to do next. */
export function EmptyPanel({
  icon,
  title,
  description,
  action,
  withBorder = true,
}: EmptyPanelProps) {
  return (
    <Paper withBorder={withBorder} radius="md" py={40} px="md">
      <EmptyState size="sm" variant="light" icon={icon} title={title} description={description}>
        {action ? <EmptyState.Actions>{action}</EmptyState.Actions> : null}
      </EmptyState>
    </Paper>
  );
}
