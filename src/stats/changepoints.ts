/**
 * Changes in the level of a plain series: PELT on a weighted normal mean-shift model
 * (src/stats/pelt.ts) with a noise scale that holds on real series — drifting, autocorrelated,
 * with outliers. The scale is re-estimated from the residuals around the current segmentation until
 * the segmentation repeats: σ² = min(residual variance, (1.4826 · MAD)²) times the long-run factor
 * (1 + ρ) / (1 − ρ) of an AR(1) with the residuals' lag-1 autocorrelation ρ (within segments,
 * clipped to [0, 0.98]). Starting from the series' SD, a drifting series keeps a large ρ and so
 * a large long-run σ (a wiggle is not a step), while independent noise keeps ρ ≈ 0 and the residual
 * σ finds the steps. Chosen by measurement on the Turing Change Point Dataset (bench/real-world/,
 * docs/time-series.md); the successive-difference σ it replaces collapsed on smooth series.
 */
import { requireArgument } from '../engine/errors.js';
import { differenceSigma, peltMeanShift } from './pelt.js';
import { MAD_NORMAL_CONSISTENCY, median } from './robust.js';

/** Largest residual autocorrelation used in the long-run factor (factor ≤ 99). */
export const MAX_NOISE_AUTOCORRELATION = 0.98;

/** At most this many re-estimations of σ (the segmentation usually repeats after 2–4). */
const MAX_PASSES = 20;

/** Options of {@link changepoints}. */
export interface SeriesChangepointOptions {
  /** Weight of each value (e.g. invocations behind a daily rate: Var = σ² / w); default 1. */
  weights?: readonly number[];
  /** MBIC 3 ln n (default), BIC 2 ln n, or a number in χ² units. */
  penalty?: 'mbic' | 'bic' | number;
  /** Fewest values in a segment (default 3, as the daily skill analysis). */
  minSegment?: number;
  /** The least noise σ there can be (e.g. a binomial or Poisson floor); default 0. */
  sigmaFloor?: number;
  /**
   * `'dependent'` (default): the residual σ with the AR(1) long-run factor, re-estimated to a fixed
   * point. `'differences'`: the successive-difference σ of earlier versions (`differenceSigma`).
   */
  noise?: 'dependent' | 'differences';
}

/** One change found by {@link changepoints}. */
export interface SeriesChange {
  /** Index of the first value after the change. */
  index: number;
  /** Weighted means of the segments before and after. */
  before: number;
  after: number;
  /** after − before. */
  size: number;
  /** Cost saved by the split (χ² units, before the penalty). */
  costGain: number;
  /** (after − before) / standard error of the difference at the noise σ. */
  zScore: number;
}

/** What {@link changepoints} returns. */
export interface SeriesChangepoints {
  changes: SeriesChange[];
  /** Start index of each segment (0 first; empty for an empty series). */
  segmentStarts: number[];
  /** The noise σ of a weight-1 value the segmentation used (0 for a constant series: no change). */
  sigma: number;
  /** Lag-1 autocorrelation of the residuals behind σ (0 with `noise: 'differences'`). */
  autocorrelation: number;
  /** The penalty's value (χ² units). */
  penalty: number;
}

/**
 * The penalty's value for n points.
 * @example penaltyValue('mbic', 30) // 3 · ln 30 ≈ 10.20
 */
export function penaltyValue(rule: 'mbic' | 'bic' | number, n: number): number {
  if (typeof rule === 'number') return rule;
  return (rule === 'mbic' ? 3 : 2) * Math.log(Math.max(n, 2));
}

/**
 * Noise σ of a weight-1 value from the residuals around a segmentation, and their autocorrelation.
 * @param values the series
 * @param weights weights (Var(value) = σ² / w)
 * @param segmentStarts start of each segment (0 first)
 * @returns σ = √(min(Σ w r² / (n − k), (1.4826 · MAD(√w r))²) · (1 + ρ) / (1 − ρ)) and ρ ∈ [0, 0.98]
 * @example dependentNoiseSigma([0, 1, 0, 1, 10, 11, 10, 11], [1, 1, 1, 1, 1, 1, 1, 1], [0, 4]).autocorrelation // 0 (alternating residuals: ρ < 0 is clipped)
 */
