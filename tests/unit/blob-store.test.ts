import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobTooLargeError, LocalBlobStore } from '../../src/server/storage/blob-store';

const root = mkdtempSync(path.join(tmpdir(), 'blobs-'));
const store = new LocalBlobStore(root);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function readAll(r: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name);
}

describe('local blob store', () => {
  it('stores under a generated key and reads back the same bytes', async () => {
    const { key, size } = await store.put(Buffer.from('hello'), { prefix: 'revisions' });
    expect(key).toMatch(/^revisions\/[0-9a-z]{24}$/);
    expect(size).toBe(5);
    expect((await readAll(await store.open(key))).toString()).toBe('hello');
    expect(await store.size(key)).toBe(5);
    await store.delete(key);
    expect(await store.size(key)).toBeNull();
  });

  it('streams large input without keeping a partial file when over the limit', async () => {
    const before = listFiles(root).length;
    const big = Readable.from(
      (function* () {
        for (let i = 0; i < 64; i++) yield Buffer.alloc(64 * 1024, i);
      })(),
    );
    await expect(store.put(big, { maxBytes: 1024 * 1024 })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    expect(listFiles(root).length).toBe(before);
  });

  it('refuses keys that could escape the store', async () => {
    await expect(store.open('../../etc/passwd')).rejects.toThrow(/Invalid blob key/);
    await expect(store.open('files/../../x')).rejects.toThrow(/Invalid blob key/);
  });
});
