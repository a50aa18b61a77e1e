import { Text, Tooltip, type TextProps } from '@mantine/core';
import { formatDateTime, formatRelative } from '../../lib/format';

export function RelativeTime({
  value,
  empty = '—',
  ...props
}: { value: string | null | undefined; empty?: string } & TextProps) {
  if (!value) {
    return (
      <Text size="sm" c="dimmed" span {...props}>
        {empty}
      </Text>
    );
  }
  return (
    <Tooltip label={formatDateTime(value)} openDelay={400} withArrow>
      <Text size="sm" span {...props} component="time" dateTime={value}>
        {formatRelative(value)}
      </Text>
    </Tooltip>
  );
}
