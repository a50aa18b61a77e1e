import { Alert, Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconSquare } from '@tabler/icons-react';
import { useRef, useState, type CSSProperties, type PointerEvent } from 'react';
import { notifyError } from '../../components/ui/notify';
import { hasPermission, useMe } from '../me/queries';
import type { Revision } from '../revisions/types';
import { useCreateAnnotation, useRevisionAnnotations, useStageComments } from './queries';
import type { Annotation, RectangleInput } from './types';

type Rect = { x: number; y: number; w: number; h: number };

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** A pointer position as fractions (0..1) of the element's box, transforms included. */
function fraction(e: PointerEvent<Element>, el: Element) {
  const r = el.getBoundingClientRect();
  return { x: clamp01((e.clientX - r.left) / r.width), y: clamp01((e.clientY - r.top) / r.height) };
}

function rectOf(a: Annotation): Rect | null {
  if (a.type !== 'RECTANGLE' && a.type !== 'ELLIPSE') return null;
  const w = Number(a.data.w);
  const h = Number(a.data.h);
  return Number.isFinite(w) && Number.isFinite(h) ? { x: a.x, y: a.y, w, h } : null;
}

/**
 * Annotations over an image (inside ZoomableImage's overlay box): existing ones as outlines,
 * and, while `drawing`, a rectangle dragged out with the pointer.
 */
export function AnnotationLayer({
  annotations,
  drawing,
  draft,
  selectedCommentId,
  onDraw,
  onSelect,
}: {
  annotations: readonly Annotation[];
  drawing: boolean;
  draft: Rect | null;
  selectedCommentId: string | null;
  onDraw: (rect: Rect | null, done: boolean) => void;
  onSelect: (commentId: string) => void;
}) {
  const start = useRef<{ id: number; x: number; y: number } | null>(null);

  const down = (e: PointerEvent<HTMLDivElement>) => {
    if (!drawing || e.button !== 0) return;
    // Drawing, not panning.
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = fraction(e, e.currentTarget);
    start.current = { id: e.pointerId, ...p };
    onDraw({ x: p.x, y: p.y, w: 0, h: 0 }, false);
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    const s = start.current;
    if (!s || s.id !== e.pointerId) return;
    e.stopPropagation();
    const p = fraction(e, e.currentTarget);
    onDraw(
      {
        x: Math.min(s.x, p.x),
        y: Math.min(s.y, p.y),
        w: Math.abs(p.x - s.x),
        h: Math.abs(p.y - s.y),
      },
      false,
    );
  };
  const up = (e: PointerEvent<HTMLDivElement>) => {
    const s = start.current;
    if (!s || s.id !== e.pointerId) return;
    e.stopPropagation();
    start.current = null;
    const p = fraction(e, e.currentTarget);
    const rect = {
      x: Math.min(s.x, p.x),
      y: Math.min(s.y, p.y),
      w: Math.abs(p.x - s.x),
      h: Math.abs(p.y - s.y),
    };
    // A click without a drag draws nothing.
    onDraw(rect.w > 0.005 && rect.h > 0.005 ? rect : null, true);
  };

  const box = (
    r: Rect,
    key: string,
    { style, ...props }: { style: CSSProperties } & Record<string, unknown>,
  ) => (
    <div
      key={key}
      {...props}
      style={{
        position: 'absolute',
        left: `${r.x * 100}%`,
        top: `${r.y * 100}%`,
        width: `${r.w * 100}%`,
        height: `${r.h * 100}%`,
        boxSizing: 'border-box',
        ...style,
      }}
    />
  );

  return (
    <div
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={() => {
        start.current = null;
        onDraw(null, true);
      }}
      onDoubleClick={(e) => drawing && e.stopPropagation()}
      data-testid="annotation-layer"
      data-drawing={drawing || undefined}
      style={{
        position: 'absolute',
        inset: 0,
        pointerEvents: drawing ? 'auto' : 'none',
        cursor: drawing ? 'crosshair' : undefined,
      }}
    >
      {annotations.map((a) => {
        const r = rectOf(a);
        if (!r) return null;
        const selected = a.commentId === selectedCommentId;
        return box(r, a.id, {
          role: 'button',
          'aria-label': 'Show the comment of this annotation',
          'data-testid': 'annotation',
          'data-comment-id': a.commentId,
          'data-selected': selected || undefined,
          onPointerDown: (e: PointerEvent) => !drawing && e.stopPropagation(),
          onClick: () => !drawing && onSelect(a.commentId),
          style: {
            outline: `${selected ? 3 : 2}px solid ${selected ? '#fcc419' : '#fa5252'}`,
            outlineOffset: 0,
            pointerEvents: drawing ? 'none' : 'auto',
            cursor: 'pointer',
            background: selected ? 'rgba(252,196,25,0.15)' : undefined,
          },
        });
      })}
      {draft
        ? box(draft, 'draft', {
            'data-testid': 'annotation-draft',
            style: {
              outline: '2px dashed #fcc419',
              background: 'rgba(252,196,25,0.12)',
            },
          })
        : null}
    </div>
  );
}

