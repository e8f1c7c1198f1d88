// Damped-trend ETS against statsmodels 0.13.5 (references/damped-trend-reference.py prints the values).
import { describe, expect, it } from 'vitest';
import { dampedTrendForecast, fitDampedTrend, nelderMead } from '../../../src/stats/damped-trend.js';
import { expectClose } from './close.js';

const Y = [10.0, 12.0, 13.5, 13.0, 15.2, 16.1, 15.8, 17.9, 18.4, 19.0, 18.7, 20.3];
const REF = {
  sse: 9.767426460684556,
  level: 19.965362474477086,
  trend: 0.5440316099210863,
  forecast: [20.454990923406065, 20.895656527442142, 21.292255571074616, 21.649194710343842, 21.970439935686144],
};

describe('fitDampedTrend', () => {
  it('equals statsmodels ExponentialSmoothing(trend="add", damped_trend=True) at fixed parameters', () => {
    const fit = fitDampedTrend(Y, { alpha: 0.6, beta: 0.15, phi: 0.9 });
    expectClose(fit.sigma2 * Y.length, REF.sse, 1e-12);
    expectClose(fit.level, REF.level, 1e-12);
    expectClose(fit.trend, REF.trend, 1e-12);
    REF.forecast.forEach((v, i) => expectClose(dampedTrendForecast(fit, i + 1).mean, v, 1e-12));
  });

  it('h-step SD: σ √(1 + Σ_{j<h} (α + β (φ + … + φ^j))²), by hand', () => {
    const fit = { alpha: 0.5, beta: 0.1, phi: 0.9, level: 10, trend: 1, sigma2: 4 };
    expect(dampedTrendForecast(fit, 1)).toEqual({ mean: 10.9, sd: 2 });
    const c1 = 0.5 + 0.1 * 0.9;
    const c2 = 0.5 + 0.1 * (0.9 + 0.81);
    expectClose(dampedTrendForecast(fit, 3).sd, 2 * Math.sqrt(1 + c1 * c1 + c2 * c2), 1e-14);
    expectClose(dampedTrendForecast(fit, 3).mean, 10 + 0.9 + 0.81 + 0.729, 1e-14);
  });

  it('least squares: no worse than the statsmodels parameters, φ within [0.8, 0.98], β ≤ α', () => {
    const fit = fitDampedTrend(Y);
    expect(fit.sigma2 * Y.length).toBeLessThanOrEqual(REF.sse);
    expect(fit.phi).toBeGreaterThanOrEqual(0.8);
    expect(fit.phi).toBeLessThanOrEqual(0.98);
    expect(fit.beta).toBeLessThanOrEqual(fit.alpha);
  });

  it('a straight line: the forecast keeps rising, less than the line (the trend is damped)', () => {
    const fit = fitDampedTrend([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const ahead = dampedTrendForecast(fit, 10).mean;
    expect(ahead).toBeGreaterThan(dampedTrendForecast(fit, 1).mean);
    expect(ahead).toBeLessThan(22);
  });

  it('bad input: INVALID_ARGUMENT', () => {
    expect(() => fitDampedTrend([1, 2])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => fitDampedTrend([1, Number.NaN, 3])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => fitDampedTrend([1, 2, 3], { alpha: 2, beta: 0, phi: 0.9 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic', () => {
    const [x, y] = nelderMead(([a, b]) => (a - 3) ** 2 + 2 * (b + 1) ** 2, [0, 0], 500);
    expectClose(x, 3, 1e-4);
    expectClose(y, -1, 1e-4);
  });
});
