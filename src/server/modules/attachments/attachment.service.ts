import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { requirePermission, type Caller } from '../../caller';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, badRequest, notFound } from '../../errors';
import type { UploadPart } from '../../http/multipart';
import { toPage, type Page } from '../../http/pagination';
import { BlobTooLargeError, type BlobStore } from '../../storage/blob-store';
import { deliverableRepo } from '../deliverables/deliverable.repository';
import { attachmentRepo, type AttachmentRow } from './attachment.repository';
import { uploadFields, type AttachmentOut, type LinkCreate } from './attachment.schemas';

export interface AttachmentServiceOptions {
  /** Largest accepted file; the routes also give this limit to the multipart parser. */
  maxFileBytes?: number;
  log?: { warn(obj: object, msg: string): void };
}

export const DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024;
const BLOB_PREFIX = 'attachments';
const BLOB_URL = 'blob:';

export const tooLarge = (maxBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes`);

const fileUrl = (id: string) => `/api/attachments/${id}/file`;

const zodFields = (err: z.ZodError) =>
  err.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message }));

/** A file name reduced to something fit to show as a title: no path, no control characters. */
export function titleFromFilename(filename: string): string {
  const base = filename.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return clean.slice(0, 200) || 'file';
}

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The part's declared type when it is a well-formed type/subtype; else octet-stream. */
export function safeMimeType(mimetype: string | undefined): string {
  const m = (mimetype ?? '').split(';')[0]!.trim().toLowerCase();
  return MIME.test(m) ? m : 'application/octet-stream';
}

/** `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(title: string): string {
  const name =
    titleFromFilename(title).replace(/["\\]/g, '_').replace(/^\.+/, '').slice(0, 150).trim() ||
    'attachment';
  const ascii = name.replace(/[^\x20-\x7e]|[%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const blobKeyOf = (a: AttachmentRow) =>
  a.kind === 'file' && a.url.startsWith(BLOB_URL) ? a.url.slice(BLOB_URL.length) : null;

function present(a: AttachmentRow, createdByName: string): AttachmentOut {
  return {
    id: a.id,
    kind: a.kind,
    title: a.title,
    url: a.kind === 'file' ? fileUrl(a.id) : a.url,
    mimeType: a.mimeType,
    fileSize: a.fileSize,
    stageDefinitionId: a.stageDefinitionId,
    createdBy: { id: a.createdById, name: createdByName },
    createdAt: a.createdAt.toISOString(),
  };
}

/**
 * Files and external links attached to a deliverable, optionally tagged to one of its stages.
 * Access always follows the deliverable (deliverableRepo.find); client viewers see none of them:
 * attachments are internal working material.
 *
 * File bytes live in the blob store; the row keeps `blob:<key>` in `url`. The blob is written
 * before the row and removed when the row cannot be written, so no row ever points at a missing
 * blob; on delete the row goes first, then the blob.
 */
export class AttachmentService {
  maxFileBytes: number;
  log: { warn(obj: object, msg: string): void };

  constructor(
    readonly db: Db,
    readonly blobs: BlobStore,
    opts: AttachmentServiceOptions = {},
  ) {
    this.maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.log = opts.log ?? { warn: () => {} };
  }

  /** The deliverable if the caller may see it (and its attachments); 404 otherwise. */
  private async deliverable(tx: DbOrTx, caller: Caller, deliverableId: string, lock = false) {
    const found = caller.isExternal
      ? undefined
      : await deliverableRepo.find(tx, caller, deliverableId, lock);
    if (!found) throw notFound('Deliverable');
    return found.deliverable;
  }

  /** The attachment if its deliverable is visible to the caller; 404 otherwise. */
  private async visible(tx: DbOrTx, caller: Caller, id: string, lock = false) {
    const row = caller.isExternal
      ? undefined
      : await attachmentRepo.findInOrg(tx, caller.orgId, id, lock);
    if (!row || !(await deliverableRepo.find(tx, caller, row.deliverableId)))
      throw notFound('Attachment');
    return row;
  }

  private async checkStage(tx: DbOrTx, deliverableId: string, stageDefinitionId: string) {
    if (!(await attachmentRepo.deliverableHasStage(tx, deliverableId, stageDefinitionId))) {
      throw badRequest('The stage is not one of this deliverable’s stages', [
        { path: 'stageDefinitionId', message: 'not a stage of this deliverable' },
      ]);
    }
  }

  private async discardBlob(key: string) {
    try {
      await this.blobs.delete(key);
    } catch (err) {
      this.log.warn({ err, key }, 'could not delete an attachment blob; it is orphaned');
    }
  }

  async list(
    caller: Caller,
    deliverableId: string,
    q: { limit: number; cursor?: string },
  ): Promise<Page<AttachmentOut>> {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    if (caller.isExternal) {
      // Client viewers see the deliverable but none of its internal files: an empty list, and a
      // 404 like everyone else's when the deliverable is not theirs.
      if (!(await deliverableRepo.find(this.db, caller, deliverableId)))
        throw notFound('Deliverable');
      return { items: [], nextCursor: null };
    }
    await this.deliverable(this.db, caller, deliverableId);
    const rows = await attachmentRepo.list(this.db, caller.orgId, deliverableId, q.limit, q.cursor);
    return toPage(rows, q.limit, (r) => present(r, r.createdByName));
  }

  async addLink(caller: Caller, deliverableId: string, input: LinkCreate): Promise<AttachmentOut> {
    requirePermission(caller, 'DELIVERABLE_UPDATE');
    return this.db.transaction(async (tx) => {
      const d = await this.deliverable(tx, caller, deliverableId);
      if (input.stageDefinitionId) await this.checkStage(tx, d.id, input.stageDefinitionId);
      const row = await attachmentRepo.insert(tx, {
        organizationId: caller.orgId,
        deliverableId: d.id,
        kind: 'link',
        title: input.title,
        url: input.url,
        stageDefinitionId: input.stageDefinitionId ?? null,
        createdById: caller.userId,
      });
      return present(row, caller.name);
    });
  }

  /**
   * Streams the `file` part to the blob store, then writes the row. Access is checked before the
   * body is read (`openForm` is only called then). Text fields may come before or after the file.
   */
  async upload(
    caller: Caller,
    deliverableId: string,
    openForm: () => AsyncIterable<UploadPart>,
  ): Promise<AttachmentOut> {
    requirePermission(caller, 'DELIVERABLE_UPDATE');
    await this.deliverable(this.db, caller, deliverableId);

    const parseFields = (raw: Record<string, string>) => {
      const parsed = uploadFields.safeParse(raw);
      if (!parsed.success) throw badRequest('Invalid upload fields', zodFields(parsed.error));
      return parsed.data;
    };

    const raw: Record<string, string> = {};
    let file: { key: string; size: number; filename: string; mimetype: string } | null = null;
    try {
      for await (const part of openForm()) {
        if (part.type === 'field') {
          if (Object.hasOwn(raw, part.name))
            throw badRequest('Invalid upload fields', [
              { path: part.name, message: 'sent more than once' },
            ]);
          raw[part.name] = part.value;
          continue;
        }
        if (part.name !== 'file' || file) {
          part.stream.resume(); // drain it, so the parser can move on
          throw badRequest('Send exactly one file, in the field "file"', [
            { path: part.name, message: 'unexpected file' },
          ]);
        }
        // Fail early on fields sent before the file, before writing any bytes.
        try {
          const early = parseFields(raw);
          if (early.stageDefinitionId)
            await this.checkStage(this.db, deliverableId, early.stageDefinitionId);
        } catch (err) {
          part.stream.resume();
          throw err;
        }
        const blob = await this.blobs.put(part.stream, {
          prefix: BLOB_PREFIX,
          maxBytes: this.maxFileBytes,
        });
        file = { ...blob, filename: part.filename, mimetype: part.mimetype };
        if (part.truncated()) throw tooLarge(this.maxFileBytes);
      }
      if (!file)
        throw badRequest('Send the file in the multipart field "file"', [
          { path: 'file', message: 'is required' },
        ]);
      const fields = parseFields(raw);
      const stored = file;
      return await this.db.transaction(async (tx) => {
        const d = await this.deliverable(tx, caller, deliverableId);
        if (fields.stageDefinitionId) await this.checkStage(tx, d.id, fields.stageDefinitionId);
        const row = await attachmentRepo.insert(tx, {
          organizationId: caller.orgId,
          deliverableId: d.id,
          kind: 'file',
          title: fields.title ?? titleFromFilename(stored.filename),
          url: `${BLOB_URL}${stored.key}`,
          mimeType: safeMimeType(stored.mimetype),
          fileSize: stored.size,
          stageDefinitionId: fields.stageDefinitionId ?? null,
          createdById: caller.userId,
        });
        return present(row, caller.name);
      });
    } catch (err) {
      if (file) await this.discardBlob(file.key);
      if (err instanceof BlobTooLargeError) throw tooLarge(this.maxFileBytes);
      throw err;
    }
  }

  /** The bytes of a file attachment, with what the response needs to serve them safely. */
  async download(caller: Caller, id: string) {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    const row = await this.visible(this.db, caller, id);
    const key = blobKeyOf(row);
    if (!key) throw notFound('File');
    let stream: Readable;
    try {
      stream = await this.blobs.open(key);
    } catch (err) {
      this.log.warn({ err, attachmentId: id }, 'attachment blob is missing');
      throw notFound('File');
    }
    return {
      stream,
      size: row.fileSize,
      mimeType: safeMimeType(row.mimeType ?? undefined),
      contentDisposition: contentDisposition(row.title),
    };
  }

  async remove(caller: Caller, id: string): Promise<void> {
    requirePermission(caller, 'DELIVERABLE_UPDATE');
    const key = await this.db.transaction(async (tx) => {
      const row = await this.visible(tx, caller, id, true);
      await attachmentRepo.remove(tx, row.id);
      return blobKeyOf(row);
    });
    // After the commit: a failed blob delete leaves an orphan blob, never a row without bytes.
    if (key) await this.discardBlob(key);
  }
}
