/**
 * Several files in the report site: two databases picked at once open as one dataset (the
 * overview lists both, counts are the dataset's), and the file filter shows one file exactly as
 * the engine answers for that file alone (asked in-process in Node).
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.js';
import { createEngine } from '../../src/node/index.js';
import type { AnalyticsEngine } from '../../src/analytics/AnalyticsEngine.js';
import { num, readTable, shoot } from './report-helpers.js';

const bytes = (f: string) => new Uint8Array(readFileSync(`test/fixtures/${f}`));
let both: AnalyticsEngine, legacy: AnalyticsEngine;
test.beforeAll(async () => {
  both = createEngine();
  legacy = createEngine();
  await both.open([
    { name: 'sample.db', data: bytes('sample.db') },
    { name: 'legacy.db', data: bytes('legacy.db') },
  ]);
  await legacy.open(bytes('legacy.db'));
});
test.afterAll(async () => Promise.all([both?.dispose(), legacy?.dispose()]));

/** The trends table against the engine's trends (7 days, completion rate, as the panel asks). */
async function expectTrends(report: ReturnType<import('@playwright/test').Page['locator']>, engine: AnalyticsEngine, source?: string) {
  const trends = await engine.timeSeries.getMultiSkillTrends({ metric: 'completion_rate', windowDays: 7, minInvocations: 10, source });
  const table = await readTable(report.locator('#trends table.trends-table'));
  expect(table.map((r) => r.key)).toEqual(Object.keys(trends));
  for (const row of table) {
    expect(num(row.cells.slope)).toBeCloseTo(trends[row.key].slope!, 12);
    expect(num(row.cells.days)).toBe(trends[row.key].regressedDays);
  }
}

test('two databases picked at once: one dataset, and a file filter equal to that file alone', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 90_000 });
  await expect(report.locator('#source-filter')).toBeHidden();

  await report.locator('#file').setInputFiles(['test/fixtures/sample.db', 'test/fixtures/legacy.db']);
  await expect(report.locator('[data-field="file"]')).toHaveText('2 files (sample.db, legacy.db)');
  await expect(report).toHaveAttribute('state', 'ready');
  const info = await both.info();
  await expect(report.locator('[data-field="invocations"]')).toHaveText(String(info.invocations));
  await expect(report.locator('[data-field="sessions"]')).toHaveText('200');
  await expect(report.locator('[data-field="sources"]')).toHaveText('sample.db (2000 invocations, 100 sessions); legacy.db (2000 invocations, 100 sessions)');
  await expect(report.locator('[data-field="write-to"]')).toHaveText('sample.db');
  await expect(report.locator('[data-code="AB_TEST_CONFLICT"]')).toHaveCount(2);
  await expect(report.locator('#source-filter option')).toHaveText(['All 2 files', 'sample.db', 'legacy.db']);
  await expectTrends(report, both);
  await shoot(page, 'multi-file-all', testInfo);

  // The filter, by keyboard: legacy.db alone.
  await report.locator('#source-filter').focus();
  await report.locator('#source-filter').selectOption('legacy.db');
  await expect(report.locator('[data-field="file"]')).toHaveText('legacy.db (one of 2 files)');
  await expect(report).toHaveAttribute('state', 'ready');
  const alone = await legacy.info();
  await expect(report.locator('[data-field="invocations"]')).toHaveText(String(alone.invocations));
  await expect(report.locator('[data-field="first-invocation"]')).toHaveText(alone.firstInvocation!);
  await expectTrends(report, legacy);
  await expect(report.locator('#status')).toHaveText(/^legacy\.db: 2,000 invocations/);

  await report.locator('#source-filter').selectOption('');
  await expect(report.locator('[data-field="file"]')).toHaveText('2 files (sample.db, legacy.db)');
  await expect(report).toHaveAttribute('state', 'ready');
  await expect(report.locator('[data-field="invocations"]')).toHaveText('4000');
});
