import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api';
import { useUploadRevision } from './queries';
import type { Revision } from './types';

export interface RevisionUpload {
  key: string;
  name: string;
  size: number;
  loaded: number;
  status: 'queued' | 'uploading' | 'uploaded' | 'error';
  /** Set once the server created the revision (its processing is followed from there). */
  revision?: Revision;
  error?: string;
}

let seq = 0;

/** The server's reason (415 lists the accepted types); a bare 413 from a proxy gets one too. */
function uploadError(err: unknown): string {
  if (isApiError(err) && err.status === 413 && err.message === 'The request is too large.') {
    return 'The file is larger than the server accepts.';
  }
  return errorMessage(err, 'Upload failed');
}

/**
 * Uploads files to a stage one after another (each file becomes the next revision), with their
 * progress. Uploaded ones stay to show their processing until dismissed; failed ones stay with
 * the reason.
 */
export function useRevisionUploads(stageId: string, deliverableId: string) {
  const upload = useUploadRevision(stageId, deliverableId);
  const [items, setItems] = useState<RevisionUpload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const queue = useRef<Promise<void>>(Promise.resolve());

  // Leaving the stage cancels what is still going.
  useEffect(() => {
    const map = controllers.current;
    return () => {
      for (const c of map.values()) c.abort();
      map.clear();
    };
  }, []);

  const patch = (key: string, change: Partial<RevisionUpload>) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const start = useCallback(
    (files: readonly File[]) => {
      for (const file of files) {
        const key = `r${++seq}`;
        const controller = new AbortController();
        controllers.current.set(key, controller);
        setItems((list) => [
          ...list,
          { key, name: file.name, size: file.size, loaded: 0, status: 'queued' },
        ]);
        // One after another: the chain numbers revisions in upload order.
        queue.current = queue.current.then(async () => {
          if (controller.signal.aborted) return;
          patch(key, { status: 'uploading' });
          try {
            const revision = await upload.mutateAsync({
              file,
              signal: controller.signal,
              onProgress: ({ loaded }) => patch(key, { loaded }),
            });
            patch(key, { status: 'uploaded', loaded: file.size, revision });
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
    [upload],
  );

  const cancel = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    setItems((list) => list.filter((i) => i.key !== key || i.status === 'uploading'));
  }, []);

  const dismiss = useCallback(
    (key: string) => setItems((list) => list.filter((i) => i.key !== key)),
    [],
  );

  return { items, start, cancel, dismiss };
}
