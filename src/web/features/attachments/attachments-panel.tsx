import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  CloseButton,
  Collapse,
  Group,
  Progress,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconDownload,
  IconExternalLink,
  IconFile,
  IconFileTypePdf,
  IconLink,
  IconMovie,
  IconPaperclip,
  IconPhoto,
  IconTrash,
  IconUpload,
} from '@tabler/icons-react';
import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ConfirmModal } from '../../components/ui/confirm-modal';
import { ErrorAlert } from '../../components/ui/error-alert';
import { LoadMore } from '../../components/ui/load-more';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { RelativeTime } from '../../components/ui/relative-time';
import { isApiError } from '../../lib/api';
import { formatBytes } from '../../lib/format';
import { flattenPages } from '../users/queries';
import type { DeliverableDetail } from '../deliverables/types';
import { useAddLink, useAttachments, useDeleteAttachment } from './queries';
import type { Attachment } from './types';
import { useAttachmentUploads, type UploadItem } from './use-attachment-uploads';

const ALL = '__all__';
const UNTAGGED = '__none__';

function AttachmentIcon({ a }: { a: Attachment }) {
  const size = 18;
  if (a.kind === 'link') return <IconLink size={size} />;
  const mime = a.mimeType ?? '';
  if (mime.startsWith('image/')) return <IconPhoto size={size} />;
  if (mime.startsWith('video/')) return <IconMovie size={size} />;
  if (mime === 'application/pdf') return <IconFileTypePdf size={size} />;
  return <IconFile size={size} />;
}

/** `example.com/x` → `https://example.com/x`; anything with a scheme is left as typed. */
function withScheme(url: string): string {
  const t = url.trim();
  if (!t || /^[a-z][a-z0-9+.-]*:/i.test(t)) return t;
  return `https://${t}`;
}

function titleFromUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname.replace(/\/+$/, '');
    return (u.hostname + path).slice(0, 200);
  } catch {
    return url.slice(0, 200);
  }
}

/**
 * Files and links of a deliverable (staff only), optionally tagged with one of its stages:
 * upload with progress, add a link, filter by stage, download, delete.
 */
