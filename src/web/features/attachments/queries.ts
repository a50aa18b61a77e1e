import {
  useInfiniteQuery,
  useMutation,
  useQueryClient,
  type InfiniteData,
} from '@tanstack/react-query';
import { api, getPage, postForm, type Page, type UploadProgress } from '../../lib/api';
import { apiPaths } from '../../lib/paths';
import type { Attachment, LinkInput, UploadInput } from './types';

export const attachmentsKeys = {
  all: ['attachments'] as const,
  ofDeliverable: (deliverableId: string) => ['attachments', deliverableId] as const,
};

export const ATTACHMENTS_PAGE_SIZE = 100;

/** A deliverable's files and links, newest first (client viewers get none). */
export function useAttachments(deliverableId: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: attachmentsKeys.ofDeliverable(deliverableId),
    queryFn: ({ pageParam, signal }) =>
      getPage<Attachment>(
        apiPaths.deliverableAttachments(deliverableId),
        { limit: ATTACHMENTS_PAGE_SIZE, cursor: pageParam },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

/** Puts a new attachment on top of the cached first page, then refetches. */
function useOnAdded(deliverableId: string) {
  const queryClient = useQueryClient();
  return (created: Attachment) => {
    const key = attachmentsKeys.ofDeliverable(deliverableId);
    queryClient.setQueryData<InfiniteData<Page<Attachment>, string | null>>(key, (data) => {
      if (!data?.pages[0]) return data;
      const [first, ...rest] = data.pages;
      return {
        ...data,
        pages: [
          { ...first, items: [created, ...first.items.filter((a) => a.id !== created.id)] },
          ...rest,
        ],
      };
    });
    void queryClient.invalidateQueries({ queryKey: key });
  };
}

export function useAddLink(deliverableId: string) {
  const onAdded = useOnAdded(deliverableId);
  return useMutation({
    mutationFn: (input: LinkInput) =>
      api.post<Attachment>(apiPaths.deliverableAttachmentLink(deliverableId), input),
    onSuccess: onAdded,
  });
}

export interface UploadVariables extends UploadInput {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** Multipart upload with progress (XMLHttpRequest, session cookie). */
export function useUploadAttachment(deliverableId: string) {
  const onAdded = useOnAdded(deliverableId);
  return useMutation({
    mutationFn: ({ file, title, stageDefinitionId, onProgress, signal }: UploadVariables) => {
      const form = new FormData();
      // Text fields first: the server checks them before it stores any byte.
      if (title) form.append('title', title);
      if (stageDefinitionId) form.append('stageDefinitionId', stageDefinitionId);
      form.append('file', file, file.name);
      return postForm<Attachment>(apiPaths.deliverableAttachments(deliverableId), form, {
        onProgress,
        signal,
      });
    },
    onSuccess: onAdded,
  });
}

export function useDeleteAttachment(deliverableId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachment: Attachment) => api.delete(apiPaths.attachment(attachment.id)),
    onSuccess: (_void, attachment) => {
      const key = attachmentsKeys.ofDeliverable(deliverableId);
      queryClient.setQueryData<InfiniteData<Page<Attachment>, string | null>>(key, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((p) => ({
                ...p,
                items: p.items.filter((a) => a.id !== attachment.id),
              })),
            }
          : data,
      );
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
