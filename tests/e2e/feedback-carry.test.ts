import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../helpers/multipart';
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
let org: SeededOrg;
let producerCookie: string;
let deliverableId: string;
let stageId: string;
let v1Id: string;

function testImage(hue: number, text: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675">
    <rect width="1200" height="675" fill="hsl(${hue},60%,45%)"/>
    <text x="600" y="380" font-size="120" text-anchor="middle" font-family="sans-serif"
      fill="#fff">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const shot = (page: Page, name: string) => e2e.shot(page, name, true);

beforeAll(async () => {
  // Uploads are processed by the job worker.
  e2e = await startE2E({}, { withJobs: true });
  ({ ctx } = e2e);

  org = await seedOrg(ctx, 'Carry Studio');
  producerCookie = await signIn(ctx, org.users.PRODUCER.email);
  const api = client(ctx, producerCookie);
  const pipe = await api.post('/api/pipelines', {
    name: 'Stills',
    stages: [{ key: 'a', name: 'Design', approvalType: 'SIMPLE' }],
  });
  expect(pipe.statusCode, pipe.body).toBe(201);
  const project = await api.post('/api/projects', {
    name: 'Winter',
    projectCode: 'WIN-1',
    pipelineTemplateId: pipe.json().id,
  });
  expect(project.statusCode, project.body).toBe(201);
  const d = await api.post(`/api/projects/${project.json().id}/deliverables`, {
    name: 'Poster',
  });
  expect(d.statusCode, d.body).toBe(201);
  deliverableId = d.json().id;
  stageId = d.json().stages[0].id;

  // V0.1 through the API, and an annotation on it (drawing one is review.test.ts's business).
  const body = multipart([
    {
      name: 'file',
      filename: 'poster.png',
      contentType: 'image/png',
      data: await testImage(200, 'V0.1'),
    },
  ]);
  const up = await ctx.app.inject({
    method: 'POST',
    url: `/api/stages/${stageId}/revisions`,
    headers: {
      origin: ctx.config.appUrl,
      cookie: producerCookie,
      'content-type': body.contentType,
    },
    payload: body.payload,
  });
  expect(up.statusCode, up.body).toBe(201);
  v1Id = up.json().id;
  const ann = await api.post(`/api/revisions/${v1Id}/annotations`, {
    content: 'Logo too small here',
    annotation: { type: 'RECTANGLE', x: 0.2, y: 0.3, data: { w: 0.3, h: 0.2 } },
  });
  expect(ann.statusCode, ann.body).toBe(201);
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

describe('action items carried across versions, and @mentions', () => {
  it('mentions a teammate, makes items, and carries the unverified ones to V0.2', async () => {
    const { page, context } = await e2e.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signInThroughUi(page, org.users.PRODUCER.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`/deliverables/${deliverableId}`);
    const review = page.getByTestId('review-section');
    await review.waitFor();
    const thread = page.getByTestId('comments-thread');
    await thread.getByTestId('comment').first().waitFor();

    // @mention autocomplete: "@a" lists the people, ↓ moves, Enter writes their handle.
    const composer = thread.getByTestId('comment-composer');
    const input = composer.getByTestId('comment-input');
    await input.click();
    await input.pressSequentially('Please fix the colour @a');
    const list = page.getByTestId('mention-list');
    await list.waitFor();
    const options = list.getByTestId('mention-option');
    expect(await options.first().getAttribute('data-handle')).toBe('admin');
    expect(await options.first().getAttribute('data-active')).toBe('true');
    await shot(page, 'mention-autocomplete');
    await input.press('ArrowDown');
    expect(await options.nth(1).getAttribute('data-active')).toBe('true');
    expect(await options.nth(1).getAttribute('data-handle')).toBe('artist');
    await input.press('Enter');
    await list.waitFor({ state: 'detached' });
    expect(await input.inputValue()).toBe('Please fix the colour @artist ');
    // Esc closes the list without touching the text; Tab picks too.
    await input.pressSequentially('and @pro');
    await list.waitFor();
    await input.press('Escape');
    await list.waitFor({ state: 'detached' });
    expect(await input.inputValue()).toBe('Please fix the colour @artist and @pro');
    // Typing on does not bring it back for that "@"; a new one does.
    await input.pressSequentially('d');
    expect(await list.count()).toBe(0);
    for (let i = 0; i < 5; i++) await input.press('Backspace');
    await input.pressSequentially('@prod');
    await list.waitFor();
    await input.press('Tab');
    expect(await input.inputValue()).toBe('Please fix the colour @artist and @producer ');
    await input.press('Control+Enter');
    const mentioned = thread
      .getByTestId('comment')
      .filter({ hasText: 'Please fix the colour' })
      .first();
    await mentioned.waitFor();
    // Mentions show highlighted, as text.
    const marks = mentioned.getByTestId('comment-mention');
    await expect.poll(() => marks.allTextContents()).toEqual(['@artist', '@producer']);
    expect(await mentioned.getByTestId('comment-content').textContent()).toBe(
      'Please fix the colour @artist and @producer ',
    );

    // Another comment, to be fixed and verified on V0.1.
    await input.fill('Crop tighter');
    await input.press('Control+Enter');
    const crop = thread.getByTestId('comment').filter({ hasText: 'Crop tighter' });
    await crop.waitFor();

    // Action items from a comment and from an annotation's comment.
    const panel = page.getByTestId('feedback-panel');
    const itemFor = (text: string) => panel.getByTestId('feedback-item').filter({ hasText: text });
    await mentioned.getByTestId('comment-make-item').click();
    await itemFor('Please fix the colour').waitFor();
    const annotated = thread.getByTestId('comment').filter({ hasText: 'Logo too small here' });
    expect(await annotated.getByTestId('comment-show-annotation').textContent()).toBe(
      'Show on V0.1',
    );
    await annotated.getByTestId('comment-make-item').click();
    await itemFor('Logo too small here').waitFor();
    await crop.getByTestId('comment-make-item').click();
    await itemFor('Crop tighter').waitFor();
    for (const text of ['Please fix the colour', 'Logo too small here', 'Crop tighter']) {
      expect(await itemFor(text).getAttribute('data-version')).toBe('V0.1');
      expect(await itemFor(text).getByTestId('feedback-carried').count()).toBe(0);
    }
    expect(await itemFor('Logo too small here').getByLabel('Annotation').count()).toBe(1);

    // The moves, each with who and when.
    const colour = itemFor('Please fix the colour');
    await colour.getByTestId('feedback-move-IN_PROGRESS').click();
    await expect.poll(() => colour.getAttribute('data-status')).toBe('IN_PROGRESS');
    await colour.getByTestId('feedback-move-RESOLVED').click();
    const resolve = page.getByRole('dialog');
    await resolve.getByTestId('feedback-resolve-note').fill('Warmer palette');
    await resolve.getByTestId('feedback-resolve-submit').click();
    await resolve.waitFor({ state: 'detached' });
    await expect.poll(() => colour.getAttribute('data-status')).toBe('RESOLVED');
    expect(await colour.getByTestId('feedback-resolved').textContent()).toContain(
      'Resolved by PRODUCER of Carry Studio',
    );
    expect(await colour.getByTestId('feedback-resolution-note').textContent()).toBe(
      'Note: Warmer palette',
    );

    const cropItem = itemFor('Crop tighter');
    await cropItem.getByTestId('feedback-move-RESOLVED').click();
    await resolve.getByTestId('feedback-resolve-note').fill('Cropped to the face');
    await resolve.getByTestId('feedback-resolve-submit').click();
    await resolve.waitFor({ state: 'detached' });
    await expect.poll(() => cropItem.getAttribute('data-status')).toBe('RESOLVED');
    await cropItem.getByTestId('feedback-move-VERIFIED').click();
    await expect.poll(() => cropItem.getAttribute('data-status')).toBe('VERIFIED');
    expect(await cropItem.getByTestId('feedback-verified').textContent()).toContain(
      'Verified by PRODUCER of Carry Studio',
    );
    await shot(page, 'feedback-before-carry');

    // V0.2 arrives: the two unverified items are carried to it; the verified one stays.
    await page.getByTestId('revision-upload-input').setInputFiles({
      name: 'poster.png',
      mimeType: 'image/png',
      buffer: await testImage(30, 'V0.2'),
    });
    await page.getByTestId('revision-row-V0.2').waitFor();
    await expect.poll(() => colour.getAttribute('data-version')).toBe('V0.2');
    expect(await colour.getAttribute('data-status')).toBe('RESOLVED');
    expect(await colour.getByTestId('feedback-carried').textContent()).toBe('Carried from V0.1');
    const logo = itemFor('Logo too small here');
    expect(await logo.getAttribute('data-version')).toBe('V0.2');
    expect(await logo.getAttribute('data-status')).toBe('OPEN');
    expect(await logo.getByTestId('feedback-carried').textContent()).toBe('Carried from V0.1');
    expect(await cropItem.getAttribute('data-version')).toBe('V0.1');
    expect(await cropItem.getByTestId('feedback-carried').count()).toBe(0);

    // The chain: where the item was, what happened there, and where it is now.
    await colour.getByTestId('feedback-chain-toggle').click();
    const chain = colour.getByTestId('feedback-chain-entry');
    await expect.poll(() => chain.count()).toBe(2);
    expect(await chain.nth(0).getAttribute('data-version')).toBe('V0.1');
    expect(await chain.nth(0).textContent()).toContain('Warmer palette');
    expect(await chain.nth(0).textContent()).toContain('Resolved by PRODUCER of Carry Studio');
    expect(await chain.nth(1).getAttribute('data-version')).toBe('V0.2');
    expect(await chain.nth(1).getAttribute('data-current')).toBe('true');
    await shot(page, 'feedback-carried-chain');

    // Verified on V0.2, where the fix can be seen; the chain follows.
    await colour.getByTestId('feedback-move-VERIFIED').click();
    await expect.poll(() => colour.getAttribute('data-status')).toBe('VERIFIED');
    await expect.poll(() => chain.nth(1).getAttribute('data-status')).toBe('VERIFIED');
    expect(await chain.nth(0).getAttribute('data-status')).toBe('RESOLVED');

    // Per version: this version has the two carried copies; all versions shows the history.
    const filter = panel.getByTestId('feedback-filter');
    await filter.getByText('This version (V0.2)').click();
    await expect
      .poll(async () => (await panel.getByTestId('feedback-item').allTextContents()).length)
      .toBe(2);
    expect(await panel.getByTestId('feedback-item').first().getAttribute('data-version')).toBe(
      'V0.2',
    );
    await filter.getByText('All versions').click();
    const groups = panel.getByTestId('feedback-version-group');
    await expect.poll(() => groups.count()).toBe(2);
    expect(await groups.nth(0).getAttribute('data-version')).toBe('V0.2');
    expect(await groups.nth(0).getByTestId('feedback-item').count()).toBe(2);
    expect(await groups.nth(1).getAttribute('data-version')).toBe('V0.1');
    expect(await groups.nth(1).getByTestId('feedback-item').count()).toBe(3);
    expect(await groups.nth(1).getByTestId('feedback-superseded').count()).toBe(2);
    await shot(page, 'feedback-all-versions');

    // "Show on V0.1" opens the annotation's revision with its comment selected.
    const annotatedId = await annotated.getAttribute('data-comment-id');
    await annotated.getByTestId('comment-show-annotation').click();
    await page.waitForURL((u) => u.searchParams.get('view') === v1Id);
    expect(new URL(page.url()).searchParams.get('comment')).toBe(annotatedId);

    expect(dialogs).toEqual([]);
    await context.close();

    // The mentioned artist was told.
    const artist = await e2e.newPage();
    await signInThroughUi(artist.page, org.users.ARTIST.email, PASSWORD);
    await artist.page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await artist.page.getByTestId('notification-bell').click();
    const note = artist.page.getByTestId('notification-item').filter({ hasText: 'mentioned you' });
    await note.first().waitFor();
    expect(await note.first().textContent()).toContain('Please fix the colour @artist');
    await shot(artist.page, 'mention-notification');
    await artist.context.close();
  }, 240_000);
});
