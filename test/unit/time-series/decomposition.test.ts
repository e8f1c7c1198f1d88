import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mstl } from '../../../src/stats/mstl.js';
import { stl } from '../../../src/stats/stl.js';
import { seededPrng } from '../../../bench/generators/prng.js';
import { hourlyProfile } from '../../../bench/generators/time-series-planted.js';

interface StlCase {
  name: string;
  jumps?: 'tenth';
  period: number;
  options: Record<string, unknown>;
  values: number[];
  seasonal: number[];
  trend: number[];
  remainder: number[];
  weights: number[];
}
interface MstlCase {
  name: string;
  jumps?: 'tenth';
  seasonalDegree?: 0 | 1;
  values: number[];
  robust: boolean;
  periods: number[];
  seasonal: number[][];
  trend: number[];
  remainder: number[];
}
const ref = JSON.parse(readFileSync(new URL('./references/decomposition.json', import.meta.url), 'utf8')) as { stl: StlCase[]; mstl: MstlCase[] };

const maxAbsDiff = (a: number[], b: number[]) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('STL against statsmodels 0.13', () => {
  for (const c of ref.stl) {
    it(c.name, () => {
      const { seasonal, trend, robust, seasonal_deg } = c.options as { seasonal?: number; trend?: number; robust?: boolean; seasonal_deg?: 0 | 1 };
      const r = stl(c.values, c.period, { seasonal, trend, robust, jumps: c.jumps, seasonalDegree: seasonal_deg });
      expect(maxAbsDiff(r.seasonal, c.seasonal)).toBeLessThan(1e-9);
      expect(maxAbsDiff(r.trend, c.trend)).toBeLessThan(1e-9);
      expect(maxAbsDiff(r.remainder, c.remainder)).toBeLessThan(1e-9);
      expect(maxAbsDiff(r.weights, c.weights)).toBeLessThan(1e-9);
    });
  }
});

describe('MSTL against statsmodels 0.14’s loop over 0.13’s STL', () => {
  for (const c of ref.mstl) {
    // with jumps, the robust weights amplify rounding-order differences: 3.6e-8 on values near 10
    const tol = c.jumps ? 1e-7 : 1e-9;
    it(c.name, () => {
      const r = mstl(c.values, [168, 24], { robust: c.robust, jumps: c.jumps, seasonalDegree: c.seasonalDegree });
      expect(r.periods).toEqual(c.periods);
      r.seasonal.forEach((s, i) => expect(maxAbsDiff(s, c.seasonal[i])).toBeLessThan(tol));
      expect(maxAbsDiff(r.trend, c.trend)).toBeLessThan(tol);
      expect(maxAbsDiff(r.remainder, c.remainder)).toBeLessThan(tol);
    });
  }
});

describe('decomposition of hand-built series', () => {
  it('a pure daily sinusoid on a line splits into exactly those parts', () => {
    const y = Array.from({ length: 24 * 10 }, (_, t) => 5 + 0.02 * t + 2 * Math.sin((2 * Math.PI * t) / 24));
    const r = stl(y, 24);
    // interior hours (loess end effects aside): seasonal = the sinusoid, trend = the line
    for (let t = 48; t < 24 * 8; t++) {
      expect(r.seasonal[t]).toBeCloseTo(2 * Math.sin((2 * Math.PI * t) / 24), 2);
      expect(r.trend[t]).toBeCloseTo(5 + 0.02 * t, 2);
    }
  });
  it('robust weights flag a planted spike with weight 0', () => {
    const y = Array.from({ length: 24 * 7 }, (_, t) => 3 * Math.sin((2 * Math.PI * t) / 24) + 0.1 * Math.cos(t));
    y[77] += 30;
    const r = stl(y, 24, { robust: true });
    expect(r.weights[77]).toBe(0);
    expect(r.remainder[77]).toBeGreaterThan(25);
  });
  it("a burst in a 4-cycle weekly subseries: stl.f copies it into the seasonal part, 'unweighted' leaves it in the remainder", () => {
    // Poisson hourly counts (mean 3.3 × the generator's daily / weekly profile, seed 4), 4.3 weeks, one burst of 40 at hour 483
    const r = seededPrng(4);
    const y: number[] = [];
    for (let t = 0; t < 720; t++) {
      const l = Math.exp(-3.3 * hourlyProfile(t % 24, Math.floor(t / 24) % 7));
      let k = 0;
      for (let p = r.next(); p > l; p *= r.next()) k++;
      y.push(k);
    }
    y[483] = 40;
    const plain = mstl(y, [24, 168], { robust: true });
    const refit = mstl(y, [24, 168], { robust: true, outlierWindows: 'unweighted' });
    expect(plain.remainder[483]).toBeLessThan(5);
    expect(refit.remainder[483]).toBeGreaterThan(20);
  });
  it('rejects a series shorter than two periods', () => {
    expect(() => stl([1, 2, 3], 24)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
