/**
 * Chromium through Playwright (the system's or Playwright's build, as playwright.config.ts picks);
 * the offline guard is a context route (page and workers).
 */
import { chromium } from '@playwright/test';
import playwrightConfig from '../../playwright.config.js';
import type { Launcher } from './driver.js';

const LOCAL = /^(127\.0\.0\.1|localhost|\[::1\])$/;

export const launchChromium: Launcher = async () => {
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const foreign: string[] = [];
  const log: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    log.push(url.href);
    if (/^(https?|wss?):$/.test(url.protocol) && !LOCAL.test(url.hostname)) {
      foreign.push(url.href);
      return route.abort();
    }
    return route.continue();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const lines: string[] = [];
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}\n${e.stack ?? ''}`));
  page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
  return {
    version: `chromium/${browser.version()}`,
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    evalString: (expression) => page.evaluate(expression) as Promise<string>,
    screenshot: async (path) => void (await page.screenshot({ path })),
    pageErrors: async () => [...errors],
    consoleLines: async () => [...lines],
    foreignRequests: () => [...foreign],
    requestLog: () => [...log],
    close: () => browser.close(),
  };
};
