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

let e2e: E2E;
let ctx: TestContext;
let browser: Browser;
let baseUrl: string;
let org: SeededOrg;
let deliverableId: string;

function testImage(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">
    <rect width="1600" height="900" fill="hsl(160,65%,45%)"/>
    <text x="800" y="505" font-size="150" text-anchor="middle" font-family="sans-serif"
      fill="#fff">REVIEW</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const shot = (page: Page, name: string) => e2e.shot(page, name, true);

beforeAll(async () => {
  // Media processing runs as a background job: this app needs its job worker.
  e2e = await startE2E({}, { withJobs: true });
  ({ ctx, browser, baseUrl } = e2e);

  org = await seedOrg(ctx, 'Review Agency');
  const api = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
  await api.post('/api/pipelines', {
    name: 'Reviewed stills',
    stages: [{ key: 'a', name: 'Design', approvalType: 'SIMPLE' }],
  });
  const project = (
    await api.post('/api/projects', { name: 'Autumn', projectCode: 'AUT-1' })
  ).json();
  deliverableId = (
    await api.post(`/api/projects/${project.id}/deliverables`, { name: 'Hero Banner' })
  ).json().id;
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

describe('review in the browser', () => {
  it('comments as text, then requests changes on a stage in review', async () => {
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signInThroughUi(page, org.users.PRODUCER.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`/deliverables/${deliverableId}`);
    await page.getByTestId('review-section').waitFor();
    await page.getByTestId('comments-empty').waitFor();

    // Upload an image as V0.1 and wait for it to be processed.
    await page.getByTestId('revision-upload-input').setInputFiles({
      name: 'hero.png',
      mimeType: 'image/png',
      buffer: await testImage(),
    });
    const row = page.getByTestId('revision-row-V0.1');
    await row.waitFor();
    await expect.poll(() => row.getAttribute('data-processing'), { timeout: 60_000 }).toBe('done');

    // Submit the stage for review (starting it first if the upload did not).
    const stageStatus = page.getByTestId('stage-panel').getByTestId('stage-status');
    if ((await stageStatus.getAttribute('data-status')) !== 'IN_PROGRESS') {
      await page.getByTestId('stage-move-IN_PROGRESS').click();
      await expect.poll(() => stageStatus.getAttribute('data-status')).toBe('IN_PROGRESS');
    }
    await page.getByTestId('stage-move-IN_REVIEW').click();
    await expect.poll(() => stageStatus.getAttribute('data-status')).toBe('IN_REVIEW');
    // The decision is taken in the Review panel, not as a plain stage move.
    await page.getByTestId('stage-decide-in-review').waitFor();
    expect(await page.getByTestId('stage-move-APPROVED').count()).toBe(0);

    // A comment holding markup is shown as the text typed, never run or parsed.
    const hostile = '<script>window.__pwned = 1</script> <b>not bold</b>\nsecond line';
    const composer = page.getByTestId('comments-thread').getByTestId('comment-composer');
    await composer.getByTestId('comment-input').fill(hostile);
    await composer.getByTestId('comment-input').press('Control+Enter');
    const comment = page.getByTestId('comment').first();
    await comment.waitFor();
    expect(await comment.getByTestId('comment-content').textContent()).toBe(hostile);
    expect(await comment.locator('script, b').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await comment.getByTestId('comment-visibility-badge').textContent()).toBe('Internal');
    await expect.poll(() => composer.getByTestId('comment-input').inputValue()).toBe('');

    // A reply threads under its parent.
    await comment.getByTestId('comment-reply').click();
    const reply = page.getByTestId('reply-composer');
    await reply.getByTestId('comment-input').fill('Looking into it');
    await reply.getByTestId('comment-send').click();
    await expect.poll(() => page.getByTestId('comment').count()).toBe(2);

    // The comment becomes an action item; starting it moves its status.
    await comment.getByTestId('comment-make-item').click();
    const item = page.getByTestId('feedback-item').first();
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('OPEN');
    await item.getByTestId('feedback-move-IN_PROGRESS').click();
    await expect.poll(() => item.getAttribute('data-status')).toBe('IN_PROGRESS');
    await shot(page, 'review-thread');

    // Annotate the image: drag a rectangle in the viewer, then write what it is about.
    await page.getByTestId('revision-open-V0.1').click();
    const overlay = page.getByTestId('image-overlay');
    await overlay.waitFor();
    await page.getByTestId('annotate-rectangle').click();
    const ob = (await overlay.boundingBox())!;
    await page.mouse.move(ob.x + ob.width * 0.2, ob.y + ob.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(ob.x + ob.width * 0.4, ob.y + ob.height * 0.45, { steps: 5 });
    await page.mouse.move(ob.x + ob.width * 0.5, ob.y + ob.height * 0.6, { steps: 5 });
    await page.mouse.up();
    await page.getByTestId('annotation-input').fill('Logo too small here');
    await page.getByTestId('annotation-input').press('Control+Enter');
    const drawn = page.getByTestId('annotation').first();
    await drawn.waitFor();
    // Stored as fractions of the image; it covers the same pixels when zoomed in.
    const at = async () => {
      const o = (await overlay.boundingBox())!;
      // The drawn outline (the shape's click area around it is wider).
      const a = (await drawn.getByTestId('annotation-shape').boundingBox())!;
      return [(a.x - o.x) / o.width, (a.y - o.y) / o.height, a.width / o.width].map(
        (v) => Math.round(v * 100) / 100,
      );
    };
    expect(await at()).toEqual([0.2, 0.3, 0.3]);
    await page.getByTestId('zoom-controls').getByLabel('Zoom in').click();
    await page.getByTestId('zoom-controls').getByLabel('Zoom in').click();
    expect(await at()).toEqual([0.2, 0.3, 0.3]);
    await drawn.click();
    await page.getByTestId('annotation-comment').getByText('Logo too small here').waitFor();
    await shot(page, 'review-annotation');
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('comment').count()).toBe(3);

    // Request changes: the note is required before the decision can be sent.
    await page.getByTestId('decision-request-changes').click();
    const modal = page.getByRole('dialog');
    await modal.getByTestId('decision-note').waitFor();
    expect(await modal.getByTestId('decision-submit').isDisabled()).toBe(true);
    await modal.getByTestId('decision-note').fill('Make the logo bigger.');
    await shot(page, 'review-request-changes');
    await modal.getByTestId('decision-submit').click();
    await modal.waitFor({ state: 'detached' });

    await expect.poll(() => stageStatus.getAttribute('data-status')).toBe('CHANGES_REQUESTED');
    const decision = page.getByTestId('decision-item').first();
    await decision.waitFor();
    expect(await decision.getAttribute('data-decision')).toBe('CHANGES_REQUESTED');
    expect(await decision.textContent()).toContain('Make the logo bigger.');
    // The revision reviewed takes the decision too.
    await expect
      .poll(() => row.getByTestId('revision-status').getAttribute('data-status'))
      .toBe('CHANGES_REQUESTED');
    // Once decided, the buttons go away (the stage is no longer in review).
    expect(await page.getByTestId('decision-approve').count()).toBe(0);
    await shot(page, 'review-changes-requested');
    expect(dialogs).toEqual([]);
    await context.close();
  }, 180_000);
});
