import { Button, Group, Paper, Text } from '@mantine/core';
import { IconPresentation, IconX } from '@tabler/icons-react';
import { pluralize } from '../../lib/format';

/** "3 selected · Add to review session · Clear", for the board and the deliverables list. */
export function SelectionBar({
  count,
  noun,
  onAdd,
  onClear,
}: {
  count: number;
  noun: string;
  onAdd: () => void;
  onClear: () => void;
}) {
  return (
    <Paper
      withBorder
      shadow="sm"
      px="sm"
      py={6}
      mb="sm"
      data-testid="selection-bar"
      style={{ background: 'var(--mantine-color-blue-light)' }}
    >
      <Group justify="space-between" gap="sm">
        <Text size="sm" fw={500} data-testid="selection-count">
          {count
            ? `${pluralize(count, noun)} selected`
            : `Select ${noun}s to add their latest revision`}
        </Text>
        <Group gap="xs">
          <Button
            size="xs"
            leftSection={<IconPresentation size={14} />}
            disabled={count === 0}
            onClick={onAdd}
            data-testid="selection-add-to-session"
          >
            Add to review session
          </Button>
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconX size={14} />}
            onClick={onClear}
            data-testid="selection-clear"
          >
            {count ? 'Clear' : 'Done'}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
