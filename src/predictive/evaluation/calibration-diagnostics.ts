/**
 * How well probabilities are calibrated: the expected calibration error over equal-width bins, the
 * CORP decomposition of the Brier score (Dimitriadis, Gneiting & Jordan 2021) into reliability
 * (miscalibration), resolution (discrimination) and uncertainty, Murphy's three terms computed on
 * the PAV-recalibrated forecast so that Brier = reliability − resolution + uncertainty exactly, and
 * the CORP reliability diagram (the PAV calibration curve) with its consistency band.
 */
import { isotonicPredict, pav, pavBlocks, PavBlocks } from '../../stats/isotonic-regression.js';
import { lowerBound } from '../../stats/sorted-search.js';
import { calibrationTable, type Labels } from './metrics.js';

/** Murphy's terms of the Brier score, CORP style: brier = reliability − resolution + uncertainty. */
export interface BrierDecomposition {
  brier: number;
  /** Miscalibration: Brier of the forecast minus Brier of its PAV recalibration (≥ 0, lower is better). */
  reliability: number;
  /** Discrimination: Brier of the base rate minus Brier of the PAV recalibration (≥ 0, higher is better). */
  resolution: number;
  /** Brier of the base rate: ō(1 − ō). */
  uncertainty: number;
}

/** One point of the CORP reliability diagram. */
export interface ReliabilityPoint {
  /** Predicted probability. */
  predicted: number;
  /** PAV-recalibrated probability at that prediction (the calibration curve). */
  observed: number;
  /** 5 % / 95 % pointwise quantiles of the curve when the predictions are calibrated (resampled outcomes). */
  bandLow: number;
  bandHigh: number;
}

/** Rows grouped by distinct prediction, ascending. */
interface Groups {
  x: Float64Array;
  count: Float64Array;
  positives: Float64Array;
  /** Group of each input row. */
  groupOf: Int32Array;
}

function groups(y: Labels, p: ArrayLike<number>): Groups {
  const n = p.length;
  // Distinct values by a native sort, each row's group by binary search: the groups of a
  // comparator sort of the rows, several times faster.
  const sorted = Float64Array.from(p).sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i];
  const x = sorted.slice(0, k);
  const count = new Float64Array(k);
  const positives = new Float64Array(k);
  const groupOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = lowerBound(x, p[i]);
    groupOf[i] = g;
    count[g]++;
    positives[g] += Number(y[i]);
  }
  return { x, count, positives, groupOf };
}

function pavByGroup(g: Groups, positives: Float64Array): Float64Array {
  const rate = Float64Array.from(positives, (s, k) => s / g.count[k]);
  return pav(rate, g.count);
}

/**
 * Expected calibration error: Σ (bin rows / n) · |mean prediction − completion rate| over
 * equal-width bins (the bins of scikit-learn's calibration_curve).
 * @param y labels 0/1
 * @param p predicted probabilities
 * @param bins number of bins (default 10)
 * @returns ECE in [0, 1]
 * @example expectedCalibrationError([0, 1, 1, 1], [0.2, 0.4, 0.8, 0.9], 2) // (2·|0.3−0.5| + 2·|0.85−1|)/4 = 0.175
 */
export function expectedCalibrationError(y: Labels, p: ArrayLike<number>, bins = 10): number {
  const n = y.length;
  return calibrationTable(y, p, bins).reduce((s, b) => s + (b.count / n) * Math.abs(b.meanPredicted - b.observedRate), 0);
}

/**
 * CORP decomposition of the Brier score.
 * @param y labels 0/1
 * @param p predicted probabilities
 * @returns brier, reliability, resolution, uncertainty (brier = reliability − resolution + uncertainty)
 * @example brierDecomposition([0, 1, 0, 1], [0.2, 0.4, 0.6, 0.8])
 * // PAV: [0, 0.5, 0.5, 1] → { brier: 0.2, reliability: 0.075, resolution: 0.125, uncertainty: 0.25 }
 */
