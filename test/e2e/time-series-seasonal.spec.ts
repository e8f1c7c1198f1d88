/** Decomposition, changepoints and forecasts from the Chromium worker equal Node's (pure TypeScript, no wasm). */
import { test, expect, serveFixtures } from './fixtures.js';
import { openAnalytics } from '../../src/node/index.js';
import { expectDeepClose } from './deep-close.js';
import { formatNumber } from '../../src/report/format.js';

const asOf = '2026-11-24T19:06:16Z';

test('detectChangepoints, decompose, forecast and mstl anomalies: worker equals Node (train20k)', async ({ harness }) => {
  test.setTimeout(240_000);
  const node = await openAnalytics('test/fixtures/train20k.db');
  const expected = {
    changes: await node.timeSeries.detectChangepoints(undefined, { asOf }),
    hourly: await node.timeSeries.detectChangepoints('pytest-run', { asOf, resolution: 'hour' }),
    decomposition: await node.timeSeries.decompose('pytest-run', { asOf, hours: 720 }),
    forecast: await node.timeSeries.forecast('pytest-run', { asOf, hours: 168 }),
    mstl: await node.timeSeries.getAnomalyDetection('pytest-run', { metric: 'invocation_count', windowHours: 168, asOf, method: 'mstl', zThreshold: 3.5 }),
  };
  await node.dispose();
  const actual = await harness.evaluate(async (asOf) => {
    const a = await window.analyticsReady;
    await a.open('fixtures/train20k.db');
    const ts = a.timeSeries;
    return {
      changes: await ts.detectChangepoints(undefined, { asOf }),
      hourly: await ts.detectChangepoints('pytest-run', { asOf, resolution: 'hour' }),
      decomposition: await ts.decompose('pytest-run', { asOf, hours: 720 }),
      forecast: await ts.forecast('pytest-run', { asOf, hours: 168 }),
      mstl: await ts.getAnomalyDetection('pytest-run', { metric: 'invocation_count', windowHours: 168, asOf, method: 'mstl', zThreshold: 3.5 }),
    };
  }, asOf);
  expect(actual.changes.changepoints.length).toBeGreaterThan(0);
  expect(actual.changes.abEvents.length).toBeGreaterThan(0);
  expect(actual.forecast.points).toHaveLength(168);
  expect(actual.decomposition.seasonal.map((s: { period: number }) => s.period)).toEqual([24, 168]);
  expectDeepClose(actual, expected);
});

test('thin data and typed errors cross the worker boundary', async ({ harness }) => {
  const r = await harness.evaluate(async () => {
    const a = await window.analyticsReady;
    await a.open('fixtures/sample.db');
    const thin = await a.timeSeries.forecast('no-such-skill', { hours: 24 });
    let code = '';
    try {
      await a.timeSeries.detectChangepoints('pytest-run', { metric: 'bogus' as never });
    } catch (e) {
      code = (e as { code: string }).code;
    }
    return { status: thin.status, code };
  });
  expect(r).toEqual({ status: 'insufficient_data', code: 'INVALID_METRIC' });
});

test('report: the hourly panel lists the level changes and A/B events of the engine; the forecast band for counts', async ({ page }) => {
  test.setTimeout(240_000);
  const node = await openAnalytics('test/fixtures/train20k.db');
  await serveFixtures(page);
  await page.goto('./?db=fixtures/train20k.db');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 120_000 });
  const out = report.locator('#hourly .hourly-out');
  await expect(out).toHaveAttribute('data-metric', 'completion_rate', { timeout: 60_000 });
  const skill = 'mypy-check'; // its completion rate fell on 2026-11-19, inside the last 14 days (train20k drifts)
  await report.locator('#hourly-skill').selectOption(skill);
  await report.locator('#hourly-hours').selectOption('336');
  await expect(out).toHaveAttribute('data-hours', '336');
  await expect(out).toHaveAttribute('data-skill', skill);
  const rows = await node.timeSeries.aggregateHourlyMetrics({ skillName: skill, hours: 336, fill: true });
  const from = Date.parse(rows[0].timestamp);
  const changes = await node.timeSeries.detectChangepoints(skill, { metric: 'completion_rate', days: 30 });
  const shown = changes.changepoints.filter((c) => Date.parse(c.timestamp) >= from).map((c) => c.timestamp);
  const events = changes.abEvents.filter((e) => Date.parse(e.timestamp) >= from).map((e) => e.timestamp);
  expect(shown.length).toBeGreaterThan(0);
  await expect(out.locator('[data-changepoint]')).toHaveCount(shown.length);
  expect(await out.locator('[data-changepoint]').evaluateAll((els) => els.map((e) => e.getAttribute('data-changepoint')))).toEqual(shown);
  await expect(out.locator('[data-ab-event]')).toHaveCount(events.length);
  await report.locator('#hourly-metric').selectOption('invocation_count');
  await expect(out).toHaveAttribute('data-metric', 'invocation_count');
  const forecast = await node.timeSeries.forecast(skill, { hours: 24 });
  const total = forecast.points.reduce((s, p) => s + p.value, 0);
  await expect(out.locator('[data-field="forecast"]')).toContainText(`${formatNumber(total, 0)} invocations`);
  await node.dispose();
});
