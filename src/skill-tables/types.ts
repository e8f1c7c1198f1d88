/**
 * Plain-data options and results of the skill-tables capability: the live per-skill snapshot (what
 * skill_metrics_cache should say) and the write-back of hourly rows, cache rows and anomalies.
 */
import type { SourceScope } from '../engine/context.js';
import type { TimeInput } from '../engine/time.js';
import type { TimeSeriesMetric } from '../hourly/index.js';

/** Options of `getSkillSnapshot`. */
export interface SnapshotOptions extends SourceScope {
  /** The instant described (default: the latest invocation in the file). */
  asOf?: TimeInput;
  /** Metric the anomaly flag looks at (default `'completion_rate'`, session-buddy's default). */
  metric?: TimeSeriesMetric;
  /** |z| at or above this flags the skill (default 2). */
  zThreshold?: number;
}

/** One row of the file's skill_metrics_cache, as stored. */
export interface MetricsCacheRow {
  /** Text as stored (session-buddy copies `invoked_at`). */
  lastInvocationAt: string | null;
  invocationCount1h: number | null;
  invocationCount24h: number | null;
  avgCompletionRate24h: number | null;
  isAnomalous: boolean | null;
  anomalyScore: number | null;
  /** Text as stored (session-buddy: `datetime('now')` of the last insert). */
  updatedAt: string | null;
}

/** The snapshot fields the cache is compared on. */
export type CacheField = 'lastInvocation' | 'invocationCount1h' | 'invocationCount24h' | 'completionRate24h' | 'isAnomalous' | 'anomalyScore';

/** One skill as of asOf. */
export interface SkillSnapshotRow {
  skillName: string;
  /** Latest invocation at or before asOf (ISO UTC), null when none. */
  lastInvocation: string | null;
  /** Invocations in the hour ending at asOf (second resolution: t ≥ asOf − 1 h, t ≤ asOf). */
  invocationCount1h: number;
  /** Invocations in the 24 hours ending at asOf. */
  invocationCount24h: number;
  /** Share completed of those 24 hours' invocations; null when there were none. */
  completionRate24h: number | null;
  /** anomalyScore ≥ zThreshold. */
  isAnomalous: boolean;
  /**
   * Largest |z| of the skill's hourly `metric` over the 24 hours (session-buddy's z-score detector:
   * each hour with invocations against the mean and population SD of those hours); null when
   * nothing could be scored (no invocations, or no spread).
   */
  anomalyScore: number | null;
  /** Hours with invocations in the 24 hours that came from skill_time_series (0 almost always). */
  storedHours24h: number;
  /** The file's skill_metrics_cache row of the skill; null when it has none (or no such table). */
  cache: MetricsCacheRow | null;
  /** The cache row says something else than this snapshot, or there is no row for an invoked skill. */
  cacheDisagrees: boolean;
  /** Which fields differ (`lastInvocation` compares instants; rates and scores within 1e-9). */
  cacheDifferences: CacheField[];
}

/** Every skill as of one instant. */
export interface SkillSnapshot {
  /** The instant described (ISO UTC, whole second), null when the file is empty and no asOf was given. */
  asOf: string | null;
  metric: TimeSeriesMetric;
  zThreshold: number;
  /** The file has a skill_metrics_cache table. */
  cacheTable: boolean;
  /** Rows whose cache disagrees. */
  cacheDisagreements: number;
  /**
   * Skills invoked at or before asOf, and skills with a cache row; ordered by 24-hour invocations
   * (most first), then name.
   */
  skills: SkillSnapshotRow[];
}

/** Options of `materialize`. */
/**
 * With several files open, materialize writes to the `writeTo` file from that file's own
 * invocations (session-buddy's tables describe the file they are in); `source`, when given, must
 * name that file.
 */
export interface MaterializeOptions extends SourceScope {
  /** Whole UTC hours written, ending with the last hour complete at asOf (default 24). */
  hours?: number;
  /** Default: the latest invocation in the file. */
  asOf?: TimeInput;
  /** Metric of the anomalies written and of the cache's anomaly flag (default `'completion_rate'`). */
  metric?: TimeSeriesMetric;
  /** |z| at or above this is an anomaly (default 2). */
  zThreshold?: number;
}

/** What one table received. */
export interface TableWrite {
  /** Rows the table holds for the window (or the skills) after the call. */
  rows: number;
  inserted: number;
  /** Existing rows rewritten in place (same id). */
  updated: number;
  /** Rows of the window removed (no longer true, or duplicates). */
  deleted: number;
}

/** What `materialize` wrote, in one transaction. */
export interface MaterializeSummary {
  /** ISO UTC whole second, null when the file is empty and no asOf was given (nothing written). */
  asOf: string | null;
  /** First hour written (ISO UTC) and the end of the last one (exclusive). */
  fromHour: string | null;
  toHour: string | null;
  hours: number;
  metric: TimeSeriesMetric;
  zThreshold: number;
  /** Hourly rows per skill and hour with invocations (`timestamp` = `2026-11-24T13:00:00+00:00`). */
  skillTimeSeries: TableWrite;
  /** One row per skill invoked at or before asOf (rows of other skills are left as they are). */
  skillMetricsCache: TableWrite;
  /** Anomalous hours of the window: `anomaly_type` 'spike' / 'drop', `detected_at` = the hour. */
  skillAnomalies: TableWrite;
  /** Hours written that came from skill_time_series itself (their invocations are gone). */
  storedHoursKept: number;
  /** The file written (`info.writeTo`). */
  writtenTo: string;
}
