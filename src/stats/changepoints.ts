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
 *
 * Where the level model's residuals stay strongly dependent (ρ ≥ 0.7: the level is not piecewise
 * constant, it grows or falls), the same fixed point is run on a piecewise-linear model
 * (src/stats/pelt-linear.ts, each segment its own line, the same penalty per change); its
 * segmentation replaces the level one when the lines explain the dependence (their residual
 * ρ < 0.9): a change of growth (a boom turning to a bust) is then found where a level model saw
 * one long drift. A random walk often keeps ρ ≥ 0.9 around lines and stays with the level model,
 * but not always: walks are cut more often than by the level model alone (docs/time-series.md).
 */
import { requireArgument } from '../engine/errors.js';
import { differenceSigma, peltMeanShift, type MeanShift } from './pelt.js';
import { lineFits, peltLinearTrend, type LineFits } from './pelt-linear.js';
import { MAD_NORMAL_CONSISTENCY, median } from './robust.js';

/** Largest residual autocorrelation used in the long-run factor (factor ≤ 99). */
export const MAX_NOISE_AUTOCORRELATION = 0.98;

/** The level model's residual autocorrelation from which the piecewise-linear model is tried. */
const TREND_MODEL_AUTOCORRELATION = 0.7;

/** The piecewise-linear segmentation is kept only when its residual autocorrelation is below this. */
const TREND_MODEL_MAX_AUTOCORRELATION = 0.9;

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
  /**
   * `'auto'` (default): the level model, or the piecewise-linear one where the level model leaves
   * residuals with ρ ≥ 0.7 and the lines bring them below 0.9 (only with `noise: 'dependent'`).
   * `'level'`: the level model only (piecewise-constant mean), as earlier versions.
   */
  model?: 'auto' | 'level';
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
  /** Cost saved by the split (χ² units, before the penalty; of the lines under the trend model). */
  costGain: number;
  /** (after − before) / standard error of the difference at the noise σ. */
  zScore: number;
  /** Trend model only: slope of the segment's line before / after, per value. */
  slopeBefore?: number;
  slopeAfter?: number;
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
  /** `'level'`: piecewise-constant mean; `'trend'`: a line per segment (see `model`). */
  model: 'level' | 'trend';
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
 * @param lines residuals around each segment's least-squares line (from `lineFits`) instead of its mean
 * @returns σ = √(min(Σ w r² / (n − p), (1.4826 · MAD(√w r))²) · (1 + ρ) / (1 − ρ)) and ρ ∈ [0, 0.98],
 *   p = number of fitted parameters (one per segment, two with lines)
 * @example dependentNoiseSigma([0, 1, 0, 1, 10, 11, 10, 11], [1, 1, 1, 1, 1, 1, 1, 1], [0, 4]).autocorrelation // 0 (alternating residuals: ρ < 0 is clipped)
 */
