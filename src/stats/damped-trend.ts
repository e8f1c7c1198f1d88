/**
 * Additive damped-trend exponential smoothing, ETS(A,Ad,N) (Gardner & McKenzie 1985; Hyndman &
 * Athanasopoulos, FPP3 §8.1 and §8.7): level ℓ_t = ℓ_{t−1} + φ b_{t−1} + α e_t, trend
 * b_t = φ b_{t−1} + β e_t, one-step error e_t = y_t − ℓ_{t−1} − φ b_{t−1}; forecast
 * ℓ_n + (φ + … + φ^h) b_n; h-step variance σ² (1 + Σ_{j<h} (α + β (φ + … + φ^j))²). α, β, φ minimise
 * the one-step squared errors (Nelder–Mead from α 0.5, β 0.05, φ 0.95, within 0 < β ≤ α < 1 and
 * 0.8 ≤ φ ≤ 0.98, the bounds forecast's `ets()` uses for φ); ℓ_0 = y_0, b_0 = mean of the first
 * differences of up to 10 values.
 */
import { requireArgument } from '../engine/errors.js';

/** A fitted damped-trend model. */
export interface DampedTrendFit {
  alpha: number;
  beta: number;
  phi: number;
  /** Last level and trend. */
  level: number;
  trend: number;
  /** Mean squared one-step error. */
  sigma2: number;
}

const PHI_MIN = 0.8;
const PHI_MAX = 0.98;

function sse(y: readonly number[], alpha: number, beta: number, phi: number, l0: number, b0: number): { sse: number; level: number; trend: number } {
  let level = l0;
  let trend = b0;
  let s = 0;
  for (const v of y) {
    const e = v - level - phi * trend;
    s += e * e;
    level = level + phi * trend + alpha * e;
    trend = phi * trend + beta * e;
  }
  return { sse: s, level, trend };
}

/**
 * Minimises f over R^d by Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½).
 * @param f the objective
 * @param start the first vertex; the others step 0.1 along each axis
 * @param iterations at most this many steps
 * @returns the best vertex
 */
export function nelderMead(f: (x: number[]) => number, start: number[], iterations = 300): number[] {
  const d = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + 0.1 : v)))].map((x) => ({ x, f: f(x) }));
  for (let it = 0; it < iterations; it++) {
    simplex.sort((a, b) => a.f - b.f);
    if (Math.abs(simplex[d].f - simplex[0].f) <= 1e-10 * (Math.abs(simplex[0].f) + 1e-12)) break;
    const centroid = start.map((_, j) => simplex.slice(0, d).reduce((s, p) => s + p.x[j], 0) / d);
    const toward = (t: number) => centroid.map((c, j) => c + t * (simplex[d].x[j] - c));
    const reflected = toward(-1);
    const fr = f(reflected);
    if (fr < simplex[0].f) {
      const expanded = toward(-2);
      const fe = f(expanded);
      simplex[d] = fe < fr ? { x: expanded, f: fe } : { x: reflected, f: fr };
    } else if (fr < simplex[d - 1].f) {
      simplex[d] = { x: reflected, f: fr };
    } else {
      const contracted = toward(0.5);
      const fc = f(contracted);
      if (fc < simplex[d].f) simplex[d] = { x: contracted, f: fc };
      else
        simplex = simplex
          .map((p, k) => (k === 0 ? p : { x: p.x.map((v, j) => simplex[0].x[j] + 0.5 * (v - simplex[0].x[j])), f: Number.NaN }))
          .map((p) => (Number.isNaN(p.f) ? { x: p.x, f: f(p.x) } : p));
    }
  }
  simplex.sort((a, b) => a.f - b.f);
  return simplex[0].x;
}

/** Maps unconstrained (u, v, w) to 0 < β ≤ α < 1 and φ in [0.8, 0.98]. */
function params(x: readonly number[]): { alpha: number; beta: number; phi: number } {
  const logistic = (t: number) => 1 / (1 + Math.exp(-t));
  const alpha = 0.0001 + 0.9998 * logistic(x[0]);
  return { alpha, beta: alpha * logistic(x[1]), phi: PHI_MIN + (PHI_MAX - PHI_MIN) * logistic(x[2]) };
}
const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Fits ETS(A,Ad,N) by least squares.
 * @param values finite values in time order (at least 3)
 * @param fixed α, β, φ to use instead of fitting them
 * @returns α, β, φ, the last level and trend, σ²
 * @throws AnalyticsError INVALID_ARGUMENT for fewer than 3 values or non-finite values
 * @example fitDampedTrend([1, 2, 3, 4, 5, 6]).trend // ≈ 1
 */
export function fitDampedTrend(values: readonly number[], fixed?: { alpha: number; beta: number; phi: number }): DampedTrendFit {
  requireArgument(values.length >= 3 && values.every(Number.isFinite), 'fitDampedTrend: needs at least 3 finite values');
  requireArgument(
    fixed === undefined || [fixed.alpha, fixed.beta, fixed.phi].every((v) => Number.isFinite(v) && v >= 0 && v <= 1),
    'fitDampedTrend: fixed alpha, beta and phi must be numbers in [0, 1]',
  );
  const k = Math.min(10, values.length - 1);
  const l0 = values[0];
  const b0 = (values[k] - values[0]) / k;
  const objective = (x: number[]) => {
    const p = params(x);
    return sse(values, p.alpha, p.beta, p.phi, l0, b0).sse;
  };
  const best = fixed ?? params(nelderMead(objective, [logit((0.5 - 0.0001) / 0.9998), logit(0.1), logit((0.95 - PHI_MIN) / (PHI_MAX - PHI_MIN))]));
  const r = sse(values, best.alpha, best.beta, best.phi, l0, b0);
  return { ...best, level: r.level, trend: r.trend, sigma2: r.sse / values.length };
}

/**
 * Point forecast and forecast-error SD h steps ahead.
 * @param fit the fitted model
 * @param h horizon (1 = next value)
 * @returns mean ℓ + (φ + … + φ^h) b and sd σ √(1 + Σ_{j=1}^{h−1} (α + β (φ + … + φ^j))²)
 * @example dampedTrendForecast({ alpha: 0.5, beta: 0.1, phi: 0.9, level: 10, trend: 1, sigma2: 1 }, 1) // { mean: 10.9, sd: 1 }
 */
export function dampedTrendForecast(fit: DampedTrendFit, h: number): { mean: number; sd: number } {
  let phiSum = 0;
  let variance = 1;
  let p = 1;
  for (let j = 1; j <= h; j++) {
    p *= fit.phi;
    if (j < h) {
      const c = fit.alpha + fit.beta * (phiSum + p);
      variance += c * c;
    }
    phiSum += p;
  }
  return { mean: fit.level + phiSum * fit.trend, sd: Math.sqrt(fit.sigma2 * variance) };
}
