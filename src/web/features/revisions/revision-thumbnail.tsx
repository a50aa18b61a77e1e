import { Box, Center, Loader } from '@mantine/core';
import { IconAlertTriangle, IconMovie, IconPhoto, IconPlayerPlayFilled } from '@tabler/icons-react';
import { isProcessing, revisionLabel } from './revision-labels';
import type { Revision } from './types';

/** A 16:9 thumbnail, or the kind's icon until processing has made one. */
export function RevisionThumbnail({
  revision,
  width = 112,
}: {
  revision: Revision;
  width?: number;
}) {
  const { asset } = revision;
  const isVideo = asset.kind === 'video';
  const state = asset.processing.state;
  const height = Math.round((width * 9) / 16);
  return (
    <Box
      pos="relative"
      w={width}
      h={height}
      style={{
        flexShrink: 0,
        borderRadius: 6,
        overflow: 'hidden',
        background: 'var(--mantine-color-default-hover)',
        border: '1px solid var(--mantine-color-default-border)',
      }}
    >
      {asset.thumbnailUrl ? (
        <img
          src={asset.thumbnailUrl}
          alt={`${revisionLabel(revision)} thumbnail`}
          loading="lazy"
          draggable={false}
          style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
        />
      ) : (
        <Center h="100%" c="dimmed">
          {isVideo ? <IconMovie size={24} stroke={1.5} /> : <IconPhoto size={24} stroke={1.5} />}
        </Center>
      )}
      {isVideo && asset.thumbnailUrl ? (
        <Center
          pos="absolute"
          inset={0}
          style={{ pointerEvents: 'none', color: 'white', filter: 'drop-shadow(0 0 3px #0008)' }}
        >
          <IconPlayerPlayFilled size={20} />
        </Center>
      ) : null}
      {isProcessing(state) ? (
        <Loader size={12} pos="absolute" right={4} bottom={4} aria-hidden />
      ) : state === 'failed' ? (
        <Box pos="absolute" right={4} bottom={2} c="red" aria-hidden>
          <IconAlertTriangle size={14} />
        </Box>
      ) : null}
    </Box>
  );
}
