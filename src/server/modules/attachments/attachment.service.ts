import type { Db } from '../../db/client';
import type { BlobStore } from '../../storage/blob-store';

export class AttachmentService {
  constructor(
    readonly db: Db,
    readonly blobs: BlobStore,
  ) {}
}
