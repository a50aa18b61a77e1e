import { Box, CloseButton, Group, Progress, Stack, Text, UnstyledButton } from '@mantine/core';
import {
  IconCircleCheck,
  IconCircleX,
  IconHandStop,
  IconQuestionMark,
  IconUpload,
} from '@tabler/icons-react';
import { useId, useRef, useState, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';
import { AnchorLink } from '../../components/ui/router-link';
import { useUploadQueue, type QueuedUpload } from '../../lib/use-upload-queue';
import { formatBytes } from '../../lib/format';
import { useInboundUpload } from './queries';
import type { InboundResult } from './types';

type InboundUpload = QueuedUpload<InboundResult>;

const lowerFirst = (s: string) => (s ? s[0]!.toLowerCase() + s.slice(1) : s);

/** Uploads files one after another (so versions number in the order dropped), newest on top. */
function useInboundUploads() {
  const upload = useInboundUpload();
  return useUploadQueue<InboundResult>((input) => upload.mutateAsync(input), {
    newestFirst: true,
  });
}

/**
 * Drop files named by the naming rule (e.g. 1234_hero-banner_v2.png): each goes where its name
 * points — the next version of its deliverable, the holding pen while the client has a version,
 * or "not matched" with the reason.
 */
export function InboundDropZone() {
  const uploads = useInboundUploads();
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
  const finished = uploads.items.filter((i) => i.status === 'done' || i.status === 'error').length;

  return (
    <Stack gap="xs">
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        accept="image/*,video/*"
        multiple
        hidden
        onChange={(e) => pick(e.currentTarget.files)}
        data-testid="inbound-upload-input"
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
        aria-label="Upload files by their names"
        data-testid="inbound-drop-zone"
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
          py="xl"
          px="md"
          style={{ pointerEvents: 'none' }}
        >
          <IconUpload
            size={28}
            stroke={1.5}
            color={`var(--mantine-color-${dragging ? 'indigo-6' : 'dimmed'})`}
            style={{ flexShrink: 0 }}
          />
          <Stack gap={0}>
            <Text size="sm" fw={500}>
              Drop images or videos named like{' '}
              <Text span ff="monospace">
                1234_hero-banner_v2.png
              </Text>
            </Text>
            <Text size="xs" c="dimmed">
              or click to choose files · each goes to the deliverable its name points at (OMG job
              number, then the deliverable’s slug)
            </Text>
          </Stack>
        </Group>
      </UnstyledButton>
      {uploads.items.length > 0 ? (
        <Stack gap={8} data-testid="inbound-uploads">
          {finished > 1 ? (
            <Group justify="flex-end">
              <Text
                size="xs"
                c="dimmed"
                style={{ cursor: 'pointer', textDecoration: 'underline' }}
                onClick={uploads.clearFinished}
              >
                Clear finished
              </Text>
            </Group>
          ) : null}
          {uploads.items.map((u) => (
            <UploadRow
              key={u.key}
              item={u}
              onCancel={() => uploads.cancel(u.key)}
              onDismiss={() => uploads.dismiss(u.key)}
            />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

function Outcome({ result }: { result: InboundResult }) {
  const deliverableLink = (children: ReactNode) =>
    result.deliverableId ? (
      <AnchorLink
        to="/deliverables/$deliverableId"
        params={{ deliverableId: result.deliverableId }}
        size="xs"
      >
        {children}
      </AnchorLink>
    ) : (
      children
    );
  if (result.outcome === 'revision') {
    return (
      <Group gap={4} wrap="nowrap">
        <IconCircleCheck size={14} color="var(--mantine-color-teal-6)" style={{ flexShrink: 0 }} />
        <Text size="xs" c="teal" data-testid="inbound-outcome-text">
          {deliverableLink(
            `${result.label ?? 'New version'} on ${result.deliverableName ?? 'the deliverable'} · ${result.stageName ?? ''}`,
          )}
        </Text>
      </Group>
    );
  }
  if (result.outcome === 'held') {
    const why = result.deliverableName
      ? `${result.deliverableName} is with the client`
      : lowerFirst(result.reason ?? 'waiting for a producer');
    return (
      <Group gap={4} wrap="nowrap">
        <IconHandStop size={14} color="var(--mantine-color-orange-6)" style={{ flexShrink: 0 }} />
        <Text size="xs" c="orange.8" data-testid="inbound-outcome-text">
          Held: {deliverableLink(why)}
          <Text span size="xs" c="dimmed">
            {' '}
            — in its holding pen until a producer promotes or discards it
          </Text>
        </Text>
      </Group>
    );
  }
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <IconQuestionMark size={14} color="var(--mantine-color-yellow-7)" style={{ flexShrink: 0 }} />
      <Text size="xs" c="yellow.9" data-testid="inbound-outcome-text">
        Not matched: {lowerFirst(result.reason ?? 'no project or deliverable answers to this name')}
      </Text>
    </Group>
  );
}

function UploadRow({
  item,
  onCancel,
  onDismiss,
}: {
  item: InboundUpload;
  onCancel: () => void;
  onDismiss: () => void;
}) {
  const pct = item.size > 0 ? Math.min(100, Math.round((item.loaded / item.size) * 100)) : 0;
  const failed = item.status === 'error';
  const done = item.status === 'done';
  return (
    <Box
      data-testid="inbound-upload-item"
      data-status={item.status}
      data-outcome={item.result?.outcome}
      data-file={item.name}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" truncate fw={500} ff="monospace">
          {item.name}
        </Text>
        <Group gap={6} wrap="nowrap">
          {!done ? (
            <Text size="xs" c={failed ? 'red' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
              {failed
                ? 'Not taken'
                : item.status === 'queued'
                  ? 'Waiting…'
                  : `Uploading ${pct}% of ${formatBytes(item.size)}`}
            </Text>
          ) : null}
          <CloseButton
            size="sm"
            aria-label={failed || done ? `Dismiss ${item.name}` : `Cancel upload of ${item.name}`}
            onClick={failed || done ? onDismiss : onCancel}
          />
        </Group>
      </Group>
      {done && item.result ? (
        <Outcome result={item.result} />
      ) : (
        <Progress
          value={failed ? 100 : pct}
          color={failed ? 'red' : undefined}
          size="sm"
          striped={item.status === 'uploading'}
          animated={item.status === 'uploading' && pct < 100}
          aria-label={`Upload of ${item.name}`}
        />
      )}
      {failed ? (
        <Group gap={4} wrap="nowrap" mt={2} align="flex-start">
          <IconCircleX size={14} color="var(--mantine-color-red-6)" style={{ flexShrink: 0 }} />
          <Text size="xs" c="red" role="alert" data-testid="inbound-outcome-text">
            {item.error}
          </Text>
        </Group>
      ) : null}
    </Box>
  );
}
