import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, getPage } from '../../lib/api';
import { invalidateDeliverableViews } from '../deliverables/queries';
import { sessionApiPaths } from './api-paths';
import type {
  Candidate,
  CandidateFilter,
  Completion,
  ReviewSession,
  ReviewSessionDetail,
  SessionDecision,
  SessionInput,
  SessionItem,
  SessionStatus,
  SessionSummary,
} from './types';

export const sessionKeys = {
  all: ['review-sessions'] as const,
  list: (status: string | undefined) => ['review-sessions', 'list', status ?? null] as const,
  open: () => ['review-sessions', 'open'] as const,
  detail: (id: string) => ['review-sessions', 'detail', id] as const,
  summary: (id: string) => ['review-sessions', 'summary', id] as const,
  candidates: (filter: CandidateFilter) => ['review-sessions', 'candidates', filter] as const,
};

export const SESSIONS_PAGE_SIZE = 30;

export function useReviewSessions(status: SessionStatus | undefined) {
  return useInfiniteQuery({
    queryKey: sessionKeys.list(status),
    queryFn: ({ pageParam, signal }) =>
      getPage<ReviewSession>(
        sessionApiPaths.list(),
        { limit: SESSIONS_PAGE_SIZE, cursor: pageParam, status },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Sessions that can still take items (drafts and those in progress), newest first. */
export function useOpenSessions(enabled: boolean) {
  return useQuery({
    queryKey: sessionKeys.open(),
    queryFn: async ({ signal }) => {
      const [drafts, running] = await Promise.all([
        getPage<ReviewSession>(sessionApiPaths.list(), { limit: 100, status: 'DRAFT' }, signal),
        getPage<ReviewSession>(
          sessionApiPaths.list(),
          { limit: 100, status: 'IN_PROGRESS' },
          signal,
        ),
      ]);
      return [...drafts.items, ...running.items].sort((a, b) =>
        b.createdAt.localeCompare(a.createdAt),
      );
    },
    enabled,
  });
}

export function useReviewSession(id: string) {
  return useQuery({
    queryKey: sessionKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<ReviewSessionDetail>(sessionApiPaths.session(id), undefined, signal),
  });
}

export function useSessionSummary(id: string, enabled: boolean) {
  return useQuery({
    queryKey: sessionKeys.summary(id),
    queryFn: ({ signal }) =>
      api.get<SessionSummary>(sessionApiPaths.summary(id), undefined, signal),
    enabled,
  });
}

export function useCandidates(filter: CandidateFilter, enabled = true) {
  return useQuery({
    queryKey: sessionKeys.candidates(filter),
    queryFn: ({ signal }) =>
      api.get<{ items: Candidate[] }>(
        sessionApiPaths.candidates(),
        {
          projectId: filter.projectId,
          stageStatus: filter.stageStatus,
          stageIds: filter.stageIds?.join(','),
          sessionId: filter.sessionId,
          limit: 200,
        },
        signal,
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** A changed session: its detail (from the answer), and every list and summary. */
function storeDetail(queryClient: QueryClient, detail: ReviewSessionDetail) {
  queryClient.setQueryData(sessionKeys.detail(detail.id), detail);
  void queryClient.invalidateQueries({
    queryKey: sessionKeys.all,
    predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== detail.id,
  });
}

export function useCreateSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SessionInput) =>
      api.post<ReviewSessionDetail>(sessionApiPaths.list(), input),
    onSuccess: (detail) => storeDetail(queryClient, detail),
  });
}

export function useUpdateSession(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<SessionInput>) =>
      api.patch<ReviewSessionDetail>(sessionApiPaths.session(id), patch),
    onSuccess: (detail) => storeDetail(queryClient, detail),
  });
}

/** Adds revisions to a session (any session: the id travels with the call). */
export function useAddItems() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, revisionIds }: { sessionId: string; revisionIds: string[] }) =>
      api.post<ReviewSessionDetail>(sessionApiPaths.items(sessionId), { revisionIds }),
    onSuccess: (detail) => storeDetail(queryClient, detail),
  });
}

export function useRemoveItem(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (itemId: string) => api.delete(sessionApiPaths.item(id, itemId)),
    onMutate: (itemId) => {
      const key = sessionKeys.detail(id);
      const before = queryClient.getQueryData<ReviewSessionDetail>(key);
      if (before) {
        const items = before.items
          .filter((i) => i.id !== itemId)
          .map((i, index) => ({ ...i, position: index + 1 }));
        queryClient.setQueryData(key, { ...before, items, itemCount: items.length });
      }
      return { before };
    },
    onError: (_err, _itemId, context) => {
      if (context?.before) queryClient.setQueryData(sessionKeys.detail(id), context.before);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

/** New order of every item; the list moves at once and rolls back if the server refuses. */
export function useReorderItems(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.put<ReviewSessionDetail>(sessionApiPaths.order(id), { ids }),
    onMutate: (ids) => {
      const key = sessionKeys.detail(id);
      const before = queryClient.getQueryData<ReviewSessionDetail>(key);
      if (before) {
        const byId = new Map(before.items.map((i) => [i.id, i]));
        const items = ids
          .map((itemId) => byId.get(itemId))
          .filter((i): i is SessionItem => !!i)
          .map((i, index) => ({ ...i, position: index + 1 }));
        queryClient.setQueryData(key, { ...before, items });
      }
      return { before };
    },
    onError: (_err, _ids, context) => {
      if (context?.before) queryClient.setQueryData(sessionKeys.detail(id), context.before);
    },
    onSuccess: (detail) => storeDetail(queryClient, detail),
  });
}

export interface DecideInput {
  itemId: string;
  decision: SessionDecision;
  note: string | null;
}

/** Records the decision (and note) on an item; shown at once, kept in step with the answer. */
export function useDecideItem(id: string) {
  const queryClient = useQueryClient();
  const key = sessionKeys.detail(id);
  const patchItem = (itemId: string, patch: Partial<SessionItem>) =>
    queryClient.setQueryData<ReviewSessionDetail>(key, (old) =>
      old
        ? { ...old, items: old.items.map((i) => (i.id === itemId ? { ...i, ...patch } : i)) }
        : old,
    );
  return useMutation({
    mutationFn: ({ itemId, decision, note }: DecideInput) =>
      api.patch<SessionItem>(sessionApiPaths.item(id, itemId), { decision, note }),
    onMutate: ({ itemId, decision, note }) => {
      const before = queryClient.getQueryData<ReviewSessionDetail>(key);
      patchItem(itemId, { decision, decisionNote: note?.trim() || null });
      return { before };
    },
    onError: (_err, _input, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
    },
    onSuccess: (item) => patchItem(item.id, item),
    onSettled: () =>
      void queryClient.invalidateQueries({
        queryKey: sessionKeys.all,
        predicate: (q) => q.queryKey[1] !== 'detail',
      }),
  });
}

export function useStartSession(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ReviewSessionDetail>(sessionApiPaths.start(id)),
    onSuccess: (detail) => storeDetail(queryClient, detail),
  });
}

/** Completing applies the decisions to the stages: the deliverable views move too. */
export function useCompleteSession(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Completion>(sessionApiPaths.complete(id)),
    onSuccess: (result) => {
      storeDetail(queryClient, result.session);
      invalidateDeliverableViews(queryClient);
      void queryClient.invalidateQueries({ queryKey: ['revisions'] });
      void queryClient.invalidateQueries({ queryKey: ['review'] });
    },
  });
}
