/**
 * Chromium through Playwright (the system's or Playwright's build, as playwright.config.ts picks);
 * the offline guard is a context route (page and workers).
 */
import { chromium } from '@playwright/test';
import playwrightConfig from '../../playwright.config.js';
import type { Launcher } from './engine-types.js';
import { pageRecords } from './page-records.js';

export const launchChromium: Launcher = async () => {
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const records = pageRecords();
  await context.route('**/*', (route) => (records.request(route.request().url()) ? route.abort() : route.continue()));
  const page = await context.newPage();
  page.on('pageerror', (e) => records.error(`${e.name}: ${e.message}\n${e.stack ?? ''}`));
  page.on('console', (m) => records.console(`${m.type()}: ${m.text()}`));
  return {
    version: `chromium/${browser.version()}`,
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    evalString: (expression) => page.evaluate(expression) as Promise<string>,
    screenshot: async (path) => void (await page.screenshot({ path })),
    ...records.read,
    close: () => browser.close(),
  };
};
