import type { Browser, Page } from 'playwright-core';
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
let browser: Browser;
let baseUrl: string;
let org: SeededOrg;
let cookie: string;
let pipelineId: string;
let heroId: string;
let heroStages: string[];

/** A test card with big text, different per `hue`. */
function testImage(hue: number, text: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450">
    <rect width="800" height="450" fill="hsl(${hue},65%,50%)"/>
    <text x="400" y="270" font-size="120" text-anchor="middle" font-family="sans-serif"
      fill="#fff">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function apiInbound(name: string, data: Buffer) {
  const body = multipart([{ name: 'file', filename: name, contentType: 'image/png', data }]);
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/inbound/upload',
    headers: { origin: baseUrl, cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { outcome: string };
}

async function signedIn(): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  await signInThroughUi(page, org.users.PRODUCER.email, PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

beforeAll(async () => {
  e2e = await startE2E({}, { withJobs: true });
  ({ ctx, browser, baseUrl } = e2e);
  org = await seedOrg(ctx, 'Inbound Agency');
  cookie = await signIn(ctx, org.users.PRODUCER.email);
  const api = client(ctx, cookie);
  const pipe = await api.post('/api/pipelines', {
    name: 'Stills',
    stages: [
      { key: 'design', name: 'Design', approvalType: 'SIMPLE' },
      { key: 'final', name: 'Final', prerequisites: ['design'] },
    ],
  });
  pipelineId = pipe.json().id;
  const project = (
    await api.post('/api/projects', {
      name: 'Spring Launch',
      projectCode: 'SPR-1',
      omgJobNumber: '4321',
      pipelineTemplateId: pipelineId,
    })
  ).json();
  const hero = (
    await api.post(`/api/projects/${project.id}/deliverables`, { name: 'Hero Banner' })
  ).json();
  heroId = hero.id;
  heroStages = hero.stages.map((s: { id: string }) => s.id);
  await api.post(`/api/projects/${project.id}/deliverables`, { name: 'Banner Two' });

  // V0.1 by name, sent to the client as V1: the deliverable is IN_REVIEW.
  const first = await apiInbound('4321_hero-banner_v1.png', await testImage(200, 'V0.1'));
  expect(first.outcome).toBe('revision');
  const chain = (await api.get(`/api/stages/${heroStages[0]}/revisions`)).json().items;
  const sent = await api.post(
    `/api/stages/${heroStages[0]}/revisions/${chain[0].id}/send-to-client`,
  );
  expect(sent.statusCode, sent.body).toBe(200);
  // Two files arrive meanwhile: both held.
  expect((await apiInbound('4321_hero-banner_v2.png', await testImage(20, 'HELD A'))).outcome).toBe(
    'held',
  );
  expect(
    (await apiInbound('4321_HERO-BANNER_v3.png', await testImage(120, 'HELD B'))).outcome,
  ).toBe('held');
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

describe('inbound files in the browser', () => {
  it('shows held files on the deliverable page; discard one, promote the other to V1.1', async () => {
    const page = await signedIn();
    await page.goto(`/deliverables/${heroId}`);
    const pen = page.getByTestId('holding-pen');
    await pen.waitFor();
    await expect.poll(() => page.getByTestId('held-file').count()).toBe(2);
    const a = page.locator('[data-testid="held-file"][data-file="4321_hero-banner_v2.png"]');
    expect(await a.getByTestId('held-source').textContent()).toBe('Manual');
    expect(await a.textContent()).toContain('hero-banner');
    expect(await a.getByTestId('held-stage').inputValue()).toBe('Design (suggested)');
    // The preview is the held file itself, loaded.
    await expect
      .poll(() =>
        a.getByTestId('held-preview').evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBe(800);
    await e2e.shot(page, 'inbound-holding-pen', true);

    // Discard B (with a confirmation).
    const b = page.locator('[data-testid="held-file"][data-file="4321_HERO-BANNER_v3.png"]');
    await b.getByTestId('held-discard').click();
    await page.getByTestId('confirm-submit').click();
    await expect.poll(() => page.getByTestId('held-file').count()).toBe(1);

    // Promote A on the suggested stage: it becomes V1.1 in Design's chain, and the pen goes.
    await a.getByTestId('held-promote').click();
    await pen.waitFor({ state: 'detached' });
    const row = page.getByTestId('revision-row-V1.1');
    await row.waitFor();
    await expect.poll(() => row.getAttribute('data-processing'), { timeout: 60_000 }).toBe('done');
    await e2e.shot(page, 'inbound-promoted', true);
    await page.context().close();
  });

  it('edits the matching rule with live feedback, a sample name, and the server’s verdict', async () => {
    const page = await signedIn();
    await page.goto(`/pipelines/${pipelineId}`);
    const pattern = page.getByTestId('matching-rule-pattern');
    await pattern.scrollIntoViewIfNeeded();
    const feedback = page.getByTestId('matching-rule-feedback');
    const result = page.getByTestId('matching-rule-result');
    // Empty: the default, and the default sample matches it.
    expect(await feedback.textContent()).toContain('Using the default pattern');
    expect(await result.getAttribute('data-match')).toBe('true');
    expect(await page.getByTestId('matching-rule-group-1').textContent()).toContain('1234');
    expect(await page.getByTestId('matching-rule-group-2').textContent()).toContain('hero-banner');
    expect(await page.getByTestId('matching-rule-group-3').textContent()).toContain('2');

    // A broken pattern says why, as you type.
    await pattern.fill('^OMG(\\d+)-([a-z0-9-]+');
    await expect.poll(() => feedback.getAttribute('data-valid')).toBe('false');
    expect(await feedback.textContent()).toMatch(/not a valid regular expression.*missing closing/);
    await pattern.fill('^OMG(\\d+)-([a-z0-9-]+?)_\\1');
    await expect.poll(() => feedback.textContent()).toMatch(/does not support/);

    // A working pattern, tried on a sample name (case-insensitive).
    await pattern.fill('^OMG(\\d+)-([a-z0-9-]+?)(?:-V(\\d+))?\\.\\w+$');
    await expect.poll(() => feedback.getAttribute('data-valid')).toBe('true');
    expect(await feedback.textContent()).toContain('3 capture groups');
    await page.getByTestId('matching-rule-sample').fill('omg998-Key-Visual-V4.psd');
    await expect.poll(() => result.getAttribute('data-match')).toBe('true');
    expect(await page.getByTestId('matching-rule-group-1').textContent()).toContain('998');
    expect(await page.getByTestId('matching-rule-group-2').textContent()).toContain('Key-Visual');
    expect(await page.getByTestId('matching-rule-group-3').textContent()).toContain('4');
    await result.scrollIntoViewIfNeeded();
    await e2e.shot(page, 'inbound-matching-rule-match');
    await page.getByTestId('matching-rule-sample').fill('4321_hero-banner.png');
    await expect.poll(() => result.getAttribute('data-match')).toBe('false');
    expect(await result.textContent()).toContain('No match');

    // Saving a pattern the server refuses shows its reason on the field.
    await pattern.fill('^(\\d+)_[a-z]+$');
    await page.getByTestId('pipeline-save').click();
    const saveError = page.getByTestId('pipeline-save-error');
    await saveError.waitFor();
    expect(await saveError.textContent()).toMatch(/Matching rule: .*two capture groups/);
    await pattern.scrollIntoViewIfNeeded();
    await e2e.shot(page, 'inbound-matching-rule-refused');

    // A valid one saves, and the server keeps it.
    await pattern.fill('^OMG(\\d+)-([a-z0-9-]+?)(?:-V(\\d+))?\\.\\w+$');
    await page.getByTestId('pipeline-save').click();
    await expect.poll(() => page.getByTestId('pipeline-dirty').count()).toBe(0);
    const saved = (await client(ctx, cookie).get(`/api/pipelines/${pipelineId}`)).json();
    expect(saved.inboundFilenameRegex).toBe('^OMG(\\d+)-([a-z0-9-]+?)(?:-V(\\d+))?\\.\\w+$');
    // Back to the default for the next test.
    await page.getByTestId('matching-rule-default').click();
    await page.getByTestId('pipeline-save').click();
    await expect.poll(() => page.getByTestId('pipeline-dirty').count()).toBe(0);
    await page.context().close();
  });

  it('uploads several files by name on the inbound page and lists them in the log', async () => {
    const page = await signedIn();
    await page.goto('/inbound');
    await page.getByTestId('inbound-drop-zone').waitFor();
    await page.getByTestId('inbound-upload-input').setInputFiles([
      { name: '4321_banner-two_v1.png', mimeType: 'image/png', buffer: await testImage(280, '2') },
      { name: '4321_hero-banner_v4.png', mimeType: 'image/png', buffer: await testImage(40, '4') },
      { name: '9999_hero-banner.png', mimeType: 'image/png', buffer: await testImage(90, '?') },
      { name: '4321_banner-two.png', mimeType: 'image/png', buffer: Buffer.from('not an image') },
    ]);
    const item = (name: string) =>
      page.locator(`[data-testid="inbound-upload-item"][data-file="${name}"]`);
    await expect
      .poll(() => item('4321_banner-two.png').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('error');
    expect(await item('4321_banner-two_v1.png').textContent()).toContain(
      'V0.1 on Banner Two · Design',
    );
    expect(await item('4321_hero-banner_v4.png').textContent()).toContain(
      'Held: Hero Banner is with the client',
    );
    expect(await item('9999_hero-banner.png').textContent()).toContain(
      'Not matched: no project with the OMG job number 9999',
    );
    expect(await item('4321_banner-two.png').textContent()).toMatch(/not an image or video/);

    // The log has every attempt, newest first, with links.
    const log = page.getByTestId('inbound-log');
    await log.waitFor();
    await expect.poll(() => page.getByTestId('inbound-log-row').count()).toBe(7);
    await e2e.shot(page, 'inbound-page', true);
    const revisionRow = page.locator('[data-testid="inbound-log-row"][data-outcome="REVISION"]');
    expect(await revisionRow.first().textContent()).toContain('Banner Two');

    // Filter by outcome: the URL keeps it.
    await page.getByTestId('inbound-filter-outcome').click();
    await page.getByRole('option', { name: 'Not matched' }).click();
    await page.waitForURL((u) => u.searchParams.get('outcome') === 'UNMATCHED');
    await expect.poll(() => page.getByTestId('inbound-log-row').count()).toBe(1);
    expect(await page.getByTestId('inbound-log-row').textContent()).toContain(
      '9999_hero-banner.png',
    );
    await e2e.shot(page, 'inbound-log-unmatched');
    await page.context().close();
  });
});
