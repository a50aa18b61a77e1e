import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBox, type FakeBox } from '../helpers/fake-box';
import { multipart } from '../helpers/multipart';
import { client, PASSWORD, seedOrg, signIn, type SeededOrg } from '../helpers/test-app';
import { signInThroughUi, startE2E, type E2E } from './browser';

const DEV_TOKEN = 'e2e-developer-token-0001';

let e2e: E2E;
let fake: FakeBox;
let org: SeededOrg;
let deliverableId: string;

const shot = (page: Page, name: string, fullPage = false) => e2e.shot(page, name, fullPage);

beforeAll(async () => {
  fake = await startFakeBox({ developerToken: DEV_TOKEN });
  e2e = await startE2E({}, { withJobs: true });
  const { ctx } = e2e;
  org = await seedOrg(ctx, 'Box Agency');
  const cookie = await signIn(ctx, org.users.PRODUCER.email);
  const api = client(ctx, cookie);
  const pipe = await api.post('/api/pipelines', {
    name: 'Stills',
    stages: [{ key: 'design', name: 'Design' }],
  });
  const project = (
    await api.post('/api/projects', {
      name: 'Summer Launch',
      projectCode: 'SUM-1',
      omgJobNumber: '58123',
      pipelineTemplateId: pipe.json().id,
    })
  ).json();
  const d = (
    await api.post(`/api/projects/${project.id}/deliverables`, { name: 'Key Visual' })
  ).json();
  deliverableId = d.id;
  const image = await sharp({
    create: { width: 640, height: 360, channels: 3, background: '#2f7dd1' },
  })
    .png()
    .toBuffer();
  const body = multipart([
    { name: 'file', filename: 'key-visual.png', contentType: 'image/png', data: image },
  ]);
  const up = await ctx.app.inject({
    method: 'POST',
    url: `/api/stages/${d.stages[0].id}/revisions`,
    headers: { origin: ctx.config.appUrl, cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
  expect(up.statusCode, up.body).toBe(201);
}, 120_000);

afterAll(async () => {
  await e2e?.close();
  await fake?.close();
});

describe('Box in the browser', () => {
  it('configures a connection, sends a version, sees it delivered (after one retry)', async () => {
    const { page } = await e2e.newPage();
    await signInThroughUi(page, org.users.PRODUCER.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    // Settings → Box: no connection yet, so the form is open.
    await page.goto('/settings/box');
    const form = page.getByTestId('box-connection-form');
    await form.waitFor();
    await form.getByTestId('box-field-name').fill('Agency Box');
    await form.getByText('Developer token', { exact: true }).click();
    await form.getByTestId('box-field-developerToken').fill(DEV_TOKEN);
    await form.getByTestId('box-field-webhookPrimaryKey').fill('primary-key-for-e2e-0001');
    await form.getByTestId('box-field-webhookSecondaryKey').fill('secondary-key-for-e2e-0002');
    await form.getByText('Show advanced settings').click();
    await form.getByTestId('box-field-apiBaseUrl').fill(fake.apiBaseUrl);
    await form.getByTestId('box-field-uploadBaseUrl').fill(fake.uploadBaseUrl);
    await shot(page, 'box-settings-new');
    await form.getByRole('button', { name: 'Add connection' }).click();

    const card = page.getByTestId('box-connection');
    await card.waitFor();
    const url = await card.getByTestId('box-webhook-url').textContent();
    expect(url).toMatch(/\/api\/webhooks\/box\/[A-Za-z0-9_-]+$/);
    await card.getByRole('button', { name: 'Test connection' }).click();
    const result = card.getByTestId('box-test-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('Connected as Prodtrack Service Account');
    // Secrets are not sent back: the form shows only that they are set.
    expect(await page.content()).not.toContain(DEV_TOKEN);
    await shot(page, 'box-settings-connected', true);

    // Box fails the first upload: the attempt is logged FAILED, then retried by hand.
    fake.fail({ status: 503, match: /\/files\/content$/ });
    await page.goto(`/deliverables/${deliverableId}`);
    const row = page.getByTestId('revision-row-V0.1');
    await row.waitFor();
    await row.getByTestId('revision-send').click();
    await page.getByTestId('confirm-submit').click();
    const sent = page.getByTestId('revision-row-V1');
    await sent.waitFor();
    const log = sent.getByTestId('revision-deliveries');
    await expect.poll(() => log.getAttribute('data-status'), { timeout: 20_000 }).toBe('FAILED');
    expect(await log.textContent()).toContain('Box answered 503');
    await shot(page, 'box-delivery-failed');

    await log.getByTestId('delivery-retry').click();
    await expect.poll(() => log.getAttribute('data-status'), { timeout: 20_000 }).toBe('SUCCESS');
    expect(await log.textContent()).toContain(
      'delivered to Box as 58123_key-visual_design_V1.png (attempt 2)',
    );
    const link = log.getByTestId('delivery-box-link');
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/app\.box\.com\/file\/\d+$/);
    await shot(page, 'box-delivery-success');

    const folder = [...fake.folders.values()].find((f) => f.name === '58123_key-visual_V1');
    expect(fake.childrenOf(folder!.id).map((c) => c.name)).toEqual([
      '58123_key-visual_design_V1.png',
    ]);
  });
});
