/**
 * PELT against an exhaustive optimal partitioning, on hand-built steps; simple exponential
 * smoothing against statsmodels 0.13 (references/smoothing.json, made by make-smoothing-references.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitSimpleExponentialSmoothing, sesForecastSd } from '../../../src/stats/exponential-smoothing.js';
import { differenceSigma, peltMeanShift } from '../../../src/stats/pelt.js';
import { mulberry32 } from '../../../src/stats/random.js';
import { anscombe, dailyPoints, findChangepoints } from '../../../src/time-series/changepoints.js';

/** Optimal partitioning without pruning: O(n²) over every last-change position (Jackson et al. 2005). */
function optimalPartitioning(x: number[], sigma: number, beta: number, minSeg: number): { cost: number; starts: number[] } {
  const n = x.length;
  const cost = (a: number, b: number) => {
    const seg = x.slice(a, b);
    const m = seg.reduce((s, v) => s + v, 0) / seg.length;
    return seg.reduce((s, v) => s + (v - m) ** 2, 0) / sigma ** 2;
  };
  const F = [-beta];
  const last = [-1];
  for (let t = 1; t <= n; t++) {
    let best = Infinity;
    let arg = -1;
    for (let tau = 0; tau <= t - minSeg; tau++) {
      if (tau > 0 && tau < minSeg) continue;
      const v = F[tau] + cost(tau, t) + beta;
      if (v < best) [best, arg] = [v, tau];
    }
    F.push(best);
    last.push(arg);
  }
  const starts: number[] = [];
  for (let t = n; t > 0; t = last[t]) starts.push(last[t]);
  return { cost: F[n], starts: starts.reverse() };
}

const normal = (r: () => number) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

