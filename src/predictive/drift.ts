/**
 * How a served model does over time: its predictions against the outcomes per UTC day or week
 * (AUC with DeLong's interval, Brier with a bootstrap interval), and on all rows after its
 * training window together, so a user sees when the model has gone stale and should be retrained.
 */
import { formatIso, MICROS_PER_DAY } from '../engine/time.js';
import { bootstrapMeans } from '../stats/bootstrap-means.js';
import { delongAuc } from '../stats/delong.js';
import { holdoutMetrics } from './evaluation/holdout.js';
import { holdoutIntervals } from './evaluation/intervals.js';
import type { DriftPeriod, DriftReport } from './types.js';

/**
 * Start (µs) of the UTC day or Monday-based week holding t.
 * @param t epoch µs
 * @param period 'day' or 'week'
 * @returns the period's start
 * @example periodStart(Date.UTC(2026, 10, 26, 15) * 1000, 'week') // Monday 2026-11-23T00:00Z in µs
 */
export function periodStart(t: number, period: 'day' | 'week'): number {
  const day = Math.floor(t / MICROS_PER_DAY);
  // 1970-01-01 was a Thursday: Monday-based weeks start 3 days before multiples of 7 from it.
  const start = period === 'day' ? day : Math.floor((day + 3) / 7) * 7 - 3;
  return start * MICROS_PER_DAY;
}

function periodRow(y: Uint8Array, p: Float64Array, start: number, trainedUntil: number, intervals: boolean): DriftPeriod {
  const n = y.length;
  let positives = 0;
  let mean = 0;
  const brier = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    positives += y[i];
    mean += p[i];
    brier[i] = (p[i] - y[i]) ** 2;
  }
  const m = holdoutMetrics(y, p);
  let aucInterval: [number, number] | null = null;
  try {
    aucInterval = intervals ? delongAuc(y, p).interval : null;
  } catch {
    aucInterval = null;
  }
  return {
    start: formatIso(start),
    n,
    positiveRate: positives / n,
    meanPredicted: mean / n,
    rocAuc: m.rocAuc,
    rocAucInterval: aucInterval,
    brier: m.brier,
    brierInterval: intervals && n >= 2 ? bootstrapMeans([brier], { resamples: 500 })[0].interval : null,
    afterTraining: start > trainedUntil,
  };
}

/**
 * Groups scored rows by period and measures each.
 * @param times invoked_at (µs) of each row, ascending
 * @param y outcomes
 * @param p served probabilities
 * @param period 'day' or 'week'
 * @param trainedUntil end of the model's training window (µs)
 * @param intervals compute the 95 % intervals (false: null, and `newer` without them)
 * @returns the per-period table and the metrics of all rows after trainedUntil
 */
export function driftReport(times: Float64Array, y: Uint8Array, p: Float64Array, period: 'day' | 'week', trainedUntil: number, intervals = true): DriftReport {
  const periods: DriftPeriod[] = [];
  let i = 0;
  while (i < times.length) {
    const start = periodStart(times[i], period);
    let j = i;
    while (j < times.length && periodStart(times[j], period) === start) j++;
    periods.push(periodRow(y.subarray(i, j), p.subarray(i, j), start, trainedUntil, intervals));
    i = j;
  }
  let k = 0;
  while (k < times.length && times[k] <= trainedUntil) k++;
  const ny = y.subarray(k);
  const np = p.subarray(k);
  const newer = ny.length === 0 ? null : { ...holdoutMetrics(ny, np), ...(intervals && ny.length >= 2 ? { intervals: holdoutIntervals(ny, np, {}).model } : {}) };
  return { period, trainedUntil: formatIso(trainedUntil), periods, newer };
}
