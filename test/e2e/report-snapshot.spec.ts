/**
 * The snapshot panel shows the engine's snapshot (and the stale skill_metrics_cache beside it);
 * "write results back" materializes into the file, and the exported file holds those rows.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.js';
import { openAnalytics } from '../../src/node/index.js';
import { num, readTable, shoot } from './report-helpers.js';

test('snapshot vs cache, then write results back and export', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const node = await openAnalytics('test/fixtures/sample.db');
  const snapshot = await node.skillTables.getSkillSnapshot({});
  await node.dispose();

  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 90_000 });
  await expect(report.locator('[data-field="cache-disagreements"]')).toContainText(`disagrees for ${snapshot.cacheDisagreements} of ${snapshot.skills.length} skills`);
  const rows = await readTable(report.locator('#snapshot table.snapshot-table'));
  expect(rows.map((r) => r.key)).toEqual(snapshot.skills.map((s) => s.skillName));
  rows.forEach((r, i) => {
    const s = snapshot.skills[i];
    expect(num(r.cells['count-1h'])).toBe(s.invocationCount1h);
    expect(num(r.cells['count-24h'])).toBe(s.invocationCount24h);
    expect(num(r.cells['rate-24h'])).toBe(s.completionRate24h);
    expect(r.cells.cache.text).toBe(s.cache ? (s.cacheDisagrees ? 'disagrees' : 'agrees') : 'no row');
  });
  await shoot(report.locator('#snapshot'), 'panel-snapshot', testInfo);

  await report.locator('#materialize-hours').fill('24');
  await report.locator('#materialize').click();
  await expect(report.locator('#materialize-result')).toContainText('skill_time_series 100 rows');
  await expect(report.locator('[data-field="cache-disagreements"]')).toContainText('disagrees for 0 of');
  const download = page.waitForEvent('download');
  await report.locator('#export-db').click();
  const exported = await openAnalytics(readFileSync(await (await download).path()));
  expect(Number(exported.context().db.all<{ n: number }>('SELECT count(*) AS n FROM skill_time_series')[0].n)).toBe(100);
  expect((await exported.skillTables.getSkillSnapshot({})).cacheDisagreements).toBe(0);
  await exported.dispose();
});
