import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, getPage } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import type { Project, ProjectFilters, ProjectInput, ProjectPatch } from './types';

/** @deprecated kept for older imports; use {@link Project}. */
export type ProjectSummary = Project;

export const projectsKeys = {
  all: ['projects'] as const,
  recent: () => ['projects', 'recent'] as const,
  list: (filters: ProjectFilters) => ['projects', 'list', filters] as const,
  detail: (id: string) => ['projects', 'detail', id] as const,
};

export const PROJECTS_PAGE_SIZE = 50;

export function useRecentProjects(enabled: boolean) {
  return useQuery({
    queryKey: projectsKeys.recent(),
    queryFn: ({ signal }) => getPage<Project>(apiPaths.projects(), { limit: 20 }, signal),
    enabled,
  });
}

export function projectsQueryOptions(filters: ProjectFilters) {
  return infiniteQueryOptions({
    queryKey: projectsKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      getPage<Project>(
        apiPaths.projects(),
        {
          limit: PROJECTS_PAGE_SIZE,
          cursor: pageParam,
          status: filters.status,
          clientTeamId: filters.clientTeamId,
          q: filters.q?.trim(),
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useProjects(filters: ProjectFilters) {
  return useInfiniteQuery({ ...projectsQueryOptions(filters), placeholderData: keepPreviousData });
}

export function projectQueryOptions(id: string) {
  return queryOptions({
    queryKey: projectsKeys.detail(id),
    queryFn: ({ signal }) => api.get<Project>(apiPaths.project(id), undefined, signal),
  });
}

export function useProject(id: string) {
  return useQuery({ ...projectQueryOptions(id), enabled: !!id });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProjectInput) => api.post<Project>(apiPaths.projects(), input),
    onSuccess: (project) => {
      queryClient.setQueryData(projectsKeys.detail(project.id), project);
      void queryClient.invalidateQueries({ queryKey: projectsKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['pipelines'] });
    },
  });
}

export function useUpdateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ProjectPatch }) =>
      api.patch<Project>(apiPaths.project(id), patch),
    onSuccess: (project) => {
      queryClient.setQueryData(projectsKeys.detail(project.id), project);
      void queryClient.invalidateQueries({ queryKey: projectsKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['deliverables'] });
      void queryClient.invalidateQueries({ queryKey: ['board'] });
    },
  });
}
