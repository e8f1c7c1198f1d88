/**
 * Power and sample size of a two-sided test of two proportions (pooled z-test), by the normal
 * approximation without continuity correction of Fleiss, Levin & Paik (2003), "Statistical
 * Methods for Rates and Proportions", 3rd ed., §4.2 (eq. 4.14 with unequal allocation):
 *
 *   n_c = [z(1−α/2)·√(p̄q̄(1 + 1/k)) + z(power)·√(p₁q₁ + p₂q₂/k)]² / Δ²,  n_t = k·n_c,
 *   p̄ = (p₁ + k·p₂)/(1 + k),  Δ = p₂ − p₁,  k = n_t/n_c.
 *
 * With k = 1 it is R's `power.prop.test` (which also ignores the far rejection tail).
 */
import { normalCdf, normalQuantile } from './distributions.js';
import { invalidArgument, requireOpenUnit } from './validate.js';

/** Inputs shared by the power functions. */
export interface TwoProportionDesign {
  /** control (baseline) rate p₁, in (0, 1) */
  readonly baselineRate: number;
  /** two-sided significance level (default 0.05) */
  readonly alpha?: number;
}

function checkRates(fn: string, p1: number, delta: number): number {
  requireOpenUnit(fn, 'baselineRate', p1);
  if (!Number.isFinite(delta) || delta === 0) invalidArgument(fn, `minimumDetectableEffect must be a non-zero finite difference (got ${String(delta)})`);
  const p2 = p1 + delta;
  if (!(p2 >= 0 && p2 <= 1)) invalidArgument(fn, `baselineRate + minimumDetectableEffect must lie in [0, 1] (got ${p2})`);
  return p2;
}

function powerAt(p1: number, p2: number, n1: number, n2: number, alpha: number): number {
  const pooled = (n1 * p1 + n2 * p2) / (n1 + n2);
  const sd0 = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const sd1 = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  return normalCdf((Math.abs(p2 - p1) - normalQuantile(1 - alpha / 2) * sd0) / sd1);
}

/** Result of {@link sampleSizeTwoProportions}. */
export interface TwoProportionSampleSize {
  /** users needed in control, rounded up */
  readonly controlSize: number;
  /** users needed in treatment, rounded up */
  readonly treatmentSize: number;
  /** unrounded n_c from the formula */
  readonly controlSizeExact: number;
  /** unrounded n_t = k · n_c */
  readonly treatmentSizeExact: number;
  /** p₂ = baselineRate + minimumDetectableEffect */
  readonly treatmentRate: number;
}

/**
 * Users per group to detect an absolute change `minimumDetectableEffect` from `baselineRate`.
 * @param design baselineRate, minimumDetectableEffect (p₂ − p₁, either sign), alpha (0.05), power (0.8), allocationRatio k = n_t/n_c (1)
 * @returns group sizes (rounded up and exact) and the treatment rate
 * @throws AnalyticsError INVALID_ARGUMENT for rates outside (0, 1), a zero effect, p₂ outside [0, 1], alpha or power outside (0, 1), k ≤ 0
 * @example
 * sampleSizeTwoProportions({ baselineRate: 0.5, minimumDetectableEffect: 0.25, power: 0.9 });
 * // => { controlSize: 77, treatmentSize: 77, controlSizeExact: 76.70692845177747, ... }
 * //    (R: power.prop.test(p1 = .5, p2 = .75, power = .9, tol = 1e-13)$n = 76.706928451777443)
 */
