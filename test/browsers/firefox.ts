/**
 * Firefox (the system's, e.g. Debian's firefox-esr) through puppeteer-core over WebDriver BiDi:
 * headless, a fresh temporary profile per launch. The offline guard is BiDi network interception
 * (it sees the page's and its workers' requests; the browser's own update traffic is not theirs).
 */
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import type { Launcher } from './engine-types.js';
import { pageRecords } from './page-records.js';

export function firefoxPath(): string | undefined {
  if (process.env.FIREFOX_PATH) return process.env.FIREFOX_PATH;
  return ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p));
}

export const launchFirefox: Launcher = async () => {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error('no Firefox found (apt-get install firefox-esr, or set FIREFOX_PATH)');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    protocolTimeout: 600_000,
    defaultViewport: { width: 1200, height: 900 },
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  const records = pageRecords();
  await page.setRequestInterception(true);
  page.on('request', (req) => void (records.request(req.url()) ? req.abort() : req.continue()));
  page.on('pageerror', (e) => records.error(e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e)));
  page.on('console', (m) => records.console(`${m.type()}: ${m.text()}`));
  return {
    version: await browser.version(),
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load', timeout: 120_000 })),
    reload: async () => void (await page.reload({ waitUntil: 'load', timeout: 120_000 })),
    evalString: (expression) => page.evaluate(expression) as Promise<string>,
    screenshot: async (path) => void (await page.screenshot({ path })),
    ...records.read,
    close: () => browser.close(),
  };
};
