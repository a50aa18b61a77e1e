import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, getPage, postForm, type Page, type UploadProgress } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import { deliverablesKeys, invalidateDeliverableViews } from '../deliverables/queries';
import { isProcessing } from './revision-labels';
import type { Delivery, Revision } from './types';

export const revisionsKeys = {
  all: ['revisions'] as const,
  ofStage: (stageId: string) => ['revisions', 'stage', stageId] as const,
  detail: (id: string) => ['revisions', 'detail', id] as const,
  deliveries: (id: string) => ['revisions', 'deliveries', id] as const,
};

export const REVISIONS_PAGE_SIZE = 50;
/** How often a revision that is still being processed is asked for again. */
export const PROCESSING_POLL_MS = 1000;

type RevisionPages = InfiniteData<Page<Revision>, string | null>;

/** A stage's version chain, newest first (client viewers only receive sent versions). */
export function useStageRevisions(stageId: string) {
  return useInfiniteQuery({
    queryKey: revisionsKeys.ofStage(stageId),
    queryFn: ({ pageParam, signal }) =>
      getPage<Revision>(
        apiPaths.stageRevisions(stageId),
        { limit: REVISIONS_PAGE_SIZE, cursor: pageParam },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Replaces (or, with `prepend`, adds on top) a revision in its stage's cached chain. */
function putInChain(queryClient: QueryClient, revision: Revision, prepend = false) {
  queryClient.setQueryData<RevisionPages>(revisionsKeys.ofStage(revision.stageId), (data) => {
    if (!data?.pages[0]) return data;
    const known = data.pages.some((p) => p.items.some((r) => r.id === revision.id));
    if (!known && !prepend) return data;
    const pages = data.pages.map((p) => ({
      ...p,
      items: p.items.map((r) => (r.id === revision.id ? revision : r)),
    }));
    if (!known) pages[0] = { ...pages[0]!, items: [revision, ...pages[0]!.items] };
    return { ...data, pages };
  });
  queryClient.setQueryData(revisionsKeys.detail(revision.id), revision);
}

/** A stage change (upload, send) can move the stage and the deliverable: refetch them. */
function invalidateDeliverable(queryClient: QueryClient, deliverableId: string) {
  void queryClient.invalidateQueries({ queryKey: deliverablesKeys.detail(deliverableId) });
  void queryClient.invalidateQueries({ queryKey: deliverablesKeys.history(deliverableId) });
  invalidateDeliverableViews(queryClient, deliverableId);
}

export function useRevision(id: string | undefined) {
  return useQuery({
    queryKey: revisionsKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Revision>(apiPaths.revision(id!), undefined, signal),
    enabled: !!id,
    // Keep asking while the media is being processed (previews, HLS, progress).
    refetchInterval: (q) =>
      isProcessing(q.state.data?.asset.processing.state) ? PROCESSING_POLL_MS : false,
  });
}

/**
 * A revision that may still be processing, polled every second until it is done or failed.
 * Every view of one revision shares the query (and so the poll). `known` is its first copy.
 */
export function useProcessingRevision(known: Revision) {
  return useQuery({
    queryKey: revisionsKeys.detail(known.id),
    queryFn: ({ signal }) => api.get<Revision>(apiPaths.revision(known.id), undefined, signal),
    initialData: known,
    initialDataUpdatedAt: 0,
    // The copy we have counts as fresh: only the processing poll fetches.
    staleTime: Infinity,
    refetchInterval: (q) =>
      isProcessing(q.state.data?.asset.processing.state) ? PROCESSING_POLL_MS : false,
  });
}

/**
 * The freshest copy of a revision listed in its stage's chain. The chain and the poll are kept
 * in step, the newer answer winning: a poll brings thumbnails and progress into the chain; a
 * refetched chain showing an outside change (a reprocess) restarts the poll.
 */
export function useLiveRevision(listed: Revision): Revision {
  const queryClient = useQueryClient();
  const query = useProcessingRevision(listed);
  const live = query.data;
  const liveAt = query.dataUpdatedAt;
  useEffect(() => {
    // Compared by content: the caches copy objects (structural sharing).
    if (JSON.stringify(live) === JSON.stringify(listed)) return;
    const listAt = queryClient.getQueryState(revisionsKeys.ofStage(listed.stageId))?.dataUpdatedAt;
    if (liveAt > (listAt ?? 0)) putInChain(queryClient, live);
    else queryClient.setQueryData(revisionsKeys.detail(listed.id), listed);
  }, [live, liveAt, listed, queryClient]);
  return live;
}

export interface UploadRevisionVariables {
  file: File;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** Uploads one file as the next revision of a stage (multipart, with progress). */
export function useUploadRevision(stageId: string, deliverableId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress, signal }: UploadRevisionVariables) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return postForm<Revision>(apiPaths.stageRevisions(stageId), form, { onProgress, signal });
    },
    onSuccess: (created) => {
      putInChain(queryClient, created, true);
      void queryClient.invalidateQueries({ queryKey: revisionsKeys.ofStage(stageId) });
      invalidateDeliverable(queryClient, deliverableId);
    },
  });
}

/** Promotes the latest internal revision to the next major and delivers it to the client. */
export function useSendToClient(stageId: string, deliverableId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (revisionId: string) =>
      api.post<Revision>(apiPaths.stageRevisionSend(stageId, revisionId), {}),
    onSuccess: (sent) => {
      putInChain(queryClient, sent);
      void queryClient.invalidateQueries({ queryKey: revisionsKeys.ofStage(stageId) });
      void queryClient.invalidateQueries({ queryKey: revisionsKeys.deliveries(sent.id) });
      invalidateDeliverable(queryClient, deliverableId);
    },
    onError: () => {
      // 409: someone else uploaded or sent meanwhile; show the chain as it is now.
      void queryClient.invalidateQueries({ queryKey: revisionsKeys.ofStage(stageId) });
    },
  });
}

/** Runs the media processing of a revision again (after a failure). */
export function useReprocessRevision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (revisionId: string) => api.post<Revision>(apiPaths.revisionReprocess(revisionId)),
    onSuccess: (revision) => putInChain(queryClient, revision),
  });
}

/** The outbound delivery log of a sent version, newest first. */
export function useDeliveries(revisionId: string, enabled = true) {
  return useQuery({
    queryKey: revisionsKeys.deliveries(revisionId),
    queryFn: ({ signal }) =>
      getPage<Delivery>(apiPaths.revisionDeliveries(revisionId), { limit: 20 }, signal),
    enabled,
    // A fresh send is delivered in the background: look again until it settles.
    refetchInterval: (q) =>
      q.state.data?.items.some((d) => d.status === 'PENDING') ? 3000 : false,
  });
}
