export type RevisionStatus = 'SUBMITTED' | 'IN_REVIEW' | 'CHANGES_REQUESTED' | 'APPROVED';

export type ProcessingState = 'pending' | 'running' | 'done' | 'failed';

export interface RevisionAsset {
  kind: 'image' | 'video';
  mimeType: string;
  size: number;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  fps: number | null;
  /** The original file (a download). */
  url: string;
  /** Images: display-size preview; null until processed (and always for videos). */
  previewUrl: string | null;
  thumbnailUrl: string | null;
  /** Videos: poster frame; null until processed (and always for images). */
  posterUrl: string | null;
  /** Videos: HLS master playlist; null until processed. */
  hlsUrl: string | null;
  processing: { state: ProcessingState; progress: number; error: string | null };
}

/** One version of a stage's work (one image or video file). */
export interface Revision {
  id: string;
  stageId: string;
  deliverableId: string;
  major: number;
  minor: number;
  /** The server's label; the web formats its own with formatRevisionLabel. */
  label: string;
  sentToClient: boolean;
  sentAt: string | null;
  status: RevisionStatus;
  fileName: string | null;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  asset: RevisionAsset;
}

export type DeliveryStatus = 'PENDING' | 'SUCCESS' | 'FAILED';

/** One attempt to deliver a sent version to the client (e.g. into their Box folder). */
export interface Delivery {
  id: string;
  status: DeliveryStatus;
  attempt: number;
  error: string | null;
  boxFolderId: string | null;
  sentAt: string;
}
