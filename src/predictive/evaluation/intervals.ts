/**
 * 95 % intervals for holdout metrics: DeLong for the ROC AUC and for AUC differences, a seeded
 * percentile bootstrap (500 resamples of the holdout rows, the same rows for every column) for
 * Brier score and log loss and for their paired differences against each baseline.
 *
 * The rows are resampled as if independent; holdout rows close in time (same session, same day)
 * are correlated, so on real files the intervals are somewhat too narrow.
 */
import { bootstrapMeanDraws, percentileInterval } from '../../stats/bootstrap-means.js';
import { delongAuc, delongDifference } from '../../stats/delong.js';
import type { Labels } from './metrics.js';

/** [low, high]. */
export type Interval = [number, number];

/** 95 % intervals of one model's holdout metrics. */
export interface MetricIntervals {
  /** DeLong; null when either outcome has fewer than two rows. */
  rocAuc: Interval | null;
  /** Percentile bootstrap. */
  brier: Interval;
  logLoss: Interval;
}

/** Model minus baseline on the same rows, with 95 % intervals (negative Brier / log loss differences favour the model). */
export interface MetricDifference {
  rocAuc: { estimate: number; interval: Interval; pValue: number } | null;
  brier: { estimate: number; interval: Interval };
  logLoss: { estimate: number; interval: Interval };
}

const EPS = 1e-15;
/** Bootstrap resamples of the holdout rows (the interval ends move by ~1 % of their width between seeds). */
export const RESAMPLES = 500;

function rowLosses(y: Labels, p: ArrayLike<number>): { brier: Float64Array; logLoss: Float64Array } {
  const n = y.length;
  const brier = new Float64Array(n);
  const logLoss = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const yi = Number(y[i]);
    const q = Math.min(Math.max(p[i], EPS), 1 - EPS);
    brier[i] = (p[i] - yi) ** 2;
    logLoss[i] = yi === 1 ? -Math.log(q) : -Math.log(1 - q);
  }
  return { brier, logLoss };
}

function safeAuc(y: Labels, p: ArrayLike<number>): Interval | null {
  try {
    return delongAuc(y, p).interval;
  } catch {
    return null;
  }
}

function safeDifference(y: Labels, a: ArrayLike<number>, b: ArrayLike<number>): MetricDifference['rocAuc'] {
  try {
    const d = delongDifference(y, a, b);
    return { estimate: d.estimate, interval: d.interval, pValue: d.pValue };
  } catch {
    return null;
  }
}

/**
 * Intervals for several predictions of the same rows and for the first one's differences to the
 * others, from one bootstrap (same resampled rows for every column).
 * @param y holdout labels
 * @param model the model's predictions
 * @param others baselines (or other models) by name
 * @param seed bootstrap seed (default 1)
 * @returns the model's intervals, each other's intervals, and model − other for each
 * @example
 * const r = holdoutIntervals(y, p, { trainRate: pRate });
 * r.model.brier // [0.168, 0.179]
 * r.differences.trainRate.brier // { estimate: -0.021, interval: [-0.025, -0.017] }
 */
export function holdoutIntervals(
  y: Labels,
  model: ArrayLike<number>,
  others: Record<string, ArrayLike<number>>,
  seed = 1,
): { model: MetricIntervals; others: Record<string, MetricIntervals>; differences: Record<string, MetricDifference> } {
  const names = Object.keys(others);
  const m = rowLosses(y, model);
  const o = names.map((k) => rowLosses(y, others[k]));
  // One bootstrap of the loss columns; a paired difference's resample mean is the difference of
  // the two resample means (exactly the mean of the row differences over the same drawn rows).
  const columns: Float64Array[] = [m.brier, m.logLoss, ...o.flatMap((x) => [x.brier, x.logLoss])];
  const draws = bootstrapMeanDraws(columns, { seed, resamples: RESAMPLES });
  const mean = (c: Float64Array) => c.reduce((a, v) => a + v, 0) / c.length;
  const diff = (a: number, b: number) => {
    const d = draws[a].map((v, i) => v - draws[b][i]);
    return { estimate: mean(columns[a]) - mean(columns[b]), interval: percentileInterval(d) };
  };
  const interval = (c: number) => percentileInterval(Float64Array.from(draws[c]));
  const result = {
    model: { rocAuc: safeAuc(y, model), brier: interval(0), logLoss: interval(1) },
    others: {} as Record<string, MetricIntervals>,
    differences: {} as Record<string, MetricDifference>,
  };
  names.forEach((k, j) => {
    const at = 2 + 2 * j;
    result.others[k] = { rocAuc: safeAuc(y, others[k]), brier: interval(at), logLoss: interval(at + 1) };
    result.differences[k] = {
      rocAuc: safeDifference(y, model, others[k]),
      brier: diff(0, at),
      logLoss: diff(1, at + 1),
    };
  });
  return result;
}
