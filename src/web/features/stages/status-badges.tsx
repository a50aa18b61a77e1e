import { Badge, type BadgeProps } from '@mantine/core';
import {
  deliverableStatusColor,
  deliverableStatusLabel,
  priorityColor,
  priorityLabel,
  projectStatusColor,
  projectStatusLabel,
  stageStatusColor,
  stageStatusLabel,
} from './status';

type Props = { status: string } & Omit<BadgeProps, 'children' | 'color'>;

export function StageStatusBadge({ status, ...props }: Props) {
  return (
    <Badge
      variant="light"
      size="sm"
      tt="none"
      fw={600}
      color={stageStatusColor(status)}
      style={{ flexShrink: 0 }}
      data-status={status}
      {...props}
    >
      {stageStatusLabel(status)}
    </Badge>
  );
}

export function DeliverableStatusBadge({ status, ...props }: Props) {
  return (
    <Badge
      variant="light"
      size="sm"
      tt="none"
      fw={600}
      color={deliverableStatusColor(status)}
      style={{ flexShrink: 0 }}
      data-status={status}
      {...props}
    >
      {deliverableStatusLabel(status)}
    </Badge>
  );
}

export function ProjectStatusBadge({ status, ...props }: Props) {
  return (
    <Badge
      variant="light"
      size="sm"
      tt="none"
      fw={600}
      color={projectStatusColor(status)}
      style={{ flexShrink: 0 }}
      data-status={status}
      {...props}
    >
      {projectStatusLabel(status)}
    </Badge>
  );
}

export function PriorityBadge({
  priority,
  ...props
}: { priority: string } & Omit<BadgeProps, 'children' | 'color'>) {
  return (
    <Badge
      variant="dot"
      size="sm"
      tt="none"
      fw={500}
      color={priorityColor(priority)}
      style={{ flexShrink: 0 }}
      {...props}
    >
      {priorityLabel(priority)}
    </Badge>
  );
}
