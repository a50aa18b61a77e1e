import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { newId } from '../../db/ids';
import {
  revisions,
  type RenditionName,
  type RevisionAsset,
  type StoredRendition,
} from '../../db/schema';
import type { JobQueue } from '../../jobs/queue';
import { makeImageRenditions, readImageInfo } from '../../media/image-pipeline';
import {
  FFMPEG_MISSING_MESSAGE,
  locateFfmpeg,
  makeVideoRenditions,
  probeVideo,
} from '../../media/video-pipeline';
import type { BlobStore } from '../../storage/blob-store';
import { revisionFolder } from './revision.service';

/** Progress is written at most this often (it doubles as the run's heartbeat). */
const HEARTBEAT_MS = 1000;

class SupersededError extends Error {
  constructor() {
    super('Another run took this revision over');
  }
}

interface Claim {
  runId: string;
  asset: RevisionAsset;
}

/**
 * Makes a revision's derived files in a job: previews and thumbnails for images (sharp);
 * probe, poster, thumbnail and an HLS ladder for videos (ffmpeg).
 *
 * Safe to run twice and to crash: a run claims the revision (a run id in the asset), writes
 * progress as a heartbeat, and can only store results while it still holds the claim. A dead
 * run's claim goes stale and the next run takes over; its half-made files stay in the
 * revision's folder until the sweep removes what no row points at.
 */
