import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, buildUrl, errorFromResponse, type QueryParams } from '../../lib/api';
import type { ColumnMapping, ImportApplied, ImportPreview, ImportRejected } from './types';

export const xlsxPaths = {
  preview: () => '/api/imports/xlsx/preview',
  apply: () => '/api/imports/xlsx/apply',
  template: () => '/api/imports/xlsx/template',
  export: (filters: QueryParams = {}) => buildUrl('/api/exports/xlsx', filters),
} as const;

async function send(path: string, file: File, mapping: ColumnMapping | null): Promise<Response> {
  const form = new FormData();
  // Fields first: the server reads the parts in order.
  if (mapping) form.append('mapping', JSON.stringify(mapping));
  form.append('file', file, file.name);
  try {
    return await fetch(path, {
      method: 'POST',
      body: form,
      credentials: 'include',
      headers: { Accept: 'application/json' },
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      message: 'Cannot reach the server. Check your connection and try again.',
    });
  }
}

export interface XlsxUpload {
  file: File;
  mapping: ColumnMapping | null;
}

/** Reads the workbook and plans the import (nothing is written). */
export function usePreviewImport() {
  return useMutation({
    mutationFn: async ({ file, mapping }: XlsxUpload): Promise<ImportPreview> => {
      const res = await send(xlsxPaths.preview(), file, mapping);
      if (!res.ok) throw await errorFromResponse(res);
      return (await res.json()) as ImportPreview;
    },
  });
}

/** Applies the import; a 422 (row errors, nothing written) resolves with the plan. */
export function useApplyImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, mapping }: XlsxUpload): Promise<ImportApplied | ImportRejected> => {
      const res = await send(xlsxPaths.apply(), file, mapping);
      if (res.status === 422) return (await res.json()) as ImportRejected;
      if (!res.ok) throw await errorFromResponse(res);
      return (await res.json()) as ImportApplied;
    },
    onSuccess: (out) => {
      if (!out.ok) return;
      for (const key of ['projects', 'deliverables', 'board'])
        void queryClient.invalidateQueries({ queryKey: [key] });
    },
  });
}
