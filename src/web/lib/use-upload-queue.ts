import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isApiError } from './api';

export interface QueuedUpload<R> {
  key: string;
  name: string;
  size: number;
  loaded: number;
  status: 'queued' | 'uploading' | 'done' | 'error';
  /** What the server answered once the file is in. */
  result?: R;
  error?: string;
}

export type SendFile<R> = (input: {
  file: File;
  signal: AbortSignal;
  onProgress: (p: { loaded: number }) => void;
}) => Promise<R>;

let seq = 0;

/** The server's reason (415 lists the accepted types); a bare 413 from a proxy gets one too. */
export function uploadError(err: unknown): string {
  if (isApiError(err) && err.status === 413 && err.message === 'The request is too large.') {
    return 'The file is larger than the server accepts.';
  }
  return errorMessage(err, 'Upload failed');
}

/**
 * Files sent one after another (so versions number in the order they were dropped), each with
 * its progress; cancelling removes a queued file or aborts the running one, and leaving the page
 * aborts what is still going. Finished and failed ones stay until dismissed.
 */
export function useUploadQueue<R>(send: SendFile<R>, opts: { newestFirst?: boolean } = {}) {
  const [items, setItems] = useState<QueuedUpload<R>[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const queue = useRef<Promise<void>>(Promise.resolve());
  const sendRef = useRef(send);
  sendRef.current = send;
  const newestFirst = Boolean(opts.newestFirst);

  useEffect(() => {
    const map = controllers.current;
    return () => {
      for (const c of map.values()) c.abort();
      map.clear();
    };
  }, []);

  const patch = (key: string, change: Partial<QueuedUpload<R>>) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const start = useCallback(
    (files: readonly File[]) => {
      for (const file of files) {
        const key = `u${++seq}`;
        const controller = new AbortController();
        controllers.current.set(key, controller);
        const item: QueuedUpload<R> = {
          key,
          name: file.name,
          size: file.size,
          loaded: 0,
          status: 'queued',
        };
        setItems((list) => (newestFirst ? [item, ...list] : [...list, item]));
        queue.current = queue.current.then(async () => {
          if (controller.signal.aborted) return;
          patch(key, { status: 'uploading' });
          try {
            const result = await sendRef.current({
              file,
              signal: controller.signal,
              onProgress: ({ loaded }) => patch(key, { loaded }),
            });
            patch(key, { status: 'done', loaded: file.size, result });
          } catch (err) {
            if (err instanceof DOMException && err.name === 'AbortError') {
              setItems((list) => list.filter((i) => i.key !== key));
            } else {
              patch(key, { status: 'error', error: uploadError(err) });
            }
          } finally {
            controllers.current.delete(key);
          }
        });
      }
    },
    [newestFirst],
  );

  const cancel = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    setItems((list) => list.filter((i) => i.key !== key || i.status === 'uploading'));
  }, []);
  const dismiss = useCallback(
    (key: string) => setItems((list) => list.filter((i) => i.key !== key)),
    [],
  );
  const clearFinished = useCallback(
    () => setItems((list) => list.filter((i) => i.status === 'queued' || i.status === 'uploading')),
    [],
  );
  return { items, start, cancel, dismiss, clearFinished };
}
