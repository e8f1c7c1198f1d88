/**
 * Pearson chi-square goodness-of-fit test, and its use for sample ratio mismatch (SRM): are the
 * observed group sizes compatible with the planned split? Same statistic and p-value as
 * `scipy.stats.chisquare(observed, expected)` and R's `chisq.test(observed, p = ratio)`.
 */
import { chiSquareSurvival } from './distributions.js';
import { invalidArgument, requireCount } from './validate.js';

/** Result of {@link chiSquareGoodnessOfFit}. `insufficient_data`: no observations (statistic, p NaN). */
export interface ChiSquareGoodnessOfFitResult {
  readonly status: 'ok' | 'insufficient_data';
  /** Σ (observed − expected)² / expected */
  readonly statistic: number;
  /** categories − 1 */
  readonly df: number;
  /** upper-tail chi-square p-value */
  readonly pValue: number;
  /** expected counts: total × normalized ratio */
  readonly expected: readonly number[];
}

/**
 * Chi-square goodness-of-fit of observed counts against an expected ratio.
 * @param observed counts per category (whole numbers ≥ 0), at least 2 categories
 * @param expectedRatio positive weights per category (any scale: [1, 1] means 50/50)
 * @returns statistic, df, p-value and expected counts, with a status label
 * @throws AnalyticsError INVALID_ARGUMENT when lengths differ, fewer than 2 categories, a count is not a whole number ≥ 0 or a weight is not positive and finite
 * @example
 * chiSquareGoodnessOfFit([50, 30], [1, 1]); // => { statistic: 5, df: 1, pValue: 0.025347318677468228, expected: [40, 40] }
 */
export function chiSquareGoodnessOfFit(observed: readonly number[], expectedRatio: readonly number[]): ChiSquareGoodnessOfFitResult {
  const fn = 'chiSquareGoodnessOfFit';
  if (!Array.isArray(observed) || !Array.isArray(expectedRatio) || observed.length !== expectedRatio.length) {
    invalidArgument(fn, 'observed and expectedRatio must be arrays of the same length');
  }
  if (observed.length < 2) invalidArgument(fn, 'needs at least 2 categories');
  let total = 0;
  let weight = 0;
  observed.forEach((o, i) => {
    requireCount(fn, `observed[${i}]`, o);
    total += o;
  });
  expectedRatio.forEach((w, i) => {
    if (!(w > 0) || !Number.isFinite(w)) invalidArgument(fn, `expectedRatio[${i}] must be a positive finite weight (got ${String(w)})`);
    weight += w;
  });
  const df = observed.length - 1;
  const expected = expectedRatio.map((w) => (total * w) / weight);
  if (total === 0) return { status: 'insufficient_data', statistic: NaN, df, pValue: NaN, expected };
  let statistic = 0;
  observed.forEach((o, i) => {
    const d = o - expected[i];
    statistic += (d * d) / expected[i];
  });
  return { status: 'ok', statistic, df, pValue: chiSquareSurvival(statistic, df), expected };
}

/**
 * Sample ratio mismatch check of a two-arm test: chi-square (df = 1) of the control and
 * treatment counts against the planned control share.
 * @param controlCount units (users) assigned to control
 * @param treatmentCount units assigned to treatment
 * @param expectedControlShare planned share of control, in (0, 1) (default 0.5)
 * @returns the chi-square result; a small p (commonly < 0.001) flags a broken assignment
 * @throws AnalyticsError INVALID_ARGUMENT for counts that are not whole numbers ≥ 0 or a share outside (0, 1)
 * @example
 * sampleRatioMismatch(314, 286); // => { statistic: 1.3066666666666666, df: 1, pValue: 0.252999061474684, expected: [300, 300] }
 */
export function sampleRatioMismatch(controlCount: number, treatmentCount: number, expectedControlShare = 0.5): ChiSquareGoodnessOfFitResult {
  if (!(expectedControlShare > 0 && expectedControlShare < 1)) {
    invalidArgument('sampleRatioMismatch', `expectedControlShare must lie strictly between 0 and 1 (got ${String(expectedControlShare)})`);
  }
  return chiSquareGoodnessOfFit([controlCount, treatmentCount], [expectedControlShare, 1 - expectedControlShare]);
}
