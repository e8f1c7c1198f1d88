/**
 * getAnomalyDetection method 'score' on sample.db: the same hours as anomalyScores over the skill's
 * hourly counts from its first invocation, zScore = Φ⁻¹(score); session-buddy's default unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/engine/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { anomalyScores, normalQuantile } from '../../../src/stats/index.js';
import { expectClose } from './golden.js';

describe("getAnomalyDetection method 'score'", () => {
  let engine: AnalyticsEngine;
  const asOf = '2026-11-24 19:05:46';
  beforeAll(async () => {
    engine = await openAnalytics('test/fixtures/sample.db');
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it('pytest-run invocation counts: the hours anomalyScores flags in the last 168 h', async () => {
    // pytest-run's first invocation is 2026-11-10 19:42:24: its hours run from 11-10T19:00 to 11-24T18:00
    // (the current hour 19:00 is partial and not scored), 336 hours, every hour without invocations a 0.
    const rows = await engine.timeSeries.aggregateHourlyMetrics({ skillName: 'pytest-run', hours: 24 * 35, fill: true, asOf });
    const hours = rows.filter((r) => r.timestamp >= '2026-11-10T19:00:00Z' && r.timestamp <= '2026-11-24T18:00:00Z');
    expect(hours).toHaveLength(336);
    const scores = anomalyScores(
      hours.map((r) => r.invocationCount),
      { timestamps: hours.map((r) => Date.parse(r.timestamp)) },
    );
    const expected = hours.flatMap((r, i) => (r.timestamp >= '2026-11-17T19:00:00Z' && scores[i] > 0 && normalQuantile(scores[i]) >= 2 ? [{ i, r }] : []));
    const found = await engine.timeSeries.getAnomalyDetection('pytest-run', { metric: 'invocation_count', windowHours: 168, asOf, method: 'score' });
    expect(found.map((a) => a.timestamp)).toEqual(['2026-11-19T09:00:00Z', '2026-11-24T14:00:00Z']);
    expect(found.map((a) => a.timestamp)).toEqual(expected.map((e) => e.r.timestamp));
    found.forEach((a, k) => {
      const { i, r } = expected[k];
      expect(a).toMatchObject({ method: 'score', value: r.invocationCount, deviationType: 'high', baselineSize: i, center: 0, imputed: false });
      expectClose(a.zScore, normalQuantile(scores[i]));
    });
    expect(found.map((a) => a.value)).toEqual([8, 9]);
    // a stricter threshold keeps the first only (z 4.28 vs 2.74)
    const strict = await engine.timeSeries.getAnomalyDetection('pytest-run', { metric: 'invocation_count', windowHours: 168, asOf, method: 'score', zThreshold: 3 });
    expect(strict.map((a) => a.timestamp)).toEqual(['2026-11-19T09:00:00Z']);
  });

  it('completion rates: none flagged; a bad method names the new one', async () => {
    // pytest-run has 66 hours with a completion rate (36 before the window); the score starts at the 41st and flags none at z ≥ 2
    expect(await engine.timeSeries.getAnomalyDetection('pytest-run', { metric: 'completion_rate', windowHours: 168, asOf, method: 'score' })).toEqual([]);
    await expect(engine.timeSeries.getAnomalyDetection('pytest-run', { method: 'knn' as 'score' })).rejects.toThrow(/'zscore', 'seasonal', 'mstl' or 'score'/);
  });
});
