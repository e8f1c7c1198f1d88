import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.js';
import { openAnalytics } from '../../src/node/index.js';

test('the demo opens the bundled sample through the worker and shows the summary', async ({ page }) => {
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 60_000 });
  await expect(report.locator('[data-field="invocations"]')).toHaveText('2000');
  await expect(report.locator('[data-field="skills"]')).toHaveText('30');
  await expect(report.locator('[data-field="sessions"]')).toHaveText('100');
  await expect(report.locator('[data-field="last-invocation"]')).toHaveText('2026-11-24T17:00:52.968772Z');
});

test('a file picked with setInputFiles opens in the report', async ({ page }) => {
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 60_000 });
  await report.locator('#file').setInputFiles('test/fixtures/legacy.db');
  await expect(report.locator('[data-field="file"]')).toHaveText('legacy.db');
  await expect(report.locator('[data-field="first-invocation"]')).toHaveText('2026-11-10T23:22:12.856278Z');
});

test('info through the worker equals info in Node', async ({ harness }) => {
  const node = await openAnalytics('test/fixtures/legacy.db');
  const expected = node.info();
  await node.dispose();
  const bytes = [...readFileSync('test/fixtures/legacy.db')];
  const info = await harness.evaluate(async (b) => {
    const a = await window.analyticsReady;
    return a.open(new Uint8Array(b));
  }, bytes);
  expect(info).toEqual(expected);
});
