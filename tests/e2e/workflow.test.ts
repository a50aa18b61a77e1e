import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type SeededOrg } from '../helpers/test-app';
import { signInThroughUi, startE2E, type E2E } from './browser';

let e2e: E2E;
let org: SeededOrg;

beforeAll(async () => {
  e2e = await startE2E();
  org = await seedOrg(e2e.ctx, 'Workflow Agency');
});
afterAll(async () => e2e?.close());

describe('pipelines, projects, deliverables and the board in the browser', () => {
  it('builds a pipeline, runs a deliverable through it and drags on the board', async () => {
    const { page, context } = await e2e.newPage();
    await signInThroughUi(page, org.users.PRODUCER.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    // A pipeline: Design → Review → Deliver (each waits for the one before), rework Deliver → Design.
    await page.goto('/pipelines/new');
    await page.getByTestId('pipeline-name').fill('E2E Stills');
    await page.getByTestId('stage-name-0').fill('Design');
    await page.getByTestId('stage-add').click();
    await page.getByTestId('stage-name-1').fill('Review');
    await page.getByTestId('stage-add').click();
    await page.getByTestId('stage-name-2').fill('Deliver');
    await page.getByTestId('rework-add').click();
    await page.getByTestId('rework-from-0').selectOption({ label: '3. Deliver' });
    await page.getByTestId('rework-to-0').selectOption({ label: '1. Design' });
    await page.getByTestId('pipeline-graph').waitFor();
    await e2e.shot(page, 'pipeline-editor');
    await page.getByTestId('pipeline-save').click();
    await page.waitForURL(/\/pipelines\/[0-9a-z]{24}/);
    const pipelines = (await (await page.request.get('/api/pipelines')).json()) as {
      items: { name: string; stageCount: number }[];
    };
    expect(pipelines.items.find((p) => p.name === 'E2E Stills')?.stageCount).toBe(3);

    // A project and a deliverable.
    await page.goto('/projects');
    await page.getByTestId('project-new').click();
    await page.getByTestId('project-name').fill('Autumn Campaign');
    await page.getByTestId('project-code').fill('AUT-1');
    await page.getByTestId('project-omg').fill('424242');
    await page.getByTestId('project-submit').click();
    await page.waitForURL(/\/projects\/[0-9a-z]{24}/); // a new project opens its page
    await page.getByTestId('deliverable-new').click();
    await page.getByTestId('deliverable-name').fill('Hero Visual');
    await page.getByTestId('deliverable-submit').click();
    await page.getByTestId('deliverable-row-hero-visual').getByRole('link').first().click();
    await page.waitForURL(/\/deliverables\/[0-9a-z]{24}/);
    const deliverableId = page.url().split('/deliverables/')[1]!.split('?')[0]!;

    // Walk it to Deliver through the stage panel.
    for (const [slug, moves] of [
      ['design', ['IN_PROGRESS', 'APPROVED']],
      ['review', ['IN_PROGRESS', 'APPROVED']],
      ['deliver', ['IN_PROGRESS']],
    ] as const) {
      await page.getByTestId(`stage-chip-${slug}`).click();
      for (const move of moves) {
        await page.getByTestId(`stage-move-${move}`).click();
        await expect.poll(() => page.getByTestId(`stage-move-${move}`).count()).toBe(0);
      }
    }
    await e2e.shot(page, 'deliverable');

    // On the board: the card is in Deliver; an illegal drop is refused with the reason.
    await page.goto('/board');
    const card = page.getByTestId(`board-card-${deliverableId}`);
    await page
      .getByTestId('board-column-deliver')
      .getByTestId(`board-card-${deliverableId}`)
      .waitFor();
    await card.dragTo(page.getByTestId('board-column-review'));
    await expect
      .poll(() =>
        page.getByText('No rule allows moving from Deliver to Review').first().isVisible(),
      )
      .toBe(true);
    await expect
      .poll(() =>
        page.getByTestId('board-column-deliver').getByTestId(`board-card-${deliverableId}`).count(),
      )
      .toBe(1);

    // A legal drop along the rework path asks for a note and sends the work back.
    await card.dragTo(page.getByTestId('board-column-design'));
    await page.getByTestId('rework-note').fill('The logo needs more room');
    await page.getByTestId('rework-submit').click();
    await page
      .getByTestId('board-column-design')
      .getByTestId(`board-card-${deliverableId}`)
      .waitFor();
    await e2e.shot(page, 'board');

    const detail = await (await page.request.get(`/api/deliverables/${deliverableId}`)).json();
    const statuses = Object.fromEntries(
      detail.stages.map((s: { slug: string; status: string }) => [s.slug, s.status]),
    );
    expect(statuses).toEqual({
      design: 'CHANGES_REQUESTED',
      review: 'BLOCKED',
      deliver: 'BLOCKED',
    });
    await context.close();
  });
});
