import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { getPage, postForm, type UploadProgress } from '../../lib/api';
import { deliverablesKeys, invalidateDeliverableViews } from '../deliverables/queries';
import { holdingPenKeys } from '../holding-pen/queries';
import { revisionsKeys } from '../revisions/queries';
import type { InboundLogEntry, InboundResult } from './types';

export const inboundPaths = {
  upload: () => '/api/inbound/upload',
  log: () => '/api/inbound/log',
};

export interface InboundLogFilter {
  outcome?: string;
  channel?: string;
}

export const inboundKeys = {
  all: ['inbound'] as const,
  log: (filter: InboundLogFilter) => ['inbound', 'log', filter] as const,
};

export const INBOUND_LOG_PAGE_SIZE = 50;

/** The inbound log, newest first, filtered by outcome and channel. */
export function useInboundLog(filter: InboundLogFilter) {
  return useInfiniteQuery({
    queryKey: inboundKeys.log(filter),
    queryFn: ({ pageParam, signal }) =>
      getPage<InboundLogEntry>(
        inboundPaths.log(),
        {
          limit: INBOUND_LOG_PAGE_SIZE,
          cursor: pageParam,
          outcome: filter.outcome,
          channel: filter.channel,
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Upload one file by its name: the server decides where it goes. */
export function useInboundUpload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      file,
      onProgress,
      signal,
    }: {
      file: File;
      onProgress?: (p: UploadProgress) => void;
      signal?: AbortSignal;
    }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return postForm<InboundResult>(inboundPaths.upload(), form, { onProgress, signal });
    },
    onSettled: (result) => {
      void queryClient.invalidateQueries({ queryKey: inboundKeys.all });
      if (result?.stageId)
        void queryClient.invalidateQueries({ queryKey: revisionsKeys.ofStage(result.stageId) });
      if (result?.deliverableId) {
        void queryClient.invalidateQueries({
          queryKey: holdingPenKeys.ofDeliverable(result.deliverableId),
        });
        void queryClient.invalidateQueries({
          queryKey: deliverablesKeys.detail(result.deliverableId),
        });
        invalidateDeliverableViews(queryClient, result.deliverableId);
      }
    },
  });
}
