/**
 * Loads session-buddy's goldens (test/fixtures/*.golden.json, produced by running upstream
 * session-buddy on the same .db) and compares our results with upstream's, stating every place where
 * we answer null and upstream 0.0 / 1.0.
 */
import { readFileSync } from 'node:fs';
import type { SuiteHost } from './suite-host.js';
import type { TrendAnalysis } from '../../src/time-series/types.js';

/** One golden entry: upstream's result and the SQLite "now" it ran at. */
export interface GoldenEntry<T> {
  result: T;
  sqlite_now: string;
  aux_daily_series?: [string, number | null][];
}

export interface UpstreamTrend {
  trend: string;
  slope: number;
  start_value: number;
  end_value: number;
  change_percent: number;
  confidence: number;
}

export interface Golden {
  aggregate_hourly_metrics: Record<string, GoldenEntry<Record<string, unknown>[]>>;
  detect_trend: Record<string, GoldenEntry<UpstreamTrend>>;
  get_multi_skill_trends: Record<string, GoldenEntry<Record<string, UpstreamTrend>>>;
  get_anomaly_detection: Record<string, GoldenEntry<Record<string, unknown>[]>>;
}

/** Golden numbers: 'nan' / 'inf' / '-inf' strings become numbers. */
export function num(v: unknown): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v as number;
}

export function loadGolden(name: 'sample' | 'legacy'): Golden {
  return JSON.parse(readFileSync(`test/fixtures/${name}.golden.json`, 'utf8')) as Golden;
}

/** The golden comparisons, with the host's `expect` (vitest or Playwright). */
export function goldenChecks(expect: SuiteHost['expect']) {
  /**
   * |a − b| ≤ rel · max(|a|, |b|) + abs. The small absolute floor is for values that are exactly 0:
   * scipy's linregress gives slope 3.2e-17 for legacy docker-build|invocation_count, whose exact OLS
   * slope is 0 (x = 0..6, y = 6,15,4,1,9,14,5: Σ(x − 3)·y = −18 − 30 − 4 + 0 + 9 + 28 + 15 = 0).
   */
  function expectClose(actual: number | null, expected: number, rel = 1e-9, abs = 1e-14): void {
    expect(actual).not.toBeNull();
    const a = actual as number;
    if (!Number.isFinite(expected)) {
      expect(a).toBe(expected);
      return;
    }
    expect(Math.abs(a - expected), `${a} vs ${expected}`).toBeLessThanOrEqual(rel * Math.max(Math.abs(a), Math.abs(expected)) + abs);
  }

  /**
   * Compares a TrendAnalysis with upstream's. Mappings (documented in types.ts):
   * - insufficient_data / invalid_metric: upstream slope 0.0, confidence 1.0 → ours null, null.
   * - a missing start / end value (no points, or a day without any duration): upstream 0.0 → ours null.
   * - changePercent: upstream computes it from the 0.0-substituted values and answers 0.0 when the
   *   start is 0 → ours is null exactly when start is 0 or missing, or end is missing.
   */
  function expectTrendParity(ours: TrendAnalysis, up: UpstreamTrend, daily?: [string, number | null][]): void {
    expect(ours.trend).toBe(up.trend);
    if (up.trend === 'insufficient_data' || up.trend === 'invalid_metric') {
      expect([up.slope, num(up.confidence)]).toEqual([0, 1]);
      expect(ours.slope).toBeNull();
      expect(ours.pValue).toBeNull();
    } else {
      expectClose(ours.slope, num(up.slope));
      expectClose(ours.pValue, num(up.confidence), 1e-7);
    }
    for (const [mine, theirs] of [
      [ours.startValue, up.start_value],
      [ours.endValue, up.end_value],
    ] as const) {
      if (mine === null) expect(theirs).toBe(0);
      else expectClose(mine, theirs);
    }
    const s0 = ours.startValue ?? 0;
    const e0 = ours.endValue ?? 0;
    const upstreamFormula = s0 !== 0 ? ((e0 - s0) / Math.abs(s0)) * 100 : 0;
    expectClose(upstreamFormula, num(up.change_percent));
    if (ours.startValue === null || ours.startValue === 0 || ours.endValue === null) expect(ours.changePercent).toBeNull();
    else expectClose(ours.changePercent, num(up.change_percent));
    if (daily) {
      expect(ours.points.map((p) => p.day)).toEqual(daily.map(([d]) => d));
      ours.points.forEach((p, i) => {
        const v = daily[i][1];
        if (v === null) expect(p.value).toBeNull();
        else expectClose(p.value, num(v));
      });
    }
  }

  return { expectClose, expectTrendParity };
}
