import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, getPage } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import { deliverablesKeys, invalidateDeliverableViews } from '../deliverables/queries';
import { revisionsKeys } from '../revisions/queries';
import type {
  Annotation,
  CreateAnnotationInput,
  CreateCommentInput,
  Decision,
  DecisionInput,
  CreateFeedbackItemInput,
  FeedbackItem,
  FeedbackListFilter,
  FeedbackStatus,
  MentionablePerson,
  ReviewComment,
} from './types';

export const reviewKeys = {
  all: ['review'] as const,
  comments: (stageId: string) => ['review', 'comments', stageId] as const,
  annotations: (revisionId: string) => ['review', 'annotations', revisionId] as const,
  decisions: (stageId: string) => ['review', 'decisions', stageId] as const,
  feedback: (stageId: string) => ['review', 'feedback', stageId] as const,
  feedbackList: (stageId: string, filter: FeedbackListFilter) =>
    ['review', 'feedback', stageId, filter] as const,
  feedbackChains: ['review', 'feedback-chain'] as const,
  feedbackChain: (id: string) => ['review', 'feedback-chain', id] as const,
  mentionable: (stageId: string) => ['review', 'mentionable', stageId] as const,
};

/** Comments and feedback are short lists per stage: one page of this size is plenty. */
const LIST_LIMIT = 200;

export function useStageComments(stageId: string) {
  return useQuery({
    queryKey: reviewKeys.comments(stageId),
    queryFn: ({ signal }) =>
      getPage<ReviewComment>(apiPaths.stageComments(stageId), { limit: LIST_LIMIT }, signal),
  });
}

export function useRevisionAnnotations(revisionId: string, enabled = true) {
  return useQuery({
    queryKey: reviewKeys.annotations(revisionId),
    queryFn: ({ signal }) =>
      getPage<Annotation>(apiPaths.revisionAnnotations(revisionId), { limit: LIST_LIMIT }, signal),
    enabled,
  });
}

function invalidateComments(queryClient: QueryClient, stageId: string) {
  void queryClient.invalidateQueries({ queryKey: reviewKeys.comments(stageId) });
  void queryClient.invalidateQueries({ queryKey: ['review', 'annotations'] });
}

export function useCreateComment(stageId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCommentInput) =>
      api.post<ReviewComment>(apiPaths.stageComments(stageId), input),
    onSuccess: () => invalidateComments(queryClient, stageId),
  });
}

export function useCreateAnnotation(stageId: string, revisionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAnnotationInput) =>
      api.post<ReviewComment>(apiPaths.revisionAnnotations(revisionId), input),
    onSuccess: () => invalidateComments(queryClient, stageId),
  });
}

export function useEditComment(stageId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, content }: { id: string; content: string }) =>
      api.patch<ReviewComment>(apiPaths.comment(id), { content }),
    onSuccess: () => invalidateComments(queryClient, stageId),
  });
}

export function useDeleteComment(stageId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(apiPaths.comment(id)),
    onSuccess: () => invalidateComments(queryClient, stageId),
  });
}

export function useReleaseComment(stageId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ReviewComment>(apiPaths.commentRelease(id)),
    onSuccess: () => invalidateComments(queryClient, stageId),
  });
}

export function useStageDecisions(stageId: string) {
  return useQuery({
    queryKey: reviewKeys.decisions(stageId),
    queryFn: ({ signal }) => getPage<Decision>(apiPaths.stageDecisions(stageId), {}, signal),
  });
}

/** Approve or request changes; the stage, its revisions and the deliverable all move. */
export function useDecide(stageId: string, deliverableId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DecisionInput) =>
      api.post<Decision>(apiPaths.stageDecisions(stageId), input),
    onSettled: () => {
      // On a 409 too: the stage may have moved under us.
      void queryClient.invalidateQueries({ queryKey: reviewKeys.decisions(stageId) });
      // The chain first, then each revision's own copy: refetched together, the two caches
      // can keep the older status between them.
      void queryClient
        .invalidateQueries({ queryKey: revisionsKeys.ofStage(stageId) })
        .then(() => queryClient.invalidateQueries({ queryKey: ['revisions', 'detail'] }));
      void queryClient.invalidateQueries({ queryKey: deliverablesKeys.detail(deliverableId) });
      void queryClient.invalidateQueries({ queryKey: deliverablesKeys.history(deliverableId) });
      invalidateDeliverableViews(queryClient, deliverableId);
    },
  });
}

export function useFeedbackItems(stageId: string, enabled = true) {
  return useQuery({
    queryKey: reviewKeys.feedback(stageId),
    queryFn: ({ signal }) =>
      getPage<FeedbackItem>(
        apiPaths.stageFeedbackItems(stageId),
        { current: 'true', limit: LIST_LIMIT },
        signal,
      ),
    enabled,
  });
}

/** A stage's items as the panel filters them (see FeedbackListFilter). */
export function useFeedbackItemList(stageId: string, filter: FeedbackListFilter, enabled = true) {
  return useQuery({
    queryKey: reviewKeys.feedbackList(stageId, filter),
    queryFn: ({ signal }) =>
      getPage<FeedbackItem>(
        apiPaths.stageFeedbackItems(stageId),
        {
          limit: LIST_LIMIT,
          ...(filter.kind === 'live' ? { current: 'true' } : {}),
          ...(filter.kind === 'revision' ? { revisionId: filter.revisionId } : {}),
        },
        signal,
      ),
    enabled,
  });
}

/** Every copy of an item across revisions, oldest first (GET /api/feedback-items/:id/chain). */
export function useFeedbackChain(id: string, enabled = true) {
  return useQuery({
    queryKey: reviewKeys.feedbackChain(id),
    queryFn: ({ signal }) =>
      getPage<FeedbackItem>(`${apiPaths.feedbackItem(id)}/chain`, {}, signal),
    enabled,
  });
}

function invalidateFeedback(queryClient: QueryClient, stageId: string) {
  void queryClient.invalidateQueries({ queryKey: reviewKeys.feedback(stageId) });
  void queryClient.invalidateQueries({ queryKey: reviewKeys.feedbackChains });
}

/** People a comment on the stage may @mention (staff only; the list changes rarely). */
export function useMentionablePeople(stageId: string, enabled = true) {
  return useQuery({
    queryKey: reviewKeys.mentionable(stageId),
    queryFn: ({ signal }) =>
      getPage<MentionablePerson>(
        `/api/stages/${encodeURIComponent(stageId)}/mentionable`,
        {},
        signal,
      ),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useCreateFeedbackItem(stageId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateFeedbackItemInput) =>
      api.post<FeedbackItem>(apiPaths.stageFeedbackItems(stageId), input),
    onSuccess: () => invalidateFeedback(queryClient, stageId),
  });
}

export function useMoveFeedbackItem(stageId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      status,
      resolutionNote,
    }: {
      id: string;
      status: FeedbackStatus;
      resolutionNote?: string;
    }) => api.patch<FeedbackItem>(apiPaths.feedbackItem(id), { status, resolutionNote }),
    onSettled: () => invalidateFeedback(queryClient, stageId),
  });
}
