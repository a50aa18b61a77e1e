import { Badge } from '@mantine/core';
import type { InvitationStatus } from './types';

const COLORS: Record<InvitationStatus, string> = {
  PENDING: 'blue',
  ACCEPTED: 'teal',
  EXPIRED: 'gray',
  REVOKED: 'red',
};

const LABELS: Record<InvitationStatus, string> = {
  PENDING: 'Pending',
  ACCEPTED: 'Accepted',
  EXPIRED: 'Expired',
  REVOKED: 'Revoked',
};

export function InvitationStatusBadge({ status }: { status: InvitationStatus }) {
  return (
    <Badge
      variant="light"
      color={COLORS[status] ?? 'gray'}
      size="sm"
      data-testid="invitation-status"
      data-status={status}
    >
      {LABELS[status] ?? status}
    </Badge>
  );
}
