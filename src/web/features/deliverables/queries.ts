import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, getPage } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import { boardKeys } from '../board/queries';
import { myWorkKey } from '../my-work/queries';
import { projectsKeys } from '../projects/queries';
import type {
  AssignableUser,
  AssignmentRole,
  DeliverableDetail,
  DeliverableFilters,
  DeliverableInput,
  DeliverablePatch,
  DeliverableRow,
  HistoryEntry,
  StagePatch,
} from './types';

export const deliverablesKeys = {
  all: ['deliverables'] as const,
  list: (filters: DeliverableFilters) => ['deliverables', 'list', filters] as const,
  ofProject: (projectId: string) => ['deliverables', 'project', projectId] as const,
  detail: (id: string) => ['deliverables', 'detail', id] as const,
  history: (id: string) => ['deliverables', 'history', id] as const,
};

export const assignableUsersKey = ['users', 'assignable'] as const;

export const DELIVERABLES_PAGE_SIZE = 50;

export function deliverablesQueryOptions(filters: DeliverableFilters) {
  return infiniteQueryOptions({
    queryKey: deliverablesKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      getPage<DeliverableRow>(
        apiPaths.deliverables(),
        {
          limit: DELIVERABLES_PAGE_SIZE,
          cursor: pageParam,
          projectId: filters.projectId,
          status: filters.status,
          clientTeamId: filters.clientTeamId,
          assigneeId: filters.assigneeId,
          q: filters.q?.trim(),
          sort: filters.sort,
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useDeliverables(filters: DeliverableFilters) {
  return useInfiniteQuery({
    ...deliverablesQueryOptions(filters),
    placeholderData: keepPreviousData,
  });
}

export function useProjectDeliverables(projectId: string) {
  return useInfiniteQuery({
    queryKey: deliverablesKeys.ofProject(projectId),
    queryFn: ({ pageParam, signal }) =>
      getPage<DeliverableRow>(
        apiPaths.projectDeliverables(projectId),
        { limit: 100, cursor: pageParam },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function deliverableQueryOptions(id: string) {
  return queryOptions({
    queryKey: deliverablesKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<DeliverableDetail>(apiPaths.deliverable(id), undefined, signal),
  });
}

export function useDeliverable(id: string) {
  return useQuery(deliverableQueryOptions(id));
}

export function useDeliverableHistory(id: string) {
  return useQuery({
    queryKey: deliverablesKeys.history(id),
    queryFn: ({ signal }) =>
      getPage<HistoryEntry>(apiPaths.deliverableHistory(id), { limit: 100 }, signal),
  });
}

export function useAssignableUsers(enabled = true) {
  return useQuery({
    queryKey: assignableUsersKey,
    queryFn: ({ signal }) =>
      getPage<AssignableUser>(apiPaths.usersAssignable(), { limit: 200 }, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Everything that shows a deliverable or its stages is stale after a change. */
export function invalidateDeliverableViews(queryClient: QueryClient, deliverableId?: string) {
  void queryClient.invalidateQueries({
    queryKey: deliverablesKeys.all,
    predicate: (q) =>
      !(deliverableId && q.queryKey[1] === 'detail' && q.queryKey[2] === deliverableId),
  });
  void queryClient.invalidateQueries({ queryKey: boardKeys.all });
  void queryClient.invalidateQueries({ queryKey: myWorkKey });
}

function useOnDeliverableChanged() {
  const queryClient = useQueryClient();
  return (detail: DeliverableDetail) => {
    queryClient.setQueryData(deliverablesKeys.detail(detail.id), detail);
    invalidateDeliverableViews(queryClient, detail.id);
  };
}

export function useCreateDeliverable(projectId: string) {
  const queryClient = useQueryClient();
  const onChanged = useOnDeliverableChanged();
  return useMutation({
    mutationFn: (input: DeliverableInput) =>
      api.post<DeliverableDetail>(apiPaths.projectDeliverables(projectId), input),
    onSuccess: (detail) => {
      onChanged(detail);
      void queryClient.invalidateQueries({ queryKey: projectsKeys.all });
    },
  });
}

export function useUpdateDeliverable(id: string) {
  const onChanged = useOnDeliverableChanged();
  return useMutation({
    mutationFn: (patch: DeliverablePatch) =>
      api.patch<DeliverableDetail>(apiPaths.deliverable(id), patch),
    onSuccess: onChanged,
  });
}

export function useUpdateStage() {
  const onChanged = useOnDeliverableChanged();
  return useMutation({
    mutationFn: ({ stageId, patch }: { stageId: string; patch: StagePatch }) =>
      api.patch<DeliverableDetail>(apiPaths.stage(stageId), patch),
    onSuccess: onChanged,
  });
}

export function useRework() {
  const onChanged = useOnDeliverableChanged();
  return useMutation({
    mutationFn: (input: {
      deliverableId: string;
      fromStageId: string;
      toStageId: string;
      note: string;
    }) =>
      api.post<DeliverableDetail>(apiPaths.deliverableRework(input.deliverableId), {
        fromStageId: input.fromStageId,
        toStageId: input.toStageId,
        note: input.note,
      }),
    onSuccess: onChanged,
  });
}

export function useSetAssignment(deliverableId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      stageId,
      userId,
      role,
    }: {
      stageId: string;
      userId: string;
      role: AssignmentRole;
    }) => api.put(apiPaths.stageAssignment(stageId, userId), { role }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: deliverablesKeys.detail(deliverableId) });
      invalidateDeliverableViews(queryClient, deliverableId);
    },
  });
}

export function useRemoveAssignment(deliverableId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ stageId, userId }: { stageId: string; userId: string }) =>
      api.delete(apiPaths.stageAssignment(stageId, userId)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: deliverablesKeys.detail(deliverableId) });
      invalidateDeliverableViews(queryClient, deliverableId);
    },
  });
}
