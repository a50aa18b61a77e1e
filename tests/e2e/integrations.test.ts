import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type SeededOrg } from '../helpers/test-app';
import { signInThroughUi, startE2E, type E2E } from './browser';

let e2e: E2E;
let org: SeededOrg;

beforeAll(async () => {
  e2e = await startE2E();
  org = await seedOrg(e2e.ctx, 'Intake Agency');
});
afterAll(async () => e2e?.close());

describe('API keys and briefs in the browser', () => {
  let apiKey = '';

  it('creates an API key in settings, shown once, then revokes another', async () => {
    const { page, context } = await e2e.newPage();
    await signInThroughUi(page, org.users.ADMIN.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto('/settings/api-keys');
    await page.getByTestId('api-key-new-empty').click();
    await page.getByTestId('api-key-name').fill('Workfront intake');
    await page.getByTestId('api-key-submit').click();
    const value = page.getByTestId('api-key-value');
    await value.waitFor();
    apiKey = (await value.textContent())!.trim();
    expect(apiKey).toMatch(/^ptk_/);
    await e2e.shot(page, 'integrations-api-key-created');
    await page.getByTestId('api-key-done').click();
    await value.waitFor({ state: 'detached' });
    const row = page.locator('[data-name="Workfront intake"]');
    await row.waitFor();
    // The list shows a prefix only, never the key.
    expect(await page.content()).not.toContain(apiKey);

    // The key works on /api/briefs: an intake system files two briefs.
    for (const body of [
      {
        title: 'Holiday hero images',
        description:
          'Six hero images for the holiday landing page.\nSee https://example.test/brief',
        externalId: 'WF-2001',
        requestorName: 'Dana Client',
        requestorEmail: 'dana@client.test',
        priority: 'HIGH',
        requestedDueDate: '2026-12-18',
        budgetCode: 'HOL-77',
        channels: ['web', 'social'],
      },
      { title: 'Spring teaser', externalId: 'WF-2002', requestorName: 'Sam' },
    ]) {
      const res = await fetch(`${e2e.baseUrl}/api/briefs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
    }

    // A second key, revoked with a confirmation.
    await page.getByTestId('api-key-new').click();
    await page.getByTestId('api-key-name').fill('Old script');
    await page.getByTestId('api-key-submit').click();
    await page.getByTestId('api-key-value').waitFor();
    await page.getByTestId('api-key-done').click();
    const old = page.locator('[data-name="Old script"]');
    await old.waitFor();
    await old.getByRole('button', { name: 'Revoke Old script' }).click();
    await page.getByTestId('confirm-submit').click();
    await expect.poll(() => old.getByText('Revoked').isVisible()).toBe(true);

    // A brief webhook endpoint: the signing secret is shown once too.
    await page.getByTestId('webhook-endpoint-new').click();
    await page.getByTestId('webhook-endpoint-name').fill('Workfront');
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    await page.getByTestId('webhook-secret').waitFor();
    expect(await page.getByTestId('webhook-secret').textContent()).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByTestId('webhook-secret').waitFor({ state: 'detached' });
    await page.getByTestId('webhook-endpoints-table').waitFor();
    await e2e.shot(page, 'integrations-api-keys', true);
    await context.close();
  });

  it('triages a brief and converts it into a project', async () => {
    const { page, context } = await e2e.newPage();
    await signInThroughUi(page, org.users.PRODUCER.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto('/briefs');
    const row = page.locator('[data-title="Holiday hero images"]');
    await row.waitFor();
    await expect.poll(() => page.getByTestId('briefs-tab-PENDING').textContent()).toContain('2');
    await e2e.shot(page, 'integrations-briefs');

    await row.getByRole('link', { name: 'Holiday hero images' }).click();
    await page.waitForURL(/\/briefs\/[^/]+$/);
    await page.getByTestId('brief-raw-payload').waitFor();
    expect(await page.getByTestId('brief-raw-payload').textContent()).toContain('HOL-77');
    await page.getByTestId('brief-move-REVIEWING').click();
    await expect.poll(() => page.getByTestId('brief-status').textContent()).toBe('Reviewing');
    await page.getByTestId('brief-move-ACCEPTED').click();
    await expect.poll(() => page.getByTestId('brief-status').textContent()).toBe('Accepted');
    await e2e.shot(page, 'integrations-brief-accepted', true);

    await page.getByTestId('brief-convert').click();
    await page.getByTestId('convert-project-code').fill('HOL-26');
    await page.getByTestId('convert-omg').fill('778899');
    await e2e.shot(page, 'integrations-brief-convert');
    await page.getByTestId('convert-submit').click();
    await page.getByTestId('brief-converted').waitFor();
    await expect.poll(() => page.getByTestId('brief-status').textContent()).toBe('Converted');
    await e2e.shot(page, 'integrations-brief-converted', true);

    await page.getByTestId('brief-project-link').click();
    await page.waitForURL(/\/projects\/[^/]+$/);
    await expect.poll(() => page.getByText('Holiday hero images').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('HOL-26').first().isVisible()).toBe(true);

    // The list's Converted tab shows it, linked to its project.
    await page.goto('/briefs?status=CONVERTED');
    await page.locator('[data-title="Holiday hero images"]').waitFor();
    await context.close();
  });

  it('creates a brief by hand', async () => {
    const { page, context } = await e2e.newPage();
    await signInThroughUi(page, org.users.PRODUCER.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto('/briefs?status=REJECTED');
    await page.getByText('No rejected briefs').waitFor();
    await e2e.shot(page, 'integrations-briefs-empty-tab');
    await page.getByTestId('brief-new').click();
    await page.getByTestId('brief-title').fill('Phone request: packshots');
    await page.getByTestId('brief-submit').click();
    await page.waitForURL(/\/briefs\/[^/]+$/);
    await expect
      .poll(() => page.getByTestId('brief-title-heading').textContent())
      .toBe('Phone request: packshots');
    expect(await page.getByText('By hand').first().isVisible()).toBe(true);
    await context.close();
  });
});
