import { useQuery } from '@tanstack/react-query';
import { getPage } from '../../lib/api';
import { apiPaths } from '../../lib/paths';

export interface ProjectSummary {
  id: string;
  projectCode: string;
  omgJobNumber: string | null;
  name: string;
  status: string;
  priority: 'LOW' | 'MEDIUM' | 'HIGH' | 'URGENT';
  dueDate: string | null;
  clientTeam: { id: string; name: string } | null;
  deliverableCount: number;
}

export function useRecentProjects(enabled: boolean) {
  return useQuery({
    queryKey: ['projects', 'recent'],
    queryFn: ({ signal }) => getPage<ProjectSummary>(apiPaths.projects(), { limit: 20 }, signal),
    enabled,
  });
}
