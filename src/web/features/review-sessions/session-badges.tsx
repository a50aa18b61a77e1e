import { Badge, Box, Center, type BadgeProps } from '@mantine/core';
import { IconMovie, IconPhoto, IconPhotoOff } from '@tabler/icons-react';
import {
  DECISION_COLOR,
  DECISION_LABEL,
  SESSION_STATUS_COLOR,
  SESSION_STATUS_LABEL,
} from './session-labels';
import type { SessionDecision, SessionRevision, SessionStatus } from './types';

export function SessionStatusBadge({
  status,
  ...props
}: { status: SessionStatus } & Omit<BadgeProps, 'color'>) {
  return (
    <Badge
      variant="light"
      color={SESSION_STATUS_COLOR[status]}
      data-testid="session-status"
      data-status={status}
      {...props}
    >
      {SESSION_STATUS_LABEL[status]}
    </Badge>
  );
}

export function DecisionBadge({
  decision,
  ...props
}: { decision: SessionDecision | null } & Omit<BadgeProps, 'color'>) {
  return (
    <Badge
      variant={decision ? 'filled' : 'outline'}
      color={decision ? DECISION_COLOR[decision] : 'gray'}
      data-testid="item-decision"
      data-decision={decision ?? 'NONE'}
      {...props}
    >
      {decision ? DECISION_LABEL[decision] : 'Undecided'}
    </Badge>
  );
}

/** The revision's thumbnail (a video's poster), or an icon while there is none. */
export function ItemThumbnail({
  revision,
  w,
  h,
}: {
  revision: SessionRevision | null;
  w: number;
  h: number;
}) {
  const url = revision?.asset?.thumbnailUrl;
  const Icon = !revision ? IconPhotoOff : revision.asset?.kind === 'video' ? IconMovie : IconPhoto;
  return (
    <Box
      w={w}
      h={h}
      style={{
        flexShrink: 0,
        borderRadius: 6,
        overflow: 'hidden',
        background: 'var(--mantine-color-default-hover)',
        border: '1px solid var(--mantine-color-default-border)',
      }}
    >
      {url ? (
        <img
          src={url}
          alt=""
          loading="lazy"
          draggable={false}
          style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
        />
      ) : (
        <Center h="100%">
          <Icon size={Math.min(w, h) / 2.5} stroke={1.3} color="var(--mantine-color-dimmed)" />
        </Center>
      )}
    </Box>
  );
}
