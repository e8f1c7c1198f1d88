/**
 * Mean and variance of a list of numbers (corrected two-pass algorithm: Chan, Golub & LeVeque
 * 1983), answering NaN rather than throwing when there are too few values.
 */
import { requireFiniteArray } from './validate.js';

/**
 * Arithmetic mean.
 * @param values finite numbers
 * @returns the mean; NaN for an empty list
 * @throws AnalyticsError INVALID_ARGUMENT when a value is not a finite number
 * @example
 * mean([2, 4, 4, 4, 5, 5, 7, 9]); // => 5
 */
export function mean(values: readonly number[]): number {
  requireFiniteArray('mean', 'values', values);
  if (values.length === 0) return NaN;
  // Shifted by the first value: exact for a constant list, and less rounding for large offsets.
  const shift = values[0];
  let sum = 0;
  for (const v of values) sum += v - shift;
  return shift + sum / values.length;
}

function sumOfSquaredDeviations(values: readonly number[], m: number): number {
  let ss = 0;
  let compensation = 0;
  for (const v of values) {
    const d = v - m;
    ss += d * d;
    compensation += d;
  }
  return ss - (compensation * compensation) / values.length;
}

/**
 * Sample variance with the n − 1 denominator (as R's `var`, numpy `ddof=1`).
 * @param values finite numbers
 * @returns the unbiased variance; NaN when fewer than 2 values
 * @throws AnalyticsError INVALID_ARGUMENT when a value is not a finite number
 * @example
 * sampleVariance([2, 4, 4, 4, 5, 5, 7, 9]); // => 4.571428571428571 (32/7)
 */
export function sampleVariance(values: readonly number[]): number {
  requireFiniteArray('sampleVariance', 'values', values);
  if (values.length < 2) return NaN;
  return Math.max(0, sumOfSquaredDeviations(values, mean(values)) / (values.length - 1));
}

/**
 * Population variance with the n denominator (numpy `ddof=0`).
 * @param values finite numbers
 * @returns the variance; NaN for an empty list
 * @throws AnalyticsError INVALID_ARGUMENT when a value is not a finite number
 * @example
 * populationVariance([2, 4, 4, 4, 5, 5, 7, 9]); // => 4
 */
export function populationVariance(values: readonly number[]): number {
  requireFiniteArray('populationVariance', 'values', values);
  if (values.length === 0) return NaN;
  return Math.max(0, sumOfSquaredDeviations(values, mean(values)) / values.length);
}

/**
 * Sample standard deviation, √(sampleVariance).
 * @param values finite numbers
 * @returns the standard deviation; NaN when fewer than 2 values
 * @throws AnalyticsError INVALID_ARGUMENT when a value is not a finite number
 * @example
 * sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]); // => 2.138089935299395
 */
export function sampleStandardDeviation(values: readonly number[]): number {
  return Math.sqrt(sampleVariance(values));
}
