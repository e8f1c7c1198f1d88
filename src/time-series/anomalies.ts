/**
 * Anomalous hours of one skill's hourly metric. Pure functions over hourly rows.
 *
 * - `zscore` (session-buddy's `get_anomaly_detection`): the hours with invocations in the window;
 *   z = (value − mean) / population SD (numpy `np.std`); |z| ≥ threshold is an anomaly; no spread
 *   → none. session-buddy scores an hour without any duration as 0 seconds (missingValues 'zero').
 * - `seasonal`: each hour of the window against the same UTC hour of day on the previous
 *   `baselineDays` days: robust z = (value − median) / (1.4826 · MAD); when MAD is 0 the scale is
 *   1.2533 · mean absolute deviation from the median (Iglewicz & Hoaglin's modified z-score
 *   fallback); a baseline with fewer than `minBaseline` values, or no spread at all, scores nothing.
 *   Hours without a value are left out. For invocation_count an hour without invocations is 0 once
 *   the skill has existed, the current (partial) hour is not scored, and the scale is at least
 *   √max(median, 1) (the Poisson SD at the baseline median): counts are small integers, and without
 *   that floor one stray invocation against an idle baseline (MAD 0) scores z ≈ 100.
 * - `score`: `anomalyScores` (src/stats/anomaly-scores.ts, docs/anomalies.md) over the skill's hours
 *   from `baselineDays` before the window (or its first invocation) to the window's end, causal:
 *   each hour scored from the hours up to it. zScore = Φ⁻¹(score) (one-sided; signed low when the
 *   value is below the median of the earlier hours); |z| ≥ threshold is an anomaly. Hours without
 *   a value are left out (their timestamps are passed, so a gap ends the score's onset rule); for
 *   invocation_count an hour without invocations is 0 once the skill exists and the current hour is
 *   not scored, as in `seasonal`.
 */
import { formatHour, MICROS_PER_DAY, MICROS_PER_HOUR } from '../engine/time.js';
import { anomalyScores, mean, median, medianAbsoluteDeviation, normalQuantile, populationVariance } from '../stats/index.js';
import { hourStart, hourStarts, metricValue, type TimeWindow } from '../hourly/index.js';
import type { Anomaly, HourlyMetrics, MissingValuePolicy, TimeSeriesMetric } from './types.js';

/** Scale of the mean absolute deviation that estimates σ for normal data (√(π/2)). */
export const MEAN_AD_NORMAL_CONSISTENCY = 1.253314;

/**
 * session-buddy's z-score anomalies over the window's hourly rows.
 * @param hourly rows of one skill, in hour order (hours with invocations only)
 * @param metric which metric
 * @param zThreshold |z| at or above this is an anomaly
 * @param missingValues hours without a value: 'zero' (session-buddy) or 'skip'
 * @returns anomalies in hour order
 * @example zScoreAnomalies(rows, 'avg_duration_seconds', 2, 'zero') // [{ timestamp: '2026-11-17T21:00:00Z', zScore: 3.45, deviationType: 'high', ... }]
 */
export function zScoreAnomalies(hourly: HourlyMetrics[], metric: TimeSeriesMetric, zThreshold: number, missingValues: MissingValuePolicy): Anomaly[] {
  const scored: { row: HourlyMetrics; value: number; imputed: boolean }[] = [];
  for (const row of hourly) {
    const v = metricValue(metric, row);
    if (v !== null) scored.push({ row, value: v, imputed: false });
    else if (missingValues === 'zero') scored.push({ row, value: 0, imputed: true });
  }
  if (scored.length === 0) return [];
  const values = scored.map((s) => s.value);
  const center = mean(values);
  const scale = Math.sqrt(populationVariance(values));
  if (!(scale > 0)) return [];
  const out: Anomaly[] = [];
  for (const { row, value, imputed } of scored) {
    const zScore = (value - center) / scale;
    if (Math.abs(zScore) >= zThreshold) {
      out.push({
        timestamp: row.timestamp,
        skillName: row.skillName,
        metric,
        value,
        zScore,
        deviationType: zScore > 0 ? 'high' : 'low',
        method: 'zscore',
        center,
        scale,
        baselineSize: values.length,
        imputed,
      });
    }
  }
  return out;
}

/** What {@link seasonalAnomalies} needs besides the rows. */
export interface SeasonalInput {
  skillName: string;
  metric: TimeSeriesMetric;
  zThreshold: number;
  window: TimeWindow;
  baselineDays: number;
  minBaseline: number;
  /** First invocation of the skill (epoch µs), null when it has none. */
  firstInvocationMicros: number | null;
}

/**
 * A skill's values of one metric by hour, dense: values[k] is the hour numbered first + k (hour
 * start in epoch µs / {@link MICROS_PER_HOUR}), NaN where the hour has no value (or no row).
 */
export interface HourValues {
  first: number;
  values: Float64Array;
}

/** No hour at all. */
export const NO_HOUR_VALUES: HourValues = { first: 0, values: new Float64Array(0) };

/**
 * The rows' values of one metric by hour.
 * @param hourly rows of one skill (an hour given twice: the last row's value)
 * @param metric which metric
 * @returns the values by hour number
 */
