import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Image,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import {
  IconArrowUpRight,
  IconCamera,
  IconCircle,
  IconMapPin,
  IconScribble,
  IconSquare,
  IconTypography,
} from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { notifyError } from '../../components/ui/notify';
import { hasPermission, useMe } from '../me/queries';
import { isViewable } from '../revisions/revision-media';
import { effectiveFps, formatTimecode, frameAt } from '../revisions/timecode';
import type { Revision } from '../revisions/types';
import { useShortcuts } from '../revisions/use-shortcuts';
import type { Transport } from '../revisions/use-video-transport';
import { AnnotationOverlay } from './annotations/annotation-overlay';
import { frameStart, labelOf, type DrawTool, type ShapeInput } from './annotations/shapes';
import { useCreateAnnotation, useRevisionAnnotations, useStageComments } from './queries';
import type { Annotation, CommentVisibility } from './types';

type Tool = DrawTool | 'SCREENSHOT';

const TOOLS: { tool: Tool; label: string; key: string; icon: ReactNode; hint: string }[] = [
  {
    tool: 'RECTANGLE',
    label: 'Rectangle',
    key: 'r',
    icon: <IconSquare size={16} />,
    hint: 'Drag to mark an area.',
  },
  {
    tool: 'ELLIPSE',
    label: 'Ellipse',
    key: 'e',
    icon: <IconCircle size={16} />,
    hint: 'Drag to circle an area.',
  },
  {
    tool: 'ARROW',
    label: 'Arrow',
    key: 'a',
    icon: <IconArrowUpRight size={16} />,
    hint: 'Drag from the tail to the tip.',
  },
  {
    tool: 'FREEHAND',
    label: 'Freehand',
    key: 'f',
    icon: <IconScribble size={16} />,
    hint: 'Draw with the pointer held down.',
  },
  {
    tool: 'TEXT',
    label: 'Text',
    key: 't',
    icon: <IconTypography size={16} />,
    hint: 'Click where the text goes; what you write is the label.',
  },
  { tool: 'PIN', label: 'Pin', key: 'p', icon: <IconMapPin size={16} />, hint: 'Click the spot.' },
  {
    tool: 'SCREENSHOT',
    label: 'Screenshot of the frame',
    key: 's',
    icon: <IconCamera size={16} />,
    hint: '',
  },
];

