import { createReadStream, createWriteStream } from 'node:fs';
import { cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../config';
import { newId } from '../db/ids';

export interface StoredBlob {
  key: string;
  size: number;
}

/**
 * Where file bytes live. The database holds keys, never bytes. Keys are made here, never from
 * user file names, so no name can escape the store or collide.
 */
export interface BlobStore {
  put(body: Readable | Buffer, opts?: { prefix?: string; maxBytes?: number }): Promise<StoredBlob>;
  open(key: string): Promise<Readable>;
  size(key: string): Promise<number | null>;
  /** Removes a file or a folder blob (and everything in it). */
  delete(key: string): Promise<void>;
  /** Copies a local folder in as one blob (e.g. an HLS rendition); its files are read by name. */
  putDirectory(localDir: string, opts?: { prefix?: string }): Promise<StoredBlob>;
  /** A file inside a folder blob, by its relative path (letters, digits, -, _ and one dot). */
  openWithin(key: string, relativePath: string): Promise<Readable>;
  /** What sits directly under a prefix, for sweeps of abandoned files. */
  children(prefix: string): Promise<{ name: string; modifiedAt: Date }[]>;
  /** A path on local disk for tools that need one (ffmpeg, sharp), when the store has it. */
  localPath(key: string): string | null;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`File is larger than ${maxBytes} bytes`);
  }
}

const KEY_PATTERN = /^[a-z0-9-]+(\/[a-z0-9-]+)*\/[0-9a-z]{24}$/;
const PREFIX_PATTERN = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;
/** Relative paths inside a folder blob: no `..`, no absolute paths, no hidden files. */
const RELATIVE_PATTERN = /^([a-z0-9_-]+\/)*[a-z0-9_-]+\.[a-z0-9]+$/i;

export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathFor(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error(`Invalid blob key: ${key}`);
    return path.join(this.root, key);
  }

  async put(
    body: Readable | Buffer,
    opts: { prefix?: string; maxBytes?: number } = {},
  ): Promise<StoredBlob> {
    const prefix = (opts.prefix ?? 'files').replace(/[^a-z0-9/-]/g, '');
    const key = `${prefix}/${newId()}`;
    const finalPath = this.pathFor(key);
    await mkdir(path.dirname(finalPath), { recursive: true });
    // Write to a temp name and rename: a reader never sees half a file, and a crash leaves only
    // a `.part` file that the sweep removes.
    const tmpPath = `${finalPath}.part`;
    let size = 0;
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    const max = opts.maxBytes;
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (max !== undefined && size > max) throw new BlobTooLargeError(max);
            yield chunk;
          }
        },
        createWriteStream(tmpPath, { mode: 0o600 }),
      );
      await rename(tmpPath, finalPath);
    } catch (err) {
      await rm(tmpPath, { force: true });
      throw err;
    }
    return { key, size };
  }

  async open(key: string): Promise<Readable> {
    const p = this.pathFor(key);
    await stat(p);
    return createReadStream(p);
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathFor(key))).size;
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true, recursive: true });
  }

  async putDirectory(localDir: string, opts: { prefix?: string } = {}): Promise<StoredBlob> {
    const prefix = (opts.prefix ?? 'files').replace(/[^a-z0-9/-]/g, '');
    const key = `${prefix}/${newId()}`;
    const finalPath = this.pathFor(key);
    await mkdir(path.dirname(finalPath), { recursive: true });
    const tmpPath = `${finalPath}.part`;
    try {
      await cp(localDir, tmpPath, { recursive: true });
      await rename(tmpPath, finalPath);
    } catch (err) {
      await rm(tmpPath, { force: true, recursive: true });
      throw err;
    }
    return { key, size: 0 };
  }

  async openWithin(key: string, relativePath: string): Promise<Readable> {
    if (!RELATIVE_PATTERN.test(relativePath)) throw new Error(`Invalid path: ${relativePath}`);
    const p = path.join(this.pathFor(key), relativePath);
    await stat(p);
    return createReadStream(p);
  }

  async children(prefix: string): Promise<{ name: string; modifiedAt: Date }[]> {
    if (!PREFIX_PATTERN.test(prefix)) throw new Error(`Invalid prefix: ${prefix}`);
    const dir = path.join(this.root, prefix);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    const out: { name: string; modifiedAt: Date }[] = [];
    for (const name of names) {
      try {
        out.push({ name, modifiedAt: (await stat(path.join(dir, name))).mtime });
      } catch {
        // removed meanwhile
      }
    }
    return out;
  }

  localPath(key: string): string | null {
    return this.pathFor(key);
  }
}

/** The store the config points at: BLOB_DIR, else DATA_DIR/blobs (web and worker agree). */
export function blobStoreFor(config: Config): BlobStore {
  return new LocalBlobStore(config.BLOB_DIR ?? path.join(config.DATA_DIR, 'blobs'));
}
