export type AttachmentKind = 'file' | 'link';

export interface Attachment {
  id: string;
  kind: AttachmentKind;
  title: string;
  /** Files: the app URL serving the bytes (a download); links: the external URL. */
  url: string;
  mimeType: string | null;
  fileSize: number | null;
  /** The pipeline stage it is tagged with; null = the whole deliverable. */
  stageDefinitionId: string | null;
  createdBy: { id: string; name: string };
  createdAt: string;
}

export interface LinkInput {
  title: string;
  url: string;
  stageDefinitionId?: string | null;
}

export interface UploadInput {
  file: File;
  title?: string;
  stageDefinitionId?: string | null;
}
