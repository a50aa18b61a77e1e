import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import {
  IconArrowBackUp,
  IconEye,
  IconListCheck,
  IconPencil,
  IconSend,
  IconShare,
  IconTrash,
} from '@tabler/icons-react';
import { useMatch, useNavigate } from '@tanstack/react-router';
import { useCallback, useMemo, useState } from 'react';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { RelativeTime } from '../../components/ui/relative-time';
import { hasPermission, useMe } from '../me/queries';
import { RevisionPermission } from '../revisions/revision-labels';
import { useStageVersions } from './feedback/use-stage-versions';
import { MentionText } from './mentions/mention-text';
import { MentionTextarea } from './mentions/mention-textarea';
import {
  useCreateComment,
  useCreateFeedbackItem,
  useDeleteComment,
  useEditComment,
  useMentionablePeople,
  useReleaseComment,
  useStageComments,
} from './queries';
import type { CommentVisibility, MentionablePerson, ReviewComment } from './types';

const COMMENT_CREATE = 'COMMENT_CREATE';
const COMMENT_DELETE = 'COMMENT_DELETE';
const COMMENT_DELETE_ANY = 'COMMENT_DELETE_ANY';

/** Ctrl/Cmd+Enter sends. */
function sendOnModEnter(send: () => void) {
  return (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      send();
    }
  };
}

