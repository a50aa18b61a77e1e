import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, PASSWORD, seedOrg, signIn, type SeededOrg } from '../helpers/test-app';
import { signInThroughUi, startE2E, type E2E } from './browser';

let e2e: E2E;
let org: SeededOrg;

beforeAll(async () => {
  e2e = await startE2E();
  org = await seedOrg(e2e.ctx, 'Browser Agency');
});
afterAll(async () => e2e?.close());

describe('sign-in in the browser', () => {
  it('signs in, shows the app shell with the user, and signs out', async () => {
    const { page, context } = await e2e.newPage();
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-email').waitFor();
    await e2e.shot(page, 'login');

    await signInThroughUi(page, org.users.ADMIN.email, 'wrong-password-123');
    await expect.poll(() => page.getByText(/wrong e-mail or password/i).count()).toBeGreaterThan(0);

    await signInThroughUi(page, org.users.ADMIN.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await expect.poll(() => page.getByText('Browser Agency').first().isVisible()).toBe(true);
    await e2e.shot(page, 'home');

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.endsWith('session_token'));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/login/);
    await context.close();
  });

  it('forces a new password on first sign-in with a temporary one', async () => {
    const admin = client(e2e.ctx, await signIn(e2e.ctx, org.users.ADMIN.email));
    const res = await admin.post('/api/users', {
      email: 'first.timer@browser.test',
      name: 'First Timer',
      role: 'PRODUCER',
      temporaryPassword: 'temporary-pass-9',
    });
    expect(res.statusCode).toBe(201);
    const { page, context } = await e2e.newPage();
    await signInThroughUi(page, 'first.timer@browser.test', 'temporary-pass-9');
    await page.waitForURL(/\/change-password/);
    await e2e.shot(page, 'change-password');
    await page.getByTestId('current-password').fill('temporary-pass-9');
    await page.getByTestId('new-password').fill('my-own-password-1');
    await page.getByTestId('confirm-password').fill('my-own-password-1');
    await page.getByTestId('change-password-submit').click();
    await page.waitForURL(
      (u) => !u.pathname.startsWith('/change-password') && !u.pathname.startsWith('/login'),
    );
    await expect.poll(() => page.getByText('First Timer').first().isVisible()).toBe(true);
    await context.close();
  });

  it('updates the notification bell live, without a reload', async () => {
    const { page, context } = await e2e.newPage();
    await signInThroughUi(page, org.users.PRODUCER.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByTestId('notification-bell').waitFor();
    await page.waitForTimeout(500); // let the event stream connect
    await e2e.ctx.app.services.notifications.notify(e2e.ctx.database.db, {
      organizationId: org.orgId,
      userIds: [org.users.PRODUCER.id],
      type: 'ASSIGNMENT',
      title: 'You were assigned to Hero Banner',
      message: 'Creative stage',
    });
    await expect
      .poll(() => page.getByTestId('notification-count').textContent(), { timeout: 10_000 })
      .toBe('1');
    await page.getByTestId('notification-bell').click();
    await expect
      .poll(() => page.getByText('You were assigned to Hero Banner').first().isVisible())
      .toBe(true);
    await e2e.shot(page, 'notifications');
    await context.close();
  });
});

describe('client viewer in the browser', () => {
  it("sees only their client team's projects", async () => {
    const { clientTeams, clientTeamMemberships, projects } =
      await import('../../src/server/db/schema');
    const db = e2e.ctx.database.db;
    const [mine, other] = await db
      .insert(clientTeams)
      .values([
        { organizationId: org.orgId, name: 'Glow Cosmetics', slug: 'glow' },
        { organizationId: org.orgId, name: 'Rival Brand', slug: 'rival' },
      ])
      .returning();
    await db
      .insert(clientTeamMemberships)
      .values({ clientTeamId: mine!.id, userId: org.users.CLIENT_VIEWER.id });
    await db.insert(projects).values([
      {
        organizationId: org.orgId,
        projectCode: 'GLOW-1',
        name: 'Glow Launch',
        clientTeamId: mine!.id,
        omgJobNumber: '500001',
      },
      {
        organizationId: org.orgId,
        projectCode: 'RIV-1',
        name: 'Rival Campaign',
        clientTeamId: other!.id,
        omgJobNumber: '500002',
      },
      {
        organizationId: org.orgId,
        projectCode: 'INT-1',
        name: 'Internal Reel',
        omgJobNumber: '500003',
      },
    ]);
    const { page, context } = await e2e.newPage();
    await signInThroughUi(page, org.users.CLIENT_VIEWER.email, PASSWORD);
    await page.getByTestId('project-row-GLOW-1').waitFor();
    expect(await page.getByTestId('project-row-RIV-1').count()).toBe(0);
    expect(await page.getByTestId('project-row-INT-1').count()).toBe(0);
    expect(await page.getByText('Settings').count()).toBe(0);
    await e2e.shot(page, 'client-home');
    await context.close();

    const staff = await e2e.newPage();
    await signInThroughUi(staff.page, org.users.ARTIST.email, PASSWORD);
    await staff.page.getByTestId('project-row-RIV-1').waitFor();
    expect(await staff.page.getByTestId('project-row-INT-1').count()).toBe(1);
    await staff.context.close();
  });
});
