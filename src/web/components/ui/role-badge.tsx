import { Badge, type BadgeProps } from '@mantine/core';
import { roleColor, roleLabel } from '../../lib/permissions';

export function RoleBadge({ role, ...props }: { role: string } & BadgeProps) {
  return (
    <Badge
      variant="light"
      color={roleColor(role)}
      radius="sm"
      size="sm"
      tt="none"
      fw={600}
      style={{ flexShrink: 0 }}
      {...props}
    >
      {roleLabel(role)}
    </Badge>
  );
}
