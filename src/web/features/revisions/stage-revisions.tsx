import { Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ui/confirm-modal';
import { ErrorAlert } from '../../components/ui/error-alert';
import { LoadMore } from '../../components/ui/load-more';
import { notifySuccess } from '../../components/ui/notify';
import { ButtonLink } from '../../components/ui/router-link';
import type { DeliverableDetail, DeliverableStage } from '../deliverables/types';
import { flattenPages } from '../users/queries';
import { useSendToClient, useStageRevisions } from './queries';
import { RevisionDropZone } from './revision-drop-zone';
import { nextUploadLabel, revisionLabel, sendableRevision, sentLabelFor } from './revision-labels';
import { RevisionRow } from './revision-row';
import { comparePair, RevisionViewer } from './revision-viewer';
import type { Revision } from './types';

export interface RevisionPermissions {
  canUpload: boolean;
  canSend: boolean;
  canReprocess: boolean;
  /** Staff; client viewers only ever receive sent versions. */
  internal: boolean;
}

/**
 * The version chain of one stage: drop zone, revisions newest first, the viewer, send to client
 * and picking two versions to compare.
 */
export interface ViewerState {
  revisionId: string | null;
  /** The comment picked in the viewer (its annotations highlighted, a video at their frame). */
  commentId: string | null;
}

export function StageRevisions({
  deliverable,
  stage,
  perms,
  view: keptView,
  onView,
}: {
  deliverable: DeliverableDetail;
  stage: DeliverableStage;
  perms: RevisionPermissions;
  /** What the viewer shows, when the page keeps it (in the URL, to link to it); else local. */
  view?: ViewerState;
  onView?: (revisionId: string | null, commentId: string | null) => void;
}) {
  const query = useStageRevisions(stage.id);
  const chain = flattenPages(query.data);
  const [localView, setLocalView] = useState<ViewerState>({ revisionId: null, commentId: null });
  const view = keptView ?? localView;
  const setView = onView ?? ((revisionId, commentId) => setLocalView({ revisionId, commentId }));
  const viewingId = view.revisionId;
  const [selected, setSelected] = useState<string[]>([]);
  const [sendingId, setSendingId] = useState<string | null>(null);

  const sendable = perms.canSend && perms.internal ? sendableRevision(chain) : null;
  const viewing = chain.find((r) => r.id === viewingId) ?? null;
  const picked = selected
    .map((id) => chain.find((r) => r.id === id))
    .filter((r): r is Revision => !!r);
  const nextLabel = nextUploadLabel(chain);

  // Two at most: picking a third lets go of the first one picked.
  const toggle = (id: string) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id].slice(-2)));

  return (
    <Stack gap={6} data-testid="stage-revisions" data-stage={stage.slug}>
      <Group justify="space-between" gap="sm" wrap="wrap" mih={26}>
        <Group gap={6}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
            Versions
          </Text>
          {query.data ? (
            <Text size="xs" c="dimmed" data-testid="revisions-count">
              {chain.length}
              {query.hasNextPage ? '+' : ''}
            </Text>
          ) : null}
        </Group>
        <CompareAction deliverableId={deliverable.id} picked={picked} total={chain.length} />
      </Group>

      <Stack gap="sm">
        {perms.canUpload && perms.internal ? (
          <RevisionDropZone
            stageId={stage.id}
            deliverableId={deliverable.id}
            nextLabel={nextLabel}
            empty={query.isSuccess && chain.length === 0}
            canReprocess={perms.canReprocess}
          />
        ) : null}

        {query.isPending ? (
          <Stack gap="xs">
            {[0, 1].map((i) => (
              <Skeleton key={i} height={63} />
            ))}
          </Stack>
        ) : query.isError ? (
          <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        ) : chain.length === 0 ? (
          perms.canUpload && perms.internal ? null : (
            <Text size="sm" c="dimmed" py="xs" data-testid="revisions-empty">
              {perms.internal
                ? 'No versions yet. Someone with upload rights can drop an image or video here.'
                : 'No version of this stage has been sent to you yet.'}
            </Text>
          )
        ) : (
          <Stack gap={0} data-testid="revision-chain">
            {chain.map((r) => (
              <RevisionRow
                key={r.id}
                revision={r}
                selected={selected.includes(r.id)}
                selectable={chain.length > 1}
                canSend={sendable?.id === r.id}
                canReprocess={perms.canReprocess}
                internal={perms.internal}
                onToggleSelect={() => toggle(r.id)}
                onOpen={() => setView(r.id, null)}
                onSend={() => setSendingId(r.id)}
              />
            ))}
          </Stack>
        )}
        <LoadMore
          hasNextPage={query.hasNextPage}
          isFetchingNextPage={query.isFetchingNextPage}
          fetchNextPage={query.fetchNextPage}
        />
      </Stack>

      <RevisionViewer
        revision={viewing}
        chain={chain}
        canReprocess={perms.canReprocess}
        selectedCommentId={view.commentId}
        onSelectComment={(commentId) => viewing && setView(viewing.id, commentId)}
        onClose={() => setView(null, null)}
      />
      <SendToClientModal
        stageId={stage.id}
        deliverableId={deliverable.id}
        chain={chain}
        revision={chain.find((r) => r.id === sendingId) ?? null}
        onClose={() => setSendingId(null)}
      />
    </Stack>
  );
}

