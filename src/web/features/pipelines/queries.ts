import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getPage } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import type { PipelineDetail, PipelineInput, PipelineSummary } from './types';

export const pipelinesKeys = {
  all: ['pipelines'] as const,
  list: (includeArchived: boolean) => ['pipelines', 'list', { includeArchived }] as const,
  detail: (id: string) => ['pipelines', 'detail', id] as const,
};

export function pipelinesQueryOptions(includeArchived = false) {
  return queryOptions({
    queryKey: pipelinesKeys.list(includeArchived),
    queryFn: ({ signal }) =>
      getPage<PipelineSummary>(
        apiPaths.pipelines(),
        { includeArchived: includeArchived ? 'true' : 'false' },
        signal,
      ),
  });
}

export function usePipelines(includeArchived = false, options: { enabled?: boolean } = {}) {
  return useQuery({ ...pipelinesQueryOptions(includeArchived), enabled: options.enabled ?? true });
}

export function pipelineQueryOptions(id: string) {
  return queryOptions({
    queryKey: pipelinesKeys.detail(id),
    queryFn: ({ signal }) => api.get<PipelineDetail>(apiPaths.pipeline(id), undefined, signal),
  });
}

export function usePipeline(id: string | null) {
  return useQuery({ ...pipelineQueryOptions(id ?? ''), enabled: !!id });
}

function useOnPipelineSaved() {
  const queryClient = useQueryClient();
  return (pipeline: PipelineDetail) => {
    queryClient.setQueryData(pipelinesKeys.detail(pipeline.id), pipeline);
    void queryClient.invalidateQueries({
      queryKey: pipelinesKeys.all,
      predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== pipeline.id,
    });
    void queryClient.invalidateQueries({ queryKey: ['board'] });
  };
}

export function useCreatePipeline() {
  const onSaved = useOnPipelineSaved();
  return useMutation({
    mutationFn: (input: PipelineInput) => api.post<PipelineDetail>(apiPaths.pipelines(), input),
    onSuccess: onSaved,
  });
}

export function useUpdatePipeline() {
  const onSaved = useOnPipelineSaved();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: PipelineInput }) =>
      api.put<PipelineDetail>(apiPaths.pipeline(id), input),
    onSuccess: onSaved,
  });
}

export function useArchivePipeline() {
  const onSaved = useOnPipelineSaved();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      api.post<PipelineDetail>(
        archived ? apiPaths.pipelineArchive(id) : apiPaths.pipelineUnarchive(id),
      ),
    onSuccess: onSaved,
  });
}
