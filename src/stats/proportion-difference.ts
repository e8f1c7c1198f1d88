/**
 * Absolute difference of two proportions (treatment − control): the Wald confidence interval
 * and the pooled two-proportion z-test. Same interval and p-value as R's
 * `prop.test(c(x_t, x_c), c(n_t, n_c), correct = FALSE)` (whose chi-square is z²).
 */
import { normalQuantile, normalTwoSidedPValue } from './distributions.js';
import { requireProportionCounts, type ProportionCounts } from './proportion-counts.js';
import { requireOpenUnit } from './validate.js';

/**
 * Result of {@link proportionDifference}. `insufficient_data`: an arm has no trials (all NaN).
 * `zero_variance`: both rates are 0 or both are 1 (pooled SE 0): z = 0, p = 1, CI [d, d].
 */
export interface ProportionDifferenceResult {
  readonly status: 'ok' | 'insufficient_data' | 'zero_variance';
  readonly controlRate: number;
  readonly treatmentRate: number;
  /** treatmentRate − controlRate */
  readonly difference: number;
  /** unpooled (Wald) standard error √(p_c q_c/n_c + p_t q_t/n_t) */
  readonly standardError: number;
  readonly confidenceLevel: number;
  /** Wald interval difference ± z(1 − α/2)·SE, clipped to [−1, 1] as R */
  readonly ci: readonly [number, number];
  /** pooled z statistic difference / √(p̄q̄(1/n_c + 1/n_t)) */
  readonly z: number;
  /** two-sided p-value of z */
  readonly pValue: number;
}

/**
 * Difference of two proportions with Wald CI and pooled z-test.
 * @param control control counts { n, successes }
 * @param treatment treatment counts { n, successes }
 * @param alpha significance level of the interval (default 0.05)
 * @returns rates, difference, SE, CI, z and p, with a status label
 * @throws AnalyticsError INVALID_ARGUMENT for counts that are not whole numbers, successes > n, alpha outside (0, 1)
 * @example
 * proportionDifference({ n: 1564, successes: 979 }, { n: 1412, successes: 1003 });
 * // => { difference: 0.08438086405888867, ci: [0.050693274939073676, 0.11806845317870367], z: 4.873614088703656, pValue: 1.0957493965642442e-6, ... }
 */
export function proportionDifference(control: ProportionCounts, treatment: ProportionCounts, alpha = 0.05): ProportionDifferenceResult {
  const fn = 'proportionDifference';
  requireProportionCounts(fn, 'control', control);
  requireProportionCounts(fn, 'treatment', treatment);
  requireOpenUnit(fn, 'alpha', alpha);
  const confidenceLevel = 1 - alpha;
  if (control.n === 0 || treatment.n === 0) {
    return { status: 'insufficient_data', controlRate: NaN, treatmentRate: NaN, difference: NaN, standardError: NaN, confidenceLevel, ci: [NaN, NaN], z: NaN, pValue: NaN };
  }
  const pc = control.successes / control.n;
  const pt = treatment.successes / treatment.n;
  const difference = pt - pc;
  const standardError = Math.sqrt((pc * (1 - pc)) / control.n + (pt * (1 - pt)) / treatment.n);
  const half = normalQuantile(1 - alpha / 2) * standardError;
  const ci: [number, number] = [Math.max(-1, difference - half), Math.min(1, difference + half)];
  const pooled = (control.successes + treatment.successes) / (control.n + treatment.n);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / control.n + 1 / treatment.n));
  if (pooledSe === 0) {
    return { status: 'zero_variance', controlRate: pc, treatmentRate: pt, difference, standardError, confidenceLevel, ci, z: 0, pValue: 1 };
  }
  const z = difference / pooledSe;
  return { status: 'ok', controlRate: pc, treatmentRate: pt, difference, standardError, confidenceLevel, ci, z, pValue: normalTwoSidedPValue(z) };
}
