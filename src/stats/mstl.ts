/**
 * MSTL: several seasonal periods by repeated STL (Bandara, Hyndman & Bergmeir 2021), as
 * statsmodels 0.14's `MSTL`: periods ascending, a period is dropped unless the series holds more
 * than two of its cycles, seasonal window 7 + 4·i for the i-th period, two passes in which each
 * seasonal component is re-estimated from the series minus the others; the trend is the last
 * STL's. Checked against that loop over statsmodels 0.13's STL (test/unit/time-series/references/).
 */
import { requireArgument } from '../engine/errors.js';
import { stl } from './stl.js';

/** Options of {@link mstl}. */
export interface MstlOptions {
  /** Robust STL fits (bisquare weights; default false, as statsmodels). */
  robust?: boolean;
  /** Passes over all periods (default 2). */
  iterate?: number;
  /** Loess at every point (`'none'`, default) or every ⌈length / 10⌉ points (`'tenth'`, R's default); see `StlOptions.jumps`. */
  jumps?: 'none' | 'tenth';
  /** Degree of the seasonal loess of every period (default 1); see `StlOptions.seasonalDegree`. */
  seasonalDegree?: 0 | 1;
  /** See `StlOptions.outlierWindows` (default `'value'`, statsmodels'). */
  outlierWindows?: 'value' | 'unweighted';
}

/** Result of {@link mstl}: y = Σ seasonal[i] + trend + remainder. */
export interface MstlResult {
  /** The periods kept, ascending (each < n / 2). */
  periods: number[];
  /** One component per kept period, aligned with `periods`. */
  seasonal: number[][];
  trend: number[];
  remainder: number[];
  /** Robustness weights of the last STL fit (1 = ordinary point, 0 = outlier). */
  weights: number[];
}

/**
 * Decomposes a series with several seasonal periods.
 * @param values regularly spaced finite values
 * @param periods seasonal periods, e.g. [24, 168] for hourly data
 * @param options robust, iterate
 * @returns the kept periods, their components, trend, remainder and weights; with no period kept,
 *   the trend is the series' loess-free mean line (all values) and the remainder is y − mean
 * @throws AnalyticsError INVALID_ARGUMENT for bad periods or values
 * @example
 * mstl(hourlyValues, [24, 168], { robust: true }).periods // [24, 168] once there are ≥ 337 values
 */
export function mstl(values: readonly number[], periods: readonly number[], options: MstlOptions = {}): MstlResult {
  const n = values.length;
  requireArgument(
    periods.every((p) => Number.isInteger(p) && p >= 2),
    `mstl: periods must be whole numbers ≥ 2 (got ${periods.join(', ')})`,
  );
  requireArgument(
    values.every((v) => Number.isFinite(v)),
    'mstl: every value must be a finite number (fill gaps first)',
  );
  const iterate = options.iterate ?? 2;
  requireArgument(Number.isInteger(iterate) && iterate >= 1, `mstl: iterate must be a whole number ≥ 1 (got ${String(iterate)})`);
  const kept = [...new Set(periods)].filter((p) => p < n / 2).sort((a, b) => a - b);
  if (kept.length === 0) {
    const m = n === 0 ? 0 : values.reduce((s, v) => s + v, 0) / n;
    return { periods: [], seasonal: [], trend: values.map(() => m), remainder: values.map((v) => v - m), weights: values.map(() => 1) };
  }
  const seasonal = kept.map(() => new Array<number>(n).fill(0));
  let deseas = [...values];
  let last = null as ReturnType<typeof stl> | null;
  for (let it = 0; it < iterate; it++) {
    for (let i = 0; i < kept.length; i++) {
      deseas = deseas.map((v, t) => v + seasonal[i][t]);
      last = stl(deseas, kept[i], {
        seasonal: 7 + 4 * (i + 1),
        robust: options.robust ?? false,
        jumps: options.jumps,
        outlierWindows: options.outlierWindows,
        seasonalDegree: options.seasonalDegree,
      });
      seasonal[i] = last.seasonal;
      deseas = deseas.map((v, t) => v - seasonal[i][t]);
    }
  }
  const trend = last!.trend;
  return { periods: kept, seasonal, trend, remainder: deseas.map((v, t) => v - trend[t]), weights: last!.weights };
}
