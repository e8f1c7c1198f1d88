/** The same time-series numbers from the Chromium worker and from Node. */
import { test, expect } from './fixtures.js';
import { openAnalytics } from '../../src/node/index.js';
import { expectDeepClose } from './deep-close.js';

const asOf = '2026-11-24 19:05:46';

test('hourly metrics, trends and anomalies: worker equals Node', async ({ harness }) => {
  const node = await openAnalytics('test/fixtures/sample.db');
  const expected = {
    hourly: await node.timeSeries.aggregateHourlyMetrics({ hours: 168, asOf }),
    filled: await node.timeSeries.aggregateHourlyMetrics({ skillName: 'pytest-run', hours: 48, asOf, fill: true }),
    multi: await node.timeSeries.getMultiSkillTrends({ metric: 'completion_rate', windowDays: 7, asOf }),
    duration: await node.timeSeries.detectTrend('refactor-apply', { metric: 'avg_duration_seconds', asOf }),
    anomalies: await node.timeSeries.getAnomalyDetection('pytest-run', { metric: 'completion_rate', windowHours: 168, asOf }),
    seasonal: await node.timeSeries.getAnomalyDetection('pytest-run', { metric: 'invocation_count', windowHours: 168, asOf, method: 'seasonal' }),
  };
  await node.dispose();
  const actual = await harness.evaluate(async (asOf) => {
    const a = await window.analyticsReady;
    await a.open('fixtures/sample.db');
    const ts = a.timeSeries;
    return {
      hourly: await ts.aggregateHourlyMetrics({ hours: 168, asOf }),
      filled: await ts.aggregateHourlyMetrics({ skillName: 'pytest-run', hours: 48, asOf, fill: true }),
      multi: await ts.getMultiSkillTrends({ metric: 'completion_rate', windowDays: 7, asOf }),
      duration: await ts.detectTrend('refactor-apply', { metric: 'avg_duration_seconds', asOf }),
      anomalies: await ts.getAnomalyDetection('pytest-run', { metric: 'completion_rate', windowHours: 168, asOf }),
      seasonal: await ts.getAnomalyDetection('pytest-run', { metric: 'invocation_count', windowHours: 168, asOf, method: 'seasonal' }),
    };
  }, asOf);
  expect(actual.hourly.length).toBeGreaterThan(500);
  expectDeepClose(actual, expected);
});
