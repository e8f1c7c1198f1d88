/**
 * Playwright fixtures: every test fails if the page requests anything from a non-local host
 * (the offline promise), and `analytics` runs calls through the real worker in the harness page.
 */
import { readFileSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';

const LOCAL = /^(127\.0\.0\.1|localhost|\[::1\])$/;

export const test = base.extend<{ offlineGuard: string[]; harness: Page }>({
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
    page.on('pageerror', (e) => console.error('[page error]', e.message));
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
