/**
 * Seasonal decomposition of one skill's hourly series (MSTL, daily 24 h and weekly 168 h periods,
 * robust STL with R's loess jumps; a loess window of nothing but outliers is refitted unweighted
 * instead of copying the burst into the weekly component, see `StlOptions.outlierWindows`) and
 * anomalies on its remainder. Pure: takes the hourly series.
 *
 * Anomaly score: robust z = (remainder − median) / (1.4826 · MAD of the remainder); for
 * invocation_count the scale is at least √max(expected, 1), the Poisson SD of the fitted level
 * (the same floor as the hour-of-day method), so one stray call in an idle hour is not an alarm.
 * Interpolated hours are never scored.
 */
import { MAD_NORMAL_CONSISTENCY, median } from '../stats/index.js';
import { mstl } from '../stats/mstl.js';
import type { HourlySeries } from './hourly-series.js';
import type { TimeSeriesMetric } from '../hourly/types.js';
import type { RemainderAnomaly, SeasonalComponent, SeriesStatus } from './seasonal-types.js';

/** Periods of an hourly series: a day and a week. */
export const HOURLY_PERIODS: readonly number[] = [24, 168];

/** Fewest hours a decomposition needs: more than two days (a daily cycle needs > 2 cycles). */
export const MIN_DECOMPOSITION_HOURS = 49;

/** What {@link decomposeSeries} returns. */
export interface SeriesDecomposition {
  status: SeriesStatus;
  note: string | null;
  trend: number[];
  seasonal: SeasonalComponent[];
  remainder: number[];
  weights: number[];
  remainderScale: number | null;
  anomalies: RemainderAnomaly[];
}

/**
 * Decomposes an hourly series and scores its remainder.
 * @param series the regular hourly series
 * @param metric which metric (counts get the Poisson floor on the scale)
 * @param options robust (true), zThreshold (3.5), scoreFrom (first index scored; default 0)
 * @returns components, remainder, weights and anomalies; `insufficient_data` below 49 hours or without any observed hour
 * @example decomposeSeries(series, 'invocation_count', { robust: true, zThreshold: 3.5 }).seasonal.map((s) => s.period) // [24, 168]
 */
export function decomposeSeries(series: HourlySeries, metric: TimeSeriesMetric, options: { robust?: boolean; zThreshold?: number; scoreFrom?: number } = {}): SeriesDecomposition {
  const n = series.values.length;
  const empty: SeriesDecomposition = { status: 'insufficient_data', note: null, trend: [], seasonal: [], remainder: [], weights: [], remainderScale: null, anomalies: [] };
  if (n < MIN_DECOMPOSITION_HOURS) return { ...empty, note: `needs at least ${MIN_DECOMPOSITION_HOURS} hours (got ${n})` };
  if (series.observed === 0) return { ...empty, note: 'no hour in the window has a value' };
  const fit = mstl(series.values, HOURLY_PERIODS, { robust: options.robust ?? true, jumps: 'tenth', outlierWindows: 'unweighted', seasonalDegree: 0 });
  const dropped = HOURLY_PERIODS.filter((p) => !fit.periods.includes(p));
  const note = dropped.length ? `period ${dropped.join(', ')} h left out: it needs more than ${2 * dropped[0]} hours (got ${n})` : null;
  const scored = fit.remainder.filter((_, i) => !series.imputed[i]);
  const center = median(scored);
  const mad = MAD_NORMAL_CONSISTENCY * median(scored.map((r) => Math.abs(r - center)));
  const zThreshold = options.zThreshold ?? 3.5;
  const anomalies: RemainderAnomaly[] = [];
  for (let i = options.scoreFrom ?? 0; i < n; i++) {
    if (series.imputed[i]) continue;
    const expected = series.values[i] - fit.remainder[i];
    const scale = metric === 'invocation_count' ? Math.max(mad, Math.sqrt(Math.max(expected, 1))) : mad;
    if (!(scale > 0)) continue;
    const zScore = (fit.remainder[i] - center) / scale;
    if (Math.abs(zScore) >= zThreshold) {
      anomalies.push({ timestamp: series.timestamps[i], value: series.values[i], expected, remainder: fit.remainder[i], zScore, deviationType: zScore > 0 ? 'high' : 'low' });
    }
  }
  return {
    status: 'ok',
    note,
    trend: fit.trend,
    seasonal: fit.periods.map((period, k) => ({ period, values: fit.seasonal[k] })),
    remainder: fit.remainder,
    weights: fit.weights,
    remainderScale: mad,
    anomalies,
  };
}
