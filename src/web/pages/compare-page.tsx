import {
  ActionIcon,
  Card,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconArrowsExchange, IconColumns } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { AnchorLink } from '../components/ui/router-link';
import { useDeliverable } from '../features/deliverables/queries';
import { hasPermission, useMe } from '../features/me/queries';
import { ImageWipe } from '../features/revisions/image-wipe';
import { useRevision } from '../features/revisions/queries';
import { RevisionBadges } from '../features/revisions/revision-badges';
import { revisionLabel, RevisionPermission } from '../features/revisions/revision-labels';
import { isViewable } from '../features/revisions/revision-media';
import { SideBySide } from '../features/revisions/side-by-side';
import type { Revision } from '../features/revisions/types';
import { usePageTitle } from '../lib/use-page-title';

const route = getRouteApi('/app/deliverables/$deliverableId/compare');

export type CompareMode = 'side' | 'wipe';

const MEDIA_HEIGHT = 'max(320px, calc(100dvh - 360px))';

/** Two versions of a deliverable side by side (synchronised) or, for two images, in a wipe. */
export function ComparePage() {
  const { deliverableId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/deliverables/$deliverableId/compare' });
  const me = useMe();
  const deliverable = useDeliverable(deliverableId);
  const a = useRevision(search.a);
  const b = useRevision(search.b);
  const la = a.data ? revisionLabel(a.data) : null;
  const lb = b.data ? revisionLabel(b.data) : null;
  usePageTitle(la && lb ? `Compare ${la} ↔ ${lb}` : 'Compare versions');

  const stageSlug = deliverable.data?.stages.find((s) => s.id === a.data?.stageId)?.slug;
  const back = (
    <AnchorLink
      to="/deliverables/$deliverableId"
      params={{ deliverableId }}
      search={stageSlug ? { stage: stageSlug } : {}}
      size="sm"
      c="dimmed"
      data-testid="compare-back"
    >
      ← {deliverable.data?.name ?? 'Deliverable'}
    </AnchorLink>
  );

  if (!search.a || !search.b) {
    return (
      <Stack gap="md">
        {back}
        <EmptyPanel
          icon={<IconColumns size={22} />}
          title="Pick two versions to compare"
          description="On the deliverable, tick two versions of a stage and choose Compare."
        />
      </Stack>
    );
  }
  const failed = a.error ?? b.error;
  if (failed) {
    return (
      <Stack gap="md">
        {back}
        <ErrorAlert
          error={failed}
          onRetry={() => {
            void a.refetch();
            void b.refetch();
          }}
        />
      </Stack>
    );
  }

  const both = a.data && b.data ? { a: a.data, b: b.data } : null;
  const canWipe =
    !!both &&
    both.a.asset.kind === 'image' &&
    both.b.asset.kind === 'image' &&
    isViewable(both.a) &&
    isViewable(both.b);
  const mode: CompareMode = canWipe && search.mode === 'wipe' ? 'wipe' : 'side';
  const canReprocess = !me.user.isExternal && hasPermission(me, RevisionPermission.UPDATE);

  const swap = () =>
    void navigate({ search: (prev) => ({ ...prev, a: prev.b, b: prev.a }), replace: true });
  const setMode = (m: string) =>
    void navigate({
      search: (prev) => ({ ...prev, mode: m === 'wipe' ? 'wipe' : undefined }),
      replace: true,
    });

  return (
    <Stack gap="md">
      {back}
      <Card withBorder padding="md" data-testid="compare-header">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Group gap="sm" wrap="wrap">
            <Title order={2} fz="h4" fw={600}>
              Compare
            </Title>
            <SideLabel side="A" revision={a.data} />
            <Tooltip label="Swap A and B" withArrow>
              <ActionIcon
                variant="default"
                onClick={swap}
                aria-label="Swap A and B"
                data-testid="compare-swap"
              >
                <IconArrowsExchange size={16} />
              </ActionIcon>
            </Tooltip>
            <SideLabel side="B" revision={b.data} />
          </Group>
          {canWipe ? (
            <SegmentedControl
              size="xs"
              value={mode}
              onChange={setMode}
              data={[
                { value: 'side', label: 'Side by side' },
                { value: 'wipe', label: 'Wipe' },
              ]}
              aria-label="Compare mode"
              data-testid="compare-mode"
            />
          ) : null}
        </Group>
      </Card>

      {!both ? (
        <Skeleton h={MEDIA_HEIGHT} radius="md" />
      ) : mode === 'wipe' ? (
        <ImageWipe a={both.a} b={both.b} h={MEDIA_HEIGHT} />
      ) : (
        <SideBySide
          key={`${both.a.id}-${both.b.id}`}
          a={both.a}
          b={both.b}
          h={MEDIA_HEIGHT}
          canReprocess={canReprocess}
        />
      )}
      {both ? <KeyboardHint revisions={[both.a, both.b]} mode={mode} /> : null}
    </Stack>
  );
}

function SideLabel({ side, revision }: { side: 'A' | 'B'; revision: Revision | undefined }) {
  if (!revision) return <Skeleton w={120} h={24} />;
  return (
    <Group gap={6} wrap="nowrap" data-testid={`compare-label-${side}`}>
      <Text size="sm" c="dimmed" fw={600}>
        {side}
      </Text>
      <Text fw={700}>{revisionLabel(revision)}</Text>
      <RevisionBadges revision={revision} />
      <Text size="xs" c="dimmed" truncate maw={220} visibleFrom="md">
        {revision.fileName ?? ''}
      </Text>
    </Group>
  );
}

function KeyboardHint({ revisions, mode }: { revisions: Revision[]; mode: CompareMode }) {
  const hints: string[] = [];
  if (mode === 'wipe') hints.push('← → move the divider (Shift: faster)');
  else {
    const shown = revisions.filter(isViewable);
    if (shown.some((r) => r.asset.kind === 'image')) hints.push('+ − zoom, 0 fit, drag to pan');
    if (shown.some((r) => r.asset.kind === 'video'))
      hints.push('Space play/pause', '“,” “.” previous / next frame');
  }
  if (hints.length === 0) return null;
  return (
    <Text size="xs" c="dimmed">
      Keyboard: {hints.join(' · ')}
    </Text>
  );
}
