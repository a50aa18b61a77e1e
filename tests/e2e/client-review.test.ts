import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTeamMemberships, clientTeams } from '../../src/server/db/schema';
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
let deliverableId: string;

const INTERNAL_COMMENT = 'Internal only: the logo is off-brand, fix before V2';

function testImage(hue: number, text: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">
    <rect width="1600" height="900" fill="hsl(${hue},60%,45%)"/>
    <text x="800" y="505" font-size="150" text-anchor="middle" font-family="sans-serif"
      fill="#fff">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function processed(page: Page, label: string) {
  const row = page.getByTestId(`revision-row-${label}`);
  await row.waitFor();
  await expect.poll(() => row.getAttribute('data-processing'), { timeout: 60_000 }).toBe('done');
  return row;
}

beforeAll(async () => {
  // Media processing runs as a background job: this app needs its job worker.
  e2e = await startE2E({}, { withJobs: true });
  ctx = e2e.ctx;
  org = await seedOrg(ctx, 'Client Review Agency');
  const db = ctx.database.db;
  const [team] = await db
    .insert(clientTeams)
    .values({ organizationId: org.orgId, name: 'Glow Cosmetics', slug: 'glow' })
    .returning();
  await db
    .insert(clientTeamMemberships)
    .values({ clientTeamId: team!.id, userId: org.users.CLIENT_VIEWER.id });
  const api = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
  const pipe = await api.post('/api/pipelines', {
    name: 'Stills',
    stages: [{ key: 'design', name: 'Design', approvalType: 'SIMPLE' }],
  });
  expect(pipe.statusCode, pipe.body).toBe(201);
  const project = (
    await api.post('/api/projects', {
      name: 'Glow Launch',
      projectCode: 'GLOW-1',
      clientTeamId: team!.id,
      pipelineTemplateId: pipe.json().id,
      description: 'Internal brief: margin is thin on this one',
    })
  ).json();
  deliverableId = (
    await api.post(`/api/projects/${project.id}/deliverables`, {
      name: 'Hero Banner',
      notes: 'Internal note: client is picky about the logo',
    })
  ).json().id;
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

describe("the client's focused review", () => {
  it('a producer sends V1; the client sees only V1, comments and approves', async () => {
    // ── The producer uploads two internal versions, comments internally and sends V1.
    const staff = await e2e.newPage();
    const sp = staff.page;
    await signInThroughUi(sp, org.users.PRODUCER.email, PASSWORD);
    await sp.waitForURL((u) => !u.pathname.startsWith('/login'));
    await sp.goto(`/deliverables/${deliverableId}`);
    await sp.getByTestId('revision-upload-input').setInputFiles({
      name: 'hero-a.png',
      mimeType: 'image/png',
      buffer: await testImage(200, 'DRAFT A'),
    });
    await processed(sp, 'V0.1');
    const composer = sp.getByTestId('comments-thread').getByTestId('comment-composer');
    await composer.getByTestId('comment-input').fill(INTERNAL_COMMENT);
    await composer.getByTestId('comment-send').click();
    await sp.getByTestId('comment').first().waitFor();
    await sp.getByTestId('revision-upload-input').setInputFiles({
      name: 'hero-b.png',
      mimeType: 'image/png',
      buffer: await testImage(160, 'HERO'),
    });
    const v02 = await processed(sp, 'V0.2');
    await v02.getByTestId('revision-send').click();
    await sp.getByTestId('confirm-submit').click();
    await sp.getByTestId('revision-row-V1').waitFor();
    await expect
      .poll(() => sp.getByTestId('deliverable-status').getAttribute('data-status'))
      .toBe('IN_REVIEW');
    // Work goes on internally after the send: V1.1 must stay invisible to the client.
    await sp.getByTestId('revision-upload-input').setInputFiles({
      name: 'hero-c.png',
      mimeType: 'image/png',
      buffer: await testImage(20, 'WIP'),
    });
    await processed(sp, 'V1.1');

    // Staff see the same page, listing what is out with clients.
    await sp.getByTestId('nav-review').click();
    await sp.waitForURL((u) => u.pathname === '/review');
    const staffWaiting = sp.getByTestId('client-review-waiting');
    await staffWaiting.waitFor();
    expect(await staffWaiting.textContent()).toContain('Waiting for the client');
    await staffWaiting.locator(`[data-deliverable-id="${deliverableId}"]`).waitFor();
    await sp.getByTestId('client-review-version-label').waitFor();
    expect(await sp.getByTestId('client-review-version-label').textContent()).toBe('V1');
    await e2e.shot(sp, 'client-review-staff', true);

    // ── The client viewer signs in and finds it under "Waiting for your decision".
    const { page, context } = await e2e.newPage();
    await signInThroughUi(page, org.users.CLIENT_VIEWER.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByTestId('nav-review').click();
    await page.waitForURL((u) => u.pathname === '/review');
    const waiting = page.getByTestId('client-review-waiting');
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain('Waiting for your decision');
    const item = waiting.locator(`[data-deliverable-id="${deliverableId}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-waiting')).toBe('true');
    expect(await page.getByTestId('client-review-projects').textContent()).toContain('Glow Launch');
    await item.click();
    await page.waitForURL((u) => u.searchParams.get('deliverable') === deliverableId);

    const focus = page.getByTestId('client-review-focus');
    await focus.waitFor();
    expect(await page.getByTestId('client-review-title').textContent()).toBe('Hero Banner');
    const version = page.getByTestId('client-review-version');
    await version.waitFor();
    expect(await version.getAttribute('data-label')).toBe('V1');
    // Only V1: no version picker (one version sent), and the image is shown.
    expect(await page.getByTestId('client-review-versions').count()).toBe(0);
    await page.getByTestId('image-viewer').waitFor();
    await page.getByTestId('decision-approve').waitFor();
    await page.getByTestId('comments-thread').waitFor();

    // Nothing internal anywhere on the page: no V0.x or V1.1, no internal comment or label.
    const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(text).not.toMatch(/V0\.\d/);
    expect(text).not.toContain('V1.1');
    expect(text).not.toContain(INTERNAL_COMMENT);
    expect(text).not.toContain('Internal note');
    expect(text).not.toContain('Internal brief');
    expect(text).not.toMatch(/\bInternal\b/);
    expect(await page.getByTestId('comment-visibility-badge').count()).toBe(0);
    expect(await page.getByTestId('comment-visibility').count()).toBe(0);
    await e2e.shot(page, 'client-review-waiting', true);

    // The full viewer (annotation tools) opens on V1 only.
    await page.getByTestId('client-review-open-viewer').click();
    const viewer = page.getByTestId('revision-viewer-label');
    await viewer.waitFor();
    expect(await viewer.textContent()).toBe('V1');
    await e2e.shot(page, 'client-review-viewer');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });

    // The client comments (always visible to the team as a client comment).
    const clientComposer = page.getByTestId('comments-thread').getByTestId('comment-composer');
    await clientComposer.getByTestId('comment-input').fill('Lovely colours. Good to go.');
    await clientComposer.getByTestId('comment-send').click();
    const mine = page.getByTestId('comment').filter({ hasText: 'Lovely colours' });
    await mine.waitFor();
    expect(await mine.getAttribute('data-visibility')).toBe('CLIENT');
    expect(await page.getByTestId('comment').count()).toBe(1);

    // …and approves V1: the deliverable leaves IN_REVIEW and the item moves out of "waiting".
    await page.getByTestId('decision-approve').click();
    const modal = page.getByRole('dialog');
    await modal.getByTestId('decision-note').fill('Approved, thank you!');
    await modal.getByTestId('decision-submit').click();
    await modal.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('client-review-version-status').getAttribute('data-status'))
      .toBe('APPROVED');
    await expect
      .poll(() => page.getByTestId('client-review-status').getAttribute('data-status'))
      .not.toBe('IN_REVIEW');
    await page
      .getByTestId('client-review-rest')
      .locator(`[data-deliverable-id="${deliverableId}"]`)
      .waitFor();
    expect(await page.getByTestId('client-review-waiting').count()).toBe(0);
    expect(await page.getByTestId('decision-approve').count()).toBe(0);
    const decision = page.getByTestId('decision-item').first();
    await decision.waitFor();
    expect(await decision.getAttribute('data-decision')).toBe('APPROVED');
    await e2e.shot(page, 'client-review-approved', true);

    const api = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
    const after = (await api.get(`/api/deliverables/${deliverableId}`)).json();
    expect(after.status).not.toBe('IN_REVIEW');
    expect(after.stages[0].status).toBe('DELIVERED');

    // Nothing is out with the client any more.
    await sp.reload();
    await sp.getByText('Nothing is out with clients').waitFor();
    await context.close();
    await staff.context.close();
  }, 240_000);
});
