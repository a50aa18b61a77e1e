import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, getPage } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import { deliverablesKeys, invalidateDeliverableViews } from '../deliverables/queries';
import { reviewKeys } from '../review/queries';
import { revisionsKeys } from '../revisions/queries';
import type { Revision } from '../revisions/types';
import type { HeldFile } from './types';

const enc = encodeURIComponent;

export const holdingPenPaths = {
  list: (deliverableId: string) => `${apiPaths.deliverable(deliverableId)}/holding-pen`,
  file: (deliverableId: string, fileId: string) =>
    `${apiPaths.deliverable(deliverableId)}/holding-pen/${enc(fileId)}`,
};

export const holdingPenKeys = {
  all: ['holding-pen'] as const,
  ofDeliverable: (deliverableId: string) => ['holding-pen', deliverableId] as const,
};

/** A deliverable's held files (staff only; the server answers 404 to client viewers). */
export function useHoldingPen(deliverableId: string, enabled: boolean) {
  return useQuery({
    queryKey: holdingPenKeys.ofDeliverable(deliverableId),
    queryFn: ({ signal }) => getPage<HeldFile>(holdingPenPaths.list(deliverableId), {}, signal),
    enabled,
    // Files arrive from outside (Box, the API): look again now and then.
    refetchInterval: 30_000,
  });
}

function invalidateAfter(queryClient: QueryClient, deliverableId: string, stageId?: string) {
  void queryClient.invalidateQueries({ queryKey: holdingPenKeys.ofDeliverable(deliverableId) });
  if (stageId) {
    void queryClient.invalidateQueries({ queryKey: revisionsKeys.ofStage(stageId) });
    void queryClient.invalidateQueries({ queryKey: reviewKeys.feedback(stageId) });
  }
  void queryClient.invalidateQueries({ queryKey: deliverablesKeys.detail(deliverableId) });
  void queryClient.invalidateQueries({ queryKey: deliverablesKeys.history(deliverableId) });
  invalidateDeliverableViews(queryClient, deliverableId);
}

/** Promote: the held file becomes the next minor on the chosen stage. */
export function usePromoteHeldFile(deliverableId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ fileId, stageId }: { fileId: string; stageId: string }) =>
      api.post<Revision>(holdingPenPaths.file(deliverableId, fileId), { stageId }),
    onSuccess: (revision) => invalidateAfter(queryClient, deliverableId, revision.stageId),
    // 404 / 409: someone else promoted or discarded it meanwhile; show the pen as it is now.
    onError: () => invalidateAfter(queryClient, deliverableId),
  });
}

export function useDiscardHeldFile(deliverableId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fileId: string) => api.delete(holdingPenPaths.file(deliverableId, fileId)),
    onSettled: () => invalidateAfter(queryClient, deliverableId),
  });
}
