import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEmails } from '../../src/server/db/schema';
import { client, PASSWORD, seedOrg, signIn, type SeededOrg } from '../helpers/test-app';
import { signInThroughUi, startE2E, type E2E } from './browser';

let e2e: E2E;
let org: SeededOrg;

beforeAll(async () => {
  e2e = await startE2E();
  org = await seedOrg(e2e.ctx, 'Settings Agency');
});
afterAll(async () => e2e?.close());

describe('admin settings in the browser', () => {
  it('invites a person who accepts and lands in the app', async () => {
    const { page, context } = await e2e.newPage();
    await signInThroughUi(page, org.users.ADMIN.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto('/settings/invitations');
    await page.getByTestId('invite-open').click();
    await page.getByTestId('invite-email').fill('new.artist@settings.test');
    await page.getByTestId('invite-role').selectOption('ARTIST');
    await page.getByTestId('invite-submit').click();
    await expect
      .poll(() => page.getByText('new.artist@settings.test').first().isVisible())
      .toBe(true);
    await e2e.shot(page, 'invitations');

    const mail = await e2e.ctx.database.db.query.outboxEmails.findFirst({
      where: eq(outboxEmails.toAddress, 'new.artist@settings.test'),
    });
    const link = /https?:\/\/\S+accept-invite\?token=\S+/.exec(mail!.textBody)![0];

    const invitee = await e2e.newPage();
    await invitee.page.goto(link);
    await expect
      .poll(() => invitee.page.getByText('Settings Agency').first().isVisible())
      .toBe(true);
    await e2e.shot(invitee.page, 'accept-invite');
    await invitee.page.getByTestId('accept-name').fill('Nova Artist');
    await invitee.page.getByTestId('accept-password').fill('nova-password-1');
    await invitee.page.getByTestId('accept-submit').click();
    await invitee.page.waitForURL((u) => !u.pathname.startsWith('/accept-invite'));
    await expect.poll(() => invitee.page.getByText('Nova Artist').first().isVisible()).toBe(true);
    await invitee.context.close();

    await page.reload();
    await expect
      .poll(() =>
        page
          .getByText(/accepted/i)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await context.close();
  });

  it('edits the role × permission grid and the change takes effect', async () => {
    const { page, context } = await e2e.newPage();
    await signInThroughUi(page, org.users.ADMIN.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto('/settings/roles');
    const box = page.getByTestId('perm-ARTIST-USER_MANAGE');
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    expect(await page.getByTestId('perm-ADMIN-ROLE_MANAGE').isDisabled()).toBe(true);
    await box.check();
    await page.getByTestId('roles-save').click();
    await e2e.shot(page, 'roles');

    const artist = client(e2e.ctx, await signIn(e2e.ctx, org.users.ARTIST.email));
    await expect
      .poll(async () => (await artist.get('/api/users')).statusCode, { timeout: 10_000 })
      .toBe(200);

    await page.reload();
    await page.getByTestId('perm-ARTIST-USER_MANAGE').waitFor();
    expect(await page.getByTestId('perm-ARTIST-USER_MANAGE').isChecked()).toBe(true);
    await context.close();
  });

  it('keeps settings out of reach of an artist', async () => {
    const { page, context } = await e2e.newPage();
    await signInThroughUi(page, org.users.CLIENT_VIEWER.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto('/settings/roles');
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('perm-ARTIST-USER_MANAGE').count()).toBe(0);
    await context.close();
  });
});
