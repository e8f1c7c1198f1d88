/**
 * The delta-method ratio, Fieller's interval and the Welch difference of differences, by hand
 * and against scipy values.
 */
import { describe, expect, it } from 'vitest';
import { compareRatios, deltaMethodRatio, differenceOfDifferences } from '../../../src/stats/index.js';

describe('delta method and Fieller by hand', () => {
  it('Var(R) = (s_x² − 2R s_xy + R² s_y²)/(n ȳ²) on three users', () => {
    // x = (1, 3, 0), y = (2, 3, 1): R = 4/6, s_x² = 7/3, s_xy = 1.5, s_y² = 1, ȳ = 2
    const e = deltaMethodRatio([
      { numerator: 1, denominator: 2 },
      { numerator: 3, denominator: 3 },
      { numerator: 0, denominator: 1 },
    ]);
    const R = 4 / 6;
    expect(e.ratio).toBeCloseTo(R, 15);
    expect(e.variance).toBeCloseTo((7 / 3 - 2 * R * 1.5 + R * R * 1) / (3 * 4), 15);
    expect(e.linearised.reduce((s, v) => s + v, 0) / 3).toBeCloseTo(R, 15);
  });

  it("Fieller's interval solves (R_t − ρR_c)² = z²(V_t + ρ²V_c); the delta interval is symmetric", () => {
    const c = compareRatios({ ratio: 0.5, variance: 0.0004 }, { ratio: 0.6, variance: 0.0004 });
    const z = 1.959963984540054;
    for (const bound of c.relativeLiftFiellerCi) {
      const rho = bound + 1;
      expect((0.6 - rho * 0.5) ** 2).toBeCloseTo(z * z * (0.0004 + rho * rho * 0.0004), 12);
    }
    const liftSe = Math.sqrt(0.0004 / 0.25 + (0.36 * 0.0004) / 0.0625);
    expect(c.relativeLiftDeltaCi[0]).toBeCloseTo(0.2 - z * liftSe, 12);
    expect(c.pValue).toBeCloseTo(0.0004069520174449578, 12); // scipy: 2*norm.sf(0.1/sqrt(0.0008))
    // a control ratio indistinguishable from 0: Fieller's set is unbounded → NaN
    expect(compareRatios({ ratio: 0.01, variance: 0.01 }, { ratio: 0.5, variance: 0.01 }).relativeLiftFiellerCi.every(Number.isNaN)).toBe(true);
  });

  it('difference of differences: SE of four means, Welch-Satterthwaite df', () => {
    const s = (n: number, mean: number, variance: number) => ({ n, mean, variance });
    const r = differenceOfDifferences({ control: s(10, 0.5, 0.1), treatment: s(10, 0.7, 0.1) }, { control: s(10, 0.5, 0.1), treatment: s(10, 0.5, 0.1) });
    expect(r.difference).toBeCloseTo(0.2, 15);
    expect(r.standardError).toBeCloseTo(0.2, 15);
    expect(r.df).toBeCloseTo(36, 12);
    expect(r.pValue).toBeCloseTo(0.32398502626512726, 12); // scipy: 2*t.sf(1, 36)
  });
});
