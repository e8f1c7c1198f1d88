// References:
// - Anscombe's quartet, set 1 (Anscombe 1973, The American Statistician 27:17-21; R dataset
//   `anscombe`): R 4.2.2 `summary(lm(y1 ~ x1, anscombe))`, `confint(m)`, `confint(m, level = 0.9)`
//   with options(digits = 17); scipy 1.17.1 `stats.linregress(x1, y1)` for r and the p-value.
// - Perfect fit y = 1 + 2x: exact; scipy returns p ≈ 1e-20 (its TINY guard), we return 0.
import { describe, it, expect } from 'vitest';
import { ordinaryLeastSquares } from '../../../src/stats/index.js';
import { expectClose } from './close.js';

const x1 = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
const y1 = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];

describe('ordinaryLeastSquares', () => {
  it('matches R lm and scipy linregress on Anscombe set 1', () => {
    const r = ordinaryLeastSquares(x1, y1);
    expect(r.status).toBe('ok');
    expectClose(r.slope, 0.5000909090909091, 1e-13); // linregress slope (R: 0.50009090909090914)
    expectClose(r.intercept, 3.0000909090909103, 1e-13); // linregress intercept
    expectClose(r.r, 0.8164205163448399, 1e-13); // linregress rvalue
    expectClose(r.rSquared, 0.66654245950877489, 1e-13); // R summary(m)$r.squared
    expectClose(r.slopeStandardError, 0.11790550059563409, 1e-12); // R Std. Error of x1
    expectClose(r.interceptStandardError, 1.12474679080864415, 1e-12); // R Std. Error of (Intercept)
    expectClose(r.tStatistic, 4.2414552888928316, 1e-12); // R t value
    expectClose(r.pValue, 0.0021696288730787905, 1e-9); // linregress pvalue (R: 0.002169628873078794)
    expect(r.df).toBe(9);
    expectClose(r.slopeCi[0], 0.23337013638518744, 1e-11); // R confint 2.5 %
    expectClose(r.slopeCi[1], 0.76681168179663084, 1e-11); // R confint 97.5 %
    const r90 = ordinaryLeastSquares(x1, y1, { alpha: 0.1 });
    expectClose(r90.slopeCi[0], 0.28395681111774457, 1e-11); // R confint(m, level = 0.9)
    expectClose(r90.slopeCi[1], 0.71622500706407366, 1e-11);
  });

  it('perfect fit: SE 0, t = ±Infinity, p = 0', () => {
    const up = ordinaryLeastSquares([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(up).toMatchObject({ status: 'ok', slope: 2, intercept: 1, r: 1, slopeStandardError: 0, tStatistic: Infinity, pValue: 0 });
    const down = ordinaryLeastSquares([0, 1, 2, 3, 4], [4, 2, 0, -2, -4]);
    expect(down).toMatchObject({ slope: -2, tStatistic: -Infinity, pValue: 0 });
  });

  it('constant y: status constant_y with p = 1 and slope 0', () => {
    const r = ordinaryLeastSquares([0, 1, 2, 3], [0.1, 0.1, 0.1, 0.1]);
    expect(r).toMatchObject({ status: 'constant_y', slope: 0, intercept: 0.1, pValue: 1 });
    expect(r.rSquared).toBeNaN();
  });

  it('fewer than 3 points or identical x: insufficient_data, never a throw', () => {
    expect(ordinaryLeastSquares([1, 2], [3, 4]).status).toBe('insufficient_data');
    expect(ordinaryLeastSquares([], []).status).toBe('insufficient_data');
    const same = ordinaryLeastSquares([5, 5, 5], [1, 2, 3]);
    expect(same.status).toBe('insufficient_data');
    expect(same.pValue).toBeNaN();
  });

  it('throws INVALID_ARGUMENT for mismatched lengths or non-finite values', () => {
    expect(() => ordinaryLeastSquares([1, 2, 3], [1, 2])).toThrow(/same length/);
    expect(() => ordinaryLeastSquares([1, 2, 3], [1, NaN, 2])).toThrow(/finite/);
  });
});
