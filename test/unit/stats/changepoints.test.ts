// changepoints: the plain-series level changes (src/stats/changepoints.ts). Values by hand, and the
// behaviour the default was chosen for: a drifting series is not cut at every wiggle.
import { describe, expect, it } from 'vitest';
import { changepoints, dependentNoiseSigma } from '../../../src/stats/changepoints.js';
import { differenceSigma, peltMeanShift } from '../../../src/stats/pelt.js';
import { mulberry32 } from '../../../src/stats/random.js';
import { expectClose } from './close.js';

/** Standard normal draws (Box–Muller) from a seeded generator. */
function normals(seed: number, n: number): number[] {
  const u = mulberry32(seed);
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
}

describe('dependentNoiseSigma', () => {
  it('alternating residuals: σ² = Σ r² / (n − k) = 1/3, ρ = −1 clipped to 0', () => {
    const r = dependentNoiseSigma([0, 1, 0, 1, 10, 11, 10, 11], [1, 1, 1, 1, 1, 1, 1, 1], [0, 4]);
    expectClose(r.sigma, Math.sqrt(1 / 3), 1e-14);
    expect(r.rho).toBe(0);
  });

  it('a ramp in one segment: σ² = 3.5, ρ = 8.75 / 11.25 = 7/9, long-run factor 8 → σ = √28', () => {
    const r = dependentNoiseSigma([1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 1], [0]);
    expectClose(r.rho, 7 / 9, 1e-14);
    expectClose(r.sigma, Math.sqrt(28), 1e-14);
  });
});

describe('changepoints', () => {
  it('a clean step: index 6 (first value after), levels 5.05 and 9', () => {
    const r = changepoints([5, 5.2, 4.9, 5.1, 5, 5.1, 9, 9.1, 8.9, 9.2, 9, 8.8]);
    expect(r.changes.map((c) => c.index)).toEqual([6]);
    expectClose(r.changes[0].before, 5.05, 1e-12);
    expectClose(r.changes[0].after, 9, 1e-12);
    expectClose(r.changes[0].size, 3.95, 1e-12);
    expect(r.segmentStarts).toEqual([0, 6]);
    expectClose(r.penalty, 3 * Math.log(12), 1e-14);
  });

  it('independent noise with a step of 1.5 σ at 120: found there, nothing else', () => {
    const x = normals(7, 200).map((v, i) => v + (i >= 120 ? 1.5 : 0));
    const r = changepoints(x);
    expect(r.changes.map((c) => c.index)).toEqual([122]);
    expect(r.autocorrelation).toBeLessThan(0.2);
  });

  it('a random walk (drift, no step): the successive-difference σ cuts it everywhere, the default does not', () => {
    let level = 0;
    const walk = normals(11, 300).map((e) => (level += e));
    const before = changepoints(walk, { noise: 'differences' }).changes.length;
    const now = changepoints(walk);
    expect(before).toBe(19);
    expect(now.changes).toEqual([]);
    expectClose(now.autocorrelation, 0.9571038201339149, 1e-9);
  });

  it("noise: 'differences' is the earlier pipeline: PELT at differenceSigma", () => {
    const x = normals(3, 60).map((v, i) => v + (i >= 30 ? 2 : 0));
    const old = peltMeanShift(x, { sigma: differenceSigma(x), penalty: 3 * Math.log(60), minSegment: 3 });
    const r = changepoints(x, { noise: 'differences' });
    expect(r.changes.map((c) => c.index)).toEqual(old.changes.map((c) => c.index));
    expectClose(r.sigma, differenceSigma(x), 1e-15);
  });

  it('weights and a σ floor: a rate series at the binomial floor finds the drop', () => {
    const rates = [0.8, 0.82, 0.79, 0.81, 0.8, 0.78, 0.8, 0.5, 0.52, 0.49, 0.51, 0.5, 0.5, 0.48];
    const weights = rates.map(() => 40);
    const r = changepoints(rates, { weights, sigmaFloor: 0.45 });
    expect(r.changes.map((c) => c.index)).toEqual([7]);
    expect(r.sigma).toBeGreaterThanOrEqual(0.45);
  });

  it('thin and constant series: no change', () => {
    expect(changepoints([1, 2, 3, 4, 5]).changes).toEqual([]);
    const flat = changepoints(new Array(20).fill(3));
    expect(flat.changes).toEqual([]);
    expect(flat.sigma).toBe(0);
    expect(changepoints([]).segmentStarts).toEqual([]);
  });

  it('bad input: INVALID_ARGUMENT', () => {
    const bad = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => changepoints([1, 2, Number.NaN, 4, 5, 6])).toThrow(bad);
    expect(() => changepoints([1, 2, Number.POSITIVE_INFINITY, 4, 5, 6])).toThrow(bad);
    expect(() => changepoints([1, 2, 3], { weights: [1, 1] })).toThrow(bad);
    expect(() => changepoints([1, 2, 3], { weights: [1, 0, 1] })).toThrow(bad);
    expect(() => changepoints([1, 2, 3], { penalty: -1 })).toThrow(bad);
    expect(() => changepoints([1, 2, 3], { minSegment: 0 })).toThrow(bad);
    expect(() => changepoints([1, 2, 3], { sigmaFloor: -1 })).toThrow(bad);
  });
});
