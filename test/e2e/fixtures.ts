/**
 * Playwright fixtures: every test fails if the page requests anything from a non-local host
 * (the offline promise) or if a page throws an uncaught error or leaves a rejection unhandled
 * (a test that expects one names it in `expectedPageErrors`), and `harness` is the harness page
 * with the API on `window`.
 */
import { readFileSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';

const LOCAL = /^(127\.0\.0\.1|localhost|\[::1\])$/;

export const test = base.extend<{ offlineGuard: string[]; pageErrors: string[]; expectedPageErrors: RegExp[]; harness: Page }>({
  expectedPageErrors: [[], { option: true }],
  pageErrors: [
    async ({ context, expectedPageErrors }, use) => {
      const errors: string[] = [];
      // Every page of the context: uncaught errors and unhandled rejections (Chromium reports both).
      context.on('weberror', (e) => errors.push(`${e.error().name}: ${e.error().message}`));
      await use(errors);
      expect(
        errors.filter((e) => !expectedPageErrors.some((re) => re.test(e))),
        'uncaught page errors / unhandled rejections',
      ).toEqual([]);
    },
    { auto: true },
  ],
  offlineGuard: [
    async ({ context }, use) => {
      const foreign: string[] = [];
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') && !LOCAL.test(url.hostname)) {
          foreign.push(url.href);
          return route.abort();
        }
        return route.continue();
      });
      await use(foreign);
      expect(foreign, 'requests to non-local hosts').toEqual([]);
    },
    { auto: true },
  ],
  harness: async ({ page }, use) => {
    await serveFixtures(page);
    await page.goto('harness.html');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    await use(page);
  },
});

export { expect };

/** Serves test/fixtures/<name> at fixtures/<name> of the page's origin (pages open them by URL). */
export async function serveFixtures(page: Page): Promise<void> {
  await page.route('**/fixtures/*', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop()!;
    return route.fulfill({ status: 200, contentType: 'application/vnd.sqlite3', body: readFileSync(`test/fixtures/${name}`) });
  });
}

/** Bytes as base64, to hand small in-memory files to `page.evaluate`. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
