/**
 * 95 % intervals for holdout metrics: DeLong for the ROC AUC and for AUC differences, a seeded
 * percentile bootstrap (500 resamples of the holdout rows, the same rows for every column) for
 * Brier score and log loss and for their paired differences against each baseline.
 *
 * The rows are resampled as if independent; holdout rows close in time (same session, same day)
 * are correlated, so on real files the intervals are somewhat too narrow.
 */
import { bootstrapMeanDraws, percentileInterval } from '../../stats/bootstrap-means.js';
import { delongAucOf, delongDifferenceOf, delongScores, type DelongScore } from '../../stats/delong.js';
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

/** DeLong's components of one score, or null where DeLong is undefined (fewer than two rows of an outcome). */
function safeScore(y: Labels, p: ArrayLike<number>): DelongScore | null {
  try {
    return delongScores(y, [p])[0];
  } catch {
    return null;
  }
}

function safeDifference(a: DelongScore | null, b: DelongScore | null): MetricDifference['rocAuc'] {
  if (!a || !b) return null;
  const d = delongDifferenceOf(a, b);
  return { estimate: d.estimate, interval: d.interval, pValue: d.pValue };
}

/** Intervals of a model and others on the same rows, and the model's differences to each. */
export interface HoldoutIntervals {
  model: MetricIntervals;
  others: Record<string, MetricIntervals>;
  differences: Record<string, MetricDifference>;
}

/** A model's predictions and the predictions it is compared with, all of the same rows. */
export interface Comparison {
  model: ArrayLike<number>;
  others: Record<string, ArrayLike<number>>;
}

/**
 * The resample means of loss columns: {@link bootstrapMeanDraws} with `resamples` and `seed`, or
 * the same numbers computed elsewhere (e.g. split over tree workers).
 */
export type MeanDraws = (columns: Float64Array[], seed: number, resamples: number) => Float64Array[] | Promise<Float64Array[]>;

/** A comparison's loss columns: the model's Brier and log loss, then each other's. */
function lossColumns(y: Labels, c: Comparison): Float64Array[] {
  return [c.model, ...Object.values(c.others)].flatMap((p) => {
    const l = rowLosses(y, p);
    return [l.brier, l.logLoss];
  });
}

/** Each score's DeLong components, the model first. */
function scoresOf(y: Labels, c: Comparison): (DelongScore | null)[] {
  return [c.model, ...Object.values(c.others)].map((p) => safeScore(y, p));
}

function assemble(c: Comparison, columns: Float64Array[], scores: (DelongScore | null)[], draws: Float64Array[]): HoldoutIntervals {
  // A paired difference's resample mean is the difference of the two resample means (exactly the
  // mean of the row differences over the same drawn rows).
  const mean = (col: Float64Array) => col.reduce((a, v) => a + v, 0) / col.length;
  const diff = (a: number, b: number) => {
    const d = draws[a].map((v, i) => v - draws[b][i]);
    return { estimate: mean(columns[a]) - mean(columns[b]), interval: percentileInterval(d) };
  };
  const interval = (col: number) => percentileInterval(Float64Array.from(draws[col]));
  const auc = (s: DelongScore | null) => (s ? delongAucOf(s).interval : null);
  const result: HoldoutIntervals = {
    model: { rocAuc: auc(scores[0]), brier: interval(0), logLoss: interval(1) },
    others: {},
    differences: {},
  };
  Object.keys(c.others).forEach((k, j) => {
    const at = 2 + 2 * j;
    result.others[k] = { rocAuc: auc(scores[j + 1]), brier: interval(at), logLoss: interval(at + 1) };
    result.differences[k] = { rocAuc: safeDifference(scores[0], scores[j + 1]), brier: diff(0, at), logLoss: diff(1, at + 1) };
  });
  return result;
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
export function holdoutIntervals(y: Labels, model: ArrayLike<number>, others: Record<string, ArrayLike<number>>, seed = 1): HoldoutIntervals {
  const c = { model, others };
  const columns = lossColumns(y, c);
  return assemble(c, columns, scoresOf(y, c), bootstrapMeanDraws(columns, { seed, resamples: RESAMPLES }));
}

/**
 * {@link holdoutIntervals} of several comparisons on the same rows from ONE bootstrap: the same
 * seed draws the same rows whatever the columns, so each comparison gets exactly the intervals
 * it would get alone, for one pass of the row generator. The draws are asked for first, so that
 * the DeLong components (each score's once) are computed while `draws` runs elsewhere.
 * @param y the rows' labels
 * @param comparisons the comparisons
 * @param draws computes the resample means of the loss columns (default: in this thread)
 * @param seed bootstrap seed (default 1)
 * @returns one result per comparison, in order
 */
export async function sharedHoldoutIntervals(
  y: Labels,
  comparisons: Comparison[],
  draws: MeanDraws = (columns, s, resamples) => bootstrapMeanDraws(columns, { seed: s, resamples }),
  seed = 1,
): Promise<HoldoutIntervals[]> {
  const losses = comparisons.map((c) => lossColumns(y, c));
  const all = draws(losses.flat(), seed, RESAMPLES);
  const scores = comparisons.map((c) => scoresOf(y, c));
  const means = await all;
  let at = 0;
  return comparisons.map((c, k) => {
    const part = means.slice(at, at + losses[k].length);
    at += losses[k].length;
    return assemble(c, losses[k], scores[k], part);
  });
}
