/**
 * The hourly data shared by the time-series and skill-tables capabilities (plain, structured-cloneable).
 */

/** A metric session-buddy can trend: the daily / hourly mean of `completed`, of `duration_seconds`, or the row count. */
export type TimeSeriesMetric = 'completion_rate' | 'avg_duration_seconds' | 'invocation_count';

/**
 * What to do with a day (trend) or hour (anomalies) that has invocations but no duration, so no
 * `avg_duration_seconds`: `'zero'` scores it as 0 seconds, exactly as session-buddy does
 * (`float(value) if value is not None else 0.0`); `'skip'` leaves it out of the statistics.
 */
export type MissingValuePolicy = 'zero' | 'skip';

/**
 * Where an hour's figures come from: `'invocations'` = computed from the rows of skill_invocation
 * (also an empty gap-filled hour); `'stored'` = read from skill_time_series because skill_invocation
 * holds no invocation of that skill in that hour (history pruned from skill_invocation).
 */
export type HourlySource = 'invocations' | 'stored';

/** Where a day's figures come from: only invocations, only stored hours, or both (`'mixed'`). */
export type DailySource = 'invocations' | 'stored' | 'mixed';

/** One skill in one UTC hour. */
export interface HourlyMetrics {
  /** Start of the UTC hour, e.g. `2026-11-24T13:00:00Z` (session-buddy: `2026-11-24T13:00:00`, no zone). */
  timestamp: string;
  skillName: string;
  invocationCount: number;
  /** Share of invocations with completed = 1; null only in a gap-filled empty hour. */
  completionRate: number | null;
  /** Mean of the known durations; null when no invocation in the hour has one (session-buddy: 0.0). */
  avgDurationSeconds: number | null;
  /**
   * Distinct sessions in this hour. A per-hour figure: sessions that span several hours count in
   * each, so the sum over hours over-counts a longer period's sessions (and stored hours keep only
   * this per-hour figure, so a day's distinct sessions cannot be rebuilt from them).
   */
  uniqueSessions: number;
  /**
   * Where the figures come from (see {@link HourlySource}). Always set on the results of
   * `aggregateHourlyMetrics`; optional only so hand-built rows given to the pure functions need not state it.
   */
  source?: HourlySource;
}

/**
 * Hourly metrics as columns (`aggregateHourlyMetricsColumns`): entry i of every array is one skill
 * in one UTC hour, ordered by skill then hour, as the rows of `aggregateHourlyMetrics` without
 * `fill` (hours from skill_time_series included, see `sources`). Numbers are typed arrays; for
 * charts and bulk work without one object per row.
 */
export interface HourlyColumns {
  skillNames: string[];
  /** Start of the UTC hour, epoch microseconds. */
  hourMicros: Float64Array;
  invocationCount: Float64Array;
  completionRate: Float64Array;
  /** Mean of the known durations; NaN when the hour has none. */
  avgDurationSeconds: Float64Array;
  uniqueSessions: Float64Array;
  /** Where each entry comes from; absent when every entry comes from the invocations. */
  sources?: HourlySource[];
}