export function sampleSizeTwoProportions(
  design: TwoProportionDesign & { readonly minimumDetectableEffect: number; readonly power?: number; readonly allocationRatio?: number },
): TwoProportionSampleSize {
  const fn = 'sampleSizeTwoProportions';
  const { baselineRate: p1, minimumDetectableEffect: delta, alpha = 0.05, power = 0.8, allocationRatio: k = 1 } = design;
  const p2 = checkRates(fn, p1, delta);
  requireOpenUnit(fn, 'alpha', alpha);
  requireOpenUnit(fn, 'power', power);
  if (!(k > 0) || !Number.isFinite(k)) invalidArgument(fn, `allocationRatio must be a positive number (got ${String(k)})`);
  const pooled = (p1 + k * p2) / (1 + k);
  const root = normalQuantile(1 - alpha / 2) * Math.sqrt(pooled * (1 - pooled) * (1 + 1 / k)) + normalQuantile(power) * Math.sqrt(p1 * (1 - p1) + (p2 * (1 - p2)) / k);
  const controlSizeExact = (root * root) / (delta * delta);
  const treatmentSizeExact = k * controlSizeExact;
  return {
    controlSize: Math.ceil(controlSizeExact - 1e-9),
    treatmentSize: Math.ceil(treatmentSizeExact - 1e-9),
    controlSizeExact,
    treatmentSizeExact,
    treatmentRate: p2,
  };
}

/**
 * Power reached with the given group sizes for an absolute change `minimumDetectableEffect`.
 * @param design baselineRate, minimumDetectableEffect, controlSize, treatmentSize (> 0), alpha (0.05)
 * @returns power in (0, 1)
 * @throws AnalyticsError INVALID_ARGUMENT for invalid rates, effect, alpha, or sizes that are not positive
 * @example
 * powerTwoProportions({ baselineRate: 0.5, minimumDetectableEffect: 0.25, controlSize: 50, treatmentSize: 50 });
 * // => 0.7401659013313879 (R: power.prop.test(n = 50, p1 = .5, p2 = .75)$power)
 */
export function powerTwoProportions(
  design: TwoProportionDesign & { readonly minimumDetectableEffect: number; readonly controlSize: number; readonly treatmentSize: number },
): number {
  const fn = 'powerTwoProportions';
  const { baselineRate: p1, minimumDetectableEffect: delta, controlSize: n1, treatmentSize: n2, alpha = 0.05 } = design;
  const p2 = checkRates(fn, p1, delta);
  requireOpenUnit(fn, 'alpha', alpha);
  if (!(n1 > 0 && n2 > 0) || !Number.isFinite(n1 + n2)) invalidArgument(fn, 'controlSize and treatmentSize must be positive numbers');
  return powerAt(p1, p2, n1, n2, alpha);
}

/**
 * Smallest absolute change from `baselineRate` detectable with the given sizes and power
 * (bisection on the power function).
 * @param design baselineRate, controlSize, treatmentSize, alpha (0.05), power (0.8), direction ('increase' | 'decrease', default 'increase')
 * @returns the MDE |p₂ − p₁| > 0; NaN when even p₂ = 1 (or 0) does not reach the power
 * @throws AnalyticsError INVALID_ARGUMENT for an invalid rate, alpha, power or sizes
 * @example
 * minimumDetectableEffectTwoProportions({ baselineRate: 0.5, controlSize: 50, treatmentSize: 50, power: 0.9 });
 * // => 0.3026305817038947 (R: power.prop.test(n = 50, p1 = .5, power = .9, tol = 1e-13)$p2 − 0.5)
 */
export function minimumDetectableEffectTwoProportions(
  design: TwoProportionDesign & { readonly controlSize: number; readonly treatmentSize: number; readonly power?: number; readonly direction?: 'increase' | 'decrease' },
): number {
  const fn = 'minimumDetectableEffectTwoProportions';
  const { baselineRate: p1, controlSize: n1, treatmentSize: n2, alpha = 0.05, power = 0.8, direction = 'increase' } = design;
  requireOpenUnit(fn, 'baselineRate', p1);
  requireOpenUnit(fn, 'alpha', alpha);
  requireOpenUnit(fn, 'power', power);
  if (!(n1 > 0 && n2 > 0) || !Number.isFinite(n1 + n2)) invalidArgument(fn, 'controlSize and treatmentSize must be positive numbers');
  const sign = direction === 'decrease' ? -1 : 1;
  const room = direction === 'decrease' ? p1 : 1 - p1;
  const f = (d: number): number => powerAt(p1, p1 + sign * d, n1, n2, alpha) - power;
  if (f(room) < 0) return NaN;
  let lo = 0;
  let hi = room;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
