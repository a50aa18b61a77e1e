import { Box, CloseButton, Group, Progress, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconCircleCheck, IconUpload } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { formatBytes } from '../../lib/format';
import { ProcessingStatus } from './processing-status';
import { useProcessingRevision } from './queries';
import { revisionLabel } from './revision-labels';
import type { Revision } from './types';
import { useRevisionUploads, type RevisionUpload } from './use-revision-uploads';

/** What the file picker offers; the server has the final word (415 lists what it accepts). */
const ACCEPT = 'image/*,video/*';

/**
 * Drop (or pick) images and videos onto a stage: each file is uploaded as the next revision,
 * one after another, with its upload and then its processing progress.
 */
export function RevisionDropZone({
  stageId,
  deliverableId,
  nextLabel,
  empty,
  canReprocess,
}: {
  stageId: string;
  deliverableId: string;
  /** The label the next upload gets (e.g. V0.1). */
  nextLabel: string;
  /** No revision yet: the zone is the stage's empty state. */
  empty: boolean;
  canReprocess: boolean;
}) {
  const uploads = useRevisionUploads(stageId, deliverableId);
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const pick = (files: FileList | null) => {
    if (!files?.length) return;
    uploads.start(Array.from(files));
    if (inputRef.current) inputRef.current.value = '';
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      inputRef.current?.click();
    }
  };

  const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');

  return (
    <Stack gap="xs">
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        onChange={(e) => pick(e.currentTarget.files)}
        data-testid="revision-upload-input"
      />
      <UnstyledButton
        component="label"
        htmlFor={inputId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onDragOver={(e) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          if (!e.dataTransfer.files.length) return;
          e.preventDefault();
          setDragging(false);
          pick(e.dataTransfer.files);
        }}
        aria-label={`Upload images or videos (next version: ${nextLabel})`}
        data-testid="revision-drop-zone"
        data-dragging={dragging || undefined}
        style={{
          display: 'block',
          cursor: 'pointer',
          borderRadius: 8,
          border: `2px dashed var(--mantine-color-${dragging ? 'indigo-5' : 'default-border'})`,
          background: dragging ? 'var(--mantine-color-indigo-light)' : undefined,
          transition: 'background 120ms, border-color 120ms',
        }}
      >
        <Group
          gap="sm"
          justify="center"
          wrap="nowrap"
          py={empty ? 'xl' : 'sm'}
          px="md"
          style={{ pointerEvents: 'none' }}
        >
          <IconUpload
            size={empty ? 28 : 18}
            stroke={1.5}
            color={`var(--mantine-color-${dragging ? 'indigo-6' : 'dimmed'})`}
            style={{ flexShrink: 0 }}
          />
          <Stack gap={0}>
            <Text size="sm" fw={empty ? 500 : undefined}>
              {empty
                ? `No versions yet — drop an image or video here to create ${nextLabel}`
                : `Drop images or videos here to add ${nextLabel}`}
            </Text>
            <Text size="xs" c="dimmed">
              or click to choose files · several files become consecutive versions
            </Text>
          </Stack>
        </Group>
      </UnstyledButton>
      {uploads.items.length > 0 ? (
        <Stack gap={8} data-testid="revision-uploads">
          {uploads.items.map((u) => (
            <UploadRow
              key={u.key}
              item={u}
              canReprocess={canReprocess}
              onCancel={() => uploads.cancel(u.key)}
              onDismiss={() => uploads.dismiss(u.key)}
            />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

function UploadRow({
  item,
  canReprocess,
  onCancel,
  onDismiss,
}: {
  item: RevisionUpload;
  canReprocess: boolean;
  onCancel: () => void;
  onDismiss: () => void;
}) {
  if (item.result) {
    return (
      <UploadedRow
        name={item.name}
        revision={item.result}
        canReprocess={canReprocess}
        onDismiss={onDismiss}
      />
    );
  }
  const pct = item.size > 0 ? Math.min(100, Math.round((item.loaded / item.size) * 100)) : 0;
  const failed = item.status === 'error';
  return (
    <Box data-testid="revision-upload-item" data-status={item.status} data-file={item.name}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" truncate fw={500}>
          {item.name}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c={failed ? 'red' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
            {failed
              ? 'Not uploaded'
              : item.status === 'queued'
                ? 'Waiting…'
                : `Uploading ${pct}% of ${formatBytes(item.size)}`}
          </Text>
          <CloseButton
            size="sm"
            aria-label={failed ? `Dismiss ${item.name}` : `Cancel upload of ${item.name}`}
            onClick={failed ? onDismiss : onCancel}
          />
        </Group>
      </Group>
      <Progress
        value={failed ? 100 : pct}
        color={failed ? 'red' : undefined}
        size="sm"
        striped={item.status === 'uploading'}
        animated={item.status === 'uploading' && pct < 100}
        aria-label={`Upload of ${item.name}`}
        data-testid="revision-upload-progress"
      />
      {failed ? (
        <Text size="xs" c="red" mt={2} role="alert" data-testid="revision-upload-error">
          {/* The server usually names the file itself; say which file when it does not. */}
          {item.error?.includes(item.name) ? item.error : `${item.name}: ${item.error}`}
        </Text>
      ) : null}
    </Box>
  );
}

/** After the upload: the new revision's processing, then "ready", then it leaves by itself. */
function UploadedRow({
  name,
  revision: created,
  canReprocess,
  onDismiss,
}: {
  name: string;
  revision: Revision;
  canReprocess: boolean;
  onDismiss: () => void;
}) {
  // Not useLiveRevision: `created` is the upload's answer, not a copy kept fresh by the chain.
  const revision = useProcessingRevision(created).data;
  const state = revision.asset.processing.state;
  // The parent re-renders with every progress tick: keep the timer on the latest callback.
  const dismissRef = useRef(onDismiss);
  dismissRef.current = onDismiss;
  useEffect(() => {
    if (state !== 'done') return;
    const t = window.setTimeout(() => dismissRef.current(), 4000);
    return () => window.clearTimeout(t);
  }, [state]);
  return (
    <Box data-testid="revision-upload-item" data-status={`processing-${state}`} data-file={name}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" truncate fw={500}>
          {revisionLabel(revision)} · {name}
        </Text>
        <Group gap={6} wrap="nowrap">
          {state === 'done' ? (
            <Group gap={4} wrap="nowrap">
              <IconCircleCheck size={14} color="var(--mantine-color-teal-6)" />
              <Text size="xs" c="teal">
                Ready
              </Text>
            </Group>
          ) : null}
          <CloseButton size="sm" aria-label={`Dismiss ${name}`} onClick={onDismiss} />
        </Group>
      </Group>
      <ProcessingStatus revision={revision} canReprocess={canReprocess} />
    </Box>
  );
}
