/**
 * The page code the brush benches run in the report (as text: tsx's helpers do not exist in the
 * page), and a poll for a page condition (the site's CSP refuses the string evaluation
 * waitForFunction does).
 */
import type { Page } from '@playwright/test';

/** Resolves with the report's own millis (selection set → every redraw done), each panel's, and the wall time from the key. */
export const PRESS = `(key) => new Promise((resolve) => {
  const r = document.querySelector('skills-report');
  const t0 = performance.now();
  r.addEventListener('report-selection', (e) => resolve({ millis: e.detail.millis, panels: e.detail.panels, wall: performance.now() - t0 }), { once: true });
  r.shadowRoot.getElementById('hourly-brush').dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
})`;

/** Clicks the brush (sets it to the last day) and resolves once every panel is redrawn. */
export const CLICK = `() => new Promise((resolve) => {
  const r = document.querySelector('skills-report');
  r.addEventListener('report-selection', () => resolve(null), { once: true });
  r.shadowRoot.getElementById('hourly-brush').click();
})`;

export const SHADOW = `document.querySelector('skills-report').shadowRoot`;

/** One brush move's result. */
export interface Pressed {
  millis: number;
  wall: number;
  panels: Record<string, number>;
}

/** Polls page code until it is true (at most 15 minutes). */
export async function until(page: Page, code: string): Promise<void> {
  for (let i = 0; i < 9000 && !(await page.evaluate(code)); i++) await new Promise((r) => setTimeout(r, 100));
}

/** Opens `bench-files/<index>.db` in the report and waits until it is ready (or failed). */
export async function openReport(page: Page, origin: string, index: number): Promise<void> {
  await page.goto(`${origin}/?db=bench-files/${index}.db`);
  await until(page, `['ready', 'error'].includes(document.querySelector('skills-report')?.getAttribute('state'))`);
}
