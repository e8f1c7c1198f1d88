/**
 * Ordinary least squares of y on x with the slope's t-test: the same slope, intercept, r,
 * p-value and standard errors as `scipy.stats.linregress(x, y)`.
 */
import { studentTQuantile, studentTTwoSidedPValue } from './distributions.js';
import { requireOpenUnit, requirePairedFinite } from './validate.js';

/**
 * `ok`; `insufficient_data` when there are fewer than 3 points or all x are equal (no slope
 * can be tested): every number is then NaN; `constant_y` when every y is equal: slope 0,
 * standard errors 0, t = 0, p = 1 (no evidence of a slope), r and r² NaN (scipy 1.17 answers
 * NaN for p as well).
 */
export type RegressionStatus = 'ok' | 'insufficient_data' | 'constant_y';

/** Result of {@link ordinaryLeastSquares}. */
export interface LinearRegressionResult {
  readonly status: RegressionStatus;
  readonly n: number;
  readonly slope: number;
  readonly intercept: number;
  /** Pearson correlation (NaN when y is constant) */
  readonly r: number;
  readonly rSquared: number;
  readonly slopeStandardError: number;
  readonly interceptStandardError: number;
  /** n − 2 */
  readonly df: number;
  /** slope / slopeStandardError (±Infinity for a perfect fit) */
  readonly tStatistic: number;
  /** two-sided p-value of slope = 0 with n − 2 df */
  readonly pValue: number;
  readonly confidenceLevel: number;
  /** CI of the slope: slope ± t(1 − alpha/2, n − 2) · SE */
  readonly slopeCi: readonly [number, number];
}

/** Options of {@link ordinaryLeastSquares}. */
export interface RegressionOptions {
  /** significance level of the slope's CI (default 0.05) */
  readonly alpha?: number;
}

/**
 * Fits y = intercept + slope · x by least squares and tests slope = 0.
 * Edge cases: a perfect fit (zero residual, y not constant) gives SE 0, t = ±Infinity and
 * p = 0 (scipy's guard constant TINY makes its p about 1e-20 there); a constant y gives status
 * `constant_y` (see {@link RegressionStatus}).
 * @param x abscissae (e.g. day index), finite
 * @param y ordinates, finite, same length as x
 * @param options `alpha` of the slope CI (default 0.05)
 * @returns slope, intercept, r, r², standard errors, t, p and slope CI, with a status label
 * @throws AnalyticsError INVALID_ARGUMENT when lengths differ, a value is not finite or alpha is outside (0, 1)
 * @example
 * ordinaryLeastSquares([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
 * // => { slope: 0.6, intercept: 2.2, rSquared: 0.6000000000000001, pValue: 0.12402706265755468, ... }
 */
export function ordinaryLeastSquares(x: readonly number[], y: readonly number[], options: RegressionOptions = {}): LinearRegressionResult {
  requirePairedFinite('ordinaryLeastSquares', x, y);
  const alpha = options.alpha ?? 0.05;
  requireOpenUnit('ordinaryLeastSquares', 'alpha', alpha);
  const n = x.length;
  const confidenceLevel = 1 - alpha;
  let xMean = 0;
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    xMean += x[i];
    yMean += y[i];
  }
  xMean /= n;
  yMean /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - xMean;
    const dy = y[i] - yMean;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (n < 3 || x.every((v) => v === x[0])) {
    return {
      status: 'insufficient_data',
      n,
      slope: NaN,
      intercept: NaN,
      r: NaN,
      rSquared: NaN,
      slopeStandardError: NaN,
      interceptStandardError: NaN,
      df: NaN,
      tStatistic: NaN,
      pValue: NaN,
      confidenceLevel,
      slopeCi: [NaN, NaN],
    };
  }
  const df = n - 2;
  const slope = sxy / sxx;
  const intercept = yMean - slope * xMean;
  if (y.every((v) => v === y[0])) {
    return {
      status: 'constant_y',
      n,
      slope: 0,
      intercept: y[0],
      r: NaN,
      rSquared: NaN,
      slopeStandardError: 0,
      interceptStandardError: 0,
      df,
      tStatistic: 0,
      pValue: 1,
      confidenceLevel,
      slopeCi: [0, 0],
    };
  }
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  let residual = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i] - yMean - slope * (x[i] - xMean);
    residual += e * e;
  }
  const slopeStandardError = Math.sqrt(residual / df / sxx);
  const interceptStandardError = slopeStandardError * Math.sqrt(sxx / n + xMean * xMean);
  const tStatistic = slopeStandardError === 0 ? (slope > 0 ? Infinity : -Infinity) : slope / slopeStandardError;
  const half = studentTQuantile(1 - alpha / 2, df) * slopeStandardError;
  return {
    status: 'ok',
    n,
    slope,
    intercept,
    r,
    rSquared: r * r,
    slopeStandardError,
    interceptStandardError,
    df,
    tStatistic,
    pValue: studentTTwoSidedPValue(tStatistic, df),
    confidenceLevel,
    slopeCi: [slope - half, slope + half],
  };
}
