/**
 * Firefox (the system's, e.g. Debian's firefox-esr) through puppeteer-core over WebDriver BiDi:
 * headless, a fresh temporary profile per launch. The offline guard is BiDi network interception
 * (it sees the page's and its workers' requests; the browser's own update traffic is not theirs).
 */
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import type { Launcher } from './driver.js';

export function firefoxPath(): string | undefined {
  if (process.env.FIREFOX_PATH) return process.env.FIREFOX_PATH;
  return ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p));
}

const LOCAL = /^(127\.0\.0\.1|localhost|\[::1\])$/;

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
  const foreign: string[] = [];
  const log: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (/^(https?|wss?):$/.test(url.protocol)) log.push(url.href);
    if (/^(https?|wss?):$/.test(url.protocol) && !LOCAL.test(url.hostname)) {
      foreign.push(url.href);
      void req.abort();
    } else void req.continue();
  });
  const errors: string[] = [];
  const lines: string[] = [];
  page.on('pageerror', (e) => errors.push(e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e)));
  page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
  return {
    version: await browser.version(),
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load', timeout: 120_000 })),
    reload: async () => void (await page.reload({ waitUntil: 'load', timeout: 120_000 })),
    evalString: (expression) => page.evaluate(expression) as Promise<string>,
    screenshot: async (path) => void (await page.screenshot({ path })),
    pageErrors: async () => [...errors],
    consoleLines: async () => [...lines],
    foreignRequests: () => [...foreign],
    requestLog: () => [...log],
    close: () => browser.close(),
  };
};