export function dependentNoiseSigma(values: readonly number[], weights: readonly number[], segmentStarts: readonly number[], lines?: LineFits): { sigma: number; rho: number } {
  const n = values.length;
  const bounds = [...segmentStarts, n];
  const r = new Float64Array(n);
  const segment = new Int32Array(n);
  for (let k = 0; k + 1 < bounds.length; k++) {
    let fitted = (_: number) => 0;
    if (lines) {
      const { intercept, slope } = lines.line(bounds[k], bounds[k + 1]);
      fitted = (i) => intercept + slope * i;
    } else {
      let s = 0;
      let w = 0;
      for (let i = bounds[k]; i < bounds[k + 1]; i++) {
        s += weights[i] * values[i];
        w += weights[i];
      }
      fitted = () => s / w;
    }
    for (let i = bounds[k]; i < bounds[k + 1]; i++) {
      r[i] = (values[i] - fitted(i)) * Math.sqrt(weights[i]);
      segment[i] = k;
    }
  }
  let ss = 0;
  for (const v of r) ss += v * v;
  const variance = ss / Math.max(1, n - (lines ? 2 : 1) * segmentStarts.length);
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
 * @param options weights, penalty ('mbic'), minSegment (3), sigmaFloor (0), noise ('dependent'), model ('auto')
 * @returns the changes (index = first value after the change) with the levels around each, the
 *   segmentation, σ, ρ, the model used and the penalty; no change for fewer than 2 · minSegment values or a constant series
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
  const model = options.model ?? 'auto';
  requireArgument(model === 'auto' || model === 'level', `changepoints: model must be 'auto' or 'level' (got ${String(model)})`);
  const penalty = penaltyValue(rule, n);
  const none: SeriesChangepoints = { changes: [], segmentStarts: n ? [0] : [], sigma: 0, autocorrelation: 0, model: 'level', penalty };
  if (n < 2 * minSegment) return none;
  const run = (sigma: number) => peltMeanShift(values, { weights, sigma, penalty, minSegment });
  if (noise === 'differences') {
    const sigma = Math.max(differenceSigma(values, weights), floor);
    if (!(sigma > 0)) return none;
    const fit = run(sigma);
    return { changes: fit.changes.map(describeShift), segmentStarts: fit.segmentStarts, sigma, autocorrelation: 0, model: 'level', penalty };
  }
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
  const start = Math.max(Math.sqrt(ss / (n - 1)), floor);
  if (!(start > 0)) return none;
  const level = fixedPoint(run, (starts) => dependentNoiseSigma(values, weights, starts), start, floor);
  const levelResult: SeriesChangepoints = {
    changes: level.fit.changes.map(describeShift),
    segmentStarts: level.fit.segmentStarts,
    sigma: level.sigma,
    autocorrelation: level.rho,
    model: 'level',
    penalty,
  };
  if (model === 'level' || level.rho < TREND_MODEL_AUTOCORRELATION) return levelResult;
  const lines = lineFits(values, weights);
  const trend = fixedPoint(
    (sigma) => peltLinearTrend(values, { weights, sigma, penalty, minSegment: Math.max(2, minSegment) }),
    (starts) => dependentNoiseSigma(values, weights, starts, lines),
    start,
    floor,
  );
  if (!(trend.rho < TREND_MODEL_MAX_AUTOCORRELATION)) return levelResult;
  return {
    changes: describeTrendChanges(values, weights, trend.fit.segmentStarts, lines, trend.sigma),
    segmentStarts: trend.fit.segmentStarts,
    sigma: trend.sigma,
    autocorrelation: trend.rho,
    model: 'trend',
    penalty,
  };
}

const describeShift = (c: MeanShift): SeriesChange => ({ index: c.index, before: c.before, after: c.after, size: c.after - c.before, costGain: c.costGain, zScore: c.zScore });

/**
 * Runs a segmentation at σ, re-estimates σ around it, and repeats until a segmentation repeats.
 * @param segment the segmentation at a noise σ
 * @param noise σ and ρ of the residuals around a segmentation
 * @param start the first σ
 * @param floor the least σ
 * @returns the last segmentation with the σ it was found at and the ρ behind that σ (0 when σ is the start)
 */
function fixedPoint<T extends { segmentStarts: number[] }>(
  segment: (sigma: number) => T,
  noise: (starts: readonly number[]) => { sigma: number; rho: number },
  start: number,
  floor: number,
): { fit: T; sigma: number; rho: number } {
  let sigma = start;
  let rho = 0;
  let fit = segment(sigma);
  const seen = new Set<string>([fit.segmentStarts.join(',')]);
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const next = noise(fit.segmentStarts);
    const s = Math.max(next.sigma, floor);
    if (!(s > 0)) break;
    fit = segment(s);
    sigma = s;
    rho = next.rho;
    const key = fit.segmentStarts.join(',');
    if (seen.has(key)) break;
    seen.add(key);
  }
  return { fit, sigma, rho };
}

/**
 * The changes of a piecewise-linear segmentation, described as level changes (weighted segment
 * means before / after) with the lines' slopes and the cost the split saves.
 * @param values the series
 * @param weights weights
 * @param starts the segmentation
 * @param lines line fits of the series
 * @param sigma noise σ of a weight-1 value
 * @returns one change per segment start after the first
 */
function describeTrendChanges(values: readonly number[], weights: readonly number[], starts: readonly number[], lines: LineFits, sigma: number): SeriesChange[] {
  const bounds = [...starts, values.length];
  const mean = (a: number, b: number) => {
    let s = 0;
    let w = 0;
    for (let i = a; i < b; i++) {
      s += weights[i] * values[i];
      w += weights[i];
    }
    return { mean: s / w, weight: w };
  };
  return starts.slice(1).map((b, k) => {
    const [a, c] = [bounds[k], bounds[k + 2]];
    const before = mean(a, b);
    const after = mean(b, c);
    return {
      index: b,
      before: before.mean,
      after: after.mean,
      size: after.mean - before.mean,
      costGain: (lines.rss(a, c) - lines.rss(a, b) - lines.rss(b, c)) / (sigma * sigma),
      zScore: (after.mean - before.mean) / (sigma * Math.sqrt(1 / before.weight + 1 / after.weight)),
      slopeBefore: lines.line(a, b).slope,
      slopeAfter: lines.line(b, c).slope,
    };
  });
}