/** The video's current picture as a small JPEG data URL (the annotation's frame thumbnail). */
function captureFrame(v: HTMLVideoElement | null): string | undefined {
  if (!v || !v.videoWidth || !v.videoHeight) return undefined;
  const scale = Math.min(1, 480 / v.videoWidth);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(v.videoWidth * scale);
  canvas.height = Math.round(v.videoHeight * scale);
  try {
    canvas.getContext('2d')?.drawImage(v, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', 0.8);
  } catch {
    // A picture the browser will not hand out (tainted): the annotation goes without one.
    return undefined;
  }
}

export interface VideoHandle {
  transport: Transport;
  element: HTMLVideoElement | null;
}

/**
 * Annotating a revision in the viewer: the tools (rectangle, ellipse, arrow, freehand, text,
 * pin; on videos also a screenshot of the frame), the comment for a drawn shape, and the comment
 * of the annotation clicked. On a video, annotations belong to a frame: they show when the
 * player is paused on it, sit as markers on the scrub bar, and selecting one seeks to its frame.
 */
export function useRevisionAnnotating(
  revision: Revision,
  {
    video,
    selected,
    onSelect,
  }: {
    video?: VideoHandle;
    /** The comment whose annotations are highlighted (kept by the page, e.g. in the URL). */
    selected: string | null;
    onSelect: (commentId: string | null) => void;
  },
) {
  const me = useMe();
  const external = me.user.isExternal;
  const isVideo = revision.asset.kind === 'video';
  const fps = effectiveFps(revision.asset.fps);
  const ready = isViewable(revision);
  const canAnnotate = ready && hasPermission(me, 'COMMENT_CREATE');
  const annotations = useRevisionAnnotations(revision.id, ready);
  const comments = useStageComments(revision.stageId);
  const create = useCreateAnnotation(revision.stageId, revision.id);
  const [tool, setTool] = useState<Tool | null>(null);
  const [draft, setDraft] = useState<ShapeInput | null>(null);
  const [drawn, setDrawn] = useState(false);
  /** Video: the frame being annotated (fixed when the tool is picked). */
  const [frame, setFrame] = useState(0);
  const [content, setContent] = useState('');
  const [visibility, setVisibility] = useState<CommentVisibility>(external ? 'CLIENT' : 'INTERNAL');

  const all = useMemo(() => annotations.data?.items ?? [], [annotations.data]);
  const transport = video?.transport;
  const currentFrame = transport ? frameAt(transport.currentTime, fps) : 0;
  const frameOf = (a: Annotation) =>
    a.timestampSeconds === null ? -1 : frameAt(a.timestampSeconds, fps);
  // On a video only the paused frame's annotations are drawn (while annotating, that frame's).
  const shown = !isVideo
    ? all
    : transport?.playing && !tool
      ? []
      : all.filter((a) => frameOf(a) === (tool ? frame : currentFrame));

  // A video annotation picked shows its frame: at once when picked here (a marker, a shape),
  // and once its data is in when the pick came from outside (a link to the comment).
  const sought = useRef<string | null>(null);
  const seekTo = (commentId: string) => {
    const a = all.find((x) => x.commentId === commentId && x.timestampSeconds !== null);
    if (!a || !transport) return false;
    sought.current = commentId;
    transport.showFrame(frameOf(a));
    return true;
  };
  const show = (commentId: string | null) => {
    onSelect(commentId);
    sought.current = null;
    if (commentId && isVideo) seekTo(commentId);
  };
  useEffect(() => {
    if (!selected) sought.current = null;
    if (!isVideo || !selected || sought.current === selected) return;
    seekTo(selected);
  });

  const reset = () => {
    setDraft(null);
    setDrawn(false);
    setContent('');
  };
  const pick = (next: Tool | null) => {
    reset();
    if (next === null || next === tool) {
      setTool(null);
      return;
    }
    setTool(next);
    if (transport) {
      transport.pause();
      setFrame(currentFrame);
    }
    if (next === 'SCREENSHOT') {
      // The whole frame is the subject: nothing to draw, straight to the comment.
      setDraft({ type: 'SCREENSHOT', x: 0.5, y: 0.5, data: {} });
      setDrawn(true);
    }
  };

  const send = () => {
    if (!draft || !content.trim()) return;
    const shape: ShapeInput =
      draft.type === 'TEXT' ? { ...draft, data: { text: labelOf(content) } } : draft;
    const timing = isVideo
      ? {
          timestampSeconds: frameStart(frame, fps),
          frameThumbnail: captureFrame(video?.element ?? null),
        }
      : {};
    create.mutate(
      { content, visibility, annotation: { ...shape, ...timing } },
      {
        onSuccess: (c) => {
          reset();
          setTool(null);
          sought.current = c.id;
          onSelect(c.id);
        },
        onError: (err) => notifyError(err, 'Could not save the annotation'),
      },
    );
  };

  const available = TOOLS.filter((t) => t.tool !== 'SCREENSHOT' || isVideo);
  useShortcuts(Object.fromEntries(available.map((t) => [t.key, () => pick(t.tool)])), canAnnotate);

  const preview: ShapeInput | null =
    draft?.type === 'TEXT' ? { ...draft, data: { text: labelOf(content) } } : draft;
  const overlay = ready ? (
    <AnnotationOverlay
      annotations={shown}
      tool={tool && !drawn && tool !== 'SCREENSHOT' ? tool : null}
      draft={preview?.type === 'SCREENSHOT' ? null : preview}
      selectedCommentId={selected}
      onDraft={(shape, done) => {
        setDraft(shape);
        if (done && shape) setDrawn(true);
      }}
      onSelect={show}
    />
  ) : undefined;

  const markers = isVideo
    ? all
        .filter((a) => a.timestampSeconds !== null)
        .map((a) => ({
          id: a.commentId,
          // The middle of the frame, where the player sits when showing it.
          time: a.timestampSeconds! + 0.5 / fps,
          selected: a.commentId === selected,
        }))
    : undefined;

  const tools = canAnnotate ? (
    <Group
      gap={4}
      wrap="nowrap"
      data-testid="annotation-tools"
      role="toolbar"
      aria-label="Annotate"
    >
      {available.map((t) => (
        <Tooltip key={t.tool} label={`${t.label} (${t.key.toUpperCase()})`} withArrow>
          <ActionIcon
            size="md"
            variant={tool === t.tool ? 'filled' : 'default'}
            color={tool === t.tool ? 'yellow' : undefined}
            onClick={() => pick(t.tool)}
            aria-label={t.label}
            aria-pressed={tool === t.tool}
            data-testid={`annotate-${t.tool.toLowerCase()}`}
          >
            {t.icon}
          </ActionIcon>
        </Tooltip>
      ))}
    </Group>
  ) : null;

  const selectedComment = selected
    ? comments.data?.items.find((c) => c.id === selected)
    : undefined;
  const selectedAnnotation = selected ? all.find((a) => a.commentId === selected) : undefined;
  const hint = TOOLS.find((t) => t.tool === tool)?.hint;

  const panel = (
    <Stack gap={6}>
      {tool && !drawn && hint ? (
        <Text size="xs" c="dimmed" data-testid="annotation-hint">
          {hint}
          {isVideo ? ` On frame ${frame} (${formatTimecode(frame / fps, fps)}).` : ''}
        </Text>
      ) : null}
      {drawn && draft ? (
        <Stack gap={6} data-testid="annotation-composer">
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed">
              {isVideo
                ? `${draft.type === 'SCREENSHOT' ? 'Screenshot of' : 'On'} frame ${frame} · ${formatTimecode(frame / fps, fps)}`
                : 'About the marked area'}
            </Text>
            {!external ? (
              <SegmentedControl
                size="xs"
                value={visibility}
                onChange={(v) => setVisibility(v as CommentVisibility)}
                data={[
                  { value: 'INTERNAL', label: 'Internal' },
                  { value: 'CLIENT', label: 'Client-visible' },
                ]}
                data-testid="annotation-visibility"
              />
            ) : null}
          </Group>
          <Textarea
            placeholder={
              draft.type === 'TEXT' ? 'The label (first line) and any detail' : 'What about this?'
            }
            autosize
            minRows={2}
            maxRows={6}
            maxLength={10_000}
            value={content}
            onChange={(e) => setContent(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                send();
              }
              if (e.key === 'Escape') {
                // Cancel the drawing, not the viewer.
                e.preventDefault();
                pick(null);
              }
              // Keep the viewer's shortcuts (zoom, play, tools) out of typing.
              e.stopPropagation();
            }}
            autoFocus
            size="sm"
            data-testid="annotation-input"
          />
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => pick(null)}>
              Cancel
            </Button>
            <Button
              size="xs"
              onClick={send}
              disabled={!content.trim()}
              loading={create.isPending}
              data-testid="annotation-send"
            >
              Comment
            </Button>
          </Group>
        </Stack>
      ) : null}
      {selectedComment ? (
        <Alert
          variant="light"
          color="yellow"
          withCloseButton
          onClose={() => show(null)}
          data-testid="annotation-comment"
          title={
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {selectedComment.author.name}
              </Text>
              {!external ? (
                <Badge size="xs" variant="light" color="gray">
                  {selectedComment.visibility === 'CLIENT' ? 'Client' : 'Internal'}
                </Badge>
              ) : null}
              {isVideo && selectedAnnotation?.timestampSeconds != null ? (
                <Badge
                  size="xs"
                  variant="outline"
                  color="dark"
                  ff="monospace"
                  data-testid="annotation-timecode"
                >
                  {formatTimecode(selectedAnnotation.timestampSeconds, fps)} · frame{' '}
                  {frameOf(selectedAnnotation)}
                </Badge>
              ) : null}
            </Group>
          }
        >
          <Group gap="sm" align="flex-start" wrap="nowrap">
            {selectedAnnotation?.frameThumbnailUrl ? (
              <Image
                src={selectedAnnotation.frameThumbnailUrl}
                alt="The annotated frame"
                w={120}
                radius="sm"
                data-testid="annotation-frame-thumbnail"
              />
            ) : null}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {selectedComment.content}
            </Text>
          </Group>
        </Alert>
      ) : null}
    </Stack>
  );

  // Every annotation of this version, in time order on a video: a table of contents to jump by.
  const byComment = new Map((comments.data?.items ?? []).map((c) => [c.id, c]));
  const listed = [...all].sort(
    (a, b) =>
      (a.timestampSeconds ?? 0) - (b.timestampSeconds ?? 0) ||
      a.createdAt.localeCompare(b.createdAt),
  );
  const list = (
    <Stack gap={4} data-testid="annotation-list">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        Annotations {all.length > 0 ? `· ${all.length}` : ''}
      </Text>
      {annotations.isSuccess && all.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="annotation-list-empty">
          {canAnnotate
            ? `None on this version yet. Pick a tool above${isVideo ? ' (the video pauses)' : ''} and draw.`
            : 'None on this version.'}
        </Text>
      ) : null}
      {listed.map((a) => {
        const c = byComment.get(a.commentId);
        const active = a.commentId === selected;
        return (
          <UnstyledButton
            key={a.id}
            onClick={() => show(active ? null : a.commentId)}
            data-testid="annotation-list-item"
            data-selected={active || undefined}
            aria-pressed={active}
            p={6}
            style={{
              borderRadius: 6,
              border: `1px solid ${active ? 'var(--mantine-color-yellow-5)' : 'var(--mantine-color-default-border)'}`,
              background: active ? 'var(--mantine-color-yellow-light)' : undefined,
            }}
          >
            <Group gap={6} wrap="nowrap" align="flex-start">
              <Text size="xs" c="red" fw={700} w={16} ta="center" mt={1}>
                {TOOLS.find((t) => t.tool === a.type)?.icon ?? <IconCamera size={14} />}
              </Text>
              <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                <Group gap={6} wrap="nowrap">
                  <Text size="xs" fw={600} truncate>
                    {c?.author.name ?? '…'}
                  </Text>
                  {a.timestampSeconds !== null ? (
                    <Text size="xs" c="dimmed" ff="monospace">
                      {formatTimecode(a.timestampSeconds, fps)}
                    </Text>
                  ) : null}
                </Group>
                <Text size="xs" lineClamp={2} style={{ wordBreak: 'break-word' }}>
                  {c?.content ?? ''}
                </Text>
              </Stack>
            </Group>
          </UnstyledButton>
        );
      })}
    </Stack>
  );

  return { overlay, tools, panel, list, markers, show };
}