function CompareAction({
  deliverableId,
  picked,
  total,
}: {
  deliverableId: string;
  picked: Revision[];
  total: number;
}) {
  if (total < 2) return null;
  const [x, y] = picked;
  if (!x || !y) {
    return (
      <Text size="xs" c="dimmed" data-testid="revision-compare-hint">
        {x
          ? `${revisionLabel(x)} picked — tick one more to compare`
          : 'Tick two versions to compare'}
      </Text>
    );
  }
  const pair = comparePair(x, y);
  const [a, b] = pair.a === x.id ? [x, y] : [y, x];
  return (
    <ButtonLink
      to="/deliverables/$deliverableId/compare"
      params={{ deliverableId }}
      search={pair}
      size="xs"
      leftSection={<IconColumns size={14} />}
      data-testid="revision-compare"
    >
      Compare {revisionLabel(a)} ↔ {revisionLabel(b)}
    </ButtonLink>
  );
}

/** Explains what sending does (it becomes the next major and goes to the client), then sends. */
function SendToClientModal({
  stageId,
  deliverableId,
  chain,
  revision,
  onClose,
}: {
  stageId: string;
  deliverableId: string;
  chain: readonly Revision[];
  revision: Revision | null;
  onClose: () => void;
}) {
  const send = useSendToClient(stageId, deliverableId);
  const from = revision ? revisionLabel(revision) : '';
  const to = revision ? sentLabelFor(chain, revision.id) : null;
  const close = () => {
    send.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={!!revision}
      title={`Send ${from} to the client?`}
      confirmLabel={to ? `Send as ${to}` : 'Send'}
      loading={send.isPending}
      onConfirm={() => {
        if (!revision) return;
        send.mutate(revision.id, {
          onSuccess: (sent) => {
            notifySuccess(`${revisionLabel(sent)} sent to the client.`);
            close();
          },
        });
      }}
      onClose={close}
    >
      <Stack gap="xs">
        <Text size="sm">
          <strong>{from}</strong>
          {revision?.fileName ? ` (${revision.fileName})` : ''} becomes{' '}
          <strong>{to ?? 'the next version'}</strong> and is delivered to the client: their viewers
          will see it and the deliverable goes to client review.
        </Text>
        <Text size="sm" c="dimmed">
          Later uploads continue as {to ? `${to}.1, ${to}.2 and so on` : 'its minor versions'}. This
          cannot be undone.
        </Text>
        {send.isError ? <ErrorAlert error={send.error} title="Not sent" /> : null}
      </Stack>
    </ConfirmModal>
  );
}
