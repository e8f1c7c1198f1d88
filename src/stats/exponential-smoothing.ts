/**
 * Simple exponential smoothing (ETS(A,N,N)): level ℓ_t = ℓ_{t−1} + α (y_t − ℓ_{t−1}), forecast ℓ_n
 * at every horizon, h-step variance σ² (1 + (h − 1) α²) (Hyndman & Athanasopoulos, FPP3 §8.7), σ² =
 * mean squared one-step error. α is chosen by least squares of the one-step errors (golden-section
 * search on [0.0001, 0.9999]), ℓ_0 = y_0 (statsmodels' `initialization_method='known'` with
 * that value).
 */
import { requireArgument } from '../engine/errors.js';

/** A fitted simple exponential smoothing. */
export interface SimpleExponentialSmoothing {
  alpha: number;
  /** Last level: the point forecast of every horizon. */
  level: number;
  /** Mean squared one-step error. */
  sigma2: number;
  /** One-step fitted values (fitted[t] = ℓ_{t−1}, fitted[0] = ℓ_0). */
  fitted: number[];
}

function run(values: readonly number[], alpha: number): { sse: number; level: number; fitted: number[] } {
  let level = values[0];
  let sse = 0;
  const fitted: number[] = [];
  for (const y of values) {
    fitted.push(level);
    const e = y - level;
    sse += e * e;
    level += alpha * e;
  }
  return { sse, level, fitted };
}

/**
 * Fits simple exponential smoothing.
 * @param values finite values in time order (at least 2)
 * @param alpha a fixed smoothing constant in (0, 1]; chosen by least squares when omitted
 * @returns α, the last level, σ² and the fitted values
 * @throws AnalyticsError INVALID_ARGUMENT for fewer than 2 values, non-finite values or a bad alpha
 * @example fitSimpleExponentialSmoothing([1, 2, 3], 0.5).level // 2.25
 */
export function fitSimpleExponentialSmoothing(values: readonly number[], alpha?: number): SimpleExponentialSmoothing {
  requireArgument(values.length >= 2 && values.every(Number.isFinite), 'fitSimpleExponentialSmoothing: needs at least 2 finite values');
  requireArgument(alpha === undefined || (alpha > 0 && alpha <= 1), `fitSimpleExponentialSmoothing: alpha must be in (0, 1] (got ${String(alpha)})`);
  let a = alpha;
  if (a === undefined) {
    let lo = 0.0001;
    let hi = 0.9999;
    const g = (Math.sqrt(5) - 1) / 2;
    let x1 = hi - g * (hi - lo);
    let x2 = lo + g * (hi - lo);
    let f1 = run(values, x1).sse;
    let f2 = run(values, x2).sse;
    for (let i = 0; i < 60; i++) {
      if (f1 <= f2) {
        hi = x2;
        x2 = x1;
        f2 = f1;
        x1 = hi - g * (hi - lo);
        f1 = run(values, x1).sse;
      } else {
        lo = x1;
        x1 = x2;
        f1 = f2;
        x2 = lo + g * (hi - lo);
        f2 = run(values, x2).sse;
      }
    }
    a = (lo + hi) / 2;
  }
  const r = run(values, a);
  return { alpha: a, level: r.level, sigma2: r.sse / values.length, fitted: r.fitted };
}

/**
 * Standard deviation of the h-step forecast error of simple exponential smoothing.
 * @param fit the fitted model
 * @param h horizon (1 = next value)
 * @returns σ √(1 + (h − 1) α²)
 * @example sesForecastSd({ alpha: 0.5, level: 0, sigma2: 4, fitted: [] }, 3) // 2 · √1.5
 */
export function sesForecastSd(fit: SimpleExponentialSmoothing, h: number): number {
  return Math.sqrt(fit.sigma2 * (1 + (h - 1) * fit.alpha * fit.alpha));
}
