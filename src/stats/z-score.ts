/**
 * Standard scores for anomaly detection: classic (mean, standard deviation) and robust
 * (median, scaled MAD).
 */
import { medianAbsoluteDeviation, median } from './robust.js';
import { requireFinite } from './validate.js';

/**
 * Standard score (value − center) / scale.
 * @param value observation
 * @param center mean (or median) of the baseline
 * @param scale standard deviation (or scaled MAD) of the baseline
 * @returns the z-score; NaN when scale is 0, negative or NaN (no spread: no score)
 * @throws AnalyticsError INVALID_ARGUMENT when value or center is not finite
 * @example
 * zScore(125, 100, 10); // => 2.5
 */
export function zScore(value: number, center: number, scale: number): number {
  requireFinite('zScore', 'value', value);
  requireFinite('zScore', 'center', center);
  if (!(scale > 0) || !Number.isFinite(scale)) return NaN;
  return (value - center) / scale;
}

/**
 * Robust z-score of `value` against a baseline: (value − median) / (1.4826 · MAD).
 * @param value observation
 * @param baseline finite numbers
 * @returns the robust z-score; NaN when the baseline is empty or its MAD is 0
 * @throws AnalyticsError INVALID_ARGUMENT when a number is not finite
 * @example
 * robustZScore(10, [1, 2, 3, 4, 100]); // => 4.721435316336167
 */
export function robustZScore(value: number, baseline: readonly number[]): number {
  requireFinite('robustZScore', 'value', value);
  if (baseline.length === 0) return NaN;
  return zScore(value, median(baseline), medianAbsoluteDeviation(baseline));
}
