import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconStack2 } from '@tabler/icons-react';

export function Brand({ name = 'prodtrack', size = 'md' }: { name?: string; size?: 'md' | 'lg' }) {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={size === 'lg' ? 32 : 26} radius="md" variant="filled">
        <IconStack2 size={size === 'lg' ? 19 : 16} stroke={2} />
      </ThemeIcon>
      <Text fw={700} fz={size === 'lg' ? 'xl' : 'md'} style={{ letterSpacing: '-0.01em' }}>
        {name}
      </Text>
    </Group>
  );
}