export function dependentNoiseSigma(values: readonly number[], weights: readonly number[], segmentStarts: readonly number[]): { sigma: number; rho: number } {
  const n = values.length;
  const bounds = [...segmentStarts, n];
  const r = new Float64Array(n);
  const segment = new Int32Array(n);
  for (let k = 0; k + 1 < bounds.length; k++) {
    let s = 0;
    let w = 0;
    for (let i = bounds[k]; i < bounds[k + 1]; i++) {
      s += weights[i] * values[i];
      w += weights[i];
    }
    for (let i = bounds[k]; i < bounds[k + 1]; i++) {
      r[i] = (values[i] - s / w) * Math.sqrt(weights[i]);
      segment[i] = k;
    }
  }
  let ss = 0;
  for (const v of r) ss += v * v;
  const variance = ss / Math.max(1, n - segmentStarts.length);
  const mad = MAD_NORMAL_CONSISTENCY * median(Array.from(r, Math.abs));
  const scale2 = mad > 0 ? Math.min(variance, mad * mad) : variance;
  let num = 0;
  let den = 0;
  for (let i = 1; i < n; i++) {
    if (segment[i] !== segment[i - 1]) continue;
    num += r[i] * r[i - 1];
    den += r[i - 1] * r[i - 1];
  }
  const rho = den > 0 ? Math.min(MAX_NOISE_AUTOCORRELATION, Math.max(0, num / den)) : 0;
  return { sigma: Math.sqrt((scale2 * (1 + rho)) / (1 - rho)), rho };
}

/**
 * Finds the changes in the level of a series.
 * @param values finite values in time order
 * @param options weights, penalty ('mbic'), minSegment (3), sigmaFloor (0), noise ('dependent')
 * @returns the changes (index = first value after the change) with the levels around each, the
 *   segmentation, σ, ρ and the penalty; no change for fewer than 2 · minSegment values or a constant series
 * @throws AnalyticsError INVALID_ARGUMENT for non-finite values, weights ≤ 0 or bad options
 * @example
 * changepoints([5, 5.2, 4.9, 5.1, 5, 5.1, 9, 9.1, 8.9, 9.2, 9, 8.8]).changes // [{ index: 6, before: 5.05, after: 9, ... }]
 */
export function changepoints(values: readonly number[], options: SeriesChangepointOptions = {}): SeriesChangepoints {
  const n = values.length;
  requireArgument(Array.isArray(values) && values.every((v) => typeof v === 'number' && Number.isFinite(v)), 'changepoints: values must be finite numbers');
  const weights = options.weights ?? new Array<number>(n).fill(1);
  requireArgument(weights.length === n && weights.every((w) => Number.isFinite(w) && w > 0), 'changepoints: weights must be positive numbers, one per value');
  const minSegment = options.minSegment ?? 3;
  requireArgument(Number.isInteger(minSegment) && minSegment >= 1, `changepoints: minSegment must be a whole number ≥ 1 (got ${String(minSegment)})`);
  const rule = options.penalty ?? 'mbic';
  requireArgument(
    rule === 'mbic' || rule === 'bic' || (typeof rule === 'number' && Number.isFinite(rule) && rule >= 0),
    `changepoints: penalty must be 'mbic', 'bic' or a number ≥ 0 (got ${String(rule)})`,
  );
  const floor = options.sigmaFloor ?? 0;
  requireArgument(Number.isFinite(floor) && floor >= 0, `changepoints: sigmaFloor must be a number ≥ 0 (got ${String(floor)})`);
  const noise = options.noise ?? 'dependent';
  requireArgument(noise === 'dependent' || noise === 'differences', `changepoints: noise must be 'dependent' or 'differences' (got ${String(noise)})`);
  const penalty = penaltyValue(rule, n);
  const none: SeriesChangepoints = { changes: [], segmentStarts: n ? [0] : [], sigma: 0, autocorrelation: 0, penalty };
  if (n < 2 * minSegment) return none;
  const run = (sigma: number) => peltMeanShift(values, { weights, sigma, penalty, minSegment });
  let sigma: number;
  let rho = 0;
  let fit: ReturnType<typeof run>;
  if (noise === 'differences') {
    sigma = Math.max(differenceSigma(values, weights), floor);
    if (!(sigma > 0)) return none;
    fit = run(sigma);
  } else {
    // start from the weighted SD (one segment, no factor), then re-estimate around each segmentation
    let s = 0;
    let w = 0;
    values.forEach((v, i) => {
      s += weights[i] * v;
      w += weights[i];
    });
    let ss = 0;
    values.forEach((v, i) => {
      ss += weights[i] * (v - s / w) ** 2;
    });
    sigma = Math.max(Math.sqrt(ss / (n - 1)), floor);
    if (!(sigma > 0)) return none;
    fit = run(sigma);
    const seen = new Set<string>([fit.segmentStarts.join(',')]);
    for (let pass = 1; pass < MAX_PASSES; pass++) {
      const next = dependentNoiseSigma(values, weights, fit.segmentStarts);
      const s = Math.max(next.sigma, floor);
      if (!(s > 0)) break;
      const refit = run(s);
      sigma = s;
      rho = next.rho;
      fit = refit;
      const key = refit.segmentStarts.join(',');
      if (seen.has(key)) break;
      seen.add(key);
    }
  }
  const changes = fit.changes.map((c) => ({ index: c.index, before: c.before, after: c.after, size: c.after - c.before, costGain: c.costGain, zScore: c.zScore }));
  return { changes, segmentStarts: fit.segmentStarts, sigma, autocorrelation: rho, penalty };
}
