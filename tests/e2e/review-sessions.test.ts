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
let api: ReturnType<typeof client>;
let pipelineId: string;
const work: { name: string; deliverableId: string; stageId: string; revisionId: string }[] = [];

function testImage(hue: number, text: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">
    <rect width="1600" height="900" fill="hsl(${hue},60%,45%)"/>
    <text x="800" y="505" font-size="140" text-anchor="middle" font-family="sans-serif"
      fill="#fff">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const shot = (page: Page, name: string, fullPage = true) => e2e.shot(page, name, fullPage);

async function stageStatus(deliverableId: string, stageId: string) {
  const d = (await api.get(`/api/deliverables/${deliverableId}`)).json() as {
    stages: { id: string; status: string }[];
  };
  return d.stages.find((s) => s.id === stageId)!.status;
}

/** The item names in the session list, in order. */
async function itemOrder(page: Page) {
  return page.getByTestId('session-item').getByTestId('session-item-name').allTextContents();
}

beforeAll(async () => {
  e2e = await startE2E({}, { withJobs: true });
  ({ ctx } = e2e);
  org = await seedOrg(ctx, 'Sessions Agency');
  const cookie = await signIn(ctx, org.users.PRODUCER.email);
  api = client(ctx, cookie);
  const pipe = await api.post('/api/pipelines', {
    name: 'Session stills',
    stages: [{ key: 'design', name: 'Design', approvalType: 'SIMPLE' }],
  });
  expect(pipe.statusCode, pipe.body).toBe(201);
  pipelineId = pipe.json().id;
  const project = await api.post('/api/projects', {
    name: 'Winter Launch',
    projectCode: 'WIN-1',
    pipelineTemplateId: pipelineId,
  });
  expect(project.statusCode, project.body).toBe(201);
  const names = ['Hero Banner', 'Social Square', 'Email Header'];
  for (const [i, name] of names.entries()) {
    const d = await api.post(`/api/projects/${project.json().id}/deliverables`, { name });
    expect(d.statusCode, d.body).toBe(201);
    const stageId = (d.json().stages as { id: string }[])[0]!.id;
    const body = multipart([
      {
        name: 'file',
        filename: `${name.toLowerCase().replace(/ /g, '-')}.png`,
        contentType: 'image/png',
        data: await testImage(140 + i * 70, name.toUpperCase()),
      },
    ]);
    const up = await ctx.app.inject({
      method: 'POST',
      url: `/api/stages/${stageId}/revisions`,
      headers: { origin: ctx.config.appUrl, cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(up.statusCode, up.body).toBe(201);
    if ((await stageStatus(d.json().id, stageId)) !== 'IN_PROGRESS')
      await api.patch(`/api/stages/${stageId}`, { status: 'IN_PROGRESS' });
    const review = await api.patch(`/api/stages/${stageId}`, { status: 'IN_REVIEW' });
    expect(review.statusCode, review.body).toBe(200);
    work.push({ name, deliverableId: d.json().id, stageId, revisionId: up.json().id });
  }
  // Thumbnails are made by the job worker.
  const deadline = Date.now() + 60_000;
  for (const w of work) {
    while (
      (await api.get(`/api/revisions/${w.revisionId}`)).json().asset.processing.state !== 'done'
    ) {
      if (Date.now() > deadline) throw new Error(`${w.name} was not processed in time`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

describe('review sessions in the browser', () => {
  it('create, add from the board and the table, reorder, present with the keyboard, complete', async () => {
    const { page, context } = await e2e.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const [hero, social, email] = work as [(typeof work)[0], (typeof work)[0], (typeof work)[0]];
    await signInThroughUi(page, org.users.PRODUCER.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    // An empty list says what to do; create a session from it.
    await page.goto('/review-sessions');
    await page.getByTestId('session-new-empty').waitFor();
    await shot(page, 'sessions-empty');
    await page.getByTestId('session-new-empty').click();
    await page.getByTestId('session-name').fill('Friday internal review');
    await page.getByTestId('session-description').fill('Stills for the Winter launch.');
    await page.getByTestId('session-create-submit').click();
    await page.waitForURL(/\/review-sessions\/[^/?]+$/);
    const sessionUrl = new URL(page.url()).pathname;
    const sessionId = sessionUrl.split('/').pop()!;
    await page.getByTestId('session-add-panel').waitFor();
    await shot(page, 'session-draft-empty');

    // From the board: select two cards, add them to the session.
    await page.goto(`/board?pipelineId=${pipelineId}`);
    await page.getByTestId(`board-card-${hero.deliverableId}`).waitFor();
    await page.getByTestId('board-select').click();
    await page.getByTestId(`board-card-select-${hero.deliverableId}`).click();
    await page.getByTestId(`board-card-select-${social.deliverableId}`).click();
    expect(await page.getByTestId('selection-count').textContent()).toBe('2 cards selected');
    await shot(page, 'board-selection', false);
    await page.getByTestId('selection-add-to-session').click();
    const modal = page.getByTestId('add-to-session');
    await expect.poll(() => modal.getByTestId('add-to-session-row').count()).toBe(2);
    await expect
      .poll(() => modal.getByTestId('add-to-session-select').inputValue())
      .toContain('Friday internal review');
    await shot(page, 'board-add-to-session', false);
    await modal.getByTestId('add-to-session-submit').click();
    await page.getByTestId('add-to-session-done').waitFor();

    // From the deliverables table: the third one.
    await page.goto('/deliverables');
    await page.getByTestId(`deliverables-select-${email.deliverableId}`).click();
    await shot(page, 'deliverables-selection', false);
    await page.getByTestId('selection-add-to-session').click();
    await expect.poll(() => modal.getByTestId('add-to-session-row').count()).toBe(1);
    await expect.poll(() => modal.getByTestId('add-to-session-submit').isEnabled()).toBe(true);
    await modal.getByTestId('add-to-session-submit').click();
    await page.getByTestId('add-to-session-done').waitFor();

    // The session lists them in the order added; reorder with the keyboard.
    await page.goto(sessionUrl);
    await expect.poll(() => itemOrder(page)).toEqual([hero.name, social.name, email.name]);
    await page.getByTestId('session-item').nth(2).getByTestId('session-item-handle').focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => itemOrder(page)).toEqual([hero.name, email.name, social.name]);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => itemOrder(page)).toEqual([email.name, hero.name, social.name]);
    // Saved on the server, not only on screen.
    await page.reload();
    await expect.poll(() => itemOrder(page)).toEqual([email.name, hero.name, social.name]);

    // Remove one, and add it back from the filter panel (stages in review).
    await page.getByTestId('session-item').nth(2).getByTestId('session-item-remove').click();
    await expect.poll(() => itemOrder(page)).toEqual([email.name, hero.name]);
    const candidate = page.locator(
      `[data-testid="session-candidate"][data-stage-id="${social.stageId}"]`,
    );
    await candidate.locator('input[type="checkbox"]').check();
    await page.getByTestId('session-add-submit').click();
    await expect.poll(() => itemOrder(page)).toEqual([email.name, hero.name, social.name]);
    expect(await page.getByTestId('session-item-label').allTextContents()).toEqual([
      'V0.1',
      'V0.1',
      'V0.1',
    ]);
    await shot(page, 'session-draft');

    // Start, then present.
    await page.getByTestId('session-start').click();
    await page.getByTestId('session-present').click();
    const present = page.getByTestId('present-mode');
    await present.waitFor();
    await page.getByTestId('image-viewer').waitFor();
    expect(await page.getByTestId('present-progress').textContent()).toBe('1 / 3');
    expect(await page.getByTestId('present-deliverable').textContent()).toBe(email.name);
    expect(new URL(page.url()).searchParams.get('present')).toBe('1');
    await shot(page, 'present-first', false);

    // A approves; → moves on.
    await page.keyboard.press('a');
    await expect
      .poll(() => present.getByTestId('item-decision').getAttribute('data-decision'))
      .toBe('APPROVED');
    await expect
      .poll(() => page.getByTestId('present-save-state').getAttribute('data-state'))
      .toBe('saved');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('present-progress').textContent()).toBe('2 / 3');

    // C requests changes and puts the cursor in the note; the note saves itself.
    await page.keyboard.press('c');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type('Logo too small; warmer colours.');
    await expect
      .poll(async () => {
        const s = (await api.get(`/api/review-sessions/${sessionId}`)).json() as {
          items: { decision: string | null; decisionNote: string | null }[];
        };
        return [s.items[1]!.decision, s.items[1]!.decisionNote];
      })
      .toEqual(['CHANGES_REQUESTED', 'Logo too small; warmer colours.']);
    await shot(page, 'present-changes', false);
    // Esc leaves the note first (not present mode); then J goes to the next item.
    await page.keyboard.press('Escape');
    await present.waitFor();
    await page.keyboard.press('j');
    await expect.poll(() => page.getByTestId('present-progress').textContent()).toBe('3 / 3');

    // ? shows the shortcuts; Esc closes them, not present mode.
    await page.keyboard.press('?');
    await page.getByTestId('present-help').waitFor();
    await shot(page, 'present-help', false);
    await page.keyboard.press('Escape');
    await page.getByTestId('present-help').waitFor({ state: 'detached' });
    await present.waitFor();
    await page.keyboard.press('A');
    await expect
      .poll(() => page.getByTestId('present-decided').textContent())
      .toBe('3 of 3 decided');
    // K goes back; the note typed earlier is still there.
    await page.keyboard.press('k');
    await expect
      .poll(() => page.getByTestId('present-note').inputValue())
      .toBe('Logo too small; warmer colours.');
    await page.keyboard.press('Escape');
    await present.waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('present')).toBeNull();
    expect(await page.getByTestId('session-progress').textContent()).toContain('3 / 3 decided');
    await shot(page, 'session-in-progress');

    // Complete: the confirmation explains; the stages move; the summary shows.
    await page.getByTestId('session-complete').click();
    await page.getByRole('dialog').getByText('Each decision is applied to its stage').waitFor();
    await shot(page, 'session-complete-confirm', false);
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('session-summary').waitFor();
    expect(await page.getByTestId('session-status').getAttribute('data-status')).toBe('COMPLETED');
    expect(await page.getByTestId('summary-approved').textContent()).toBe('2');
    expect(await page.getByTestId('summary-changes').textContent()).toBe('1');
    const summaryItems = page.getByTestId('summary-item');
    expect(
      await summaryItems.evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-decision'), e.getAttribute('data-stage-status')]),
      ),
    ).toEqual([
      ['APPROVED', 'APPROVED'],
      ['CHANGES_REQUESTED', 'CHANGES_REQUESTED'],
      ['APPROVED', 'APPROVED'],
    ]);
    expect(await page.getByTestId('summary-note').first().textContent()).toBe(
      'Logo too small; warmer colours.',
    );
    expect(await stageStatus(email.deliverableId, email.stageId)).toBe('APPROVED');
    expect(await stageStatus(hero.deliverableId, hero.stageId)).toBe('CHANGES_REQUESTED');
    expect(await stageStatus(social.deliverableId, social.stageId)).toBe('APPROVED');
    await page.getByTestId('session-print').waitFor();
    await shot(page, 'session-summary');
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'session-summary-print');
    await page.emulateMedia({ media: 'screen' });

    // The list shows it completed, with its counts; the status filter narrows it.
    await page.goto('/review-sessions');
    const row = page.getByTestId(`session-row-${sessionId}`);
    await row.waitFor();
    expect(await row.getByTestId('session-status').getAttribute('data-status')).toBe('COMPLETED');
    expect(await row.textContent()).toContain('3 items');
    expect(await row.textContent()).toContain('2 approved');
    await shot(page, 'sessions-list');
    await page.goto('/review-sessions?status=DRAFT');
    await page.getByText('No draft sessions').waitFor();
    expect(dialogs).toEqual([]);
    await context.close();
  }, 240_000);
});
