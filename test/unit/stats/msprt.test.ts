// References:
// - Hand computation from the normal-mixture mSPRT formula (Johari, Koomen, Pekelis & Walsh 2017):
//   n = 1000 per arm, σ² = 0.05 per arm → s² = 0.05/1000 + 0.05/1000 = 1e-4; τ² = 3e-4;
//   Δ̂ = 0.04: √(s²/(s²+τ²)) = √(1/4) = 1/2, exponent = τ²Δ̂²/(2 s²(s²+τ²)) = 4.8e-7/8e-8 = 6,
//   so Λ = e⁶/2 = 201.71439674636756 and p = 2e⁻⁶ = 0.004957504353332717 (python3: 0.5*math.exp(6)).
// - The paper's equal-n form √(V/(V+nτ²))·exp(n²τ²Δ̂²/(2V(V+nτ²))), V = σ_c² + σ_t², written
//   out below independently of the implementation.
// - Seeded simulation: 200 A/A experiments with Bernoulli(0.7) outcomes, 100 users per arm per
//   day, 20 daily looks. Peeking at a fixed-horizon Welch test inflates its false-positive rate
//   (≈ 0.26 in 5,000 runs); the always-valid p-value stays below α (≈ 0.012 in 5,000 runs).
import { describe, it, expect } from 'vitest';
import { msprtNormalMixture, mulberry32, runningMinimumPValues, summaryFromProportion, welchTTest } from '../../../src/stats/index.js';
import { expectClose } from './close.js';

describe('msprtNormalMixture', () => {
  it('hand-computed likelihood ratio and p-value', () => {
    const r = msprtNormalMixture({
      control: { n: 1000, mean: 0.5, variance: 0.05 },
      treatment: { n: 1000, mean: 0.54, variance: 0.05 },
      mixingVariance: 0.0003,
    });
    expect(r.status).toBe('ok');
    expectClose(r.differenceVariance, 1e-4, 1e-14);
    expectClose(r.logLikelihoodRatio, 6 - Math.log(2), 1e-12);
    expectClose(r.likelihoodRatio, 201.71439674636756, 1e-12);
    expectClose(r.pValue, 0.004957504353332717, 1e-12);
  });

  it("equals the paper's equal-n form", () => {
    const n = 730;
    const [vc, vt, mc, mt, tau2, theta0] = [0.21, 0.19, 0.7, 0.735, 0.002, 0.01];
    const V = vc + vt;
    const delta = mt - mc - theta0;
    const paper = Math.sqrt(V / (V + n * tau2)) * Math.exp((n * n * tau2 * delta * delta) / (2 * V * (V + n * tau2)));
    const r = msprtNormalMixture({ control: { n, mean: mc, variance: vc }, treatment: { n, mean: mt, variance: vt }, mixingVariance: tau2, nullDifference: theta0 });
    expectClose(r.likelihoodRatio, paper, 1e-12);
  });

  it('is monotone through previousPValue and labels thin looks', () => {
    const weak = msprtNormalMixture({ control: { n: 50, mean: 0.5, variance: 0.25 }, treatment: { n: 50, mean: 0.5, variance: 0.25 }, mixingVariance: 0.01, previousPValue: 0.2 });
    expect(weak.pValue).toBe(0.2);
    const thin = msprtNormalMixture({ control: { n: 1, mean: 1, variance: NaN }, treatment: { n: 5, mean: 0.5, variance: 0.3 }, mixingVariance: 0.01, previousPValue: 0.4 });
    expect(thin).toMatchObject({ status: 'insufficient_data', pValue: 0.4 });
    const flat = msprtNormalMixture({ control: summaryFromProportion(5, 5), treatment: summaryFromProportion(5, 5), mixingVariance: 0.01 });
    expect(flat).toMatchObject({ status: 'zero_variance', pValue: 1 });
    expect(() => msprtNormalMixture({ control: { n: 5, mean: 0, variance: 1 }, treatment: { n: 5, mean: 0, variance: 1 }, mixingVariance: 0 })).toThrow(/mixingVariance/);
  });

  it('runningMinimumPValues', () => {
    expect(runningMinimumPValues([0.8, 0.9, 0.3, NaN, 0.5])).toEqual([0.8, 0.8, 0.3, 0.3, 0.3]);
    expect(runningMinimumPValues([])).toEqual([]);
  });
});

/** Rejection rates of the sequential test and of a naive Welch test, peeking at every look. */
function simulate(seed: number, experiments: number, rateC: number, rateT: number): { sequential: number; naive: number } {
  const next = mulberry32(seed);
  let sequentialRejections = 0;
  let naiveRejections = 0;
  for (let e = 0; e < experiments; e++) {
    let [nc, sc, nt, st] = [0, 0, 0, 0];
    let previous = 1;
    let sequential = false;
    let naive = false;
    for (let day = 0; day < 20; day++) {
      for (let u = 0; u < 100; u++) {
        nc++;
        if (next() < rateC) sc++;
        nt++;
        if (next() < rateT) st++;
      }
      const control = summaryFromProportion(nc, sc);
      const treatment = summaryFromProportion(nt, st);
      previous = msprtNormalMixture({ control, treatment, mixingVariance: 0.05 ** 2, previousPValue: previous }).pValue;
      if (previous <= 0.05) sequential = true;
      if (welchTTest(control, treatment).pValue <= 0.05) naive = true;
    }
    if (sequential) sequentialRejections++;
    if (naive) naiveRejections++;
  }
  return { sequential: sequentialRejections / experiments, naive: naiveRejections / experiments };
}

describe('always-valid p-values under continuous peeking (seeded simulation)', () => {
  it('A/A: the sequential test keeps α = 0.05, the peeking t-test does not', () => {
    const { sequential, naive } = simulate(20261124, 200, 0.7, 0.7);
    expect(sequential).toBeLessThanOrEqual(0.05);
    expect(naive).toBeGreaterThan(0.05);
  });

  it('a real +8 pp effect is still detected', () => {
    const { sequential } = simulate(7, 50, 0.7, 0.78);
    expect(sequential).toBeGreaterThanOrEqual(0.9);
  });
});
