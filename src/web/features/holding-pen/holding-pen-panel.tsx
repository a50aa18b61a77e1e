import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Code,
  Group,
  Select,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconFileUnknown, IconInbox, IconMovie, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ui/confirm-modal';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { RelativeTime } from '../../components/ui/relative-time';
import { isApiError } from '../../lib/api';
import { formatBytes, pluralize } from '../../lib/format';
import type { DeliverableDetail } from '../deliverables/types';
import { revisionLabel } from '../revisions/revision-labels';
import { useDiscardHeldFile, useHoldingPen, usePromoteHeldFile } from './queries';
import type { HeldFile, InboundSource } from './types';

const SOURCE: Record<InboundSource, { label: string; color: string }> = {
  MANUAL: { label: 'Manual', color: 'gray' },
  API: { label: 'API', color: 'violet' },
  BOX: { label: 'Box', color: 'blue' },
};

export function SourcePill({ source }: { source: InboundSource }) {
  const s = SOURCE[source];
  return (
    <Badge
      size="sm"
      variant="light"
      color={s.color}
      tt="none"
      style={{ overflow: 'visible', flexShrink: 0 }}
      data-testid="held-source"
    >
      {s.label}
    </Badge>
  );
}

/**
 * Files that arrived by name while the deliverable was with the client. Shown only when there
 * are some (or when they cannot be loaded). Promote puts one on a stage as the next version;
 * discard removes it. Without INBOUND_MANAGE the panel is read-only.
 */
export function HoldingPenPanel({
  deliverable,
  canManage,
}: {
  deliverable: DeliverableDetail;
  canManage: boolean;
}) {
  const pen = useHoldingPen(deliverable.id, true);
  const files = pen.data?.items ?? [];
  if (pen.isPending) return null;
  if (pen.isError) {
    return (
      <ErrorAlert
        error={pen.error}
        title="Could not load the holding pen"
        onRetry={() => void pen.refetch()}
      />
    );
  }
  if (files.length === 0) return null;
  const withClient = deliverable.status === 'IN_REVIEW';
  return (
    <Card
      withBorder
      padding="md"
      data-testid="holding-pen"
      style={{ borderColor: 'var(--mantine-color-orange-4)' }}
    >
      <Group gap="sm" mb="xs" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color="orange" size="lg" radius="md">
          <IconInbox size={20} />
        </ThemeIcon>
        <Stack gap={2}>
          <Title order={3} fz="h5" fw={600}>
            Holding pen · {pluralize(files.length, 'file')}
          </Title>
          <Text size="xs" c="dimmed">
            {withClient
              ? `These files arrived while ${deliverable.name} is with the client, so they were not added to a version chain.`
              : `These files arrived while ${deliverable.name} was with the client. The client has decided since; new files go straight to the chain again.`}{' '}
            {canManage
              ? 'Promote one to a stage as its next version, or discard it.'
              : 'A producer (Inbound files permission) promotes or discards them.'}
          </Text>
        </Stack>
      </Group>
      <Stack gap="sm">
        {files.map((f) => (
          <HeldFileRow key={f.id} file={f} deliverable={deliverable} canManage={canManage} />
        ))}
      </Stack>
    </Card>
  );
}

function Preview({ file }: { file: HeldFile }) {
  const size = 96;
  const frame = {
    width: size,
    height: size,
    borderRadius: 6,
    background: 'var(--mantine-color-default-hover)',
    flexShrink: 0,
    overflow: 'hidden',
  } as const;
  if (file.asset.previewUrl && file.asset.kind === 'image') {
    return (
      <a href={file.asset.url} target="_blank" rel="noreferrer" style={frame} title="Open the file">
        <img
          src={file.asset.previewUrl}
          alt={`Preview of ${file.fileName}`}
          loading="lazy"
          style={{ width: '100%', height: '100%', objectFit: 'contain' }}
          data-testid="held-preview"
        />
      </a>
    );
  }
  if (file.asset.previewUrl && file.asset.kind === 'video') {
    return (
      <video
        src={file.asset.previewUrl}
        preload="metadata"
        muted
        controls
        style={{ ...frame, objectFit: 'contain' }}
        aria-label={`Preview of ${file.fileName}`}
        data-testid="held-preview"
      />
    );
  }
  return (
    <Center
      style={frame}
      title="No preview in the browser for this type; it gets one once promoted"
    >
      {file.asset.kind === 'video' ? (
        <IconMovie size={32} stroke={1.2} color="var(--mantine-color-dimmed)" />
      ) : (
        <IconFileUnknown size={32} stroke={1.2} color="var(--mantine-color-dimmed)" />
      )}
    </Center>
  );
}

