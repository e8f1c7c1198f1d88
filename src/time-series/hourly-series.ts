/**
 * A regular hourly series of one skill's metric, for decomposition and forecasts. Pure.
 * Counts: an hour without invocations is 0. Rates and durations: an hour without a value is filled
 * by linear interpolation between its neighbours (flat at the ends) and marked `imputed`.
 */
import { formatHour, MICROS_PER_HOUR } from '../engine/time.js';
import { metricValue } from '../hourly/index.js';
import type { HourlyMetrics, TimeSeriesMetric } from '../hourly/types.js';

/** A regular hourly series. */
export interface HourlySeries {
  timestamps: string[];
  values: number[];
  imputed: boolean[];
  /** Hours that had a value of their own. */
  observed: number;
}

/**
 * Builds the series of hours [startHour, endHour) from a skill's hourly rows.
 * @param rows hourly rows of one skill (any order; hours outside are ignored)
 * @param metric which metric
 * @param startHour first hour start (epoch µs, whole hour)
 * @param endHour end (exclusive, whole hour)
 * @returns aligned timestamps, values and imputed flags
 * @example hourlySeries([], 'invocation_count', 0, 7_200_000_000).values // [0, 0]
 */
export function hourlySeries(rows: readonly HourlyMetrics[], metric: TimeSeriesMetric, startHour: number, endHour: number): HourlySeries {
  const byHour = new Map(rows.map((r) => [r.timestamp, r]));
  const timestamps: string[] = [];
  const raw: (number | null)[] = [];
  for (let h = startHour; h < endHour; h += MICROS_PER_HOUR) {
    const ts = formatHour(h);
    timestamps.push(ts);
    const row = byHour.get(ts);
    raw.push(row ? metricValue(metric, row) : metric === 'invocation_count' ? 0 : null);
  }
  const imputed = raw.map((v) => v === null);
  return { timestamps, values: interpolateGaps(raw), imputed, observed: raw.length - imputed.filter(Boolean).length };
}

/**
 * Fills nulls linearly between the nearest values (flat before the first / after the last).
 * @param raw values with gaps
 * @returns filled values (all 0 when there is no value at all)
 * @example interpolateGaps([1, null, 3, null]) // [1, 2, 3, 3]
 */
export function interpolateGaps(raw: readonly (number | null)[]): number[] {
  const out = new Array<number>(raw.length);
  let prev = -1;
  for (let i = 0; i <= raw.length; i++) {
    if (i < raw.length && raw[i] === null) continue;
    const right = i < raw.length ? (raw[i] as number) : null;
    const left = prev >= 0 ? (raw[prev] as number) : null;
    for (let k = prev + 1; k < i; k++) {
      out[k] = left === null ? (right ?? 0) : right === null ? left : left + ((right - left) * (k - prev)) / (i - prev);
    }
    if (i < raw.length) out[i] = right as number;
    prev = i;
  }
  return out;
}
