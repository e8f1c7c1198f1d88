/**
 * Relative lift of treatment over control, mean_t / mean_c − 1, with a confidence interval by
 * the delta method for a ratio of two independent means (Deng, Knoblich & Lu 2018, "Applying
 * the Delta Method in Metric Analytics", KDD, §3; the same variance as GrowthBook's gbstats):
 *
 *   Var(lift) ≈ s_t²/(n_t μ_c²) + μ_t² s_c²/(n_c μ_c⁴).
 */
import { normalQuantile } from './distributions.js';
import { requireSampleSummary, type SampleSummary } from './sample-summary.js';
import { requireOpenUnit } from './validate.js';

/**
 * Result of {@link relativeLift}. `insufficient_data`: an arm has fewer than 2 observations;
 * `zero_baseline`: the control mean is 0 (a ratio is undefined). Numbers are NaN in both.
 */
export interface RelativeLiftResult {
  readonly status: 'ok' | 'insufficient_data' | 'zero_baseline';
  /** mean_t / mean_c − 1 */
  readonly lift: number;
  /** delta-method standard error of the lift */
  readonly standardError: number;
  readonly confidenceLevel: number;
  /** lift ± z(1 − α/2)·SE */
  readonly ci: readonly [number, number];
}

/**
 * Relative lift with a delta-method normal confidence interval.
 * @param control control summary { n, mean, variance }
 * @param treatment treatment summary { n, mean, variance }
 * @param alpha significance level of the interval (default 0.05)
 * @returns lift, SE and CI, with a status label
 * @throws AnalyticsError INVALID_ARGUMENT for a malformed summary or alpha outside (0, 1)
 * @example
 * relativeLift({ n: 100, mean: 0.5, variance: 0.01 }, { n: 100, mean: 0.6, variance: 0.01 });
 * // => { lift: 0.19999999999999996, standardError: 0.031240998703626618, ci: [0.13876876769982927, 0.26123123230017065], ... }
 */
export function relativeLift(control: SampleSummary, treatment: SampleSummary, alpha = 0.05): RelativeLiftResult {
  const fn = 'relativeLift';
  requireSampleSummary(fn, 'control', control);
  requireSampleSummary(fn, 'treatment', treatment);
  requireOpenUnit(fn, 'alpha', alpha);
  const confidenceLevel = 1 - alpha;
  const nan = { lift: NaN, standardError: NaN, confidenceLevel, ci: [NaN, NaN] as const };
  if (control.n < 2 || treatment.n < 2) return { status: 'insufficient_data', ...nan };
  if (control.mean === 0) return { status: 'zero_baseline', ...nan };
  const mc = control.mean;
  const mt = treatment.mean;
  const variance = treatment.variance / (treatment.n * mc * mc) + (mt * mt * control.variance) / (control.n * mc * mc * mc * mc);
  const standardError = Math.sqrt(variance);
  const lift = mt / mc - 1;
  const half = normalQuantile(1 - alpha / 2) * standardError;
  return { status: 'ok', lift, standardError, confidenceLevel, ci: [lift - half, lift + half] };
}
