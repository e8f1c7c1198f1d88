/**
 * Theil–Sen slope: the median of pairwise slopes (Theil 1950; Sen 1968), with Sen's
 * distribution-free confidence interval (Sen 1968, eq. 2.6; Gilbert 1987, §16.5). Same slope,
 * intercept, low_slope and high_slope as `scipy.stats.theilslopes(y, x, confidence)`.
 */
import { median } from './robust.js';
import { normalQuantile } from './distributions.js';
import { kendallTieCorrection, tieGroupSizes } from './tie-counts.js';
import { requireOpenUnit, requirePairedFinite } from './validate.js';

/** Result of {@link theilSenSlope}. `insufficient_data` (n < 2 or all x equal): every number is NaN. */
export interface TheilSenResult {
  readonly status: 'ok' | 'insufficient_data';
  readonly n: number;
  /** median of (y_j − y_i)/(x_j − x_i) over pairs with x_j > x_i */
  readonly slope: number;
  /** median(y) − slope · median(x) (scipy's default `method='separate'`) */
  readonly intercept: number;
  /** lower confidence bound of the slope (NaN when the tie-corrected variance is negative) */
  readonly lowSlope: number;
  /** upper confidence bound of the slope */
  readonly highSlope: number;
  readonly confidenceLevel: number;
}

/** Rounds half to even, as numpy's `np.round`. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Theil–Sen slope with Sen's confidence interval.
 * @param x abscissae (e.g. day index), finite
 * @param y ordinates, finite, same length
 * @param confidenceLevel two-sided confidence of the slope interval (default 0.95)
 * @returns slope, intercept and the slope's confidence bounds, with a status label
 * @throws AnalyticsError INVALID_ARGUMENT when lengths differ, a value is not finite or confidenceLevel is outside (0, 1)
 * @example
 * theilSenSlope([0, 1, 2, 3, 4], [1, 3, 2, 5, 4]); // => { slope: 0.875, intercept: 1.25, lowSlope: -1, highSlope: 3, ... }
 */
export function theilSenSlope(x: readonly number[], y: readonly number[], confidenceLevel = 0.95): TheilSenResult {
  requirePairedFinite('theilSenSlope', x, y);
  requireOpenUnit('theilSenSlope', 'confidenceLevel', confidenceLevel);
  const n = x.length;
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const dx = x[j] - x[i];
      if (dx > 0) slopes.push((y[j] - y[i]) / dx);
    }
  }
  if (slopes.length === 0) {
    return { status: 'insufficient_data', n, slope: NaN, intercept: NaN, lowSlope: NaN, highSlope: NaN, confidenceLevel };
  }
  slopes.sort((a, b) => a - b);
  const slope = median(slopes);
  const intercept = median(y) - slope * median(x);
  const z = normalQuantile((1 - confidenceLevel) / 2);
  const variance = (n * (n - 1) * (2 * n + 5) - kendallTieCorrection(tieGroupSizes(x)) - kendallTieCorrection(tieGroupSizes(y))) / 18;
  let lowSlope = NaN;
  let highSlope = NaN;
  if (variance >= 0) {
    const sigma = Math.sqrt(variance);
    const nt = slopes.length;
    const upper = Math.min(roundHalfEven((nt - z * sigma) / 2), nt - 1);
    const lower = Math.max(roundHalfEven((nt + z * sigma) / 2) - 1, 0);
    lowSlope = slopes[lower];
    highSlope = slopes[upper];
  }
  return { status: 'ok', n, slope, intercept, lowSlope, highSlope, confidenceLevel };
}
