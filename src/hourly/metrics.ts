/**
 * The metrics session-buddy trends, how to read each from an aggregated row, and which direction
 * is better.
 */
import { AnalyticsError } from '../engine/errors.js';
import type { TimeSeriesMetric } from './types.js';

/** The metric names session-buddy accepts. */
export const TIME_SERIES_METRICS: readonly TimeSeriesMetric[] = ['completion_rate', 'avg_duration_seconds', 'invocation_count'];

/** The aggregates every hourly / daily query returns for a bucket. */
export interface BucketAggregates {
  invocationCount: number;
  completionRate: number | null;
  avgDurationSeconds: number | null;
}

/**
 * True when `name` is a metric session-buddy knows.
 * @param name a metric name from a caller
 * @returns whether it is one of {@link TIME_SERIES_METRICS}
 * @example isTimeSeriesMetric('completion_rate') // true
 */
export function isTimeSeriesMetric(name: unknown): name is TimeSeriesMetric {
  return typeof name === 'string' && (TIME_SERIES_METRICS as readonly string[]).includes(name);
}

/**
 * Checks a metric name where an unknown one is misuse (anomalies, plot data).
 * @param fn the calling function, for the message
 * @param name the metric name
 * @returns the metric
 * @throws AnalyticsError INVALID_METRIC when the name is unknown
 * @example requireMetric('getAnomalyDetection', 'completion_rate') // 'completion_rate'
 */
export function requireMetric(fn: string, name: unknown): TimeSeriesMetric {
  if (!isTimeSeriesMetric(name)) {
    throw new AnalyticsError('INVALID_METRIC', `${fn}: unknown metric "${String(name)}"; use one of ${TIME_SERIES_METRICS.join(', ')}`);
  }
  return name;
}

/**
 * The metric's value in one bucket.
 * @param metric which metric
 * @param bucket the bucket's aggregates
 * @returns the value; null when the bucket has none (no known duration)
 * @example metricValue('invocation_count', { invocationCount: 3, completionRate: 1, avgDurationSeconds: null }) // 3
 */
export function metricValue(metric: TimeSeriesMetric, bucket: BucketAggregates): number | null {
  if (metric === 'invocation_count') return bucket.invocationCount;
  if (metric === 'completion_rate') return bucket.completionRate;
  return bucket.avgDurationSeconds;
}

/**
 * Whether a rising metric is good news (durations: lower is better).
 * @param metric which metric
 * @returns true for completion_rate and invocation_count, false for avg_duration_seconds
 * @example higherIsBetter('avg_duration_seconds') // false
 */
export function higherIsBetter(metric: TimeSeriesMetric): boolean {
  return metric !== 'avg_duration_seconds';
}
