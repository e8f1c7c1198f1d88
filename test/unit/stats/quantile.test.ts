// Reference: numpy.quantile (type 7) and a numpy user-cluster percentile bootstrap with 20,000
// resamples in references/ab-extended-reference.py (Monte Carlo: bounds compared with a tolerance).
import { describe, expect, it } from 'vitest';
import { clusterBootstrapQuantileDifferences, mulberry32, quantileSorted } from '../../../src/stats/index.js';
import { REF } from './ab-extended-reference.js';
import { expectClose } from './close.js';

describe('quantileSorted', () => {
  it('equals numpy.quantile', () => {
    expect(quantileSorted(REF.quantiles.small.values, 0.9)).toBeCloseTo(REF.quantiles.small.q90, 14);
    expect(quantileSorted(REF.quantiles.small.values, 0.5)).toBe(REF.quantiles.small.q50);
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(() => quantileSorted([1], 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('clusterBootstrapQuantileDifferences', () => {
  const [q50, q90] = clusterBootstrapQuantileDifferences(REF.quantiles.control, REF.quantiles.treatment, [0.5, 0.9], { resamples: 4000, seed: 7 });

  it('point estimates equal numpy.quantile of the pooled values', () => {
    expectClose(q50.controlQuantile, REF.quantiles.q50[0], 1e-12);
    expectClose(q50.treatmentQuantile, REF.quantiles.q50[1], 1e-12);
    expectClose(q90.controlQuantile, REF.quantiles.q90[0], 1e-12);
    expectClose(q90.treatmentQuantile, REF.quantiles.q90[1], 1e-12);
    expectClose(q50.difference, REF.quantiles.q50[1] - REF.quantiles.q50[0], 1e-12);
  });

  it('percentile intervals agree with numpy’s 20,000-resample bootstrap within Monte Carlo error (10 % of the width)', () => {
    for (const [r, ref] of [
      [q50, REF.quantiles.boot_ci_q50],
      [q90, REF.quantiles.boot_ci_q90],
    ] as const) {
      const width = ref[1] - ref[0];
      expect(Math.abs(r.ci[0] - ref[0])).toBeLessThan(0.1 * width);
      expect(Math.abs(r.ci[1] - ref[1])).toBeLessThan(0.1 * width);
    }
  });

  it('is reproducible by seed, and labels thin data', () => {
    const again = clusterBootstrapQuantileDifferences(REF.quantiles.control, REF.quantiles.treatment, [0.5], { resamples: 4000, seed: 7 });
    expect(again[0].ci).toEqual(q50.ci);
    expect(clusterBootstrapQuantileDifferences([[1, 2]], [[3], [4]], [0.5])[0].status).toBe('insufficient_data');
    expect(clusterBootstrapQuantileDifferences([[10, 12], [30]], [[11], [20, 40]], [0.5])[0].difference).toBe(8);
  });
});

describe('clusterBootstrapQuantileDifferences calibration (A/A, users with their own scale)', () => {
  it('the 95 % intervals of the median and p90 difference cover 0 in ≥ 92 % of 300 seeded A/A simulations', () => {
    const SIMS = 300;
    let c50 = 0;
    let c90 = 0;
    for (let s = 0; s < SIMS; s++) {
      const rand = mulberry32(90_000 + s);
      const user = () => {
        const scale = 20 + 40 * rand();
        return Array.from({ length: 1 + Math.floor(rand() * 6) }, () => -scale * Math.log(1 - rand()));
      };
      const control = Array.from({ length: 150 }, user);
      const treatment = Array.from({ length: 150 }, user);
      const [q50, q90] = clusterBootstrapQuantileDifferences(control, treatment, [0.5, 0.9], { resamples: 500, seed: s + 1 });
      if (q50.ci[0] <= 0 && 0 <= q50.ci[1]) c50++;
      if (q90.ci[0] <= 0 && 0 <= q90.ci[1]) c90++;
    }
    console.info(`cluster bootstrap coverage under A/A: median ${c50 / SIMS}, p90 ${c90 / SIMS}`);
    expect(c50 / SIMS).toBeGreaterThanOrEqual(0.92);
    expect(c90 / SIMS).toBeGreaterThanOrEqual(0.92);
  });
});
