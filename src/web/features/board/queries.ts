import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import type { Board } from './types';

export const boardKeys = {
  all: ['board'] as const,
  detail: (params: BoardQuery) => ['board', params] as const,
};

/** Server-side board filters. Text, assignee and status are also applied in the browser. */
export interface BoardQuery {
  pipelineId?: string;
  clientTeamId?: string;
}

export function useBoard(params: BoardQuery) {
  return useQuery({
    queryKey: boardKeys.detail(params),
    queryFn: ({ signal }) =>
      api.get<Board>(
        apiPaths.board(),
        { pipelineId: params.pipelineId, clientTeamId: params.clientTeamId },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}
