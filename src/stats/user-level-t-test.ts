/**
 * User-level (cluster) analysis of a binary outcome: outcomes of one user are correlated, so
 * each user's completion rate is one observation and the arms are compared by Welch's t-test on
 * those rates (equals `scipy.stats.ttest_ind(rates_a, rates_b, equal_var=False)`).
 */
import { requireProportionCounts, type ProportionCounts } from './proportion-counts.js';
import { summaryFromValues } from './sample-summary.js';
import { welchTTest, type TTestOptions, type TwoSampleTTestResult } from './two-sample-t-test.js';

/**
 * Welch t-test on per-user success rates. Users with n = 0 have no rate and are skipped.
 * @param a per-user { n, successes } of the first arm (e.g. control)
 * @param b per-user { n, successes } of the second arm (e.g. treatment)
 * @param options `alpha` of the CI (default 0.05)
 * @returns the Welch result for mean rate a − mean rate b (status `insufficient_data` when an arm has fewer than 2 users with outcomes)
 * @throws AnalyticsError INVALID_ARGUMENT for counts that are not whole numbers or successes > n
 * @example
 * userLevelWelchTTest([{ n: 2, successes: 1 }, { n: 4, successes: 1 }], [{ n: 1, successes: 1 }, { n: 3, successes: 2 }]);
 * // => { statistic: -2.1999999999999997, df: 1.8545994065281897, pValue: 0.16868213677344226, ... } (rates [0.5, 0.25] vs [1, 2/3])
 */
export function userLevelWelchTTest(a: readonly ProportionCounts[], b: readonly ProportionCounts[], options: TTestOptions = {}): TwoSampleTTestResult {
  const rates = (users: readonly ProportionCounts[], label: string): number[] => {
    const out: number[] = [];
    users.forEach((u, i) => {
      requireProportionCounts('userLevelWelchTTest', `${label}[${i}]`, u);
      if (u.n > 0) out.push(u.successes / u.n);
    });
    return out;
  };
  return welchTTest(summaryFromValues(rates(a, 'a')), summaryFromValues(rates(b, 'b')), options);
}
