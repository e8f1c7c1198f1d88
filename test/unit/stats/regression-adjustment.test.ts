// Reference: statsmodels OLS y ~ 1 + T + x1 + x2 and scipy's Welch test on the adjusted values, in
// references/ab-extended-reference.py (400 seeded units, true effect 0.05).
import { describe, expect, it } from 'vitest';
import { regressionAdjustment, welchTTest } from '../../../src/stats/index.js';
import { REF } from './ab-extended-reference.js';
import { expectClose } from './close.js';

describe('regressionAdjustment', () => {
  const c = REF.cuped;
  const units = c.y.map((y, i) => ({ treatment: c.treatment[i] === 1, y, x: [c.x1[i], c.x2[i]] }));
  const fit = regressionAdjustment(units);

  it('θ equals the OLS covariate coefficients; the adjusted difference equals the OLS treatment coefficient', () => {
    expectClose(fit.theta[0], c.theta[0], 1e-9);
    expectClose(fit.theta[1], c.theta[1], 1e-9);
    expectClose(fit.adjustedTreatment.mean - fit.adjustedControl.mean, c.ols_treatment_coef, 1e-9);
    expectClose(fit.adjustedControl.mean, c.adjusted_means[0], 1e-9);
  });

  it('Welch on the adjusted values equals scipy; variance reduction as computed by numpy', () => {
    const w = welchTTest(fit.adjustedControl, fit.adjustedTreatment);
    expectClose(w.pValue, c.welch_adjusted_p, 1e-6);
    expectClose(w.statistic, c.welch_adjusted_statistic, 1e-9);
    expectClose(w.standardError, c.se_adjusted, 1e-9);
    const raw = welchTTest(fit.control, fit.treatment);
    expectClose(1 - (w.standardError / raw.standardError) ** 2, c.variance_reduction, 1e-9);
    expect(c.variance_reduction).toBeGreaterThan(0.5);
  });

  it('drops a constant or collinear covariate (θ 0, used false) and a perfect covariate removes all variance', () => {
    const withDup = regressionAdjustment(units.map((u) => ({ ...u, x: [u.x[0], 2 * u.x[0], 1] })));
    expect(withDup.used).toEqual([true, false, false]);
    expect(withDup.theta[1]).toBe(0);
    const perfect = regressionAdjustment([
      { treatment: false, y: 1, x: [1] },
      { treatment: false, y: 3, x: [3] },
      { treatment: true, y: 3, x: [1] },
      { treatment: true, y: 5, x: [3] },
    ]);
    expect(perfect.theta).toEqual([1]);
    expect(perfect.adjustedControl.variance).toBe(0);
    expect(perfect.adjustedTreatment.mean - perfect.adjustedControl.mean).toBe(2);
  });

  it('rejects non-finite values and ragged covariates', () => {
    expect(() => regressionAdjustment([{ treatment: false, y: NaN, x: [] }])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() =>
      regressionAdjustment([
        { treatment: false, y: 1, x: [1] },
        { treatment: true, y: 1, x: [] },
      ]),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