export function AttachmentsPanel({
  deliverable,
  canEdit,
}: {
  deliverable: DeliverableDetail;
  canEdit: boolean;
}) {
  const query = useAttachments(deliverable.id);
  const uploads = useAttachmentUploads(deliverable.id);
  const remove = useDeleteAttachment(deliverable.id);
  const [filter, setFilter] = useState<string>(ALL);
  const [tag, setTag] = useState<string | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [deleting, setDeleting] = useState<Attachment | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const stages = useMemo(
    () => [...deliverable.stages].sort((a, b) => a.order - b.order),
    [deliverable.stages],
  );
  const stageName = (id: string | null) =>
    id ? (stages.find((s) => s.stageDefinitionId === id)?.name ?? 'Removed stage') : null;
  const stageOptions = stages.map((s) => ({ value: s.stageDefinitionId, label: s.name }));

  const all = flattenPages(query.data);
  const items =
    filter === ALL
      ? all
      : filter === UNTAGGED
        ? all.filter((a) => !a.stageDefinitionId)
        : all.filter((a) => a.stageDefinitionId === filter);

  const countFor = (id: string | null) => all.filter((a) => a.stageDefinitionId === id).length;

  const onFilter = (v: string | null) => {
    const next = v ?? ALL;
    setFilter(next);
    // New items go where you are looking.
    if (next !== ALL) setTag(next === UNTAGGED ? null : next);
  };

  const pick = (files: FileList | null) => {
    if (!files?.length) return;
    uploads.start(Array.from(files), tag);
    if (inputRef.current) inputRef.current.value = '';
  };

  const onLabelKey = (e: KeyboardEvent<HTMLLabelElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      inputRef.current?.click();
    }
  };

  const doDelete = () => {
    if (!deleting) return;
    const a = deleting;
    remove.mutate(a, {
      onSuccess: () => {
        notifySuccess(`“${a.title}” removed.`);
        setDeleting(null);
      },
      onError: (err) => notifyError(err, 'Could not remove the attachment'),
    });
  };

  return (
    <Card
      withBorder
      padding="md"
      data-testid="attachments-panel"
      onDragOver={
        canEdit
          ? (e) => {
              if (!e.dataTransfer.types.includes('Files')) return;
              e.preventDefault();
              setDragging(true);
            }
          : undefined
      }
      onDragLeave={canEdit ? () => setDragging(false) : undefined}
      onDrop={
        canEdit
          ? (e) => {
              if (!e.dataTransfer.files.length) return;
              e.preventDefault();
              setDragging(false);
              pick(e.dataTransfer.files);
            }
          : undefined
      }
      style={
        dragging
          ? { outline: '2px dashed var(--mantine-color-indigo-5)', outlineOffset: -4 }
          : undefined
      }
    >
      <Group justify="space-between" gap="sm" mb="sm" wrap="wrap">
        <Group gap={6}>
          <IconPaperclip size={16} />
          <Title order={3} fz="h5" fw={600}>
            Files & links
          </Title>
          {query.data ? (
            <Text size="sm" c="dimmed" data-testid="attachments-count">
              {all.length}
              {query.hasNextPage ? '+' : ''}
            </Text>
          ) : null}
        </Group>
        <Select
          aria-label="Filter by stage"
          size="xs"
          w={200}
          data={[
            { value: ALL, label: 'All stages' },
            { value: UNTAGGED, label: `Whole deliverable (${countFor(null)})` },
            ...stages.map((s) => ({
              value: s.stageDefinitionId,
              label: `${s.name} (${countFor(s.stageDefinitionId)})`,
            })),
          ]}
          value={filter}
          onChange={onFilter}
          allowDeselect={false}
          data-testid="attachment-filter"
        />
      </Group>

      {canEdit ? (
        <Stack gap="xs" mb="sm">
          <Group gap="xs" wrap="wrap" align="flex-end">
            <Select
              label="Tag new items with"
              size="xs"
              w={200}
              placeholder="Whole deliverable"
              data={stageOptions}
              value={tag}
              onChange={setTag}
              clearable
              allowDeselect
              data-testid="attachment-stage"
            />
            <input
              ref={inputRef}
              id={inputId}
              type="file"
              multiple
              hidden
              onChange={(e) => pick(e.currentTarget.files)}
              data-testid="attachment-upload-input"
            />
            <Button
              component="label"
              htmlFor={inputId}
              size="xs"
              leftSection={<IconUpload size={14} />}
              tabIndex={0}
              onKeyDown={onLabelKey}
              data-testid="attachment-upload"
            >
              Upload files
            </Button>
            <Button
              size="xs"
              variant={linkOpen ? 'light' : 'default'}
              leftSection={<IconLink size={14} />}
              onClick={() => setLinkOpen((o) => !o)}
              aria-expanded={linkOpen}
              data-testid="attachment-link-open"
            >
              Add link
            </Button>
          </Group>
          <Collapse expanded={linkOpen} keepMounted={false}>
            <LinkForm
              deliverableId={deliverable.id}
              stageDefinitionId={tag}
              stageLabel={stageName(tag)}
              onDone={() => setLinkOpen(false)}
            />
          </Collapse>
          {uploads.items.length > 0 ? (
            <Stack gap={6} data-testid="attachment-uploads">
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
      ) : null}

      {query.isPending ? (
        <Stack gap="xs">
          {[0, 1].map((i) => (
            <Skeleton key={i} height={40} />
          ))}
        </Stack>
      ) : query.isError ? (
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" py="xs" data-testid="attachments-empty">
          {all.length === 0
            ? canEdit
              ? 'No files or links yet. Upload files (or drop them here) or add a link.'
              : 'No files or links yet.'
            : 'Nothing tagged with this stage.'}
        </Text>
      ) : (
        <Stack gap={0}>
          {items.map((a) => (
            <AttachmentRow
              key={a.id}
              a={a}
              stage={stageName(a.stageDefinitionId)}
              canEdit={canEdit}
              onDelete={() => setDeleting(a)}
            />
          ))}
        </Stack>
      )}
      <LoadMore
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        fetchNextPage={query.fetchNextPage}
      />

      <ConfirmModal
        opened={!!deleting}
        title={deleting?.kind === 'link' ? 'Remove link?' : 'Delete file?'}
        confirmLabel={deleting?.kind === 'link' ? 'Remove link' : 'Delete file'}
        danger
        loading={remove.isPending}
        onConfirm={doDelete}
        onClose={() => setDeleting(null)}
      >
        <strong>{deleting?.title}</strong>{' '}
        {deleting?.kind === 'link'
          ? 'will be removed from this deliverable.'
          : 'will be deleted for everyone. This cannot be undone.'}
      </ConfirmModal>
    </Card>
  );
}

function AttachmentRow({
  a,
  stage,
  canEdit,
  onDelete,
}: {
  a: Attachment;
  stage: string | null;
  canEdit: boolean;
  onDelete: () => void;
}) {
  const isLink = a.kind === 'link';
  return (
    <Group
      gap="sm"
      wrap="nowrap"
      py={8}
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
      data-testid={`attachment-row-${a.title}`}
      data-kind={a.kind}
    >
      <Box c="dimmed" style={{ flexShrink: 0, display: 'flex' }}>
        <AttachmentIcon a={a} />
      </Box>
      <Stack gap={0} miw={0} style={{ flex: 1 }}>
        <Group gap={6} wrap="nowrap" miw={0}>
          <Anchor
            href={a.url}
            size="sm"
            fw={500}
            truncate
            {...(isLink ? { target: '_blank', rel: 'noopener noreferrer' } : { download: a.title })}
          >
            {a.title}
          </Anchor>
          {stage ? (
            <Badge size="xs" variant="light" color="indigo" tt="none" style={{ flexShrink: 0 }}>
              {stage}
            </Badge>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed" truncate>
          {isLink
            ? safeHost(a.url)
            : `${formatBytes(a.fileSize)}${a.mimeType ? ` · ${a.mimeType}` : ''}`}
          {' · '}
          {a.createdBy.name} · <RelativeTime value={a.createdAt} size="xs" c="dimmed" />
        </Text>
      </Stack>
      <Group gap={2} wrap="nowrap">
        <Tooltip label={isLink ? 'Open link' : 'Download'}>
          <ActionIcon
            component="a"
            href={a.url}
            aria-label={isLink ? `Open ${a.title}` : `Download ${a.title}`}
            {...(isLink ? { target: '_blank', rel: 'noopener noreferrer' } : { download: a.title })}
            data-testid={`attachment-download-${a.title}`}
          >
            {isLink ? <IconExternalLink size={16} /> : <IconDownload size={16} />}
          </ActionIcon>
        </Tooltip>
        {canEdit ? (
          <Tooltip label={isLink ? 'Remove' : 'Delete'}>
            <ActionIcon
              color="red"
              aria-label={`Delete ${a.title}`}
              onClick={onDelete}
              data-testid={`attachment-delete-${a.title}`}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        ) : null}
      </Group>
    </Group>
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function UploadRow({
  item,
  onCancel,
  onDismiss,
}: {
  item: UploadItem;
  onCancel: () => void;
  onDismiss: () => void;
}) {
  const pct = item.size > 0 ? Math.min(100, Math.round((item.loaded / item.size) * 100)) : 0;
  const failed = item.status === 'error';
  return (
    <Box data-testid="attachment-upload-item" data-status={item.status}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" truncate fw={500}>
          {item.name}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c={failed ? 'red' : 'dimmed'}>
            {failed
              ? 'Failed'
              : item.status === 'queued'
                ? 'Waiting…'
                : `${pct}% of ${formatBytes(item.size)}`}
          </Text>
          <CloseButton
            size="sm"
            aria-label={failed ? 'Dismiss' : `Cancel upload of ${item.name}`}
            onClick={failed ? onDismiss : onCancel}
          />
        </Group>
      </Group>
      <Progress
        value={failed ? 100 : pct}
        color={failed ? 'red' : undefined}
        size="sm"
        animated={item.status === 'uploading' && pct < 100}
        striped={item.status === 'uploading'}
        aria-label={`Upload of ${item.name}`}
        data-testid="attachment-progress"
      />
      {failed ? (
        <Text size="xs" c="red" mt={2}>
          {item.error}
        </Text>
      ) : null}
    </Box>
  );
}

function LinkForm({
  deliverableId,
  stageDefinitionId,
  stageLabel,
  onDone,
}: {
  deliverableId: string;
  stageDefinitionId: string | null;
  stageLabel: string | null;
  onDone: () => void;
}) {
  const add = useAddLink(deliverableId);
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [errors, setErrors] = useState<{ title?: string; url?: string }>({});

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const href = withScheme(url);
    const next: typeof errors = {};
    if (!href) next.url = 'Enter an address';
    else if (!/^https?:\/\/[^\s]+$/i.test(href)) next.url = 'Use an http:// or https:// address';
    setErrors(next);
    if (Object.keys(next).length) return;
    const name = title.trim() || titleFromUrl(href);
    add.mutate(
      { title: name, url: href, ...(stageDefinitionId ? { stageDefinitionId } : {}) },
      {
        onSuccess: () => {
          notifySuccess(`Link “${name}” added.`);
          setTitle('');
          setUrl('');
          onDone();
        },
        onError: (err) => {
          if (!isApiError(err)) return;
          const mapped: typeof errors = {};
          for (const f of err.fields) {
            if (/url/.test(f.path)) mapped.url ??= f.message;
            else if (/title/.test(f.path)) mapped.title ??= f.message;
          }
          setErrors(mapped);
        },
      },
    );
  };

  const shownError = add.isError && !errors.title && !errors.url;

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack
        gap="xs"
        p="sm"
        style={{ background: 'var(--mantine-color-default-hover)', borderRadius: 8 }}
      >
        {shownError ? <ErrorAlert error={add.error} title="Could not add the link" /> : null}
        <Group gap="xs" align="flex-start" wrap="wrap">
          <TextInput
            label="Address"
            placeholder="https://…"
            size="xs"
            required
            data-autofocus
            autoFocus
            value={url}
            onChange={(e) => {
              setUrl(e.currentTarget.value);
              setErrors((x) => ({ ...x, url: undefined }));
            }}
            error={errors.url}
            style={{ flex: 2, minWidth: 200 }}
            data-testid="attachment-link-url"
          />
          <TextInput
            label="Title"
            placeholder="Defaults to the address"
            size="xs"
            maxLength={200}
            value={title}
            onChange={(e) => {
              setTitle(e.currentTarget.value);
              setErrors((x) => ({ ...x, title: undefined }));
            }}
            error={errors.title}
            style={{ flex: 1, minWidth: 160 }}
            data-testid="attachment-link-title"
          />
        </Group>
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            {stageLabel ? `Tagged with ${stageLabel}` : 'For the whole deliverable'}
          </Text>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={onDone} disabled={add.isPending}>
              Cancel
            </Button>
            <Button
              size="xs"
              type="submit"
              loading={add.isPending}
              data-testid="attachment-link-submit"
            >
              Add link
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
