/**
 * Isotonic (non-decreasing) regression by the pool-adjacent-violators algorithm (PAV), with
 * scikit-learn's IsotonicRegression conventions: equal x values are first merged into their
 * weighted mean, and predictions interpolate linearly between the fitted knots, clipped to the
 * first and last knot outside them.
 */
import { AnalyticsError } from '../engine/errors.js';

/** A fitted isotonic regression: increasing knots x with non-decreasing values y. */
export interface IsotonicFit {
  /** Distinct x values, ascending. */
  x: number[];
  /** Fitted value at each knot (non-decreasing). */
  y: number[];
}

/**
 * PAV on values already in x order: the non-decreasing sequence closest to `values` in weighted
 * least squares.
 * @param values observations in x order
 * @param weights positive weights (default 1 each)
 * @returns fitted values, one per input
 * @throws AnalyticsError INVALID_ARGUMENT on mismatched lengths or a weight ≤ 0
 * @example pav([1, 3, 2, 4]) // Float64Array [1, 2.5, 2.5, 4]
 */
export function pav(values: ArrayLike<number>, weights?: ArrayLike<number>): Float64Array {
  const n = values.length;
  if (weights && weights.length !== n) throw new AnalyticsError('INVALID_ARGUMENT', `pav: ${n} values but ${weights.length} weights`);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    w[i] = weights ? weights[i] : 1;
    if (!(w[i] > 0)) throw new AnalyticsError('INVALID_ARGUMENT', `pav: weight ${w[i]} at ${i} must be > 0`);
  }
  const blocks = pavBlocks(values, w, new PavBlocks(n));
  const out = new Float64Array(n);
  let i = 0;
  for (let b = 0; b < blocks.count; b++) {
    for (let k = 0; k < blocks.size[b]; k++) out[i++] = blocks.level[b];
  }
  return out;
}

/** PAV's pooled blocks: the first `count` entries, in x order (room for as many blocks as values). */
export class PavBlocks {
  readonly level: Float64Array;
  readonly weight: Float64Array;
  readonly size: Int32Array;
  count = 0;
  constructor(capacity: number) {
    this.level = new Float64Array(capacity);
    this.weight = new Float64Array(capacity);
    this.size = new Int32Array(capacity);
  }
}

/**
 * The pool-adjacent-violators pass: `values` pooled into non-decreasing blocks.
 * @param values observations in x order
 * @param weights their weights, all > 0 (not checked)
 * @param into room for at least `values.length` blocks (overwritten; reused by callers that run many fits)
 * @returns `into`, holding the blocks
 */
export function pavBlocks(values: ArrayLike<number>, weights: Float64Array, into: PavBlocks): PavBlocks {
  const { level, weight, size } = into;
  let blocks = 0;
  for (let i = 0; i < values.length; i++) {
    level[blocks] = values[i];
    weight[blocks] = weights[i];
    size[blocks] = 1;
    blocks++;
    while (blocks > 1 && level[blocks - 2] >= level[blocks - 1]) {
      const a = blocks - 2;
      const b = blocks - 1;
      const total = weight[a] + weight[b];
      level[a] = (level[a] * weight[a] + level[b] * weight[b]) / total;
      weight[a] = total;
      size[a] += size[b];
      blocks--;
    }
  }
  into.count = blocks;
  return into;
}

/**
 * Fits a non-decreasing function of x to y (scikit-learn's IsotonicRegression(increasing=True)).
 * @param x inputs (any order)
 * @param y targets
 * @param w optional positive weights
 * @returns the knots; predict with {@link isotonicPredict}
 * @throws AnalyticsError INVALID_ARGUMENT on empty or mismatched input or non-finite values
 * @example isotonicRegression([0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1]) // { x: [0.1, 0.2, 0.3, 0.4], y: [0, 0.5, 0.5, 1] }
 */
export function isotonicRegression(x: ArrayLike<number>, y: ArrayLike<number>, w?: ArrayLike<number>): IsotonicFit {
  const n = x.length;
  if (n === 0 || y.length !== n || (w && w.length !== n))
    throw new AnalyticsError('INVALID_ARGUMENT', `isotonicRegression: needs equally long, non-empty x and y (got ${n} and ${y.length})`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new AnalyticsError('INVALID_ARGUMENT', `isotonicRegression: non-finite value at ${i}`);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const ux: number[] = [];
  const uy: number[] = [];
  const uw: number[] = [];
  for (const i of order) {
    const wi = w ? w[i] : 1;
    const last = ux.length - 1;
    if (last >= 0 && ux[last] === x[i]) {
      uy[last] = (uy[last] * uw[last] + y[i] * wi) / (uw[last] + wi);
      uw[last] += wi;
    } else {
      ux.push(x[i]);
      uy.push(y[i]);
      uw.push(wi);
    }
  }
  return { x: ux, y: Array.from(pav(uy, uw)) };
}

/**
 * The fitted function at `v`: linear interpolation between knots, the end values outside them.
 * @param fit from {@link isotonicRegression}
 * @param v input
 * @returns fitted value
 * @example isotonicPredict({ x: [0, 1], y: [0.2, 0.8] }, 0.5) // 0.5
 */
export function isotonicPredict(fit: { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> }, v: number): number {
  const { x, y } = fit;
  const n = x.length;
  if (v <= x[0]) return y[0];
  if (v >= x[n - 1]) return y[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= v) lo = mid;
    else hi = mid;
  }
  return y[lo] + ((y[hi] - y[lo]) * (v - x[lo])) / (x[hi] - x[lo]);
}
