import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, PASSWORD, seedOrg, signIn, type SeededOrg } from '../helpers/test-app';
import { signInThroughUi, startE2E, type E2E } from './browser';

let e2e: E2E;
let org: SeededOrg;

async function intakeWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Intake');
  ws.addRow(['Autumn intake (exported from the client tracker)']);
  ws.addRow([]);
  ws.addRow(['OMG #', 'Project', 'BU', 'Deliverable', 'Slug', 'Due date', 'Target']);
  ws.addRow([
    '410001',
    'Autumn Launch',
    'Retail',
    'Hero Banner',
    null,
    new Date(Date.UTC(2026, 8, 1)),
    'soon',
  ]);
  ws.addRow(['410001', null, null, 'Social Cutdown', 'social-15s', '2026-09-05', 'later']);
  ws.addRow(['410002', 'Winter Teaser', 'Retail', 'Teaser Film', null, null, null]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  e2e = await startE2E();
  org = await seedOrg(e2e.ctx, 'Sheet Agency');
  const api = client(e2e.ctx, await signIn(e2e.ctx, org.users.PRODUCER.email));
  await api.post('/api/pipelines', {
    name: 'Stills',
    stages: [
      { key: 'a', name: 'Make' },
      { key: 'b', name: 'Check', prerequisites: ['a'] },
    ],
  });
  await api.post('/api/projects', {
    name: 'Already here',
    projectCode: 'AH-1',
    omgJobNumber: '410002',
  });
});
afterAll(async () => e2e?.close());

describe('XLSX import in the browser', () => {
  it('maps the columns, previews creates / updates / errors, applies, and shows the projects', async () => {
    const { page, context } = await e2e.newPage();
    await signInThroughUi(page, org.users.PRODUCER.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    await page.goto('/projects');
    await page.getByTestId('project-new').waitFor();
    await page.getByTestId('projects-import-export').click();
    await page.getByTestId('projects-import').waitFor();
    await e2e.shot(page, 'xlsx-projects-menu');
    await page.getByTestId('projects-import').click();
    await page.waitForURL((u) => u.pathname === '/projects/import');
    await page.getByTestId('xlsx-dropzone').waitFor();
    await e2e.shot(page, 'xlsx-import-empty');

    await page.getByTestId('xlsx-file-input').setInputFiles({
      name: 'autumn-intake.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await intakeWorkbook(),
    });
    await page.getByTestId('xlsx-mapping').waitFor();
    // Suggested from the headers.
    expect(await page.getByTestId('xlsx-map-A').inputValue()).toBe('OMG job number');
    expect(await page.getByTestId('xlsx-map-F').inputValue()).toBe('Deliverable due date');
    expect(await page.getByTestId('xlsx-map-G').inputValue()).toBe('— Ignore this column —');

    // Map "Target" onto the deliverable due date: the date column gives way, "soon" is an error.
    await page.getByTestId('xlsx-map-G').click();
    await page.getByRole('option', { name: 'Deliverable due date' }).click();
    await page.getByTestId('xlsx-row-4').and(page.locator('[data-error]')).waitFor();
    expect(await page.getByTestId('xlsx-map-F').inputValue()).toBe('— Ignore this column —');
    expect(await page.getByTestId('xlsx-row-4').textContent()).toContain(
      'Column G (Target): Target: "soon" is not a date',
    );
    expect(await page.getByTestId('xlsx-apply').isDisabled()).toBe(true);
    await e2e.shot(page, 'xlsx-import-row-errors', true);

    // Back to the date column; "BU" onto Business unit.
    await page.getByTestId('xlsx-map-F').click();
    await page.getByRole('option', { name: 'Deliverable due date' }).click();
    await page.getByTestId('xlsx-map-C').click();
    await page.getByRole('option', { name: 'Business unit' }).click();
    await expect
      .poll(async () => page.getByTestId('xlsx-count-projects').textContent())
      .toMatch(/1create1update0unchanged/);
    expect(await page.locator('[data-error]').count()).toBe(0);
    expect(await page.getByTestId('xlsx-count-deliverables').textContent()).toMatch(
      /3create0update0unchanged/,
    );
    await e2e.shot(page, 'xlsx-import-preview', true);

    await page.getByTestId('xlsx-apply').click();
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('xlsx-result').waitFor();
    expect(await page.getByTestId('xlsx-result').textContent()).toContain(
      '1 project created, 1 updated; 3 deliverables created',
    );
    await e2e.shot(page, 'xlsx-import-result');

    await page.getByTestId('xlsx-result-project-410001').click();
    await page.waitForURL((u) => /^\/projects\/[^/]+$/.test(u.pathname));
    await page.getByText('Social Cutdown').first().waitFor();

    await page.goto('/projects');
    await page.getByTestId('project-row-410001').waitFor();
    expect(await page.getByTestId('project-row-410001').textContent()).toContain('Autumn Launch');
    expect(await page.getByTestId('project-row-AH-1').textContent()).toContain('Winter Teaser');
    await e2e.shot(page, 'xlsx-projects-after');

    const exported = await page.request.get('/api/exports/xlsx');
    expect(exported.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exported.body()) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.actualRowCount).toBe(4);
    await context.close();
  });
});
