import { Badge, Tooltip } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { formatDate, formatDateTime } from '../../lib/format';
import { revisionStatusColor, revisionStatusLabel } from './revision-labels';
import type { Revision } from './types';

/** "Sent 12 May" for versions delivered to the client, then the review status. */
export function RevisionBadges({ revision }: { revision: Revision }) {
  return (
    <>
      {revision.sentToClient ? (
        <Tooltip
          label={`Sent to the client ${formatDateTime(revision.sentAt)}`}
          openDelay={300}
          withArrow
        >
          <Badge
            size="sm"
            variant="filled"
            color="indigo"
            tt="none"
            leftSection={<IconSend size={10} />}
            data-testid="revision-sent"
          >
            Sent {formatDate(revision.sentAt)}
          </Badge>
        </Tooltip>
      ) : null}
      <Badge
        size="sm"
        variant="light"
        tt="none"
        fw={600}
        color={revisionStatusColor(revision.status)}
        data-testid="revision-status"
        data-status={revision.status}
      >
        {revisionStatusLabel(revision.status)}
      </Badge>
    </>
  );
}
