// peltLinearTrend and lineFits (src/stats/pelt-linear.ts): against an exhaustive optimal partitioning
// with the segment lines fitted by plain least squares, and by hand.
import { describe, expect, it } from 'vitest';
import { lineFits, peltLinearTrend } from '../../../src/stats/pelt-linear.js';
import { mulberry32 } from '../../../src/stats/random.js';
import { expectClose } from './close.js';

/** Weighted residual sum of squares of the least-squares line through (i, x_i), i in [a, b), by the normal equations. */
function lineRss(x: readonly number[], w: readonly number[], a: number, b: number): number {
  let sw = 0;
  let st = 0;
  let sx = 0;
  for (let i = a; i < b; i++) {
    sw += w[i];
    st += w[i] * i;
    sx += w[i] * x[i];
  }
  const [tm, xm] = [st / sw, sx / sw];
  let stt = 0;
  let stx = 0;
  for (let i = a; i < b; i++) {
    stt += w[i] * (i - tm) ** 2;
    stx += w[i] * (i - tm) * (x[i] - xm);
  }
  const slope = stt > 0 ? stx / stt : 0;
  let rss = 0;
  for (let i = a; i < b; i++) rss += w[i] * (x[i] - xm - slope * (i - tm)) ** 2;
  return rss;
}

/** Optimal partitioning without pruning (every last-change position). */
function optimal(x: number[], w: number[], sigma: number, beta: number, minSeg: number): { cost: number; starts: number[] } {
  const n = x.length;
  const F = [-beta];
  const last = [-1];
  for (let t = 1; t <= n; t++) {
    let best = Infinity;
    let arg = -1;
    for (let tau = 0; tau <= t - minSeg; tau++) {
      if (tau > 0 && tau < minSeg) continue;
      const v = F[tau] + lineRss(x, w, tau, t) / sigma ** 2 + beta;
      if (v < best) [best, arg] = [v, tau];
    }
    F.push(best);
    last.push(arg);
  }
  const starts: number[] = [];
  for (let t = n; t > 0; t = last[t]) starts.push(last[t]);
  return { cost: F[n], starts: starts.reverse() };
}

describe('lineFits', () => {
  it('an exact line has no residual; its intercept and slope come back', () => {
    const f = lineFits([1, 2, 3, 5, 7, 9], [1, 1, 1, 1, 1, 1]);
    expect(f.rss(3, 6)).toBeLessThan(1e-12);
    expectClose(f.line(3, 6).slope, 2, 1e-12);
    expectClose(f.line(3, 6).intercept, -1, 1e-12);
  });

  it('by hand: 1, 2, 4 → slope 1.5, residuals −1/6, 1/3, −1/6, RSS 1/6', () => {
    expectClose(lineFits([1, 2, 4], [1, 1, 1]).rss(0, 3), 1 / 6, 1e-12);
    expectClose(lineFits([1, 2, 4], [1, 1, 1]).line(0, 3).slope, 1.5, 1e-12);
  });

  it('keeps its digits on values near 1e15 (centred and scaled inside)', () => {
    const x = [1, 2, 4].map((v) => 1e15 + v * 1e12);
    expectClose(lineFits(x, [1, 1, 1]).rss(0, 3), 1e24 / 6, 1e-9);
  });
});

describe('peltLinearTrend', () => {
  it('finds the exact optimum of the penalised cost on 30 random broken-line series (same as exhaustive search)', () => {
    const r = mulberry32(21);
    const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    for (let k = 0; k < 30; k++) {
      const n = 15 + Math.floor(r() * 30);
      const bend = Math.floor(n / 2);
      const x = Array.from({ length: n }, (_, i) => (i < bend ? 0.3 * i : 0.3 * bend - 0.5 * (i - bend)) + normal());
      const w = Array.from({ length: n }, () => (k % 2 ? 1 + Math.floor(r() * 5) : 1));
      const minSeg = 2 + (k % 3);
      const beta = 3 * Math.log(n);
      const fit = peltLinearTrend(x, { sigma: 1, penalty: beta, weights: w, minSegment: minSeg });
      const ref = optimal(x, w, 1, beta, minSeg);
      expect(fit.segmentStarts).toEqual(ref.starts);
      expect(fit.cost).toBeCloseTo(ref.cost, 8);
    }
  });

  it('a noise-free jump between two lines: one change, at 6', () => {
    expect(peltLinearTrend([0, 1, 2, 3, 4, 5, 10, 9, 8, 7, 6, 5], { sigma: 0.1, penalty: 3 * Math.log(12) }).segmentStarts).toEqual([0, 6]);
  });

  it('bad input: INVALID_ARGUMENT', () => {
    const bad = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => peltLinearTrend([1, Number.NaN, 3], { sigma: 1, penalty: 1 })).toThrow(bad);
    expect(() => peltLinearTrend([1, 2, 3], { sigma: 0, penalty: 1 })).toThrow(bad);
    expect(() => peltLinearTrend([1, 2, 3], { sigma: 1, penalty: -1 })).toThrow(bad);
    expect(() => peltLinearTrend([1, 2, 3], { sigma: 1, penalty: 1, weights: [1, 0, 1] })).toThrow(bad);
  });
});