export class MediaProcessor {
  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly config: Config,
    private readonly log: (msg: string, err?: unknown) => void = () => {},
  ) {}

  private get workRoot() {
    return path.join(this.config.DATA_DIR, 'work');
  }

  async process(revisionId: string): Promise<void> {
    const claim = await this.claim(revisionId);
    if (!claim) return;
    const workDir = path.join(this.workRoot, claim.runId);
    await mkdir(workDir, { recursive: true });
    const stored: string[] = [];
    try {
      const input = await this.localInput(claim.asset.key, workDir);
      const result =
        claim.asset.kind === 'image'
          ? await this.image(revisionId, claim, input, workDir, stored)
          : await this.video(revisionId, claim, input, workDir, stored);
      const previous = await this.finish(revisionId, claim.runId, result);
      await Promise.all(previous.map((key) => this.blobs.delete(key).catch(() => {})));
    } catch (err) {
      await Promise.all(stored.map((key) => this.blobs.delete(key).catch(() => {})));
      if (err instanceof SupersededError) return;
      this.log(`media processing of revision ${revisionId} failed`, err);
      await this.fail(revisionId, claim.runId, this.publicError(err));
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  private async image(
    revisionId: string,
    claim: Claim,
    input: string,
    workDir: string,
    stored: string[],
  ): Promise<Partial<RevisionAsset>> {
    const maxPixels = this.config.MEDIA_MAX_IMAGE_PIXELS;
    const info = await readImageInfo(input, maxPixels);
    await this.heartbeat(revisionId, claim.runId, 10);
    const out = await makeImageRenditions(input, workDir, info, { maxPixels });
    await this.heartbeat(revisionId, claim.runId, 80);
    const folder = revisionFolder(revisionId);
    const renditions: Partial<Record<RenditionName, StoredRendition>> = {};
    for (const [name, file] of [
      ['preview', out.preview],
      ['thumbnail', out.thumbnail],
    ] as const) {
      const blob = await this.blobs.put(createReadStream(file.path), { prefix: folder });
      stored.push(blob.key);
      renditions[name] = { key: blob.key, mimeType: file.mimeType };
    }
    return { width: info.width, height: info.height, renditions };
  }

  private async video(
    revisionId: string,
    claim: Claim,
    input: string,
    workDir: string,
    stored: string[],
  ): Promise<Partial<RevisionAsset>> {
    const bin = locateFfmpeg(this.config.FFMPEG_PATH);
    if (!bin) throw new Error(FFMPEG_MISSING_MESSAGE);
    const abort = new AbortController();
    const probe = await probeVideo(bin, input, abort.signal);
    let last = 0;
    let lastPercent = -1;
    let beat: Promise<void> = Promise.resolve();
    const out = await makeVideoRenditions(
      bin,
      input,
      workDir,
      probe,
      (percent) => {
        const now = Date.now();
        if (percent === lastPercent || now - last < HEARTBEAT_MS) return;
        last = now;
        lastPercent = percent;
        // Scale ffmpeg's 0..100 into 0..95: storing the files is the last step.
        beat = beat
          .then(() => this.heartbeat(revisionId, claim.runId, Math.floor(percent * 0.95)))
          .catch((err: unknown) => {
            if (err instanceof SupersededError) abort.abort();
          });
      },
      abort.signal,
    ).catch((err: unknown) => {
      if (abort.signal.aborted) throw new SupersededError();
      throw err;
    });
    await beat;
    if (abort.signal.aborted) throw new SupersededError();
    const folder = revisionFolder(revisionId);
    const renditions: Partial<Record<RenditionName, StoredRendition>> = {};
    for (const [name, file] of [
      ['poster', out.poster],
      ['thumbnail', out.thumbnail],
    ] as const) {
      const blob = await this.blobs.put(createReadStream(file.path), { prefix: folder });
      stored.push(blob.key);
      renditions[name] = { key: blob.key, mimeType: file.mimeType };
    }
    const hls = await this.blobs.putDirectory(out.hlsDir, { prefix: folder });
    stored.push(hls.key);
    renditions.hls = { key: hls.key, mimeType: 'application/vnd.apple.mpegurl' };
    return {
      width: probe.width,
      height: probe.height,
      durationSeconds: probe.durationSeconds,
      fps: probe.fps,
      renditions,
    };
  }

  /**
   * What people see of a failure: the tool's own words, without this server's folders (the
   * full error goes to the log).
   */
  private publicError(err: unknown): string {
    const message = err instanceof Error ? err.message : String(err);
    const folders = [path.resolve(this.config.DATA_DIR), tmpdir()].filter((f) => f.length > 1);
    let out = message;
    for (const f of folders) out = out.split(f).join('…');
    return out.replace(/…\/[^\s:'"]*/g, 'the file').slice(0, 1000);
  }

  /** A path on disk for the original: the store's own, or a copy in the work folder. */
  private async localInput(key: string, workDir: string): Promise<string> {
    const local = this.blobs.localPath(key);
    if (local) return local;
    const copy = path.join(workDir, 'original');
    await pipeline(await this.blobs.open(key), createWriteStream(copy));
    return copy;
  }

  /** Takes the revision when it waits for processing or its run went stale. */
  private async claim(revisionId: string): Promise<Claim | null> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ asset: revisions.asset })
        .from(revisions)
        .where(eq(revisions.id, revisionId))
        .for('update');
      const asset = row?.asset;
      if (!asset) return null;
      const p = asset.processing;
      const stale =
        p.state === 'running' &&
        (!p.heartbeatAt ||
          Date.now() - new Date(p.heartbeatAt).getTime() > this.config.MEDIA_STALE_SECONDS * 1000);
      if (p.state !== 'pending' && !stale) return null;
      const runId = newId();
      const next: RevisionAsset = {
        ...asset,
        processing: { state: 'running', progress: 0, runId, heartbeatAt: new Date().toISOString() },
      };
      await tx.update(revisions).set({ asset: next }).where(eq(revisions.id, revisionId));
      return { runId, asset: next };
    });
  }

  /** Progress and a sign of life; throws when another run has taken over. */
  private async heartbeat(revisionId: string, runId: string, progress: number) {
    const result = await this.db.execute(sql`
      update "revisions"
         set "asset" = jsonb_set(jsonb_set("asset", '{processing,progress}', to_jsonb(${progress}::int)),
                                 '{processing,heartbeatAt}', to_jsonb(${new Date().toISOString()}::text))
       where "id" = ${revisionId} and "asset"->'processing'->>'runId' = ${runId}`);
    if (result.rowCount === 0) throw new SupersededError();
  }

  /** Stores the results if the run still holds the claim; returns the keys they replace. */
  private async finish(
    revisionId: string,
    runId: string,
    result: Partial<RevisionAsset>,
  ): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ asset: revisions.asset })
        .from(revisions)
        .where(eq(revisions.id, revisionId))
        .for('update');
      const asset = row?.asset;
      if (!asset || asset.processing.runId !== runId) throw new SupersededError();
      const replaced = Object.values(asset.renditions ?? {}).map((r) => r.key);
      await tx
        .update(revisions)
        .set({
          asset: {
            ...asset,
            ...result,
            processing: { state: 'done', progress: 100 },
          },
        })
        .where(eq(revisions.id, revisionId));
      return replaced.filter(
        (k) => !Object.values(result.renditions ?? {}).some((r) => r.key === k),
      );
    });
  }

  private async fail(revisionId: string, runId: string, error: string) {
    await this.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ asset: revisions.asset })
        .from(revisions)
        .where(eq(revisions.id, revisionId))
        .for('update');
      const asset = row?.asset;
      if (!asset || asset.processing.runId !== runId) return;
      await tx
        .update(revisions)
        .set({
          asset: {
            ...asset,
            processing: { state: 'failed', progress: asset.processing.progress, error },
          },
        })
        .where(eq(revisions.id, revisionId));
    });
  }

  /** Runs whose worker died (stale heartbeat) are offered again. */
  async recover(
    queue: Pick<JobQueue, 'send'>,
    staleSeconds = this.config.MEDIA_STALE_SECONDS,
  ): Promise<number> {
    const rows = await this.db
      .select({ id: revisions.id })
      .from(revisions)
      .where(
        and(
          sql`${revisions.asset}->'processing'->>'state' = 'running'`,
          sql`coalesce((${revisions.asset}->'processing'->>'heartbeatAt')::timestamptz, 'epoch') < now() - make_interval(secs => ${staleSeconds})`,
        ),
      )
      .limit(500);
    for (const r of rows) await queue.send('media.process', { revisionId: r.id });
    return rows.length;
  }

  /**
   * Removes what a crash left behind: revision folders with no row (an upload killed before its
   * row was written), files in a folder that the row does not point at (a run killed before it
   * stored its results), `.part` files, and old work folders. Only things older than the grace
   * period are touched, so uploads and runs in progress are safe.
   */
  async sweep(graceSeconds = 3600): Promise<{ removed: number }> {
    const cutoff = Date.now() - graceSeconds * 1000;
    let removed = 0;
    const folders = (await this.blobs.children('revisions')).filter(
      (c) => c.modifiedAt.getTime() <= cutoff,
    );
    for (let i = 0; i < folders.length; i += 200) {
      const batch = folders.slice(i, i + 200);
      const ids = batch.map((f) => f.name).filter((n) => /^[0-9a-z]{24}$/.test(n));
      const rows = ids.length
        ? await this.db
            .select({ id: revisions.id, asset: revisions.asset })
            .from(revisions)
            .where(inArray(revisions.id, ids))
        : [];
      const byId = new Map(rows.map((r) => [r.id, r.asset]));
      for (const f of batch) {
        const folder = `revisions/${f.name}`;
        const asset = byId.get(f.name);
        if (!asset) {
          // A slow upload still writing its `.part` keeps the folder alive.
          const inside = await this.blobs.children(folder);
          if (inside.some((c) => c.modifiedAt.getTime() > cutoff)) continue;
          if (/^[0-9a-z]{24}$/.test(f.name)) {
            await this.blobs.delete(folder);
            removed++;
          }
          continue;
        }
        const keep = new Set([
          asset.key,
          ...Object.values(asset.renditions ?? {}).map((r) => r.key),
        ]);
        for (const c of await this.blobs.children(folder)) {
          if (c.modifiedAt.getTime() > cutoff) continue;
          const id = c.name.replace(/\.part$/, '');
          if (c.name === id && keep.has(`${folder}/${id}`)) continue;
          if (!/^[0-9a-z]{24}$/.test(id)) continue;
          await this.removeLoose(folder, c.name);
          removed++;
        }
      }
    }
    removed += await this.sweepWork(cutoff);
    return { removed };
  }

  /** A stray file or folder (incl. `.part`) inside a revision folder. */
  private async removeLoose(folder: string, name: string) {
    const local = this.blobs.localPath(`${folder}/${name.replace(/\.part$/, '')}`);
    if (name.endsWith('.part') && local)
      await rm(`${local}.part`, { recursive: true, force: true });
    else await this.blobs.delete(`${folder}/${name}`);
  }

  private async sweepWork(cutoff: number): Promise<number> {
    let removed = 0;
    let names: string[] = [];
    try {
      names = await readdir(this.workRoot);
    } catch {
      return 0;
    }
    for (const name of names) {
      const p = path.join(this.workRoot, name);
      try {
        if ((await stat(p)).mtime.getTime() > cutoff) continue;
      } catch {
        continue;
      }
      await rm(p, { recursive: true, force: true });
      removed++;
    }
    return removed;
  }
}
