/**
 * Changes of a piecewise-linear level by PELT: each segment its own intercept and slope (segments
 * are not joined), the exact minimum of Σ segment costs + β · (number of changes), pruned. Model:
 * x_i ~ N(α_segment + γ_segment · i, σ² / w_i) with σ known; a segment's cost is the weighted
 * residual sum of squares of its least-squares line over σ² (−2 log-likelihood up to a constant),
 * so β is in χ² units as in src/stats/pelt.ts. `changepoints` (src/stats/changepoints.ts) uses it
 * where a level model leaves strongly dependent residuals: a change of growth, not of level.
 */
import { requireArgument } from '../engine/errors.js';
import { peltSearch } from './pelt.js';

/** Weighted least-squares lines over any index range [a, b) in O(1), from prefix sums. */
export interface LineFits {
  /** Weighted residual sum of squares of the line over [a, b) (original units²). */
  rss(a: number, b: number): number;
  /** Intercept at index 0 and slope per index step of the line over [a, b). */
  line(a: number, b: number): { intercept: number; slope: number };
}

/**
 * Prefix sums for weighted line fits (values centred and scaled inside, so series near 1e15 keep
 * their digits).
 * @param values the series
 * @param weights weights (Var = σ² / w)
 * @returns rss and line of any range
 * @example lineFits([1, 2, 3, 5, 7, 9], [1, 1, 1, 1, 1, 1]).rss(3, 6) // 0 (the line 5, 7, 9)
 */
export function lineFits(values: readonly number[], weights: readonly number[]): LineFits {
  const n = values.length;
  let sw = 0;
  let sx = 0;
  for (let i = 0; i < n; i++) {
    sw += weights[i];
    sx += weights[i] * values[i];
  }
  const centre = sw > 0 ? sx / sw : 0;
  const scale = values.reduce((m, v) => Math.max(m, Math.abs(v - centre)), 0) || 1;
  const W = new Float64Array(n + 1);
  const T = new Float64Array(n + 1);
  const TT = new Float64Array(n + 1);
  const X = new Float64Array(n + 1);
  const TX = new Float64Array(n + 1);
  const XX = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    const t = i / Math.max(1, n);
    const x = (values[i] - centre) / scale;
    W[i + 1] = W[i] + w;
    T[i + 1] = T[i] + w * t;
    TT[i + 1] = TT[i] + w * t * t;
    X[i + 1] = X[i] + w * x;
    TX[i + 1] = TX[i] + w * t * x;
    XX[i + 1] = XX[i] + w * x * x;
  }
  // centred moments of [a, b): weight, mean t, mean x, Stt, Stx, Sxx
  const moments = (a: number, b: number) => {
    const w = W[b] - W[a];
    const t = (T[b] - T[a]) / w;
    const x = (X[b] - X[a]) / w;
    return { t, x, stt: TT[b] - TT[a] - w * t * t, stx: TX[b] - TX[a] - w * t * x, sxx: XX[b] - XX[a] - w * x * x, w };
  };
  const flat = (stt: number, w: number) => !(stt > 1e-14 * w);
  return {
    rss(a, b) {
      const m = moments(a, b);
      const r = flat(m.stt, m.w) ? m.sxx : m.sxx - (m.stx * m.stx) / m.stt;
      return Math.max(0, r) * scale * scale;
    },
    line(a, b) {
      const m = moments(a, b);
      const slope = flat(m.stt, m.w) ? 0 : m.stx / m.stt;
      return { intercept: centre + scale * (m.x - slope * m.t), slope: (scale * slope) / Math.max(1, n) };
    },
  };
}

/**
 * Finds the changes of a piecewise-linear level (exact optimum of the penalised cost, pruned search).
 * @param values finite values in time order
 * @param options sigma (noise of a weight-1 value), penalty (χ² units per change), weights (1), minSegment (3, at least 2)
 * @returns the start index of each segment (0 first) and the total cost including penalties
 * @throws AnalyticsError INVALID_ARGUMENT for non-finite values, weights ≤ 0, sigma ≤ 0 or a negative penalty
 * @example peltLinearTrend([0, 1, 2, 3, 4, 5, 10, 9, 8, 7, 6, 5], { sigma: 0.1, penalty: 3 * Math.log(12) }).segmentStarts // [0, 6]
 */
export function peltLinearTrend(
  values: readonly number[],
  options: { sigma: number; penalty: number; weights?: readonly number[]; minSegment?: number },
): { segmentStarts: number[]; cost: number } {
  const n = values.length;
  const { sigma, penalty } = options;
  const w = options.weights ?? values.map(() => 1);
  const minSeg = Math.max(2, options.minSegment ?? 3);
  requireArgument(values.every(Number.isFinite), 'peltLinearTrend: values must be finite numbers');
  requireArgument(w.length === n && w.every((v) => Number.isFinite(v) && v > 0), 'peltLinearTrend: weights must be positive numbers, one per value');
  requireArgument(Number.isFinite(sigma) && sigma > 0, `peltLinearTrend: sigma must be a positive number (got ${String(sigma)})`);
  requireArgument(Number.isFinite(penalty) && penalty >= 0, `peltLinearTrend: penalty must be a number ≥ 0 (got ${String(penalty)})`);
  const fits = lineFits(values, w);
  const s2 = sigma * sigma;
  if (n < 2 * minSeg) return { segmentStarts: n ? [0] : [], cost: n ? fits.rss(0, n) / s2 : 0 };
  return peltSearch(n, minSeg, penalty, (a, b) => fits.rss(a, b) / s2);
}