/** A box to write a comment or a reply; staff reviewers choose its visibility. */
export function CommentComposer({
  placeholder,
  canChooseClient,
  forcedVisibility,
  pending,
  autoFocus,
  onSend,
  onCancel,
  testId = 'comment-composer',
  mentionPeople,
}: {
  placeholder: string;
  canChooseClient: boolean;
  /** Replies follow their parent; client viewers always write CLIENT. */
  forcedVisibility?: CommentVisibility;
  pending: boolean;
  autoFocus?: boolean;
  onSend: (content: string, visibility: CommentVisibility | undefined) => Promise<unknown>;
  onCancel?: () => void;
  testId?: string;
  /** People to offer when an @mention is typed. */
  mentionPeople?: readonly MentionablePerson[];
}) {
  const external = useMe().user.isExternal;
  const [content, setContent] = useState('');
  const [visibility, setVisibility] = useState<CommentVisibility>('INTERNAL');
  const blank = content.trim().length === 0;
  const send = () => {
    if (blank || pending) return;
    const chosen = forcedVisibility ? undefined : canChooseClient ? visibility : undefined;
    void onSend(content, chosen).then(
      () => setContent(''),
      () => undefined,
    );
  };
  return (
    <Stack gap={6} data-testid={testId}>
      <MentionTextarea
        placeholder={placeholder}
        autosize
        minRows={2}
        maxRows={10}
        maxLength={10_000}
        value={content}
        onChange={setContent}
        people={mentionPeople}
        onKeyDown={sendOnModEnter(send)}
        autoFocus={autoFocus}
        size="sm"
        data-testid="comment-input"
      />
      <Group justify="space-between" gap="xs">
        {canChooseClient && !forcedVisibility ? (
          <SegmentedControl
            size="xs"
            value={visibility}
            onChange={(v) => setVisibility(v as CommentVisibility)}
            data={[
              { value: 'INTERNAL', label: 'Internal' },
              { value: 'CLIENT', label: 'Client' },
            ]}
            data-testid="comment-visibility"
          />
        ) : (
          <Text size="xs" c="dimmed">
            {forcedVisibility !== 'CLIENT'
              ? 'Internal to the team'
              : external
                ? 'Visible to the agency team'
                : 'Visible to the client'}
          </Text>
        )}
        <Group gap="xs">
          {onCancel ? (
            <Button size="xs" variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Tooltip label="Ctrl/⌘ + Enter" openDelay={400}>
            <Button
              size="xs"
              leftSection={<IconSend size={14} />}
              onClick={send}
              disabled={blank}
              loading={pending}
              data-testid="comment-send"
            >
              Send
            </Button>
          </Tooltip>
        </Group>
      </Group>
    </Stack>
  );
}

function CommentItem({
  comment,
  stageId,
  depth,
  highlighted,
  canReply,
  onReply,
  mentionPeople,
  knownHandles,
  annotationLabel,
  onShowAnnotation,
}: {
  comment: ReviewComment;
  stageId: string;
  depth: number;
  highlighted: boolean;
  canReply: boolean;
  onReply: (c: ReviewComment) => void;
  mentionPeople?: readonly MentionablePerson[];
  knownHandles?: ReadonlySet<string>;
  /** "Show on V0.2" for a comment with annotations; the button is there when onShowAnnotation is. */
  annotationLabel: string;
  onShowAnnotation?: (c: ReviewComment) => void;
}) {
  const me = useMe();
  const external = me.user.isExternal;
  const reviewer = hasPermission(me, RevisionPermission.REVIEW) && !external;
  const mine = comment.author.id === me.user.id;
  const canDelete =
    !comment.deleted &&
    ((mine && hasPermission(me, COMMENT_DELETE)) || hasPermission(me, COMMENT_DELETE_ANY));
  const edit = useEditComment(stageId);
  const remove = useDeleteComment(stageId);
  const release = useReleaseComment(stageId);
  const makeItem = useCreateFeedbackItem(stageId);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.content ?? '');

  const saveEdit = () => {
    if (!draft.trim()) return;
    edit.mutate(
      { id: comment.id, content: draft },
      {
        onSuccess: () => setEditing(false),
        onError: (err) => notifyError(err, 'Could not edit the comment'),
      },
    );
  };

  return (
    <Box
      id={`comment-${comment.id}`}
      pl={depth > 0 ? 'md' : 0}
      ml={depth > 0 ? 'xs' : 0}
      py={6}
      px={6}
      style={{
        borderLeft: depth > 0 ? '2px solid var(--mantine-color-default-border)' : undefined,
        borderRadius: 4,
        background: highlighted ? 'var(--mantine-color-yellow-light)' : undefined,
        transition: 'background 200ms',
      }}
      data-testid="comment"
      data-comment-id={comment.id}
      data-visibility={comment.visibility}
    >
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600}>
          {comment.author.name}
        </Text>
        <RelativeTime value={comment.createdAt} size="xs" c="dimmed" />
        {comment.editedAt && !comment.deleted ? (
          <Text size="xs" c="dimmed">
            (edited)
          </Text>
        ) : null}
        {!external ? (
          <Badge
            size="xs"
            variant="light"
            color={comment.visibility === 'CLIENT' ? 'blue' : 'gray'}
            data-testid="comment-visibility-badge"
          >
            {comment.visibility === 'CLIENT' ? 'Client' : 'Internal'}
          </Badge>
        ) : null}
        {comment.visibility === 'CLIENT' && !comment.released && !external ? (
          <Badge size="xs" variant="outline" color="yellow" data-testid="comment-unreleased">
            Not released to artists
          </Badge>
        ) : null}
        {comment.annotations.length > 0 ? (
          onShowAnnotation ? (
            <Button
              size="compact-xs"
              variant="light"
              color="red"
              leftSection={<IconEye size={12} />}
              onClick={() => onShowAnnotation(comment)}
              data-testid="comment-show-annotation"
            >
              {annotationLabel}
            </Button>
          ) : (
            <Badge size="xs" variant="dot" color="red" data-testid="comment-annotation-badge">
              Annotation
            </Badge>
          )
        ) : null}
      </Group>

      {comment.deleted ? (
        <Text size="sm" c="dimmed" fs="italic">
          This comment was deleted.
        </Text>
      ) : editing ? (
        <Stack gap={6} mt={4}>
          <MentionTextarea
            autosize
            minRows={2}
            maxRows={10}
            maxLength={10_000}
            value={draft}
            onChange={setDraft}
            people={mentionPeople}
            onKeyDown={sendOnModEnter(saveEdit)}
            autoFocus
            size="sm"
            data-testid="comment-edit-input"
          />
          <Group gap="xs" justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button
              size="xs"
              onClick={saveEdit}
              loading={edit.isPending}
              disabled={!draft.trim()}
              data-testid="comment-edit-save"
            >
              Save
            </Button>
          </Group>
        </Stack>
      ) : (
        // Plain text, rendered as a React text node: never HTML.
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
          data-testid="comment-content"
        >
          <MentionText content={comment.content ?? ''} known={knownHandles} />
        </Text>
      )}

      {!comment.deleted && !editing ? (
        <Group gap={4} mt={2}>
          {canReply ? (
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              leftSection={<IconArrowBackUp size={12} />}
              onClick={() => onReply(comment)}
              data-testid="comment-reply"
            >
              Reply
            </Button>
          ) : null}
          {reviewer && comment.visibility === 'CLIENT' && !comment.released ? (
            <Button
              size="compact-xs"
              variant="light"
              color="blue"
              leftSection={<IconShare size={12} />}
              loading={release.isPending}
              onClick={() =>
                release.mutate(comment.id, {
                  onSuccess: () => notifySuccess('Released to the artists.'),
                  onError: (err) => notifyError(err, 'Could not release the comment'),
                })
              }
              data-testid="comment-release"
            >
              Release to artists
            </Button>
          ) : null}
          {!external && hasPermission(me, COMMENT_CREATE) ? (
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              leftSection={<IconListCheck size={12} />}
              loading={makeItem.isPending}
              onClick={() =>
                makeItem.mutate(
                  // From an annotation's comment the item points at the annotation (and so at
                  // its revision) too.
                  comment.annotations[0]
                    ? { commentId: comment.id, annotationId: comment.annotations[0].id }
                    : { commentId: comment.id },
                  {
                    onSuccess: () => notifySuccess('Action item added.'),
                    onError: (err) => notifyError(err, 'Could not make an action item'),
                  },
                )
              }
              data-testid="comment-make-item"
            >
              Make action item
            </Button>
          ) : null}
          {mine ? (
            <Tooltip label="Edit" openDelay={400}>
              <ActionIcon
                size="sm"
                variant="subtle"
                color="gray"
                aria-label="Edit comment"
                onClick={() => {
                  setDraft(comment.content ?? '');
                  setEditing(true);
                }}
                data-testid="comment-edit"
              >
                <IconPencil size={14} />
              </ActionIcon>
            </Tooltip>
          ) : null}
          {canDelete ? (
            <Tooltip label="Delete" openDelay={400}>
              <ActionIcon
                size="sm"
                variant="subtle"
                color="red"
                aria-label="Delete comment"
                loading={remove.isPending}
                onClick={() => {
                  if (!window.confirm('Delete this comment?')) return;
                  remove.mutate(comment.id, {
                    onError: (err) => notifyError(err, 'Could not delete the comment'),
                  });
                }}
                data-testid="comment-delete"
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Tooltip>
          ) : null}
        </Group>
      ) : null}
    </Box>
  );
}

