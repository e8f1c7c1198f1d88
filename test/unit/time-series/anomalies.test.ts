/**
 * Anomaly scoring beyond the goldens: missing-value policy, the seasonal (hour-of-day) method on
 * hand-built hours, plot data, misuse, the causal score method ('score', against anomalyScores on the
 * same hours). Expected numbers are worked out in the comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { formatHour, parseTimestamp } from '../../../src/engine/time.js';
import { openAnalytics } from '../../../src/node/index.js';
import { seasonalAnomalies, zScoreAnomalies } from '../../../src/time-series/anomalies.js';
import type { HourlyMetrics } from '../../../src/time-series/types.js';
import { secondWindow } from '../../../src/hourly/window.js';
import { anomalyScores, normalQuantile } from '../../../src/stats/index.js';
import { expectClose } from './golden.js';

const H = 3_600_000_000;
const DAY = 24 * H;
const T0 = parseTimestamp('2026-11-01T00:00:00Z')!;

function hour(micros: number, count: number, rate: number | null = 1, dur: number | null = 10): HourlyMetrics {
  return { timestamp: formatHour(micros), skillName: 's', invocationCount: count, completionRate: rate, avgDurationSeconds: dur, uniqueSessions: 1 };
}

describe('zScoreAnomalies', () => {
  it('population SD, |z| ≥ threshold, high/low', () => {
    // values 1 ×9, 0 ×1: mean 0.9, np.std = 0.3 → z(0) = −3, z(1) = 0.333
    const rows = Array.from({ length: 10 }, (_, i) => hour(T0 + i * H, 2, i === 4 ? 0 : 1));
    const a = zScoreAnomalies(rows, 'completion_rate', 2, 'zero');
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ timestamp: '2026-11-01T04:00:00Z', value: 0, deviationType: 'low', baselineSize: 10, imputed: false });
    expectClose(a[0].zScore, -3, 1e-12);
    expectClose(a[0].center, 0.9, 1e-12);
    expectClose(a[0].scale, 0.3, 1e-12);
    expect(zScoreAnomalies(rows, 'completion_rate', 3.01, 'zero')).toEqual([]);
    expect(
      zScoreAnomalies(
        rows.map((r) => ({ ...r, completionRate: 1 })),
        'completion_rate',
        2,
        'zero',
      ),
    ).toEqual([]); // no spread
  });

  it("hours without a duration: 'zero' scores them as 0 (session-buddy), 'skip' leaves them out", () => {
    // durations [10,10,10,10,null]: zero → [10,10,10,10,0], mean 8, SD 4, z(0) = −2 (imputed)
    const rows = [0, 1, 2, 3].map((i) => hour(T0 + i * H, 1)).concat(hour(T0 + 4 * H, 1, 0, null));
    expect(zScoreAnomalies(rows, 'avg_duration_seconds', 2, 'zero')).toMatchObject([{ value: 0, zScore: -2, imputed: true, deviationType: 'low' }]);
    expect(zScoreAnomalies(rows, 'avg_duration_seconds', 2, 'skip')).toEqual([]);
  });
});

describe('seasonalAnomalies (hour-of-day baseline)', () => {
  const asOfDay = 9; // window = the 24 h ending 2026-11-10T23:59:59
  const window = secondWindow(T0 + (asOfDay + 1) * DAY - 1_000_000, DAY);
  const base = { skillName: 's', zThreshold: 3, window, baselineDays: 28, minBaseline: 5, firstInvocationMicros: T0 + 10 * H };

  it('counts: a burst at 10:00 against the same hour on earlier days', () => {
    // 10:00 on days 0..8: 3,4,3,5,4,3,4,4,3; day 9: 20. Baseline median 4, MAD 1 → 1.4826, raised to
    // the Poisson floor √4 = 2 → z = (20 − 4)/2 = 8. Every other hour: 0 vs a baseline of zeros (MAD 0,
    // mean AD 0, floor √1 = 1) → z = 0.
    const counts = [3, 4, 3, 5, 4, 3, 4, 4, 3, 20];
    const rows = counts.map((c, d) => hour(T0 + d * DAY + 10 * H, c));
    const a = seasonalAnomalies(rows, { ...base, metric: 'invocation_count' });
    expect(a).toEqual([
      {
        timestamp: '2026-11-10T10:00:00Z',
        skillName: 's',
        metric: 'invocation_count',
        value: 20,
        zScore: 8,
        deviationType: 'high',
        method: 'seasonal',
        center: 4,
        scale: 2,
        baselineSize: 9,
        imputed: false,
      },
    ]);
  });

  it('rates: MAD 0 falls back to 1.2533 · mean absolute deviation', () => {
    // 10:00 completion rate on days 3..8: 1,1,1,1,0.5,1 (days 0..2 no invocations → no value); day 9: 0.
    // median 1, MAD 0 → scale = 1.253314 · (0.5/6) = 0.10444283…, z = −1/0.10444283 = −9.57461…
    const rates: [number, number][] = [
      [3, 1],
      [4, 1],
      [5, 1],
      [6, 1],
      [7, 0.5],
      [8, 1],
      [9, 0],
    ];
    const rows = rates.map(([d, r]) => hour(T0 + d * DAY + 10 * H, 2, r));
    const a = seasonalAnomalies(rows, { ...base, metric: 'completion_rate' });
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ timestamp: '2026-11-10T10:00:00Z', deviationType: 'low', baselineSize: 6, center: 1 });
    expectClose(a[0].scale, (1.253314 * 0.5) / 6, 1e-12);
    expectClose(a[0].zScore, -1 / ((1.253314 * 0.5) / 6), 1e-12);
    // fewer than minBaseline values: not scored
    expect(seasonalAnomalies(rows.slice(3), { ...base, metric: 'completion_rate' })).toEqual([]);
  });
});

describe('anomalies and plot data on sample.db', () => {
  let engine: AnalyticsEngine;
  const asOf = '2026-11-24 19:05:46';
  beforeAll(async () => {
    engine = await openAnalytics('test/fixtures/sample.db');
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it("missingValues 'skip' on pytest-run durations (168 h)", async () => {
    // python sqlite3 + numpy: 30 hours, 23 with a duration; their mean 43.86004064368838,
    // np.std 21.67190903805922; only 2026-11-17T21:00 (125.26443994041446) has |z| ≥ 2: z = 3.7562172835705145
    const a = await engine.timeSeries.getAnomalyDetection('pytest-run', { metric: 'avg_duration_seconds', windowHours: 168, asOf, missingValues: 'skip' });
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ timestamp: '2026-11-17T21:00:00Z', baselineSize: 23 });
    expectClose(a[0].zScore, 3.7562172835705145);
    expectClose(a[0].center, 43.86004064368838);
  });

  it('plot data: gap-filled hours with the anomaly marked', async () => {
    const p = await engine.timeSeries.getTimeSeriesPlotData('pytest-run', { metric: 'avg_duration_seconds', asOf });
    // 168 h from 2026-11-17T19:05:46 touch 169 hours; 30 have invocations, 23 of them a duration
    expect(p.timestamps).toHaveLength(169);
    expect([p.timestamps[0], p.timestamps[168]]).toEqual(['2026-11-17T19:00:00Z', '2026-11-24T19:00:00Z']);
    expect(p.invocationCounts.filter((c) => c > 0)).toHaveLength(30);
    expect(p.values.filter((v) => v !== null)).toHaveLength(23);
    expect(p.timestamps.filter((_, i) => p.isAnomaly[i])).toEqual(['2026-11-17T21:00:00Z']);
    expect(p.anomalies).toHaveLength(1);
    const counts = await engine.timeSeries.getTimeSeriesPlotData('pytest-run', { metric: 'invocation_count', asOf, hours: 24 });
    expect(counts.values).toEqual(counts.invocationCounts);
    expect(counts.values.reduce((s: number, v) => s + (v ?? 0), 0)).toBe(21); // golden pytest-run_h24: 6 hours, 1 + 2 + 4 + 9 + 2 + 3 = 21 invocations
  });

  it('seasonal method runs on the warehouse', async () => {
    const a = await engine.timeSeries.getAnomalyDetection('pytest-run', { metric: 'invocation_count', windowHours: 168, asOf, method: 'seasonal', zThreshold: 3 });
    // python sqlite3: pytest-run starts 2026-11-10 19:42:24; at 13:00 UTC it ran 8× on 11-20 and never on
    // 11-11 … 11-19 → baseline nine 0s (median 0, MAD 0, mean AD 0, Poisson floor 1) → z = 8
    expect(a.find((x) => x.timestamp === '2026-11-20T13:00:00Z')).toMatchObject({ value: 8, center: 0, scale: 1, zScore: 8, baselineSize: 9 });
    for (const x of a) {
      expect(x.method).toBe('seasonal');
      expect(Math.abs(x.zScore)).toBeGreaterThanOrEqual(3);
      expect(x.baselineSize).toBeGreaterThanOrEqual(5);
    }
  });

  it('unknown metric → INVALID_METRIC; bad method → INVALID_ARGUMENT', async () => {
    await expect(engine.timeSeries.getAnomalyDetection('pytest-run', { metric: 'bogus' as 'completion_rate' })).rejects.toMatchObject({ code: 'INVALID_METRIC' });
    await expect(engine.timeSeries.getTimeSeriesPlotData('pytest-run', { metric: 'bogus' as 'completion_rate' })).rejects.toMatchObject({ code: 'INVALID_METRIC' });
    await expect(engine.timeSeries.getAnomalyDetection('pytest-run', { method: 'iforest' as 'zscore' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it("method 'score': pytest-run counts, the hours anomalyScores flags in the last 168 h", async () => {
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

  it("method 'score': completion rates none flagged; a bad method names the new one", async () => {
    // pytest-run has 66 hours with a completion rate (36 before the window); the score starts at the 41st and flags none at z ≥ 2
    expect(await engine.timeSeries.getAnomalyDetection('pytest-run', { metric: 'completion_rate', windowHours: 168, asOf, method: 'score' })).toEqual([]);
    await expect(engine.timeSeries.getAnomalyDetection('pytest-run', { method: 'knn' as 'score' })).rejects.toThrow(/'zscore', 'seasonal', 'mstl' or 'score'/);
  });
});