/**
 * Annotating a revision in the viewer: the rectangle tool, the comment for a drawn box, and
 * the comment of the annotation clicked. Images only.
 */
export function useRevisionAnnotating(revision: Revision) {
  const me = useMe();
  const isImage = revision.asset.kind === 'image';
  const canAnnotate = isImage && hasPermission(me, 'COMMENT_CREATE');
  const annotations = useRevisionAnnotations(revision.id, isImage);
  const comments = useStageComments(revision.stageId);
  const create = useCreateAnnotation(revision.stageId, revision.id);
  const [drawing, setDrawing] = useState(false);
  const [draft, setDraft] = useState<Rect | null>(null);
  const [drawn, setDrawn] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [content, setContent] = useState('');

  const cancel = () => {
    setDraft(null);
    setDrawn(false);
    setContent('');
  };
  const send = () => {
    if (!draft || !content.trim()) return;
    const annotation: RectangleInput = {
      type: 'RECTANGLE',
      x: draft.x,
      y: draft.y,
      data: { w: draft.w, h: draft.h },
    };
    create.mutate(
      { content, annotation },
      {
        onSuccess: (c) => {
          cancel();
          setDrawing(false);
          setSelected(c.id);
        },
        onError: (err) => notifyError(err, 'Could not save the annotation'),
      },
    );
  };

  const overlay = isImage ? (
    <AnnotationLayer
      annotations={annotations.data?.items ?? []}
      drawing={drawing && !drawn}
      draft={draft}
      selectedCommentId={selected}
      onDraw={(rect, done) => {
        setDraft(rect);
        if (done && rect) setDrawn(true);
      }}
      onSelect={setSelected}
    />
  ) : undefined;

  const toolButton = canAnnotate ? (
    <Button
      size="compact-sm"
      variant={drawing ? 'filled' : 'default'}
      color={drawing ? 'yellow' : undefined}
      leftSection={<IconSquare size={14} />}
      onClick={() => {
        setDrawing((d) => !d);
        cancel();
      }}
      data-testid="annotate-rectangle"
      aria-pressed={drawing}
    >
      {drawing ? 'Drawing…' : 'Rectangle'}
    </Button>
  ) : null;

  const selectedComment = selected
    ? comments.data?.items.find((c) => c.id === selected)
    : undefined;

  const panel = (
    <Stack gap={6}>
      {drawing && !drawn ? (
        <Text size="xs" c="dimmed">
          Drag on the image to mark an area; you then write what it is about.
        </Text>
      ) : null}
      {drawn && draft ? (
        <Stack gap={6} data-testid="annotation-composer">
          <Textarea
            placeholder="What about this area?"
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
              // Keep the viewer's shortcuts (zoom, close) out of typing.
              e.stopPropagation();
            }}
            autoFocus
            size="sm"
            data-testid="annotation-input"
          />
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={cancel}>
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
          onClose={() => setSelected(null)}
          data-testid="annotation-comment"
          title={
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {selectedComment.author.name}
              </Text>
              <Badge size="xs" variant="light" color="gray">
                {selectedComment.visibility === 'CLIENT' ? 'Client' : 'Internal'}
              </Badge>
            </Group>
          }
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {selectedComment.content}
          </Text>
        </Alert>
      ) : null}
    </Stack>
  );

  return { overlay, toolButton, panel, selected };
}
