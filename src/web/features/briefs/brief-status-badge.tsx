import { Badge, type BadgeProps } from '@mantine/core';
import { BRIEF_STATUS_LABEL, type BriefStatus } from '../../../domain/brief-status';

export const BRIEF_STATUS_COLOR: Record<BriefStatus, string> = {
  PENDING: 'yellow',
  REVIEWING: 'blue',
  ACCEPTED: 'teal',
  REJECTED: 'red',
  CONVERTED: 'grape',
  ARCHIVED: 'gray',
};

export function BriefStatusBadge({
  status,
  ...props
}: { status: BriefStatus } & Omit<BadgeProps, 'children' | 'color'>) {
  return (
    <Badge
      variant="light"
      size="sm"
      tt="none"
      fw={600}
      color={BRIEF_STATUS_COLOR[status]}
      data-status={status}
      {...props}
    >
      {BRIEF_STATUS_LABEL[status]}
    </Badge>
  );
}

/** "manual" → "By hand", "api" → "API", "webhook:Workfront" → "Webhook · Workfront". */
export function briefSourceLabel(source: string): string {
  if (source === 'manual') return 'By hand';
  if (source === 'api') return 'API';
  if (source.startsWith('webhook:')) return `Webhook · ${source.slice('webhook:'.length)}`;
  return source;
}
