/**
 * Names are data: test/fixtures/hostile.db (made by test/fixtures/make-hostile.mjs from sample.db)
 * has skill names, a session id and A/B test names that are HTML/JS. The report must show them as
 * text: no dialog, no element injected into the page or the report's shadow root.
 */
import { test, expect, serveFixtures } from './fixtures.js';
import { openAnalytics } from '../../src/node/index.js';
import { forbidDialogs, shoot } from './report-helpers.js';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';
const SVG = '"><svg onload=alert(3)>';
const TEST_1 = '<script>alert(5)</script><img src=x onerror=alert(6)>';
const TEST_2 = '"><iframe src=javascript:alert(8)>';
const SESSION = '<img src=x onerror=alert(4)>';

test('hostile names render as text, never as markup', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  // The fixture really holds the hostile names (otherwise this test proves nothing).
  const engine = await openAnalytics('test/fixtures/hostile.db');
  const skills = (await engine.timeSeries.aggregateHourlyMetrics({ hours: 24 * 30 })).map((r) => r.skillName);
  expect(skills).toEqual(expect.arrayContaining([IMG, SCRIPT, SVG]));
  expect((await engine.abTesting.listTests()).map((t) => t.testName)).toEqual([TEST_1, TEST_2]);
  await engine.dispose();

  const dialogs = forbidDialogs(page);
  await page.setViewportSize({ width: 1200, height: 900 });
  await serveFixtures(page);
  await page.goto('./?db=fixtures/hostile.db');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 90_000 });

  // The names are there, as text.
  await expect(report.locator('#hourly-skill option').first()).toHaveText(new RegExp(`^${IMG.replace(/[()]/g, '\\$&')} \\(\\d+\\)$`));
  await expect(report.locator('#hourly .hourly-out')).toHaveAttribute('data-skill', IMG);
  await expect(report.locator('#trends tbody th', { hasText: SCRIPT })).toHaveCount(1);
  await expect(report.locator('#trends tbody th', { hasText: SVG })).toHaveCount(1);
  await expect(report.locator('article.ab-test[data-test-id="1"] [data-field="test-name"]')).toHaveText(TEST_1);
  await expect(report.locator('article.ab-test[data-test-id="2"] [data-field="test-name"]')).toHaveText(TEST_2);
  await expect(report.locator('article.ab-test[data-test-id="1"] p.note').first()).toContainText('<b onmouseover=alert(7)>bold</b>');

  // Every chart and table alternative drawn, tooltips and what-if included.
  await report.locator('#hourly-skill').selectOption(SCRIPT);
  await expect(report.locator('#hourly .hourly-out')).toHaveAttribute('data-skill', SCRIPT);
  await report
    .locator('#hourly figure svg')
    .first()
    .hover({ position: { x: 500, y: 120 } });
  for (const d of await report.locator('details').all()) await d.locator('summary').click();
  await report.locator('#train').click();
  await expect(report.locator('#predictor')).toHaveAttribute('data-state', 'trained', { timeout: 120_000 });
  await report.locator('#whatif-skill').selectOption(SVG);
  await report.locator('#whatif-session').fill(SESSION);
  await report.locator('#whatif-submit').click();
  await expect(report.locator('[data-field="probability"]')).toHaveText(/%$/);
  await shoot(page, 'report-full-hostile', testInfo);

  // Nothing was injected: no element from the names, in the page or in the shadow root.
  const injected = await page.evaluate(() => {
    const root = document.querySelector('skills-report')!.shadowRoot!;
    const q = (sel: string) => root.querySelectorAll(sel).length + document.body.querySelectorAll(sel).length;
    return {
      img: q('img'),
      script: q('script'),
      iframe: q('iframe'),
      b: q('b'),
      handlers: [...root.querySelectorAll('*'), ...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      pageScripts: document.querySelectorAll('script').length,
    };
  });
  expect(injected).toEqual({ img: 0, script: 0, iframe: 0, b: 0, handlers: 0, pageScripts: 1 });
  expect(dialogs).toEqual([]);
});
