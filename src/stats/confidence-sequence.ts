/**
 * Always-valid confidence intervals (confidence sequences) for a difference of means, the dual of
 * the normal-mixture mSPRT in `msprt.ts` (Johari, Koomen, Pekelis & Walsh 2017; the same
 * normal-mixture boundary as Howard, Ramdas, McAuliffe & Sekhon 2021, "Time-uniform, nonparametric,
 * nonasymptotic confidence sequences", eq. (14) with a N(0, τ²) mixture).
 *
 * A value θ is excluded at a look when the mixture likelihood ratio against θ reaches 1/α:
 *
 *   Λ(θ) = √(s²/(s² + τ²)) · exp(τ² (Δ̂ − θ)² / (2 s² (s² + τ²))) ≥ 1/α
 *   ⟺ |Δ̂ − θ| ≥ r,   r = √( s² (s² + τ²) / τ² · (2 ln(1/α) + ln((s² + τ²)/s²)) ).
 *
 * Intersecting the intervals Δ̂ₖ ± rₖ over the looks gives the running confidence sequence: it
 * covers the true difference at every look at once with probability ≥ 1 − α (asymptotically, with
 * plug-in variances), and it excludes θ₀ exactly when the always-valid p-value against θ₀ is
 * below α.
 */
import { invalidArgument } from './validate.js';

/**
 * Half-width of the normal-mixture confidence sequence at one look.
 * @param variance s², the variance of the estimate at this look (> 0)
 * @param mixingVariance τ² of the normal mixture (> 0), fixed before the test
 * @param alpha level in (0, 1)
 * @returns r, so that [estimate − r, estimate + r] is this look's always-valid interval
 * @throws AnalyticsError INVALID_ARGUMENT for a non-positive variance or τ², alpha outside (0, 1)
 * @example
 * normalMixtureRadius(0.0001, 0.0025, 0.05) // 0.031015…: wider than the fixed-horizon 1.96·0.01 = 0.0196
 */
export function normalMixtureRadius(variance: number, mixingVariance: number, alpha: number): number {
  const fn = 'normalMixtureRadius';
  if (!(variance > 0) || !Number.isFinite(variance)) invalidArgument(fn, `variance must be a positive number (got ${String(variance)})`);
  if (!(mixingVariance > 0) || !Number.isFinite(mixingVariance)) invalidArgument(fn, `mixingVariance must be a positive number (got ${String(mixingVariance)})`);
  if (!(alpha > 0 && alpha < 1)) invalidArgument(fn, `alpha must lie strictly between 0 and 1 (got ${String(alpha)})`);
  const s2 = variance;
  const t2 = mixingVariance;
  return Math.sqrt(((s2 * (s2 + t2)) / t2) * (2 * Math.log(1 / alpha) + Math.log((s2 + t2) / s2)));
}

/** A closed interval [low, high]; low > high would be empty (never produced by a covering sequence). */
export interface ClosedInterval {
  readonly low: number;
  readonly high: number;
}

/**
 * The running intersection of a sequence of intervals (the confidence sequence after each look).
 * @param intervals the per-look intervals, in look order (NaN bounds are skipped: a thin look)
 * @returns the running intersection after each look ([-∞, ∞] before the first usable look)
 * @throws never
 * @example
 * runningIntersection([{ low: -1, high: 2 }, { low: 0, high: 3 }]) // [{ low: -1, high: 2 }, { low: 0, high: 2 }]
 */
export function runningIntersection(intervals: readonly ClosedInterval[]): ClosedInterval[] {
  let low = -Infinity;
  let high = Infinity;
  return intervals.map((i) => {
    if (Number.isFinite(i.low) && Number.isFinite(i.high)) {
      low = Math.max(low, i.low);
      high = Math.min(high, i.high);
    }
    return { low, high };
  });
}
