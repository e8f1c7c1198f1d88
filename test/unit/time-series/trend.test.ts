/**
 * The trend result wires the statistics correctly: expected values computed independently with
 * scipy 1.17 / numpy (python snippets in the comments); partial days, ties, short series and
 * missing values on hand-built daily rows; Mann-Kendall / Theil-Sen on a golden daily series.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { parseTimestamp } from '../../../src/engine/time.js';
import { openAnalytics } from '../../../src/node/index.js';
import type { DailyRow } from '../../../src/hourly/sql.js';
import { analyzeDailyTrend, changePercent, isPartialDay, trendLabel, type DailyTrendInput } from '../../../src/time-series/trend.js';
import { secondWindow } from '../../../src/hourly/window.js';
import { expectClose } from './golden.js';

const DAY = 86_400_000_000;
const at = (iso: string) => parseTimestamp(iso)!;

/** Daily rows for consecutive-or-not UTC days: [day, completionRate, avgDuration|null, count]. */
function rows(days: [string, number, number | null, number][]): DailyRow[] {
  return days.map(([day, rate, dur, n]) => ({
    skill_name: 's',
    day_us: at(`${day}T00:00:00Z`),
    invocation_count: n,
    completion_rate: rate,
    avg_duration_seconds: dur,
    duration_count: dur === null ? 0 : n,
    unique_sessions: 1,
  }));
}

function input(metric: string, asOf: string, windowDays: number, extra: Partial<DailyTrendInput> = {}): DailyTrendInput {
  return { skillName: 's', metric, windowDays, window: secondWindow(at(asOf), windowDays * DAY), excludePartialDays: false, missingValues: 'zero', ...extra };
}

