/**
 * The Playwright test fixture for tests written once for every engine: `tab` is a fresh browser of
 * the project's engine (option `engine`) with one page. After the test, its page errors,
 * unhandled rejections and requests to non-local hosts fail the test.
 */
import { test as base, expect } from '@playwright/test';
import { type BrowserTab, type Engine, launch } from './driver.js';

export const test = base.extend<{ tab: BrowserTab }, { engine: Engine }>({
  engine: ['chromium', { option: true, scope: 'worker' }],
  tab: async ({ engine, baseURL }, use, testInfo) => {
    const tab = await launch(engine, { baseURL });
    testInfo.annotations.push({ type: 'browser', description: tab.version });
    let errors: string[] = [];
    try {
      await use(tab);
      errors = await tab.pageErrors().catch((e) => [`could not read page errors: ${(e as Error).message}`]);
    } finally {
      await tab.close();
    }
    expect(errors, `page errors in ${tab.version}`).toEqual([]);
    expect(tab.foreignRequests(), 'requests to non-local hosts').toEqual([]);
  },
});

export { expect };
