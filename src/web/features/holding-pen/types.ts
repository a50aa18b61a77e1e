export type InboundSource = 'MANUAL' | 'API' | 'BOX';

/** A file waiting in a deliverable's holding pen (GET /api/deliverables/:id/holding-pen). */
export interface HeldFile {
  id: string;
  deliverableId: string;
  fileName: string;
  source: InboundSource;
  parsed: { jobNumber: string | null; slug: string | null; version: number | null };
  suggestedStage: { id: string; name: string } | null;
  receivedAt: string;
  asset: {
    kind: 'image' | 'video';
    mimeType: string;
    size: number;
    width: number | null;
    height: number | null;
    url: string;
    /** The same file when a browser can show it inline; null for TIFF, MOV … */
    previewUrl: string | null;
  };
}