export function hourValues(hourly: HourlyMetrics[], metric: TimeSeriesMetric): HourValues {
  if (hourly.length === 0) return NO_HOUR_VALUES;
  const hours = hourly.map((h) => Date.parse(h.timestamp) / 3_600_000);
  let first = Infinity;
  let last = -Infinity;
  for (const h of hours) {
    first = Math.min(first, h);
    last = Math.max(last, h);
  }
  // Whole hour numbers index the array (a value off the hour, never looked up, is not kept).
  first = Math.floor(first);
  const values = new Float64Array(Math.floor(last) - first + 1).fill(Number.NaN);
  hourly.forEach((h, i) => {
    values[hours[i] - first] = metricValue(metric, h) ?? Number.NaN;
  });
  return { first, values };
}

/** The hour's value: the skill's; for invocation_count 0 once the skill exists; else null. */
function hourValueReader(byHour: HourValues, metric: TimeSeriesMetric, firstInvocationMicros: number | null): (h: number) => number | null {
  const firstHour = firstInvocationMicros === null ? Infinity : hourStart(firstInvocationMicros);
  const { first, values } = byHour;
  return (h: number): number | null => {
    const v = values[h / MICROS_PER_HOUR - first];
    if (v !== undefined && !Number.isNaN(v)) return v;
    return metric === 'invocation_count' && h >= firstHour ? 0 : null;
  };
}

/** Largest |z| reported by the score method: Φ⁻¹(1 − 2⁻⁵³), where a double's score reaches 1. */
const MAX_SCORE_Z = -normalQuantile(Number.EPSILON / 2);

/**
 * Anomalies by the causal anomaly score.
 * @param hourly rows of one skill covering the window and `baselineDays` before it, any order (or their {@link hourValues})
 * @param input metric, threshold (on Φ⁻¹(score)), window and baseline days (minBaseline unused)
 * @returns anomalies in hour order
 * @example scoreAnomalies(rows, { metric: 'invocation_count', zThreshold: 3, baselineDays: 28, ... })
 */
export function scoreAnomalies(hourly: HourlyMetrics[] | HourValues, input: SeasonalInput): Anomaly[] {
  const { metric, window } = input;
  const valueAt = hourValueReader(Array.isArray(hourly) ? hourValues(hourly, metric) : hourly, metric, input.firstInvocationMicros);
  const hours: number[] = [];
  const values: number[] = [];
  for (const h of hourStarts(window.startMicros - input.baselineDays * MICROS_PER_DAY, window.endMicros - 1)) {
    if (metric === 'invocation_count' && h + MICROS_PER_HOUR > window.endMicros) continue;
    const v = valueAt(h);
    if (v === null) continue;
    hours.push(h);
    values.push(v);
  }
  const scores = anomalyScores(values, { timestamps: hours.map((h) => h / 1000) });
  const out: Anomaly[] = [];
  for (let i = 0; i < values.length; i++) {
    if (hours[i] < hourStart(window.startMicros) || scores[i] === 0) continue;
    const z = scores[i] >= 1 ? MAX_SCORE_Z : normalQuantile(scores[i]);
    if (z < input.zThreshold) continue;
    const earlier = values.slice(0, i);
    const center = median(earlier);
    const low = values[i] < center;
    out.push({
      timestamp: formatHour(hours[i]),
      skillName: input.skillName,
      metric,
      value: values[i],
      zScore: low ? -z : z,
      deviationType: low ? 'low' : 'high',
      method: 'score',
      center,
      scale: medianAbsoluteDeviation(earlier),
      baselineSize: earlier.length,
      imputed: false,
    });
  }
  return out;
}

/**
 * Robust hour-of-day anomalies.
 * @param hourly rows of one skill covering the window and `baselineDays` before it, any order (or their {@link hourValues})
 * @param input metric, threshold, window and baseline settings
 * @returns anomalies in hour order
 * @example seasonalAnomalies(rows, { metric: 'invocation_count', zThreshold: 3, baselineDays: 28, minBaseline: 5, ... })
 */
export function seasonalAnomalies(hourly: HourlyMetrics[] | HourValues, input: SeasonalInput): Anomaly[] {
  const { metric, window } = input;
  const valueAt = hourValueReader(Array.isArray(hourly) ? hourValues(hourly, metric) : hourly, metric, input.firstInvocationMicros);
  const out: Anomaly[] = [];
  for (const h of hourStarts(window.startMicros, window.endMicros - 1)) {
    if (metric === 'invocation_count' && h + MICROS_PER_HOUR > window.endMicros) continue;
    const value = valueAt(h);
    if (value === null) continue;
    const baseline: number[] = [];
    for (let k = 1; k <= input.baselineDays; k++) {
      const v = valueAt(h - k * MICROS_PER_DAY);
      if (v !== null) baseline.push(v);
    }
    if (baseline.length < input.minBaseline) continue;
    const center = median(baseline);
    let scale = medianAbsoluteDeviation(baseline);
    if (!(scale > 0)) scale = MEAN_AD_NORMAL_CONSISTENCY * mean(baseline.map((b) => Math.abs(b - center)));
    if (metric === 'invocation_count') scale = Math.max(scale, Math.sqrt(Math.max(center, 1)));
    if (!(scale > 0)) continue;
    const zScore = (value - center) / scale;
    if (Math.abs(zScore) >= input.zThreshold) {
      out.push({
        timestamp: formatHour(h),
        skillName: input.skillName,
        metric,
        value,
        zScore,
        deviationType: zScore > 0 ? 'high' : 'low',
        method: 'seasonal',
        center,
        scale,
        baselineSize: baseline.length,
        imputed: false,
      });
    }
  }
  return out;
}