export function brierDecomposition(y: Labels, p: ArrayLike<number>): BrierDecomposition {
  const n = y.length;
  const g = groups(y, p);
  const fitted = pavByGroup(g, g.positives);
  let base = 0;
  for (let i = 0; i < n; i++) base += Number(y[i]);
  base /= n;
  let brier = 0;
  let recalibrated = 0;
  let climatology = 0;
  for (let i = 0; i < n; i++) {
    const yi = Number(y[i]);
    brier += (p[i] - yi) ** 2;
    recalibrated += (fitted[g.groupOf[i]] - yi) ** 2;
    climatology += (base - yi) ** 2;
  }
  brier /= n;
  recalibrated /= n;
  climatology /= n;
  return { brier, reliability: brier - recalibrated, resolution: climatology - recalibrated, uncertainty: climatology };
}

/**
 * The CORP reliability diagram: the PAV calibration curve at `points` quantiles of the predictions,
 * with a 90 % consistency band from `resamples` outcome sets drawn as Bernoulli(prediction), i.e.
 * how far the curve strays from the diagonal by chance alone when the predictions are calibrated.
 * @param y labels 0/1
 * @param p predicted probabilities
 * @param options points (default 41), resamples (default 100), seed (default 1)
 * @returns points in ascending prediction order (distinct predictions only)
 * @example reliabilityDiagram(labels, probabilities)[0] // { predicted: 0.31, observed: 0.25, bandLow: 0.18, bandHigh: 0.42 }
 */
export function reliabilityDiagram(y: Labels, p: ArrayLike<number>, options: { points?: number; resamples?: number; seed?: number } = {}): ReliabilityPoint[] {
  const { points = 41, resamples = 100, seed = 1 } = options;
  const g = groups(y, p);
  const curve = pavByGroup(g, g.positives);
  const k = g.x.length;
  // Grid: distinct prediction values at evenly spaced ranks.
  const cumulative = new Float64Array(k);
  let c = 0;
  for (let j = 0; j < k; j++) cumulative[j] = c += g.count[j];
  const grid: number[] = [];
  for (let q = 0; q < points; q++) {
    const target = (c - 1) * (q / (points - 1)) + 1;
    let j = 0;
    while (j < k - 1 && cumulative[j] < target) j++;
    if (grid.length === 0 || grid[grid.length - 1] !== g.x[j]) grid.push(g.x[j]);
  }
  // Grid points are group values, where the PAV curve is its group's fitted value.
  const gridGroup = grid.map((x) => lowerBound(g.x, x));
  const draws = grid.map(() => new Float64Array(resamples));
  const rate = new Float64Array(k);
  const blocks = new PavBlocks(k);
  // mulberry32 (src/stats/random.ts) inlined, the same stream as mulberry32(seed): this loop draws resamples × n numbers.
  let state = seed >>> 0;
  for (let b = 0; b < resamples; b++) {
    for (let j = 0; j < k; j++) {
      const x = g.x[j];
      const count = g.count[j];
      let s = 0;
      for (let r = 0; r < count; r++) {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        if (((t ^ (t >>> 14)) >>> 0) / 4294967296 < x) s++;
      }
      rate[j] = s / count;
    }
    // The fit at the grid's groups (ascending): the block holding each.
    const fit = pavBlocks(rate, g.count, blocks);
    for (let i = 0, block = 0, end = fit.size[0]; i < grid.length; i++) {
      while (gridGroup[i] >= end) end += fit.size[++block];
      draws[i][b] = fit.level[block];
    }
  }
  const at = (sorted: Float64Array, q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
  return grid.map((x, i) => {
    const sorted = draws[i].sort();
    return { predicted: x, observed: isotonicPredict({ x: g.x, y: curve }, x), bandLow: at(sorted, 0.05), bandHigh: at(sorted, 0.95) };
  });
}
