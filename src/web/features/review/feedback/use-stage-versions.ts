import { useMemo } from 'react';
import { useStageRevisions } from '../../revisions/queries';
import { revisionLabel } from '../../revisions/revision-labels';

export interface StageVersion {
  id: string;
  label: string;
}

/**
 * A stage's versions for labels and filters: newest first, `latest` the newest one. Shares
 * the revisions list's cache, so an upload (which refreshes that list) shows here at once.
 */
export function useStageVersions(stageId: string) {
  const revisions = useStageRevisions(stageId);
  return useMemo(() => {
    const versions: StageVersion[] = (revisions.data?.pages ?? []).flatMap((p) =>
      p.items.map((r) => ({ id: r.id, label: revisionLabel(r) })),
    );
    return {
      versions,
      latest: versions[0] ?? null,
      labelOf: (id: string | null | undefined) =>
        (id && versions.find((v) => v.id === id)?.label) || null,
      isPending: revisions.isPending,
    };
  }, [revisions.data, revisions.isPending]);
}
