/**
 * The report when the browser refuses to save a write (Chromium: the origin's storage quota set
 * to 256 KiB over CDP): "write results back" fails with the reason, the report's status says the
 * write is kept in this tab's memory and why, the export button appears, and the exported file
 * holds the write (src/report/unsaved-writes.ts).
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.js';
import { openAnalytics } from '../../src/node/index.js';

test('a full quota: the write fails to save, the status says so, the export keeps it', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 256 * 1024 });
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 90_000 });
  await report.locator('#materialize-hours').fill('24');
  await report.locator('#materialize').click();
  await expect(report.locator('#materialize-result')).toContainText('Could not write the results back [LOCAL_SAVE_FAILED]');
  const status = report.locator('#status');
  await expect(status).toContainText("could not be saved in this browser: the browser's storage quota for this site is full");
  await expect(status).toHaveClass(/\berror\b/);
  await expect(report.locator('#export-db')).toBeVisible();
  const download = page.waitForEvent('download');
  await report.locator('#export-db').click();
  const exported = await openAnalytics(readFileSync(await (await download).path()));
  expect(Number(exported.context().db.all<{ n: number }>('SELECT count(*) AS n FROM skill_time_series')[0].n)).toBe(100);
  await exported.dispose();
});
