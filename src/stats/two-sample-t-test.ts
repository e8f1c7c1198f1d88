/**
 * Two-sample t-tests from sufficient statistics: Student (pooled variance) and Welch (unequal
 * variances, Welch–Satterthwaite df). Same statistic, df and two-sided p-value as
 * `scipy.stats.ttest_ind(a, b, equal_var=True | False)`: the difference is a − b.
 */
import { studentTQuantile, studentTTwoSidedPValue } from './distributions.js';
import { requireSampleSummary, type SampleSummary } from './sample-summary.js';
import { requireOpenUnit } from './validate.js';

/**
 * `ok`: a regular test. `insufficient_data`: a group has fewer than 2 observations; every number
 * is NaN. `zero_variance`: both groups are constant (standard error 0): when the means differ the
 * statistic is ±Infinity and p = 0 (as scipy); when they are equal the statistic is 0 and p = 1
 * (scipy answers NaN: here "no difference, no noise" means no evidence against the null).
 */
export type TTestStatus = 'ok' | 'insufficient_data' | 'zero_variance';

/** Result of {@link studentTTest} and {@link welchTTest}. */
export interface TwoSampleTTestResult {
  readonly method: 'student' | 'welch';
  readonly status: TTestStatus;
  /** (mean_a − mean_b) / standardError */
  readonly statistic: number;
  /** degrees of freedom (NaN for Welch when both variances are 0) */
  readonly df: number;
  /** two-sided p-value, from the upper tail (accurate for tiny p) */
  readonly pValue: number;
  /** mean_a − mean_b */
  readonly meanDifference: number;
  readonly standardError: number;
  /** 1 − alpha */
  readonly confidenceLevel: number;
  /** two-sided confidence interval of mean_a − mean_b at `confidenceLevel` */
  readonly ci: readonly [number, number];
}

/** Options of the t-tests. */
export interface TTestOptions {
  /** significance level of the confidence interval (default 0.05 → 95 %) */
  readonly alpha?: number;
}

function runTTest(fn: string, method: 'student' | 'welch', a: SampleSummary, b: SampleSummary, options: TTestOptions): TwoSampleTTestResult {
  requireSampleSummary(fn, 'a', a);
  requireSampleSummary(fn, 'b', b);
  const alpha = options.alpha ?? 0.05;
  requireOpenUnit(fn, 'alpha', alpha);
  const confidenceLevel = 1 - alpha;
  if (a.n < 2 || b.n < 2) {
    return { method, status: 'insufficient_data', statistic: NaN, df: NaN, pValue: NaN, meanDifference: NaN, standardError: NaN, confidenceLevel, ci: [NaN, NaN] };
  }
  const meanDifference = a.mean - b.mean;
  let standardError: number;
  let df: number;
  if (method === 'student') {
    df = a.n + b.n - 2;
    const pooled = ((a.n - 1) * a.variance + (b.n - 1) * b.variance) / df;
    standardError = Math.sqrt(pooled * (1 / a.n + 1 / b.n));
  } else {
    const va = a.variance / a.n;
    const vb = b.variance / b.n;
    standardError = Math.sqrt(va + vb);
    df = ((va + vb) * (va + vb)) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  }
  if (standardError === 0) {
    const same = meanDifference === 0;
    return {
      method,
      status: 'zero_variance',
      statistic: same ? 0 : meanDifference > 0 ? Infinity : -Infinity,
      df,
      pValue: same ? 1 : 0,
      meanDifference,
      standardError,
      confidenceLevel,
      ci: [meanDifference, meanDifference],
    };
  }
  const statistic = meanDifference / standardError;
  const half = studentTQuantile(1 - alpha / 2, df) * standardError;
  return {
    method,
    status: 'ok',
    statistic,
    df,
    pValue: studentTTwoSidedPValue(statistic, df),
    meanDifference,
    standardError,
    confidenceLevel,
    ci: [meanDifference - half, meanDifference + half],
  };
}

/**
 * Student's two-sample t-test with pooled variance (df = n_a + n_b − 2), as
 * `scipy.stats.ttest_ind(a, b)` and R's `t.test(a, b, var.equal = TRUE)`.
 * @param a summary of the first sample (e.g. control)
 * @param b summary of the second sample (e.g. treatment)
 * @param options `alpha` of the confidence interval (default 0.05)
 * @returns statistic, df, two-sided p, a − b, its standard error and CI, with a status label
 * @throws AnalyticsError INVALID_ARGUMENT for a negative or fractional n, a negative variance, alpha outside (0, 1)
 * @example
 * studentTTest(summaryFromProportion(1564, 979), summaryFromProportion(1412, 1003));
 * // => { statistic: -4.891535492704667, df: 2974, pValue: 1.0537304297919323e-6, ... }
 */
export function studentTTest(a: SampleSummary, b: SampleSummary, options: TTestOptions = {}): TwoSampleTTestResult {
  return runTTest('studentTTest', 'student', a, b, options);
}

/**
 * Welch's two-sample t-test (unequal variances, Welch–Satterthwaite df), as
 * `scipy.stats.ttest_ind(a, b, equal_var=False)` and R's `t.test(a, b)`.
 * @param a summary of the first sample (e.g. control)
 * @param b summary of the second sample (e.g. treatment)
 * @param options `alpha` of the confidence interval (default 0.05)
 * @returns statistic, df, two-sided p, a − b, its standard error and CI, with a status label
 * @throws AnalyticsError INVALID_ARGUMENT for a negative or fractional n, a negative variance, alpha outside (0, 1)
 * @example
 * welchTTest(summaryFromProportion(1564, 979), summaryFromProportion(1412, 1003));
 * // => { statistic: -4.907675793842922, df: 2969.77580908174, pValue: 9.713437918476657e-7, ... }
 */
export function welchTTest(a: SampleSummary, b: SampleSummary, options: TTestOptions = {}): TwoSampleTTestResult {
  return runTTest('welchTTest', 'welch', a, b, options);
}
