import { Avatar, Text, Tooltip } from '@mantine/core';
import { initials } from '../../lib/format';

/** Stacked initials of the people on a deliverable or stage. */
export function AssigneeAvatars({
  assignees,
  max = 3,
  size = 24,
  emptyLabel = 'Unassigned',
}: {
  assignees: readonly { userId: string; name: string }[];
  max?: number;
  size?: number;
  emptyLabel?: string | null;
}) {
  if (assignees.length === 0) {
    if (emptyLabel === null) return null;
    return (
      <Text size="xs" c="dimmed" span>
        {emptyLabel}
      </Text>
    );
  }
  const shown = assignees.slice(0, max);
  const rest = assignees.length - shown.length;
  return (
    <Tooltip label={assignees.map((a) => a.name).join(', ')} openDelay={200}>
      <Avatar.Group spacing={6}>
        {shown.map((a) => (
          <Avatar key={a.userId} size={size} radius="xl" color="initials" name={a.name}>
            {initials(a.name)}
          </Avatar>
        ))}
        {rest > 0 ? (
          <Avatar size={size} radius="xl">
            +{rest}
          </Avatar>
        ) : null}
      </Avatar.Group>
    </Tooltip>
  );
}