function HeldFileRow({
  file,
  deliverable,
  canManage,
}: {
  file: HeldFile;
  deliverable: DeliverableDetail;
  canManage: boolean;
}) {
  const stages = [...deliverable.stages].sort((a, b) => a.order - b.order);
  const [stageId, setStageId] = useState<string | null>(
    file.suggestedStage?.id ?? stages[0]?.id ?? null,
  );
  const [confirming, setConfirming] = useState(false);
  const promote = usePromoteHeldFile(deliverable.id);
  const discard = useDiscardHeldFile(deliverable.id);
  const busy = promote.isPending || discard.isPending;
  const stageName = stages.find((s) => s.id === stageId)?.name ?? 'the stage';
  const { jobNumber, slug, version } = file.parsed;

  const doPromote = () => {
    if (!stageId) return;
    promote.mutate(
      { fileId: file.id, stageId },
      {
        onSuccess: (r) =>
          notifySuccess(`${file.fileName} is now ${revisionLabel(r)} on ${stageName}.`),
        onError: (err) =>
          notifyError(
            err,
            isApiError(err) && err.status === 404
              ? 'Someone else promoted or discarded this file'
              : 'Could not promote the file',
          ),
      },
    );
  };
  const doDiscard = () =>
    discard.mutate(file.id, {
      onSuccess: () => {
        setConfirming(false);
        notifySuccess(`${file.fileName} discarded.`);
      },
      onError: (err) => {
        setConfirming(false);
        notifyError(err, 'Could not discard the file');
      },
    });

  return (
    <Card withBorder padding="sm" radius="md" data-testid="held-file" data-file={file.fileName}>
      <Group gap="md" align="flex-start" wrap="nowrap">
        <Preview file={file} />
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <Text fw={600} size="sm" truncate ff="monospace" title={file.fileName}>
              {file.fileName}
            </Text>
            <SourcePill source={file.source} />
          </Group>
          <Group gap={6} wrap="wrap">
            <Text size="xs" c="dimmed">
              Read as
            </Text>
            <Code fz="xs">job {jobNumber ?? '—'}</Code>
            <Code fz="xs">{slug ?? '—'}</Code>
            {version !== null ? <Code fz="xs">v{version}</Code> : null}
            <Text size="xs" c="dimmed">
              · {file.asset.kind} · {formatBytes(file.asset.size)}
              {file.asset.width && file.asset.height
                ? ` · ${file.asset.width}×${file.asset.height}`
                : ''}{' '}
              · received <RelativeTime value={file.receivedAt} size="xs" c="dimmed" />
            </Text>
          </Group>
          {canManage ? (
            <Group gap="xs" align="flex-end" wrap="wrap" mt={2}>
              <Select
                size="xs"
                label="Promote to stage"
                data={stages.map((s) => ({
                  value: s.id,
                  label: s.id === file.suggestedStage?.id ? `${s.name} (suggested)` : s.name,
                }))}
                value={stageId}
                onChange={setStageId}
                allowDeselect={false}
                w={220}
                disabled={busy}
                comboboxProps={{ withinPortal: true }}
                data-testid="held-stage"
              />
              <Button
                size="xs"
                onClick={doPromote}
                loading={promote.isPending}
                disabled={!stageId || discard.isPending}
                data-testid="held-promote"
              >
                Promote
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={() => setConfirming(true)}
                disabled={busy}
                data-testid="held-discard"
              >
                Discard
              </Button>
            </Group>
          ) : file.suggestedStage ? (
            <Text size="xs" c="dimmed">
              Suggested stage: {file.suggestedStage.name}
            </Text>
          ) : null}
          {promote.isError && !isApiError(promote.error) ? (
            <Alert color="red" variant="light" p="xs">
              <Text size="xs">Could not reach the server; try again.</Text>
            </Alert>
          ) : null}
        </Stack>
      </Group>
      <ConfirmModal
        opened={confirming}
        title="Discard this file?"
        confirmLabel="Discard"
        danger
        loading={discard.isPending}
        onConfirm={doDiscard}
        onClose={() => setConfirming(false)}
      >
        <strong>{file.fileName}</strong> is removed from the holding pen and deleted. It is not in
        any version chain, so this cannot be undone — ask for the file again if you need it later.
      </ConfirmModal>
    </Card>
  );
}
