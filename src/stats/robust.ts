/**
 * Median and median absolute deviation: robust location and scale for anomaly baselines.
 */
import { requireFiniteArray, requireNonNegative } from './validate.js';

/** Scale that makes the MAD a consistent estimator of σ for normal data (1/Φ⁻¹(3/4), as R's `mad`). */
export const MAD_NORMAL_CONSISTENCY = 1.4826;

/**
 * Median (mean of the two middle values for an even count).
 * @param values finite numbers (not modified)
 * @returns the median; NaN for an empty list
 * @throws AnalyticsError INVALID_ARGUMENT when a value is not a finite number
 * @example
 * median([3, 1, 4, 1, 5, 9]); // => 3.5
 */
export function median(values: readonly number[]): number {
  requireFiniteArray('median', 'values', values);
  const n = values.length;
  if (n === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Median absolute deviation from the median, times `scale` (default 1.4826, as R's `mad`).
 * @param values finite numbers
 * @param scale multiplier, ≥ 0 (1 for the raw MAD)
 * @returns scale · median(|x − median(x)|); NaN for an empty list
 * @throws AnalyticsError INVALID_ARGUMENT when a value is not finite or scale is negative
 * @example
 * medianAbsoluteDeviation([1, 2, 3, 4, 100]); // => 1.4826
 */
export function medianAbsoluteDeviation(values: readonly number[], scale: number = MAD_NORMAL_CONSISTENCY): number {
  requireNonNegative('medianAbsoluteDeviation', 'scale', scale);
  const center = median(values);
  if (Number.isNaN(center)) return NaN;
  return scale * median(values.map((v) => Math.abs(v - center)));
}
