// DeLong and bootstrap intervals: against a plain O(m·n) DeLong computation, and their coverage in
// seeded simulations where the true value is known.
import { describe, expect, it } from 'vitest';
import { holdoutIntervals } from '../../../src/predictive/evaluation/intervals.js';
import { bootstrapMeans } from '../../../src/stats/bootstrap-means.js';
import { delongAuc, delongDifference } from '../../../src/stats/delong.js';
import { normalCdf } from '../../../src/stats/distributions.js';
import { mulberry32 } from '../../../src/stats/random.js';

function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** DeLong's variance straight from the definition: ψ over every (positive, negative) pair. */
function plainDelong(y: number[], p: number[]): { auc: number; se: number } {
  const pos = p.filter((_, i) => y[i] === 1);
  const neg = p.filter((_, i) => y[i] === 0);
  const psi = (a: number, b: number) => (a > b ? 1 : a === b ? 0.5 : 0);
  const v10 = pos.map((a) => neg.reduce((s, b) => s + psi(a, b), 0) / neg.length);
  const v01 = neg.map((b) => pos.reduce((s, a) => s + psi(a, b), 0) / pos.length);
  const auc = v10.reduce((a, b) => a + b, 0) / pos.length;
  const v = (xs: number[]) => xs.reduce((s, x) => s + (x - auc) ** 2, 0) / (xs.length - 1);
  return { auc, se: Math.sqrt(v(v10) / pos.length + v(v01) / neg.length) };
}

describe('DeLong', () => {
  it('equals the pairwise definition, ties included', () => {
    const r = mulberry32(2);
    const y = Array.from({ length: 300 }, () => (r() < 0.4 ? 1 : 0));
    const p = y.map((v) => Math.round((0.3 * v + r()) * 20) / 20);
    const plain = plainDelong(y, p);
    const fast = delongAuc(y, p);
    expect(fast.estimate).toBeCloseTo(plain.auc, 12);
    expect(fast.standardError).toBeCloseTo(plain.se, 12);
    expect(delongAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).estimate).toBe(0.75);
  });

  it('difference of a score with itself is 0 with p = 1; two-outcome minimum', () => {
    const y = [0, 1, 0, 1, 1, 0];
    const p = [0.1, 0.9, 0.3, 0.7, 0.4, 0.5];
    const d = delongDifference(y, p, p);
    expect(d.estimate).toBe(0);
    expect(d.pValue).toBe(1);
    expect(() => delongAuc([0, 1, 1], [0.1, 0.2, 0.3])).toThrow(/two rows of each outcome/);
  });

  it('95 % intervals cover the true AUC in about 95 % of 400 simulated holdouts (binormal, true AUC = Φ(1/√2))', () => {
    const trueAuc = normalCdf(1 / Math.SQRT2);
    const r = mulberry32(17);
    let covered = 0;
    let coveredDiff = 0;
    const sims = 400;
    for (let s = 0; s < sims; s++) {
      const y = Array.from({ length: 300 }, () => (r() < 0.3 ? 1 : 0));
      const a = y.map((v) => v + gaussian(r));
      const ci = delongAuc(y, a).interval;
      if (ci[0] <= trueAuc && trueAuc <= ci[1]) covered++;
      // An independent score of the same kind: the true AUC difference is 0.
      const c = y.map((v) => v + gaussian(r));
      const dci = delongDifference(y, a, c).interval;
      if (dci[0] <= 0 && 0 <= dci[1]) coveredDiff++;
    }
    expect(covered / sims).toBeGreaterThan(0.92);
    expect(covered / sims).toBeLessThan(0.98);
    expect(coveredDiff / sims).toBeGreaterThan(0.92);
    expect(coveredDiff / sims).toBeLessThan(0.98);
  });
});

describe('bootstrap', () => {
  it('the estimate is the plain mean; same seed, same interval', () => {
    const x = Float64Array.of(1, 2, 3, 4, 10);
    const [a] = bootstrapMeans([x], { seed: 3 });
    const [b] = bootstrapMeans([x], { seed: 3 });
    expect(a.estimate).toBe(4);
    expect(a.interval).toEqual(b.interval);
    expect(a.interval[0]).toBeLessThan(4);
    expect(a.interval[1]).toBeGreaterThan(4);
    expect(() => bootstrapMeans([x], { resamples: 5 })).toThrow(/resamples/);
  });

  it('Brier intervals cover the true Brier score in about 95 % of 300 simulated holdouts', () => {
    // p uniform, y ~ Bernoulli(p): expected Brier = E[p(1 − p)] = 1/6.
    const r = mulberry32(23);
    let covered = 0;
    const sims = 300;
    for (let s = 0; s < sims; s++) {
      const p = Array.from({ length: 400 }, () => r());
      const y = p.map((q) => (r() < q ? 1 : 0));
      const [{ interval: iv }] = bootstrapMeans([p.map((q, i) => (q - y[i]) ** 2)], { seed: s + 1, resamples: 500 });
      if (iv[0] <= 1 / 6 && 1 / 6 <= iv[1]) covered++;
    }
    expect(covered / sims).toBeGreaterThan(0.91);
    expect(covered / sims).toBeLessThan(0.98);
  });

  it('paired differences: a model against itself is exactly 0; against a constant it is the mean loss gap', () => {
    const y = [0, 1, 1, 0, 1, 1, 0, 1];
    const p = [0.2, 0.8, 0.7, 0.4, 0.9, 0.6, 0.1, 0.5];
    const c = new Array(8).fill(0.625);
    const r = holdoutIntervals(y, p, { self: p, rate: c });
    expect(r.differences.self.brier).toEqual({ estimate: 0, interval: [0, 0] });
    const gap = p.reduce((s, q, i) => s + (q - y[i]) ** 2 - (0.625 - y[i]) ** 2, 0) / 8;
    expect(r.differences.rate.brier.estimate).toBeCloseTo(gap, 14);
    expect(r.others.rate.rocAuc).toEqual([0.5, 0.5]);
  });
});