const annotationLabel = (version: string | null) =>
  version ? `Show on ${version}` : 'Show annotation';

/**
 * What "Show on V0.2" does: the caller's handler, else on the deliverable page open the
 * comment's revision in the viewer with the comment selected; elsewhere nothing (no button).
 */
function useShowAnnotation(
  onShowAnnotation: ((c: ReviewComment) => void) | undefined,
): ((c: ReviewComment) => void) | undefined {
  const onDeliverablePage = useMatch({
    from: '/app/deliverables/$deliverableId',
    shouldThrow: false,
  });
  const navigate = useNavigate({ from: '/deliverables/$deliverableId' });
  const openInViewer = useCallback(
    (comment: ReviewComment) => {
      const view = comment.revisionId ?? comment.annotations[0]?.revisionId;
      if (!view) return;
      void navigate({
        to: '.',
        search: (prev) => ({ ...prev, view, comment: comment.id }),
      });
    },
    [navigate],
  );
  return onShowAnnotation ?? (onDeliverablePage ? openInViewer : undefined);
}

/** Orders a flat page (parents before replies) as a tree, depth-first. */
function threadOrder(items: readonly ReviewComment[]): { comment: ReviewComment; depth: number }[] {
  const children = new Map<string | null, ReviewComment[]>();
  const ids = new Set(items.map((c) => c.id));
  for (const c of items) {
    const key = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    const list = children.get(key) ?? [];
    list.push(c);
    children.set(key, list);
  }
  const out: { comment: ReviewComment; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of children.get(parent) ?? []) {
      out.push({ comment: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The stage's conversation: threaded comments, replies, and a box to write. */
export function CommentsThread({
  stageId,
  highlightedId,
  onShowAnnotation,
}: {
  stageId: string;
  highlightedId?: string | null;
  /**
   * Shows a comment's annotations. Defaults, on the deliverable page, to opening its revision
   * in the viewer with the comment selected (`?view=&comment=`); elsewhere, without it, the
   * comment only carries an "Annotation" badge.
   */
  onShowAnnotation?: (comment: ReviewComment) => void;
}) {
  const me = useMe();
  const external = me.user.isExternal;
  const canWrite = hasPermission(me, COMMENT_CREATE);
  const canChooseClient = !external && hasPermission(me, RevisionPermission.REVIEW);
  const comments = useStageComments(stageId);
  // Client viewers are not shown the agency's people: no list, and mentions they read are
  // highlighted as written.
  const mentionable = useMentionablePeople(stageId, !external && canWrite);
  const mentionPeople = mentionable.data?.items;
  const knownHandles = useMemo(
    () => (mentionPeople ? new Set(mentionPeople.map((p) => p.handle)) : undefined),
    [mentionPeople],
  );
  const versions = useStageVersions(stageId);
  const showAnnotation = useShowAnnotation(onShowAnnotation);
  const create = useCreateComment(stageId);
  const [replyTo, setReplyTo] = useState<ReviewComment | null>(null);
  const rows = useMemo(() => threadOrder(comments.data?.items ?? []), [comments.data]);

  const send = (content: string, visibility: CommentVisibility | undefined, parentId?: string) =>
    create.mutateAsync(
      { content, ...(parentId ? { parentId } : {}), ...(visibility ? { visibility } : {}) },
      { onError: (err) => notifyError(err, 'Could not send the comment') },
    );

  return (
    <Stack gap="xs" data-testid="comments-thread">
      {comments.isPending ? (
        <Text size="sm" c="dimmed">
          Loading comments…
        </Text>
      ) : comments.isError ? (
        <Text size="sm" c="red">
          Could not load the comments.
        </Text>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="comments-empty">
          No comments yet.
        </Text>
      ) : (
        <Stack gap={2}>
          {rows.map(({ comment, depth }) => (
            <Box key={comment.id}>
              <CommentItem
                comment={comment}
                stageId={stageId}
                depth={Math.min(depth, 4)}
                highlighted={highlightedId === comment.id}
                canReply={canWrite}
                onReply={setReplyTo}
                mentionPeople={mentionPeople}
                knownHandles={knownHandles}
                annotationLabel={annotationLabel(
                  versions.labelOf(comment.revisionId ?? comment.annotations[0]?.revisionId),
                )}
                onShowAnnotation={showAnnotation}
              />
              {replyTo?.id === comment.id ? (
                <Box pl="lg" py={4}>
                  <CommentComposer
                    placeholder={`Reply to ${comment.author.name}`}
                    canChooseClient={canChooseClient}
                    forcedVisibility={
                      external
                        ? 'CLIENT'
                        : comment.visibility === 'INTERNAL'
                          ? 'INTERNAL'
                          : undefined
                    }
                    pending={create.isPending}
                    autoFocus
                    onSend={(content, visibility) =>
                      send(content, visibility, comment.id).then(() => setReplyTo(null))
                    }
                    onCancel={() => setReplyTo(null)}
                    testId="reply-composer"
                    mentionPeople={mentionPeople}
                  />
                </Box>
              ) : null}
            </Box>
          ))}
        </Stack>
      )}
      {canWrite ? (
        <CommentComposer
          placeholder="Write a comment… (@name mentions)"
          canChooseClient={canChooseClient}
          forcedVisibility={external ? 'CLIENT' : undefined}
          pending={create.isPending && !replyTo}
          onSend={(content, visibility) => send(content, visibility)}
          mentionPeople={mentionPeople}
        />
      ) : null}
    </Stack>
  );
}
