/**
 * Mann-Kendall trend test (Mann 1945; Kendall 1975; Gilbert 1987, §16.4) on a series in time
 * order: S, its variance with the tie correction, Z with continuity correction, two-sided p and
 * Kendall's tau. Equals R's `cor.test(seq_along(y), y, method = "kendall", exact = FALSE,
 * continuity = TRUE)` (estimate = tau-b) and pymannkendall's `original_test` (whose `Tau` is tau-a).
 */
import { normalTwoSidedPValue } from './distributions.js';
import { kendallTieCorrection, tieGroupSizes } from './tie-counts.js';
import { requireFiniteArray, requireOpenUnit } from './validate.js';

/** Direction decided at `alpha`. */
export type TrendDirection = 'increasing' | 'decreasing' | 'no_trend';

/** Result of {@link mannKendallTest}. `insufficient_data` (n < 3): every number is NaN. */
export interface MannKendallResult {
  readonly status: 'ok' | 'insufficient_data';
  readonly n: number;
  /** S = Σ_{i<j} sign(y_j − y_i) */
  readonly s: number;
  /** Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18 over groups of tied values */
  readonly varianceS: number;
  /** (S − sign(S)) / √Var(S); 0 when S = 0 */
  readonly z: number;
  /** two-sided normal p-value of z (1 when S = 0, e.g. a constant series) */
  readonly pValue: number;
  /** tau-b = S / √(n0 (n0 − Σ t(t−1)/2)), n0 = n(n−1)/2; NaN for a constant series */
  readonly tauB: number;
  /** tau-a = S / n0 */
  readonly tauA: number;
  readonly trend: TrendDirection;
}

/**
 * Mann-Kendall test for a monotonic trend.
 * @param series values in time order, equally spaced, finite
 * @param alpha significance level for `trend` (default 0.05)
 * @returns S, Var(S), Z, p, tau-b, tau-a and the trend direction, with a status label
 * @throws AnalyticsError INVALID_ARGUMENT when a value is not finite or alpha is outside (0, 1)
 * @example
 * mannKendallTest([1, 2, 3, 4, 5]);
 * // => { s: 10, varianceS: 16.666666666666668, z: 2.2045407685048604, pValue: 0.027486336111510364, tauB: 1, tauA: 1, trend: 'increasing', ... }
 */
export function mannKendallTest(series: readonly number[], alpha = 0.05): MannKendallResult {
  requireFiniteArray('mannKendallTest', 'series', series);
  requireOpenUnit('mannKendallTest', 'alpha', alpha);
  const n = series.length;
  if (n < 3) {
    return { status: 'insufficient_data', n, s: NaN, varianceS: NaN, z: NaN, pValue: NaN, tauB: NaN, tauA: NaN, trend: 'no_trend' };
  }
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) s += Math.sign(series[j] - series[i]);
  }
  const ties = tieGroupSizes(series);
  const varianceS = (n * (n - 1) * (2 * n + 5) - kendallTieCorrection(ties)) / 18;
  const z = s === 0 ? 0 : (s - Math.sign(s)) / Math.sqrt(varianceS);
  const pValue = normalTwoSidedPValue(z);
  const n0 = (n * (n - 1)) / 2;
  let tiedPairs = 0;
  for (const t of ties) tiedPairs += (t * (t - 1)) / 2;
  const tauB = n0 === tiedPairs ? NaN : s / Math.sqrt(n0 * (n0 - tiedPairs));
  const trend: TrendDirection = pValue < alpha ? (z > 0 ? 'increasing' : 'decreasing') : 'no_trend';
  return { status: 'ok', n, s, varianceS, z, pValue, tauB, tauA: s / n0, trend };
}
