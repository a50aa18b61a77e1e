import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../lib/api';
import { useUploadAttachment } from './queries';

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  loaded: number;
  status: 'queued' | 'uploading' | 'done' | 'error' | 'canceled';
  error?: string;
}

let seq = 0;

/**
 * Uploads files one after another with their progress; finished ones leave the list, failed
 * ones stay until dismissed.
 */
export function useAttachmentUploads(deliverableId: string) {
  const upload = useUploadAttachment(deliverableId);
  const [items, setItems] = useState<UploadItem[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const queue = useRef<Promise<void>>(Promise.resolve());

  // Leaving the page cancels what is still going.
  useEffect(() => {
    const map = controllers.current;
    return () => {
      for (const c of map.values()) c.abort();
      map.clear();
    };
  }, []);

  const patch = (key: string, change: Partial<UploadItem>) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const start = useCallback(
    (files: readonly File[], stageDefinitionId: string | null) => {
      for (const file of files) {
        const key = `u${++seq}`;
        const controller = new AbortController();
        controllers.current.set(key, controller);
        setItems((list) => [
          ...list,
          { key, name: file.name, size: file.size, loaded: 0, status: 'queued' },
        ]);
        queue.current = queue.current.then(async () => {
          if (controller.signal.aborted) return;
          patch(key, { status: 'uploading' });
          try {
            await upload.mutateAsync({
              file,
              stageDefinitionId,
              signal: controller.signal,
              onProgress: ({ loaded }) => patch(key, { loaded }),
            });
            setItems((list) => list.filter((i) => i.key !== key));
          } catch (err) {
            if (err instanceof DOMException && err.name === 'AbortError') {
              setItems((list) => list.filter((i) => i.key !== key));
            } else {
              patch(key, { status: 'error', error: errorMessage(err, 'Upload failed') });
            }
          } finally {
            controllers.current.delete(key);
          }
        });
      }
    },
    [upload],
  );

  const cancel = useCallback((key: string) => {
    const c = controllers.current.get(key);
    if (c) c.abort();
    setItems((list) => list.filter((i) => i.key !== key || i.status === 'uploading'));
  }, []);

  const dismiss = useCallback(
    (key: string) => setItems((list) => list.filter((i) => i.key !== key)),
    [],
  );

  return { items, start, cancel, dismiss };
}
