import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
const work = mkdtempSync(path.join(tmpdir(), 'revisions-e2e-'));

let e2e: E2E;
let ctx: TestContext;
let browser: Browser;
let baseUrl: string;
let org: SeededOrg;
let deliverableId: string;

/** A 1600×900 test card, different per `hue`, with big text to see in screenshots. */
function testImage(hue: number, text: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">
    <rect width="1600" height="900" fill="hsl(${hue},65%,50%)"/>
    <circle cx="800" cy="450" r="260" fill="white" opacity="0.85"/>
    <text x="800" y="505" font-size="150" text-anchor="middle" font-family="sans-serif"
      fill="#222">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const shot = (page: Page, name: string) => e2e.shot(page, name);

/** Waits until the chain row with `label` has finished processing. */
async function processed(page: Page, label: string) {
  const row = page.getByTestId(`revision-row-${label}`);
  await row.waitFor();
  await expect.poll(() => row.getAttribute('data-processing'), { timeout: 60_000 }).toBe('done');
  return row;
}

beforeAll(async () => {
  // Media processing runs as a background job: this app needs its job worker.
  e2e = await startE2E({}, { withJobs: true });
  ({ ctx, browser, baseUrl } = e2e);

  org = await seedOrg(ctx, 'Revisions Agency');
  const api = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
  await api.post('/api/pipelines', {
    name: 'Stills and motion',
    stages: [{ key: 'a', name: 'Design' }],
  });
  const project = (
    await api.post('/api/projects', { name: 'Spring', projectCode: 'SPR-1' })
  ).json();
  deliverableId = (
    await api.post(`/api/projects/${project.id}/deliverables`, { name: 'Key Visual' })
  ).json().id;
}, 120_000);

afterAll(async () => {
  await e2e?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('revisions in the browser', () => {
  it('uploads an image and a video, sends a version, uploads again and compares with a wipe', async () => {
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    await signInThroughUi(page, org.users.PRODUCER.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`/deliverables/${deliverableId}`);
    await page.getByTestId('revision-drop-zone').waitFor();
    await expect
      .poll(() => page.getByTestId('revision-drop-zone').textContent())
      .toContain('No versions yet');

    // An image and a video dropped together become V0.1 and V0.2, uploaded one after another.
    const files = [
      { name: 'key-visual-a.png', mimeType: 'image/png', buffer: await testImage(210, 'A') },
    ];
    if (hasFfmpeg) {
      const clip = path.join(work, 'clip.mp4');
      const made = spawnSync('ffmpeg', [
        ...['-loglevel', 'error', '-y', '-f', 'lavfi'],
        ...['-i', 'testsrc2=size=640x360:rate=24:duration=3', '-pix_fmt', 'yuv420p', clip],
      ]);
      expect(made.status, made.stderr.toString()).toBe(0);
      files.push({ name: 'teaser.mp4', mimeType: 'video/mp4', buffer: readFileSync(clip) });
    }
    await page.getByTestId('revision-upload-input').setInputFiles(files);
    await page.getByTestId('revision-upload-item').first().waitFor();
    await shot(page, 'revisions-uploading');
    await processed(page, 'V0.1');
    const latest = hasFfmpeg ? 'V0.2' : 'V0.1';
    const latestRow = await processed(page, latest);
    await shot(page, 'revisions-processed');

    // A file the server does not take is refused by name, with what it accepts.
    await page.getByTestId('revision-upload-input').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not media'),
    });
    const refused = page.getByTestId('revision-upload-error');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/notes\.txt.*PNG/);

    if (hasFfmpeg) {
      // The video plays through HLS; the frame steps move the timecode one frame at a time.
      await page.getByTestId('revision-open-V0.2').click();
      const video = page.getByTestId('video-viewer');
      await video.waitFor();
      await expect
        .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 })
        .toBeGreaterThanOrEqual(1);
      await page.keyboard.press('.');
      await page.keyboard.press('.');
      await expect.poll(() => page.getByTestId('video-timecode').textContent()).toBe('00:00:00:02');
      await page.getByTestId('video-step-back').click();
      await expect.poll(() => page.getByTestId('video-frame').textContent()).toBe('frame 1');
      await shot(page, 'revisions-video-viewer');
      await page.keyboard.press('Escape');
      await video.waitFor({ state: 'detached' });
    }

    // Sending the latest internal version makes it V1 and puts the deliverable in client review.
    await latestRow.getByTestId('revision-send').click();
    await page.getByTestId('confirm-submit').click();
    const sent = page.getByTestId('revision-row-V1');
    await sent.waitFor();
    await sent.getByTestId('revision-sent').waitFor();
    await expect
      .poll(() => page.getByTestId('deliverable-status').getAttribute('data-status'))
      .toBe('IN_REVIEW');
    await sent.getByTestId('revision-deliveries').waitFor();
    expect(await page.getByTestId('revision-send').count()).toBe(0);

    // The next upload continues the chain as V1.1.
    await page.getByTestId('revision-upload-input').setInputFiles({
      name: 'key-visual-b.png',
      mimeType: 'image/png',
      buffer: await testImage(20, 'B'),
    });
    await processed(page, 'V1.1');
    await shot(page, 'revisions-chain');

    // Two images picked → compare, as a wipe; the divider follows the keyboard and the mouse.
    const first = hasFfmpeg ? 'V0.1' : 'V1';
    await page.getByTestId(`revision-select-${first}`).check();
    await page.getByTestId('revision-select-V1.1').check();
    await page.getByTestId('revision-compare').click();
    await page.waitForURL(/\/compare\?/);
    await page.getByTestId('compare-label-A').getByText(first, { exact: true }).waitFor();
    await page.getByTestId('compare-label-B').getByText('V1.1', { exact: true }).waitFor();
    await page.getByTestId('compare-mode').getByText('Wipe').click();
    const wipe = page.getByTestId('compare-wipe');
    await wipe.waitFor();
    expect(await wipe.getAttribute('data-position')).toBe('50.0');
    await page.getByTestId('compare-wipe-handle').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    expect(await wipe.getAttribute('data-position')).toBe('45.0');
    const box = (await wipe.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    expect(Number(await wipe.getAttribute('data-position'))).toBeCloseTo(25, 0);
    await shot(page, 'revisions-compare-wipe');

    // Swapping puts V1.1 on the left.
    await page.getByTestId('compare-swap').click();
    await page.getByTestId('compare-label-A').getByText('V1.1', { exact: true }).waitFor();
    await context.close();
  }, 240_000);
});
