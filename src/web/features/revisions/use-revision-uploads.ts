import { useUploadQueue, type QueuedUpload } from '../../lib/use-upload-queue';
import { useUploadRevision } from './queries';
import type { Revision } from './types';

/** An upload on a stage; `result` is the revision the server created (its processing follows). */
export type RevisionUpload = QueuedUpload<Revision>;

/**
 * Uploads files to a stage one after another (each file becomes the next revision), with their
 * progress. Uploaded ones stay to show their processing until dismissed; failed ones stay with
 * the reason.
 */
export function useRevisionUploads(stageId: string, deliverableId: string) {
  const upload = useUploadRevision(stageId, deliverableId);
  return useUploadQueue<Revision>((input) => upload.mutateAsync(input));
}
