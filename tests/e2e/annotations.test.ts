import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  PASSWORD,
  seedOrg,
  signIn,
  type SeededOrg,
  type TestContext,
} from '../helpers/test-app';
import { signInThroughUi, startE2E, type E2E } from './browser';

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const work = mkdtempSync(path.join(tmpdir(), 'annotations-e2e-'));

/** 23.976 fps: the rate where rounding to whole milliseconds or frames goes wrong first. */
const FPS = 24000 / 1001;
/** Frame N of the test clip is a flat grey of luma 24 + 6·N, so a pixel tells the frame. */
const lumaOf = (frame: number) => 24 + 6 * frame;

let e2e: E2E;
let ctx: TestContext;
let browser: Browser;
let baseUrl: string;
let org: SeededOrg;
let deliverableId: string;
let api: ReturnType<typeof client>;

const shot = (page: Page, name: string) => e2e.shot(page, name);

function testImage(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">
    <rect width="1600" height="900" fill="hsl(35,80%,55%)"/>
    <text x="800" y="505" font-size="150" text-anchor="middle" font-family="sans-serif"
      fill="#222">MARK ME UP</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The frame the video element shows, read back from its pixels. */
async function frameOnScreen(video: Locator): Promise<number> {
  const r = await video.evaluate((v: HTMLVideoElement) => {
    const c = document.createElement('canvas');
    c.width = 8;
    c.height = 8;
    const g = c.getContext('2d')!;
    g.drawImage(v, 0, 0, 8, 8);
    return g.getImageData(4, 4, 1, 1).data[0]!;
  });
  // Limited-range video: luma Y shows as (Y − 16) · 255 / 219.
  const y = (r * 219) / 255 + 16;
  return Math.round((y - 24) / 6);
}

/** Drags from one point to another, given as fractions of the box. */
async function drag(page: Page, box: Locator, from: [number, number], to: [number, number]) {
  const b = (await box.boundingBox())!;
  await page.mouse.move(b.x + b.width * from[0], b.y + b.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(
    b.x + b.width * ((from[0] + to[0]) / 2),
    b.y + b.height * ((from[1] + to[1]) / 2),
    {
      steps: 4,
    },
  );
  await page.mouse.move(b.x + b.width * to[0], b.y + b.height * to[1], { steps: 4 });
  await page.mouse.up();
}

async function click(page: Page, box: Locator, at: [number, number]) {
  const b = (await box.boundingBox())!;
  await page.mouse.click(b.x + b.width * at[0], b.y + b.height * at[1]);
}

async function comment(page: Page, text: string) {
  await page.getByTestId('annotation-input').fill(text);
  await page.getByTestId('annotation-send').click();
  await page.getByTestId('annotation-composer').waitFor({ state: 'detached' });
}

async function processed(page: Page, label: string) {
  const row = page.getByTestId(`revision-row-${label}`);
  await row.waitFor();
  await expect.poll(() => row.getAttribute('data-processing'), { timeout: 90_000 }).toBe('done');
  return row;
}

beforeAll(async () => {
  e2e = await startE2E({}, { withJobs: true });
  ({ ctx, browser, baseUrl } = e2e);
  org = await seedOrg(ctx, 'Annotation Agency');
  api = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
  await api.post('/api/pipelines', {
    name: 'Motion',
    stages: [{ key: 'a', name: 'Edit', approvalType: 'SIMPLE' }],
  });
  const project = (
    await api.post('/api/projects', { name: 'Winter', projectCode: 'WIN-1' })
  ).json();
  deliverableId = (
    await api.post(`/api/projects/${project.id}/deliverables`, { name: 'Teaser' })
  ).json().id;
}, 120_000);

afterAll(async () => {
  await e2e?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('annotations in the browser', () => {
  it('draws every shape on an image, and an arrow on one frame of a 23.976 fps video', async () => {
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    await signInThroughUi(page, org.users.PRODUCER.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`/deliverables/${deliverableId}`);

    const files = [{ name: 'still.png', mimeType: 'image/png', buffer: await testImage() }];
    if (hasFfmpeg) {
      const clip = path.join(work, 'frames.mp4');
      const made = spawnSync('ffmpeg', [
        ...['-loglevel', 'error', '-y', '-f', 'lavfi'],
        ...['-i', 'color=c=black:s=640x360:r=24000/1001:d=1.4'],
        ...['-vf', "geq=lum='24+6*N':cb=128:cr=128", '-pix_fmt', 'yuv420p', clip],
      ]);
      expect(made.status, made.stderr.toString()).toBe(0);
      files.push({ name: 'frames.mp4', mimeType: 'video/mp4', buffer: readFileSync(clip) });
    }
    await page.getByTestId('revision-upload-input').setInputFiles(files);
    await processed(page, 'V0.1');

    // The image: every drawing tool, each with its comment.
    await page.getByTestId('revision-open-V0.1').click();
    const overlay = page.getByTestId('image-overlay');
    await overlay.waitFor();
    await page.getByTestId('annotate-ellipse').click();
    await drag(page, overlay, [0.1, 0.1], [0.3, 0.4]);
    await comment(page, 'Softer edge here');
    await page.keyboard.press('a'); // arrow, from the keyboard
    await drag(page, overlay, [0.8, 0.8], [0.55, 0.55]);
    await comment(page, 'Move the logo this way');
    await page.getByTestId('annotate-freehand').click();
    const b = (await overlay.boundingBox())!;
    await page.mouse.move(b.x + b.width * 0.6, b.y + b.height * 0.2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(
        b.x + b.width * (0.6 + i * 0.02),
        b.y + b.height * (0.2 + Math.sin(i / 2) * 0.05),
      );
    }
    await page.mouse.up();
    await comment(page, 'Retouch this line');
    await page.getByTestId('annotate-text').click();
    await click(page, overlay, [0.4, 0.85]);
    await comment(page, 'NEW TAGLINE\nfrom the client deck');
    await page.getByTestId('annotate-pin').click();
    await click(page, overlay, [0.5, 0.5]);
    await comment(page, 'Dust spot');
    await expect.poll(() => page.getByTestId('annotation').count()).toBe(5);
    const label = page.locator('[data-testid="annotation"][data-type="TEXT"] text');
    expect(await label.textContent()).toBe('NEW TAGLINE');
    // The side list has them all; picking one shows its comment.
    await expect.poll(() => page.getByTestId('annotation-list-item').count()).toBe(5);
    await page.getByTestId('annotation-list-item').filter({ hasText: 'Softer edge' }).click();
    await page.getByTestId('annotation-comment').getByText('Softer edge here').waitFor();
    expect(
      await page.locator('[data-testid="annotation"][data-selected]').getAttribute('data-type'),
    ).toBe('ELLIPSE');
    await shot(page, 'annotations-image-shapes');

    const revisions = (await api.get(`/api/stages/${await stageId()}/revisions`)).json().items as {
      id: string;
      minor: number;
      major: number;
    }[];
    const image = revisions.find((r) => r.minor === 1 && r.major === 0)!;
    const stored = (await api.get(`/api/revisions/${image.id}/annotations`)).json().items as {
      type: string;
      x: number;
      data: Record<string, unknown>;
    }[];
    expect(stored.map((a) => a.type).sort()).toEqual([
      'ARROW',
      'ELLIPSE',
      'FREEHAND',
      'PIN',
      'TEXT',
    ]);
    const arrow = stored.find((a) => a.type === 'ARROW')!;
    expect(arrow.x).toBeCloseTo(0.8, 1);
    expect(arrow.data.x2).toBeCloseTo(0.55, 1);
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'detached' });

    if (!hasFfmpeg) return;

    // The video: step to frame 7, draw an arrow there.
    await processed(page, 'V0.2');
    await page.getByTestId('revision-open-V0.2').click();
    const video = page.getByTestId('video-viewer');
    await video.waitFor();
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 7; i++) await page.keyboard.press('.');
    await expect.poll(() => page.getByTestId('video-frame').textContent()).toBe('frame 7');
    await expect.poll(() => frameOnScreen(video)).toBe(7);
    await page.getByTestId('annotate-arrow').click();
    const picture = page.getByTestId('video-overlay');
    await drag(page, picture, [0.2, 0.8], [0.5, 0.45]);
    await page.getByTestId('annotation-visibility').getByText('Client-visible').click();
    await comment(page, 'Flash frame: cut it');
    await page.getByTestId('annotation').first().waitFor();
    await shot(page, 'annotations-video-frame');

    // Stored at frame 7's start, to the microsecond, with a picture of the frame.
    const video02 = (await api.get(`/api/stages/${await stageId()}/revisions`))
      .json()
      .items.find((r: { minor: number; major: number }) => r.major === 0 && r.minor === 2);
    const onVideo = (await api.get(`/api/revisions/${video02.id}/annotations`)).json().items;
    expect(onVideo).toHaveLength(1);
    expect(onVideo[0].type).toBe('ARROW');
    expect(Math.abs(onVideo[0].timestampSeconds - 7 / FPS)).toBeLessThan(1e-5);
    expect(onVideo[0].frameThumbnailUrl).toMatch(/^data:image\/jpeg;base64,/);
    const thumb = await sharp(Buffer.from(onVideo[0].frameThumbnailUrl.split(',')[1], 'base64'))
      .raw()
      .toBuffer({ resolveWithObject: true });
    // The thumbnail is frame 7 too (grey of luma 66, in RGB about 58).
    expect(Math.abs(thumb.data[0]! - Math.round(((lumaOf(7) - 16) * 255) / 219))).toBeLessThan(8);

    // Elsewhere on the timeline it is not drawn; its marker brings the frame back.
    await page.keyboard.press(',');
    await page.keyboard.press(',');
    await expect.poll(() => page.getByTestId('video-frame').textContent()).toBe('frame 5');
    await expect.poll(() => page.getByTestId('annotation').count()).toBe(0);
    await page.getByTestId('annotation-comment').getByRole('button').first().click(); // close
    await page.getByTestId('video-marker').click();
    await expect.poll(() => page.getByTestId('video-frame').textContent()).toBe('frame 7');
    await expect.poll(() => frameOnScreen(video)).toBe(7);
    await expect.poll(() => page.getByTestId('annotation').count()).toBe(1);
    await page.getByTestId('annotation-comment').getByText('Flash frame: cut it').waitFor();
    expect(await page.getByTestId('annotation-timecode').textContent()).toContain('00:00:00:07');

    // A link to the comment opens the viewer on that frame, from a fresh page.
    const url = new URL(page.url());
    expect(url.searchParams.get('comment')).toBe(onVideo[0].commentId);
    await page.goto(url.pathname + url.search);
    const again = page.getByTestId('video-viewer');
    await again.waitFor();
    await expect
      .poll(() => page.getByTestId('video-frame').textContent(), { timeout: 20_000 })
      .toBe('frame 7');
    await expect.poll(() => frameOnScreen(again)).toBe(7);
    await page.getByTestId('annotation-frame-thumbnail').waitFor();
    await shot(page, 'annotations-video-deep-link');
    await context.close();
  }, 240_000);
});

async function stageId(): Promise<string> {
  const d = (await api.get(`/api/deliverables/${deliverableId}`)).json();
  return d.stages[0].id;
}
