/**
 * Sufficient statistics of one sample (n, mean, unbiased variance), built from raw sums as SQL
 * returns them (COUNT, SUM, SUM of squares), from a 0/1 success count, or from values.
 */
import { mean, sampleVariance } from './descriptive.js';
import { invalidArgument, requireCount, requireFinite, requireNonNegative } from './validate.js';

/** n, mean and unbiased (n − 1) variance of one sample; variance is NaN when n < 2. */
export interface SampleSummary {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
}

/**
 * Checks a summary passed by a caller (n a whole number ≥ 0, mean finite unless n = 0,
 * variance ≥ 0 or NaN when n < 2).
 * @param fn name of the calling function, for the message
 * @param label which argument, for the message
 * @param s the summary
 * @returns nothing
 * @throws AnalyticsError INVALID_ARGUMENT on misuse
 * @example
 * requireSampleSummary('welchTTest', 'a', { n: 10, mean: 1, variance: 2 }); // passes
 */
export function requireSampleSummary(fn: string, label: string, s: SampleSummary): void {
  if (s === null || typeof s !== 'object') invalidArgument(fn, `${label} must be { n, mean, variance }`);
  requireCount(fn, `${label}.n`, s.n);
  if (s.n === 0) return;
  requireFinite(fn, `${label}.mean`, s.mean);
  if (s.n >= 2) requireNonNegative(fn, `${label}.variance`, s.variance);
}

/**
 * Summary from count, sum and sum of squares (variance = (Σx² − (Σx)²/n)/(n − 1), clamped at 0
 * against rounding; prefer centred sums when values are huge compared with their spread).
 * @param n number of observations, whole number ≥ 0
 * @param sum Σx
 * @param sumOfSquares Σx²
 * @returns the summary (mean NaN when n = 0, variance NaN when n < 2)
 * @throws AnalyticsError INVALID_ARGUMENT when n is not a whole number ≥ 0 or a sum is not finite
 * @example
 * summaryFromSums(4, 10, 30); // => { n: 4, mean: 2.5, variance: 1.6666666666666667 }
 */
export function summaryFromSums(n: number, sum: number, sumOfSquares: number): SampleSummary {
  requireCount('summaryFromSums', 'n', n);
  requireFinite('summaryFromSums', 'sum', sum);
  requireNonNegative('summaryFromSums', 'sumOfSquares', sumOfSquares);
  if (n === 0) return { n, mean: NaN, variance: NaN };
  const variance = n < 2 ? NaN : Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1));
  return { n, mean: sum / n, variance };
}

/**
 * Summary of 0/1 outcomes from the number of successes: mean k/n, variance k(n − k)/(n(n − 1)),
 * exactly the sample variance of the 0/1 vector (what scipy's `ttest_ind` uses on such data).
 * @param n number of trials, whole number ≥ 0
 * @param successes number of ones, whole number in [0, n]
 * @returns the summary (mean NaN when n = 0, variance NaN when n < 2)
 * @throws AnalyticsError INVALID_ARGUMENT when counts are not whole numbers or successes > n
 * @example
 * summaryFromProportion(4, 1); // => { n: 4, mean: 0.25, variance: 0.25 }
 */
export function summaryFromProportion(n: number, successes: number): SampleSummary {
  requireCount('summaryFromProportion', 'n', n);
  requireCount('summaryFromProportion', 'successes', successes);
  if (successes > n) invalidArgument('summaryFromProportion', `successes (${successes}) cannot exceed n (${n})`);
  if (n === 0) return { n, mean: NaN, variance: NaN };
  const variance = n < 2 ? NaN : (successes * (n - successes)) / (n * (n - 1));
  return { n, mean: successes / n, variance };
}

/**
 * Summary of a list of values (two-pass mean and variance).
 * @param values finite numbers
 * @returns the summary
 * @throws AnalyticsError INVALID_ARGUMENT when a value is not finite
 * @example
 * summaryFromValues([1, 2, 3, 4]); // => { n: 4, mean: 2.5, variance: 1.6666666666666667 }
 */
export function summaryFromValues(values: readonly number[]): SampleSummary {
  return { n: values.length, mean: mean(values), variance: sampleVariance(values) };
}
