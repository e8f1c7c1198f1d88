// Reference: the radius is the root of the mSPRT likelihood ratio Λ(Δ̂ − θ) = 1/α found by scipy's
// brentq in references/ab-extended-reference.py (an independent numeric solution of the closed form).
import { describe, expect, it } from 'vitest';
import { msprtNormalMixture, normalMixtureRadius, normalQuantile, runningIntersection } from '../../../src/stats/index.js';
import { REF } from './ab-extended-reference.js';
import { expectClose } from './close.js';

describe('normalMixtureRadius', () => {
  it('equals the root of Λ = 1/α found numerically by scipy', () => {
    for (const r of REF.cs_radius) expectClose(normalMixtureRadius(r.s2, r.tau2, r.alpha), r.radius, 1e-9);
  });

  it('is the dual of the mSPRT: at Δ̂ = r the p-value against 0 is exactly α', () => {
    const s2 = 4e-4;
    const tau2 = 0.0025;
    const r = normalMixtureRadius(s2, tau2, 0.05);
    // a summary pair whose difference is r and whose s² = σ²/n + σ²/n = 4e-4
    const m = msprtNormalMixture({ control: { n: 500, mean: 0.5, variance: 0.1 }, treatment: { n: 500, mean: 0.5 + r, variance: 0.1 }, mixingVariance: tau2 });
    expectClose(m.pValue, 0.05, 1e-9);
  });

  it('is wider than the fixed-horizon interval (the price of peeking)', () => {
    expect(normalMixtureRadius(1e-4, 0.0025, 0.05)).toBeGreaterThan(normalQuantile(0.975) * 0.01);
  });

  it('rejects a non-positive variance or τ², alpha outside (0, 1)', () => {
    const bad: [number, number, number][] = [
      [0, 1, 0.05],
      [1, 0, 0.05],
      [1, 1, 1],
    ];
    for (const [v, t, a] of bad) expect(() => normalMixtureRadius(v, t, a)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('runningIntersection', () => {
  it('intersects in order and skips thin looks', () => {
    expect(
      runningIntersection([
        { low: NaN, high: NaN },
        { low: -1, high: 2 },
        { low: 0, high: 3 },
        { low: -5, high: 1.5 },
      ]),
    ).toEqual([
      { low: -Infinity, high: Infinity },
      { low: -1, high: 2 },
      { low: 0, high: 2 },
      { low: 0, high: 1.5 },
    ]);
  });
});
