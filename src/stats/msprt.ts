/**
 * Always-valid p-values for the difference of two means (or proportions) by the mixture
 * sequential probability ratio test (mSPRT) with a normal mixing distribution N(θ₀, τ²):
 * Johari, Koomen, Pekelis & Walsh (2017), "Peeking at A/B Tests: Why it matters, and what to do
 * about it", KDD '17, pp. 1517-1525 (the two-stream normal mSPRT); Johari et al. (2022), "Always
 * Valid Inference: Continuous Monitoring of A/B Tests", Operations Research 70(3):1806-1821.
 *
 * With Δ̂ = mean_t − mean_c and its variance s² = σ_c²/n_c + σ_t²/n_t, the mixture likelihood
 * ratio is
 *
 *   Λ = √(s² / (s² + τ²)) · exp( τ² (Δ̂ − θ₀)² / (2 s² (s² + τ²)) ),
 *
 * which for equal n and V = σ_c² + σ_t² is the paper's √(V/(V + nτ²))·exp(n²τ²(Δ̂−θ₀)²/(2V(V + nτ²))).
 * The always-valid p-value is p_n = min(p_{n−1}, 1/Λ_n), p_0 = 1. The variances are plug-in
 * sample estimates (the paper's large-sample approximation); τ² should be on the scale of the
 * squared effects that are plausible (e.g. (0.05)² for a rate).
 */
import { requireSampleSummary, type SampleSummary } from './sample-summary.js';
import { invalidArgument } from './validate.js';

/** Inputs of {@link msprtNormalMixture}. */
export interface MsprtInput {
  readonly control: SampleSummary;
  readonly treatment: SampleSummary;
  /** τ², variance of the normal mixing distribution of the effect, > 0 */
  readonly mixingVariance: number;
  /** θ₀, the null difference (default 0) */
  readonly nullDifference?: number;
  /** always-valid p-value of the previous look (default 1: this is the first look) */
  readonly previousPValue?: number;
}

/**
 * Result of {@link msprtNormalMixture}. `insufficient_data` (an arm with n < 2) and
 * `zero_variance` (s² = 0: no usable variance yet) leave the p-value at `previousPValue` and
 * the likelihood ratio NaN.
 */
export interface MsprtResult {
  readonly status: 'ok' | 'insufficient_data' | 'zero_variance';
  /** mean_t − mean_c */
  readonly difference: number;
  /** s² = σ_c²/n_c + σ_t²/n_t */
  readonly differenceVariance: number;
  /** ln Λ */
  readonly logLikelihoodRatio: number;
  readonly likelihoodRatio: number;
  /** min(previousPValue, 1/Λ), never above 1 */
  readonly pValue: number;
}

/**
 * One look of the normal-mixture mSPRT for mean_t − mean_c.
 * @param input control and treatment summaries, mixingVariance τ², optional nullDifference and previousPValue
 * @returns Λ, ln Λ and the always-valid p-value min(previous, 1/Λ), with a status label
 * @throws AnalyticsError INVALID_ARGUMENT for malformed summaries, τ² ≤ 0, or previousPValue outside [0, 1]
 * @example
 * msprtNormalMixture({ control: { n: 1000, mean: 0.5, variance: 0.05 }, treatment: { n: 1000, mean: 0.54, variance: 0.05 }, mixingVariance: 0.0003 });
 * // => { likelihoodRatio: 201.71439674636952 (e⁶/2), pValue: 0.004957504353332668 (2e⁻⁶), ... }
 */
export function msprtNormalMixture(input: MsprtInput): MsprtResult {
  const fn = 'msprtNormalMixture';
  const { control, treatment, mixingVariance: tau2, nullDifference = 0, previousPValue = 1 } = input;
  requireSampleSummary(fn, 'control', control);
  requireSampleSummary(fn, 'treatment', treatment);
  if (!(tau2 > 0) || !Number.isFinite(tau2)) invalidArgument(fn, `mixingVariance must be a positive number (got ${String(tau2)})`);
  if (!Number.isFinite(nullDifference)) invalidArgument(fn, 'nullDifference must be a finite number');
  if (!(previousPValue >= 0 && previousPValue <= 1)) invalidArgument(fn, `previousPValue must lie in [0, 1] (got ${String(previousPValue)})`);
  if (control.n < 2 || treatment.n < 2) {
    return { status: 'insufficient_data', difference: NaN, differenceVariance: NaN, logLikelihoodRatio: NaN, likelihoodRatio: NaN, pValue: previousPValue };
  }
  const difference = treatment.mean - control.mean;
  const s2 = control.variance / control.n + treatment.variance / treatment.n;
  if (s2 === 0) {
    return { status: 'zero_variance', difference, differenceVariance: 0, logLikelihoodRatio: NaN, likelihoodRatio: NaN, pValue: previousPValue };
  }
  const centred = difference - nullDifference;
  const logLikelihoodRatio = 0.5 * Math.log(s2 / (s2 + tau2)) + (tau2 * centred * centred) / (2 * s2 * (s2 + tau2));
  return {
    status: 'ok',
    difference,
    differenceVariance: s2,
    logLikelihoodRatio,
    likelihoodRatio: Math.exp(logLikelihoodRatio),
    pValue: Math.min(previousPValue, 1, Math.exp(-logLikelihoodRatio)),
  };
}

/**
 * Running minimum of per-look p-values (each min(1, 1/Λ_k)), giving the monotone always-valid
 * sequence p_k = min(p_{k−1}, 1/Λ_k); NaN entries (thin looks) carry the previous value.
 * @param perLookPValues p-values in look order
 * @returns the non-increasing sequence, starting from 1
 * @throws never
 * @example
 * runningMinimumPValues([0.8, 0.9, 0.3, NaN, 0.5]); // => [0.8, 0.8, 0.3, 0.3, 0.3]
 */
export function runningMinimumPValues(perLookPValues: readonly number[]): number[] {
  let current = 1;
  return perLookPValues.map((p) => {
    if (p < current) current = p;
    return current;
  });
}
