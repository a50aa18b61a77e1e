import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestApp, type TestContext } from '../helpers/test-app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.resolve('test-results/screenshots');

export interface E2E {
  ctx: TestContext;
  baseUrl: string;
  browser: Browser;
  newPage(): Promise<{ page: Page; context: BrowserContext }>;
  shot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real app (built web + API) on a fresh database, and a headless Debian Chromium. `withJobs`
 * runs the job worker too (media processing needs it).
 */
export async function startE2E(
  env: Record<string, string> = {},
  opts: { withJobs?: boolean } = {},
): Promise<E2E> {
  // APP_URL must match the port we listen on: pick a port first.
  const probe = await import('node:net').then(
    (net) =>
      new Promise<number>((resolve) => {
        const srv = net.createServer();
        srv.listen(0, '127.0.0.1', () => {
          const port = (srv.address() as AddressInfo).port;
          srv.close(() => resolve(port));
        });
      }),
  );
  const baseUrl = `http://127.0.0.1:${probe}`;
  const ctx = await createTestApp({ APP_URL: baseUrl, ...env }, opts);
  await ctx.app.listen({ port: probe, host: '127.0.0.1' });
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'prodtrack-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    ctx,
    baseUrl,
    browser,
    async newPage() {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: 1440, height: 900 },
      });
      const page = await context.newPage();
      return { page, context };
    },
    async shot(page, name, fullPage = false) {
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
    },
    async close() {
      await browser.close();
      await ctx.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function signInThroughUi(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}
