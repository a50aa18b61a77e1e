import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getPage } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import type {
  CustomField,
  CustomFieldEntityType,
  CustomFieldInput,
  CustomFieldPatch,
} from './types';

export const customFieldsKeys = {
  all: ['custom-fields'] as const,
  list: (entityType: CustomFieldEntityType) => ['custom-fields', entityType] as const,
};

/** The definitions of one entity type, in form order (one page: at most 100 per type). */
export function customFieldsQueryOptions(entityType: CustomFieldEntityType) {
  return queryOptions({
    queryKey: customFieldsKeys.list(entityType),
    queryFn: async ({ signal }) => {
      const page = await getPage<CustomField>(apiPaths.customFields(), { entityType }, signal);
      return [...page.items].sort(
        (a, b) => a.order - b.order || a.fieldName.localeCompare(b.fieldName),
      );
    },
    staleTime: 60_000,
  });
}

export function useCustomFields(entityType: CustomFieldEntityType, enabled = true) {
  return useQuery({ ...customFieldsQueryOptions(entityType), enabled });
}

function useInvalidateFieldViews() {
  const queryClient = useQueryClient();
  return (entityType: CustomFieldEntityType, valuesChanged: boolean) => {
    void queryClient.invalidateQueries({ queryKey: customFieldsKeys.list(entityType) });
    // Renaming or deleting a field rewrites the stored values of every row.
    if (valuesChanged) {
      void queryClient.invalidateQueries({
        queryKey: entityType === 'PROJECT' ? ['projects'] : ['deliverables'],
      });
    }
  };
}

export function useCreateCustomField() {
  const invalidate = useInvalidateFieldViews();
  return useMutation({
    mutationFn: (input: CustomFieldInput) => api.post<CustomField>(apiPaths.customFields(), input),
    onSuccess: (field) => invalidate(field.entityType, false),
  });
}

export function useUpdateCustomField() {
  const invalidate = useInvalidateFieldViews();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: CustomFieldPatch }) =>
      api.patch<CustomField>(apiPaths.customField(id), patch),
    onSuccess: (field, { patch }) => invalidate(field.entityType, patch.fieldName !== undefined),
  });
}

export function useDeleteCustomField() {
  const invalidate = useInvalidateFieldViews();
  return useMutation({
    mutationFn: (field: CustomField) => api.delete(apiPaths.customField(field.id)),
    onSuccess: (_void, field) => invalidate(field.entityType, true),
  });
}

/** Saves a new order: each field whose position changed gets its index as `order`. */
export function useReorderCustomFields() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      fields,
    }: {
      entityType: CustomFieldEntityType;
      fields: CustomField[];
    }) => {
      const changed = fields
        .map((f, order) => ({ f, order }))
        .filter(({ f, order }) => f.order !== order);
      await Promise.all(
        changed.map(({ f, order }) =>
          api.patch<CustomField>(apiPaths.customField(f.id), { order }),
        ),
      );
    },
    onMutate: async ({ entityType, fields }) => {
      const key = customFieldsKeys.list(entityType);
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<CustomField[]>(key);
      queryClient.setQueryData<CustomField[]>(
        key,
        fields.map((f, order) => ({ ...f, order })),
      );
      return { previous };
    },
    onError: (_err, { entityType }, ctx) => {
      if (ctx?.previous) queryClient.setQueryData(customFieldsKeys.list(entityType), ctx.previous);
    },
    onSettled: (_d, _e, { entityType }) =>
      queryClient.invalidateQueries({ queryKey: customFieldsKeys.list(entityType) }),
  });
}
