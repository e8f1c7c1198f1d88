/**
 * DeLong's variance of the ROC AUC (DeLong, DeLong & Clarke-Pearson 1988), in the fast midrank
 * form of Sun & Xu (2014): the AUC, its standard error and a normal 95 % interval, and the same
 * for the paired difference of two scores on the same rows.
 */
import { AnalyticsError } from '../engine/errors.js';
import { normalQuantile, normalTwoSidedPValue } from './distributions.js';
import { midranks } from './midranks.js';

/** An estimate with its DeLong standard error and a normal interval. */
export interface DelongEstimate {
  estimate: number;
  standardError: number;
  /** [low, high] at the requested level (AUC intervals clipped to [0, 1]). */
  interval: [number, number];
}

/** A paired difference of two AUCs (first minus second). */
export interface DelongDifference extends DelongEstimate {
  /** Two-sided p-value of "no difference". */
  pValue: number;
}

/** Structural components V10 (per positive) and V01 (per negative) and the AUC of one score. */
function components(pos: Float64Array, neg: Float64Array): DelongScore {
  const m = pos.length;
  const n = neg.length;
  const all = new Float64Array(m + n);
  all.set(pos);
  all.set(neg, m);
  const tz = midranks(all);
  const tx = midranks(pos);
  const ty = midranks(neg);
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < m; i++) {
    v10[i] = (tz[i] - tx[i]) / n;
    sum += tz[i];
  }
  for (let j = 0; j < n; j++) v01[j] = 1 - (tz[m + j] - ty[j]) / m;
  return { auc: (sum - (m * (m + 1)) / 2) / (m * n), v10, v01 };
}

function covariance(a: Float64Array, b: Float64Array): number {
  const k = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < k; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= k;
  mb /= k;
  let s = 0;
  for (let i = 0; i < k; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (k - 1);
}

function split(y: ArrayLike<number | boolean>, scores: ArrayLike<number>[], fn: string): { pos: Float64Array[]; neg: Float64Array[] } {
  const n = y.length;
  for (const s of scores) if (s.length !== n) throw new AnalyticsError('INVALID_ARGUMENT', `${fn}: ${n} labels but ${s.length} scores`);
  let m = 0;
  for (let i = 0; i < n; i++) m += Number(y[i]) === 1 ? 1 : 0;
  if (m < 2 || n - m < 2) throw new AnalyticsError('INVALID_ARGUMENT', `${fn}: needs at least two rows of each outcome (got ${m} positive, ${n - m} negative)`);
  const pos = scores.map(() => new Float64Array(m));
  const neg = scores.map(() => new Float64Array(n - m));
  let ip = 0;
  let ineg = 0;
  for (let i = 0; i < n; i++) {
    if (Number(y[i]) === 1) {
      scores.forEach((s, k) => (pos[k][ip] = s[i]));
      ip++;
    } else {
      scores.forEach((s, k) => (neg[k][ineg] = s[i]));
      ineg++;
    }
  }
  return { pos, neg };
}

/** One score's DeLong components on given labels: computed once, reused by every AUC and difference it enters. */
export interface DelongScore {
  auc: number;
  /** Per positive row. */
  v10: Float64Array;
  /** Per negative row. */
  v01: Float64Array;
}

/**
 * DeLong's components of several scores of the same rows, each computed once (an AUC interval
 * and every paired difference then reuse them: {@link delongAucOf}, {@link delongDifferenceOf}).
 * @param y labels 0/1
 * @param scores scores of the same rows
 * @returns one entry per score
 * @throws AnalyticsError INVALID_ARGUMENT with fewer than two rows of either outcome or mismatched lengths
 */
export function delongScores(y: ArrayLike<number | boolean>, scores: ArrayLike<number>[]): DelongScore[] {
  const { pos, neg } = split(y, scores, 'delongScores');
  return pos.map((p, k) => components(p, neg[k]));
}

/**
 * The AUC and its interval from one score's components.
 * @param c from {@link delongScores}
 * @param level interval level (default 0.95)
 * @returns estimate, standard error, interval clipped to [0, 1]
 */
export function delongAucOf(c: DelongScore, level = 0.95): DelongEstimate {
  const se = Math.sqrt(covariance(c.v10, c.v10) / c.v10.length + covariance(c.v01, c.v01) / c.v01.length);
  const z = normalQuantile(1 - (1 - level) / 2);
  return { estimate: c.auc, standardError: se, interval: [Math.max(0, c.auc - z * se), Math.min(1, c.auc + z * se)] };
}

/**
 * AUC(a) − AUC(b) from two scores' components on the same rows.
 * @param a first score's components
 * @param b second score's components
 * @param level interval level (default 0.95)
 * @returns the difference, its standard error, interval and two-sided p-value
 */
export function delongDifferenceOf(a: DelongScore, b: DelongScore, level = 0.95): DelongDifference {
  const m = a.v10.length;
  const n = a.v01.length;
  const variance =
    (covariance(a.v10, a.v10) + covariance(b.v10, b.v10) - 2 * covariance(a.v10, b.v10)) / m +
    (covariance(a.v01, a.v01) + covariance(b.v01, b.v01) - 2 * covariance(a.v01, b.v01)) / n;
  const se = Math.sqrt(Math.max(0, variance));
  const d = a.auc - b.auc;
  const z = normalQuantile(1 - (1 - level) / 2);
  return { estimate: d, standardError: se, interval: [d - z * se, d + z * se], pValue: se > 0 ? normalTwoSidedPValue(d / se) : d === 0 ? 1 : 0 };
}

/**
 * ROC AUC with DeLong's standard error and a normal interval.
 * @param y labels 0/1
 * @param p scores (higher = more likely 1)
 * @param level interval level (default 0.95)
 * @returns estimate, standard error, interval clipped to [0, 1]
 * @throws AnalyticsError INVALID_ARGUMENT with fewer than two rows of either outcome
 * @example delongAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).estimate // 0.75
 */
export function delongAuc(y: ArrayLike<number | boolean>, p: ArrayLike<number>, level = 0.95): DelongEstimate {
  const { pos, neg } = split(y, [p], 'delongAuc');
  return delongAucOf(components(pos[0], neg[0]), level);
}

/**
 * Paired difference AUC(p1) − AUC(p2) on the same rows, with DeLong's covariance.
 * @param y labels 0/1
 * @param p1 first scores
 * @param p2 second scores
 * @param level interval level (default 0.95)
 * @returns the difference, its standard error, interval and two-sided p-value (1 when both scores rank identically)
 * @throws AnalyticsError INVALID_ARGUMENT with fewer than two rows of either outcome or mismatched lengths
 * @example delongDifference([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4], [0.1, 0.4, 0.35, 0.8]).estimate // 0.25
 */
export function delongDifference(y: ArrayLike<number | boolean>, p1: ArrayLike<number>, p2: ArrayLike<number>, level = 0.95): DelongDifference {
  const { pos, neg } = split(y, [p1, p2], 'delongDifference');
  return delongDifferenceOf(components(pos[0], neg[0]), components(pos[1], neg[1]), level);
}