describe('trend on the golden daily series (sample.db)', () => {
  let engine: AnalyticsEngine;
  beforeAll(async () => {
    engine = await openAnalytics('test/fixtures/sample.db');
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it('pytest-run completion_rate: OLS extras, Mann-Kendall and Theil-Sen equal scipy on aux_daily_series', async () => {
    // x = [0,1,2,3,5,6,7], y = [0.2, 0.5, 0.6538…, 0.75, 1.0, 0.6364…, 0.8095…] (golden aux_daily_series)
    // python: S = Σ sign(y_j − y_i) = 13, var = 7·6·19/18 = 44.333, z = (13 − 1)/√44.333,
    //   p = 2·norm.sf(z) = 0.07150541644487446; kendalltau(x, y) = 0.6190476190476191
    //   theilslopes(y, x, 0.95) = (0.09615384615384615, low −0.004370629370629375, high 0.17316017316017318)
    //   linregress: r² = 0.5420789264420192, slope ± t(0.975, 5)·SE = [−0.003993802974748356, 0.14511831772940012]
    const t = await engine.timeSeries.detectTrend('pytest-run', { asOf: '2026-11-24 19:05:46' });
    expect(t.mannKendall!.s).toBe(13);
    expectClose(t.mannKendall!.pValue, 0.07150541644487446, 1e-7);
    expectClose(t.mannKendall!.tau, 0.6190476190476191);
    expectClose(t.theilSen!.slope, 0.09615384615384615);
    expectClose(t.theilSen!.ci95![0], -0.004370629370629375);
    expectClose(t.theilSen!.ci95![1], 0.17316017316017318);
    expectClose(t.rSquared, 0.5420789264420192);
    expectClose(t.slopeCi95![0], -0.003993802974748356, 1e-7);
    expectClose(t.slopeCi95![1], 0.14511831772940012, 1e-7);
    expect(t.points.map((p) => p.count)).toEqual([5, 4, 26, 16, 2, 11, 21]); // = golden invocation_count series
    // window 2026-11-17T19:05:46Z .. 2026-11-24T19:05:46Z: both end days are cut
    expect([t.partialFirstDay, t.partialLastDay, t.windowStart, t.asOf]).toEqual([true, true, '2026-11-17T19:05:46Z', '2026-11-24T19:05:46Z']);
  });

  it('refactor-apply completion_rate (ties: 0.667 ×2, 1.0 ×2): tie-corrected Mann-Kendall', async () => {
    // y = [0, .4, .5, .6667, 1, .6667, 1]: S = 17, var = (7·6·19 − 2·(2·1·9))/18 = 42.333,
    // p = 0.013928019136188482, tau-b = kendalltau = 0.8510644963469901; theilslopes = 0.1333…, [0.041666…, 0.2222…]
    const t = await engine.timeSeries.detectTrend('refactor-apply', { asOf: '2026-11-24 19:05:46' });
    expect(t.trend).toBe('improving');
    expect(t.mannKendall!.s).toBe(17);
    expectClose(t.mannKendall!.pValue, 0.013928019136188482, 1e-7);
    expectClose(t.mannKendall!.tau, 0.8510644963469901);
    expectClose(t.theilSen!.slope, 0.1333333333333333);
    expect(t.theilSen!.ci95![0]).toBeCloseTo(0.04166666666666666, 12);
    expect(t.theilSen!.ci95![1]).toBeCloseTo(0.2222222222222222, 12);
    expect(t.changePercent).toBeNull(); // start 0: undefined (session-buddy: 0.0)
  });

  it('excludePartialDays drops the cut first and last day and re-fits', async () => {
    const t = await engine.timeSeries.detectTrend('pytest-run', { asOf: '2026-11-24 19:05:46', excludePartialDays: true });
    expect(t.points).toHaveLength(7);
    expect(t.regressedDays).toBe(5);
    // y = [.5, .6538…, .75, 1, .6364…] at x = [0,1,2,4,5]: python linregress slope = 0.04878842088144414,
    // p = 0.3432488027006291
    expect(t.startValue).toBe(0.5);
    expectClose(t.endValue, 7 / 11);
    expectClose(t.slope, 0.04878842088144414);
    expectClose(t.pValue, 0.3432488027006291, 1e-7);
    expect(t.trend).toBe('stable');
  });

  it('a window ending on the last second of a day has whole end days', async () => {
    // sqlite3: SELECT date(invoked_at), avg(completed), count(*) FROM skill_invocation WHERE skill_name = 'pytest-run'
    //   AND datetime(invoked_at) BETWEEN '2026-11-16 23:59:59' AND '2026-11-23 23:59:59' GROUP BY 1
    //   → 11-17 (0.2, 10), 11-18 (0.5, 4), 11-19 (0.6538…, 26), 11-20 (0.75, 16), 11-22 (1.0, 2), 11-23 (0.6364…, 11)
    const t = await engine.timeSeries.detectTrend('pytest-run', { asOf: '2026-11-23T23:59:59.75Z' });
    expect(t.windowStart).toBe('2026-11-16T23:59:59Z');
    expect(t.points.map((p) => [p.day, p.count])).toEqual([
      ['2026-11-17', 10],
      ['2026-11-18', 4],
      ['2026-11-19', 26],
      ['2026-11-20', 16],
      ['2026-11-22', 2],
      ['2026-11-23', 11],
    ]);
    expect([t.partialFirstDay, t.partialLastDay]).toEqual([false, false]);
  });
});

describe('analyzeDailyTrend (hand-built series)', () => {
  it('flags partial first / last days from the window bounds', () => {
    const r = rows([
      ['2026-11-21', 1, 10, 2],
      ['2026-11-22', 0.5, 12, 2],
      ['2026-11-23', 1, 9, 2],
      ['2026-11-24', 0.5, 11, 2],
    ]);
    // window [2026-11-21T12:00:00, 2026-11-24T12:00:00]: 21st and 24th are cut
    const t = analyzeDailyTrend(r, input('completion_rate', '2026-11-24T12:00:00Z', 3));
    expect([t.partialFirstDay, t.partialLastDay]).toEqual([true, true]);
    expect(t.regressedDays).toBe(4);
    const x = analyzeDailyTrend(r, input('completion_rate', '2026-11-24T12:00:00Z', 3, { excludePartialDays: true }));
    expect(x).toMatchObject({ trend: 'insufficient_data', regressedDays: 2, slope: null, pValue: null, startValue: 0.5, endValue: 1, changePercent: 100 });
    expect(x.points).toHaveLength(4);
    // window [2026-11-20T23:59:59, 2026-11-23T23:59:59.5]: the 23rd is whole (its last second is inside)
    const edge = analyzeDailyTrend(r.slice(0, 3), input('completion_rate', '2026-11-23T23:59:59.5Z', 3));
    expect([edge.partialFirstDay, edge.partialLastDay]).toEqual([false, false]);
    const w = secondWindow(at('2026-11-24T00:00:00Z'), 3 * DAY);
    expect([isPartialDay(at('2026-11-21T00:00:00Z'), w), isPartialDay(at('2026-11-23T00:00:00Z'), w), isPartialDay(at('2026-11-24T00:00:00Z'), w)]).toEqual([false, false, true]);
  });

  it('ties: Mann-Kendall with tie correction and Theil-Sen as scipy', () => {
    // y = [.5, .5, 1, 1, 1], x = 0..4. python: S = 6, var = (5·4·15 − 2·1·9 − 3·2·11)/18 = 12,
    // p = 0.14891467317876572, kendalltau = 0.7745966692414834; linregress slope 0.15, p 0.057668885622437195;
    // theilslopes = 0.14583333333333331, [0.0, 0.25]
    const r = rows([
      ['2026-11-20', 0.5, 1, 2],
      ['2026-11-21', 0.5, 1, 2],
      ['2026-11-22', 1, 1, 2],
      ['2026-11-23', 1, 1, 2],
      ['2026-11-24', 1, 1, 2],
    ]);
    const t = analyzeDailyTrend(r, input('completion_rate', '2026-11-24T23:59:59Z', 7));
    expect(t.trend).toBe('stable');
    expectClose(t.slope, 0.15);
    expectClose(t.pValue, 0.057668885622437195, 1e-7);
    expect(t.mannKendall!.s).toBe(6);
    expectClose(t.mannKendall!.pValue, 0.14891467317876572, 1e-7);
    expectClose(t.mannKendall!.tau, 0.7745966692414834);
    expectClose(t.theilSen!.slope, 0.14583333333333331);
    expect(t.theilSen!.ci95).toEqual([0, 0.25]);
    expect([t.partialFirstDay, t.partialLastDay]).toEqual([false, false]);
  });

  it('a constant series is stable with p = 1 and no tau', () => {
    const r = rows([
      ['2026-11-22', 1, 5, 3],
      ['2026-11-23', 1, 5, 3],
      ['2026-11-24', 1, 5, 3],
    ]);
    const t = analyzeDailyTrend(r, input('completion_rate', '2026-11-24T23:59:59Z', 7));
    expect(t).toMatchObject({ trend: 'stable', slope: 0, pValue: 1, changePercent: 0, mannKendall: { s: 0, tau: null, pValue: 1 }, theilSen: { slope: 0 } });
  });

  it('fewer than 3 points: insufficient_data, but the points and end values are reported', () => {
    const r = rows([
      ['2026-11-23', 0.5, 5, 2],
      ['2026-11-24', 1, 4, 1],
    ]);
    const t = analyzeDailyTrend(r, input('completion_rate', '2026-11-24T23:59:59Z', 7));
    expect(t).toMatchObject({
      trend: 'insufficient_data',
      slope: null,
      pValue: null,
      rSquared: null,
      mannKendall: null,
      theilSen: null,
      startValue: 0.5,
      endValue: 1,
      changePercent: 100,
      regressedDays: 2,
    });
    expect(t.points).toEqual([
      { day: '2026-11-23', value: 0.5, count: 2 },
      { day: '2026-11-24', value: 1, count: 1 },
    ]);
  });

  it('durations: lower is better; missing days are 0 (session-buddy) or skipped', () => {
    // x = [0,1,2,4], y = [100, 90, 80, 60.5]: linregress slope −9.871428571428572, p 2.5130942686635307e-05
    const falling = rows([
      ['2026-11-20', 1, 100, 1],
      ['2026-11-21', 1, 90, 1],
      ['2026-11-22', 1, 80, 1],
      ['2026-11-24', 1, 60.5, 1],
    ]);
    const d = analyzeDailyTrend(falling, input('avg_duration_seconds', '2026-11-24T23:59:59Z', 7));
    expect(d.trend).toBe('improving');
    expectClose(d.slope, -9.871428571428572);
    expectClose(d.pValue, 2.5130942686635307e-5, 1e-7);
    expect(trendLabel('completion_rate', d.slope!, d.pValue!)).toBe('declining');
    // days 0, 1 without durations: 'zero' regresses [0, 0, 50, 70] (python: slope 26.0, p 0.056880874856984905)
    const gaps = rows([
      ['2026-11-21', 1, null, 1],
      ['2026-11-22', 1, null, 1],
      ['2026-11-23', 1, 50, 1],
      ['2026-11-24', 1, 70, 1],
    ]);
    const z = analyzeDailyTrend(gaps, input('avg_duration_seconds', '2026-11-24T23:59:59Z', 7));
    expect(z).toMatchObject({ trend: 'stable', imputedDays: 2, regressedDays: 4, startValue: null, endValue: 70, changePercent: null });
    expectClose(z.slope, 26);
    expectClose(z.pValue, 0.056880874856984905, 1e-7);
    const s = analyzeDailyTrend(gaps, input('avg_duration_seconds', '2026-11-24T23:59:59Z', 7, { missingValues: 'skip' }));
    expect(s).toMatchObject({ trend: 'insufficient_data', imputedDays: 0, regressedDays: 2, startValue: 50, endValue: 70 });
    expectClose(s.changePercent, 40);
    expect(s.points.map((p) => p.value)).toEqual([null, null, 50, 70]);
  });

  it('an unknown metric is a labelled result, not an exception', () => {
    const t = analyzeDailyTrend(rows([['2026-11-24', 1, 1, 1]]), input('p95_latency', '2026-11-24T23:59:59Z', 7));
    expect(t).toMatchObject({ trend: 'invalid_metric', metric: 'p95_latency', points: [], slope: null, pValue: null });
  });

  it('changePercent', () => {
    expect(changePercent(0.2, 0.5)).toBeCloseTo(150, 12);
    expect(changePercent(-2, -1)).toBe(50);
    expect([changePercent(0, 1), changePercent(null, 1), changePercent(1, null)]).toEqual([null, null, null]);
  });
});
