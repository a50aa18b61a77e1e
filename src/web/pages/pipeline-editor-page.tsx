import { Stack } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { ErrorAlert } from '../components/ui/error-alert';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { AnchorLink } from '../components/ui/router-link';
import { hasPermission, useMe } from '../features/me/queries';
import { draftFromPipeline, duplicateDraft, emptyDraft } from '../features/pipelines/draft';
import { PipelineEditor } from '../features/pipelines/pipeline-editor';
import { usePipeline } from '../features/pipelines/queries';
import { Permission } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

const editRoute = getRouteApi('/app/pipelines/$pipelineId');
const newRoute = getRouteApi('/app/pipelines/new');

function BackLink() {
  return (
    <AnchorLink to="/pipelines" size="sm" c="dimmed">
      ← All pipelines
    </AnchorLink>
  );
}

export function PipelineEditorPage() {
  const { pipelineId } = editRoute.useParams();
  const me = useMe();
  const pipeline = usePipeline(pipelineId);
  usePageTitle(pipeline.data?.name ?? 'Pipeline');
  const canEdit = hasPermission(me, Permission.PIPELINE_MANAGE);
  const initial = useMemo(
    () => (pipeline.data ? draftFromPipeline(pipeline.data) : null),
    // Only the first load seeds the editor; later refetches must not wipe edits.
    [pipeline.data?.id],
  );
  return (
    <Stack gap="xs">
      <BackLink />
      {pipeline.isPending ? (
        <TableSkeleton rows={6} height={56} />
      ) : pipeline.isError ? (
        <ErrorAlert error={pipeline.error} onRetry={() => void pipeline.refetch()} />
      ) : initial ? (
        <PipelineEditor
          key={pipeline.data.id}
          pipeline={pipeline.data}
          initialDraft={initial}
          canEdit={canEdit}
        />
      ) : null}
    </Stack>
  );
}

export function PipelineNewPage() {
  usePageTitle('New pipeline');
  const { from } = newRoute.useSearch();
  const me = useMe();
  const source = usePipeline(from ?? null);
  const canEdit = hasPermission(me, Permission.PIPELINE_MANAGE);
  const waiting = !!from && source.isPending;
  const initial = useMemo(
    () => (from && source.data ? duplicateDraft(source.data) : emptyDraft()),
    [from, source.data?.id],
  );
  return (
    <Stack gap="xs">
      <BackLink />
      {waiting ? (
        <TableSkeleton rows={6} height={56} />
      ) : (
        <>
          {from && source.isError ? <ErrorAlert error={source.error} /> : null}
          <PipelineEditor
            key={from ?? 'blank'}
            pipeline={null}
            initialDraft={initial}
            canEdit={canEdit}
          />
        </>
      )}
    </Stack>
  );
}
