import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, PASSWORD, seedOrg, signIn, type SeededOrg } from '../helpers/test-app';
import { signInThroughUi, startE2E, type E2E } from './browser';

let e2e: E2E;
let org: SeededOrg;
let deliverableId: string;

beforeAll(async () => {
  e2e = await startE2E();
  org = await seedOrg(e2e.ctx, 'Fields Agency');
  const api = client(e2e.ctx, await signIn(e2e.ctx, org.users.PRODUCER.email));
  await api.post('/api/pipelines', {
    name: 'Simple',
    stages: [
      { key: 'a', name: 'Make' },
      { key: 'b', name: 'Check', prerequisites: ['a'] },
    ],
  });
  const project = (
    await api.post('/api/projects', { name: 'Winter', projectCode: 'WIN-1' })
  ).json();
  deliverableId = (
    await api.post(`/api/projects/${project.id}/deliverables`, { name: 'Poster' })
  ).json().id;
});
afterAll(async () => e2e?.close());

describe('custom fields and attachments in the browser', () => {
  it('defines a field, fills it on a deliverable, and attaches a link and a file', async () => {
    const { page, context } = await e2e.newPage();
    await signInThroughUi(page, org.users.ADMIN.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    await page.goto('/settings/custom-fields');
    await page.getByTestId('cf-new-DELIVERABLE').click();
    await page.getByTestId('cf-name').fill('Market');
    await page.getByTestId('cf-submit').click();
    await page.getByTestId('cf-row-Market').waitFor();

    await page.goto(`/deliverables/${deliverableId}`);
    await page.getByRole('button', { name: 'Edit' }).first().click();
    await page.getByTestId('cf-input-Market').fill('Nordics');
    await page.getByTestId('deliverable-submit').click();
    await expect.poll(() => page.getByText('Nordics').first().isVisible()).toBe(true);
    const stored = await (await page.request.get(`/api/deliverables/${deliverableId}`)).json();
    expect(stored.customFields).toEqual({ Market: 'Nordics' });

    await page.getByTestId('attachment-link-open').click();
    await page.getByTestId('attachment-link-title').fill('Moodboard');
    await page.getByTestId('attachment-link-url').fill('https://example.com/moodboard');
    await page.getByTestId('attachment-link-submit').click();
    await page.getByTestId('attachment-row-Moodboard').waitFor();

    await page.getByTestId('attachment-upload-input').setInputFiles({
      name: 'brief.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('The brief, in short.'),
    });
    await page.getByTestId('attachment-row-brief.txt').waitFor();
    const list = await (
      await page.request.get(`/api/deliverables/${deliverableId}/attachments`)
    ).json();
    const file = list.items.find((a: { title: string }) => a.title === 'brief.txt');
    const body = await (await page.request.get(file.url)).text();
    expect(body).toBe('The brief, in short.');
    await e2e.shot(page, 'deliverable-attachments');
    await context.close();
  });
});