describe('PELT (mean shift)', () => {
  it('finds the exact optimum of the penalised cost on 40 random step series (same as exhaustive search)', () => {
    const r = mulberry32(11);
    for (let k = 0; k < 40; k++) {
      const n = 20 + Math.floor(r() * 60);
      const x = Array.from({ length: n }, (_, i) => (i > n / 3 ? 2 : 0) + (i > (2 * n) / 3 ? -3 * (k % 2) : 0) + normal(r));
      const minSeg = 1 + (k % 3);
      const fit = peltMeanShift(x, { sigma: 1, penalty: 3 * Math.log(n), minSegment: minSeg });
      const ref = optimalPartitioning(x, 1, 3 * Math.log(n), minSeg);
      expect(fit.segmentStarts).toEqual(ref.starts);
      expect(fit.cost).toBeCloseTo(ref.cost, 8);
    }
  });
  it('a clean 0.8 → 0.5 step at index 14 of 30 (the step augurs’ default detector missed)', () => {
    const x = Array.from({ length: 30 }, (_, i) => (i < 14 ? 0.8 : 0.5));
    const { changes } = peltMeanShift(x, { sigma: differenceSigma(x), penalty: 3 * Math.log(30) });
    expect(changes.map((c) => c.index)).toEqual([14]);
    expect(changes[0].before).toBeCloseTo(0.8, 12);
    expect(changes[0].after).toBeCloseTo(0.5, 12);
  });
  it('hand computation: [0,0,0,0,5,5,5,5], σ 1 → one change at 4, gain 50, z = 5 / √(1/4 + 1/4)', () => {
    const { changes, cost } = peltMeanShift([0, 0, 0, 0, 5, 5, 5, 5], { sigma: 1, penalty: 3 * Math.log(8) });
    expect(changes).toEqual([{ index: 4, before: 0, after: 5, costGain: 50, zScore: 5 / Math.sqrt(0.5) }]);
    expect(cost).toBeCloseTo(3 * Math.log(8), 12); // two perfect segments: 0 cost + one penalty
  });
  it('weights: a weighted mean per segment', () => {
    const { changes } = peltMeanShift([1, 3, 1, 3, 10, 12, 10, 12], { sigma: 0.5, penalty: 5, weights: [1, 3, 1, 3, 1, 1, 1, 3], minSegment: 2 });
    expect(changes).toHaveLength(1);
    expect(changes[0].before).toBeCloseTo((1 + 9 + 1 + 9) / 8, 12);
    expect(changes[0].after).toBeCloseTo((10 + 12 + 10 + 36) / 6, 12);
  });
  it('few changes in stationary noise at the MBIC penalty (200 seeded series of 30)', () => {
    const r = mulberry32(5);
    let found = 0;
    for (let k = 0; k < 200; k++) {
      const x = Array.from({ length: 30 }, () => normal(r));
      found += peltMeanShift(x, { sigma: differenceSigma(x), penalty: 3 * Math.log(30), minSegment: 3 }).changes.length;
    }
    // measured: 17 changes in 200 series (σ estimated from 29 differences); the file-level rates are in docs/time-series.md
    expect(found).toBe(17);
  });
  it('differenceSigma: 1.4826 · median |Δ| / √2 and its fallback', () => {
    expect(differenceSigma([1, 2, 1, 2, 1])).toBeCloseTo(1.4826 / Math.SQRT2, 12);
    expect(differenceSigma([0, 0, 0, 0, 3, 3, 3])).toBeCloseTo((1.253314 * (3 / Math.SQRT2)) / 6, 12);
    expect(differenceSigma([2, 2, 2])).toBe(0);
  });
  it('rejects a non-positive sigma with INVALID_ARGUMENT', () => {
    expect(() => peltMeanShift([1, 2, 3, 4], { sigma: 0, penalty: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('simple exponential smoothing against statsmodels 0.13', () => {
  const ref = JSON.parse(readFileSync(new URL('./references/smoothing.json', import.meta.url), 'utf8'));
  it('fixed alpha: fitted values and the forecast', () => {
    const fit = fitSimpleExponentialSmoothing(ref.values, ref.fixed.alpha);
    fit.fitted.forEach((v, i) => expect(v).toBeCloseTo(ref.fixed.fitted[i], 10));
    expect(fit.level).toBeCloseTo(ref.fixed.forecast, 10);
    expect(fit.sigma2 * ref.values.length).toBeCloseTo(ref.fixed.sse, 8);
  });
  it('least-squares alpha: same optimum as statsmodels’ optimiser', () => {
    const fit = fitSimpleExponentialSmoothing(ref.values);
    expect(fit.alpha).toBeCloseTo(ref.optimized.alpha, 4);
    expect(fit.sigma2 * ref.values.length).toBeLessThanOrEqual(ref.optimized.sse + 1e-9);
    expect(fit.level).toBeCloseTo(ref.optimized.forecast, 3);
  });
  it('h-step SD: σ √(1 + (h − 1) α²) (FPP3 table 8.8)', () => {
    expect(sesForecastSd({ alpha: 0.5, level: 0, sigma2: 4, fitted: [] }, 3)).toBeCloseTo(2 * Math.sqrt(1.5), 12);
    expect(sesForecastSd({ alpha: 0.5, level: 0, sigma2: 4, fitted: [] }, 1)).toBe(2);
  });
});

describe('findChangepoints on daily series', () => {
  const DAY = 86_400_000_000;
  const input = { skillName: 's', resolution: 'day' as const, penalty: 'mbic' as const, minSegment: 3, abEvents: [] };
  it('counts: 10 a day for 7 days, then 40 (14 days: no weekly adjustment) → before 10, after 40, σ at its Poisson floor 1', () => {
    const days = Array.from({ length: 14 }, (_, d) => ({ dayMicros: d * DAY, invocationCount: d < 7 ? 10 : 40, completionRate: 1, avgDurationSeconds: null, durationCount: 0 }));
    const points = dailyPoints(days, 'invocation_count', 0, 14 * DAY);
    expect(points.map((p) => p.value)).toEqual(days.map((d) => anscombe(d.invocationCount)));
    const { series, changepoints } = findChangepoints(points, { ...input, metric: 'invocation_count' });
    expect(series).toMatchObject({ status: 'ok', points: 14, sigma: 1, changepoints: 1 });
    expect(changepoints[0].timestamp).toBe('1970-01-08T00:00:00Z');
    expect(changepoints[0].before).toBeCloseTo(10, 12);
    expect(changepoints[0].after).toBeCloseTo(40, 12);
    // cost gain by hand: 7·7/14 · (Δz)² / σ², Δz = 2√40.375 − 2√10.375
    expect(changepoints[0].costGain).toBeCloseTo(3.5 * (anscombe(40) - anscombe(10)) ** 2, 9);
  });
  it('rates: pooled before / after; σ at least the binomial √(p̄(1 − p̄))', () => {
    const days = Array.from({ length: 12 }, (_, d) => ({
      dayMicros: d * DAY,
      invocationCount: 20 + d,
      completionRate: d < 6 ? 0.9 : 0.5,
      avgDurationSeconds: null,
      durationCount: 0,
    }));
    const { series, changepoints } = findChangepoints(dailyPoints(days, 'completion_rate', 0, 12 * DAY), { ...input, metric: 'completion_rate' });
    const n = days.map((d) => d.invocationCount);
    const pooled = (a: number, b: number) => days.slice(a, b).reduce((s, d) => s + d.completionRate! * d.invocationCount, 0) / n.slice(a, b).reduce((s, v) => s + v, 0);
    expect(changepoints.map((c) => c.timestamp)).toEqual(['1970-01-07T00:00:00Z']);
    expect(changepoints[0].before).toBeCloseTo(pooled(0, 6), 12);
    expect(changepoints[0].after).toBeCloseTo(pooled(6, 12), 12);
    const p = pooled(0, 12);
    expect(series.sigma).toBeCloseTo(Math.sqrt(p * (1 - p)), 12); // clean steps: the differences say ~0, the floor holds
  });
  it('too few days is insufficient_data', () => {
    const days = Array.from({ length: 5 }, (_, d) => ({ dayMicros: d * DAY, invocationCount: 3, completionRate: 1, avgDurationSeconds: 2, durationCount: 3 }));
    expect(findChangepoints(dailyPoints(days, 'avg_duration_seconds', 0, 5 * DAY), { ...input, metric: 'avg_duration_seconds' }).series.status).toBe('insufficient_data');
  });
});
