/**
 * Ratio metrics with the randomisation unit as the unit of analysis: R = Σ numerators / Σ
 * denominators over units (users), its variance by the delta method (Deng, Knoblich & Lu 2018,
 * "Applying the Delta Method in Metric Analytics: A Practical Guide with Novel Ideas", KDD §3):
 *
 *   Var(R) ≈ (1/n) · (s_x² − 2 R s_xy + R² s_y²) / ȳ²,
 *
 * with s_x², s_y², s_xy the sample variances and covariance (n − 1) of each unit's numerator x and
 * denominator y. Each unit's linearised value L = R + (x − R·y)/ȳ has mean R and sample variance
 * n·Var(R), so the ratio can be compared, regression-adjusted (CUPED on L) and put in a
 * confidence sequence like any per-unit mean. The relative change R_t/R_c − 1 gets Fieller's
 * interval (Fieller 1954; exact for a ratio of two independent normal estimates) and the delta
 * interval.
 */
import { normalQuantile, normalTwoSidedPValue } from './distributions.js';
import type { SampleSummary } from './sample-summary.js';
import { invalidArgument } from './validate.js';

/** One randomised unit's numerator (e.g. its completions) and denominator (its outcomes). */
export interface RatioUnit {
  readonly numerator: number;
  readonly denominator: number;
}

/** A ratio over units with its delta-method variance. */
export interface RatioEstimate {
  readonly units: number;
  /** Σ numerators / Σ denominators (NaN without denominator). */
  readonly ratio: number;
  /** Var(R) by the delta method (NaN with fewer than 2 units). */
  readonly variance: number;
  /** Mean denominator per unit. */
  readonly meanDenominator: number;
  /** The units' linearised values R + (x − R·y)/ȳ (mean R, sample variance n·Var(R)). */
  readonly linearised: number[];
}

function check(fn: string, units: readonly RatioUnit[]): void {
  if (!Array.isArray(units)) invalidArgument(fn, 'units must be an array of { numerator, denominator }');
  units.forEach((u, i) => {
    if (!Number.isFinite(u.numerator) || !Number.isFinite(u.denominator) || u.denominator < 0) {
      invalidArgument(fn, `units[${i}] must have a finite numerator and a finite denominator ≥ 0`);
    }
  });
}

/**
 * The ratio of sums over units and its delta-method variance.
 * @param units each unit's numerator and denominator
 * @returns R, Var(R), ȳ and the linearised values
 * @throws AnalyticsError INVALID_ARGUMENT for non-finite values or a negative denominator
 * @example
 * deltaMethodRatio([{ numerator: 1, denominator: 2 }, { numerator: 3, denominator: 3 }, { numerator: 0, denominator: 1 }])
 * // ratio 4/6; variance = (s_x² − 2R s_xy + R² s_y²)/(n ȳ²) = (7/3 − 2·(2/3)·1.5 + (4/9)·1)/(3·4) = 0.0648148…
 */
export function deltaMethodRatio(units: readonly RatioUnit[]): RatioEstimate {
  check('deltaMethodRatio', units);
  const n = units.length;
  let sx = 0;
  let sy = 0;
  for (const u of units) {
    sx += u.numerator;
    sy += u.denominator;
  }
  const ratio = sy > 0 ? sx / sy : NaN;
  const ybar = n > 0 ? sy / n : NaN;
  const linearised = units.map((u) => ratio + (u.numerator - ratio * u.denominator) / ybar);
  let ss = 0;
  for (const u of units) {
    const r = u.numerator - ratio * u.denominator;
    ss += r * r;
  }
  // Σ(x − R y)² = (n − 1)(s_x² − 2R s_xy + R² s_y²) because Σ(x − R y) = 0 at R = Σx/Σy
  const variance = n >= 2 && sy > 0 ? ss / (n - 1) / (n * ybar * ybar) : NaN;
  return { units: n, ratio, variance, meanDenominator: ybar, linearised };
}

/**
 * The summary (n, mean, sample variance) of linearised values: mean R and variance/n = Var(R).
 * @param e a ratio estimate
 * @returns a SampleSummary usable by Welch-type and sequential functions
 * @throws never
 * @example ratioSummary(deltaMethodRatio(units)) // { n: 3, mean: 0.666…, variance: 0.194444… }
 */
export function ratioSummary(e: RatioEstimate): SampleSummary {
  return { n: e.units, mean: e.ratio, variance: e.variance * e.units };
}

/** Treatment − control of two ratios, with the relative change. */
export interface RatioComparison {
  /** R_t − R_c */
  readonly difference: number;
  readonly standardError: number;
  readonly ci: readonly [number, number];
  /** Two-sided normal p of the difference. */
  readonly pValue: number;
  /** R_t / R_c − 1 */
  readonly relativeLift: number;
  /** Fieller's interval of R_t/R_c − 1; [NaN, NaN] when unbounded (the control ratio is not distinguishable from 0). */
  readonly relativeLiftFiellerCi: readonly [number, number];
  /** Delta-method interval of R_t/R_c − 1. */
  readonly relativeLiftDeltaCi: readonly [number, number];
}

/**
 * Compares two independent estimates with known variances: normal interval and p of the
 * difference, Fieller and delta intervals of the relative change.
 * @param control R_c and Var(R_c)
 * @param treatment R_t and Var(R_t)
 * @param alpha level of the intervals (default 0.05)
 * @returns the comparison (NaN where not computable)
 * @throws AnalyticsError INVALID_ARGUMENT for alpha outside (0, 1)
 * @example
 * compareRatios({ ratio: 0.5, variance: 0.0004 }, { ratio: 0.6, variance: 0.0004 }).relativeLiftFiellerCi // [0.0623…, 0.3377…]
 */
export function compareRatios(
  control: { readonly ratio: number; readonly variance: number },
  treatment: { readonly ratio: number; readonly variance: number },
  alpha = 0.05,
): RatioComparison {
  if (!(alpha > 0 && alpha < 1)) invalidArgument('compareRatios', `alpha must lie strictly between 0 and 1 (got ${String(alpha)})`);
  const z = normalQuantile(1 - alpha / 2);
  const rc = control.ratio;
  const rt = treatment.ratio;
  const vc = control.variance;
  const vt = treatment.variance;
  const difference = rt - rc;
  const standardError = Math.sqrt(vc + vt);
  const ok = Number.isFinite(difference) && standardError > 0;
  const pValue = ok ? normalTwoSidedPValue(difference / standardError) : NaN;
  const ci: [number, number] = ok ? [difference - z * standardError, difference + z * standardError] : [NaN, NaN];
  const relativeLift = rc !== 0 ? rt / rc - 1 : NaN;
  const liftSe = Math.sqrt(vt / (rc * rc) + (rt * rt * vc) / rc ** 4);
  const relativeLiftDeltaCi: [number, number] = Number.isFinite(liftSe) && rc !== 0 ? [relativeLift - z * liftSe, relativeLift + z * liftSe] : [NaN, NaN];
  // Fieller: ρ with (R_t − ρ R_c)² ≤ z² (V_t + ρ² V_c): a(ρ²) − 2bρ + c ≤ 0
  const a = rc * rc - z * z * vc;
  const b = rt * rc;
  const c = rt * rt - z * z * vt;
  const disc = b * b - a * c;
  const relativeLiftFiellerCi: [number, number] = a > 0 && disc >= 0 ? [(b - Math.sqrt(disc)) / a - 1, (b + Math.sqrt(disc)) / a - 1] : [NaN, NaN];
  return { difference, standardError, ci, pValue, relativeLift, relativeLiftFiellerCi, relativeLiftDeltaCi };
}
