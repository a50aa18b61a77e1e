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
  FeedbackItem,
  FeedbackStatus,
  ReviewComment,
} from './types';

export const reviewKeys = {
  all: ['review'] as const,
  comments: (stageId: string) => ['review', 'comments', stageId] as const,
  annotations: (revisionId: string) => ['review', 'annotations', revisionId] as const,
  decisions: (stageId: string) => ['review', 'decisions', stageId] as const,
  feedback: (stageId: string) => ['review', 'feedback', stageId] as const,
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

export function useCreateFeedbackItem(stageId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { commentId: string }) =>
      api.post<FeedbackItem>(apiPaths.stageFeedbackItems(stageId), input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reviewKeys.feedback(stageId) }),
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
    onSettled: () => void queryClient.invalidateQueries({ queryKey: reviewKeys.feedback(stageId) }),
  });
}
