/**
 * SQL text of the skill-tables capability, built by small pure functions: one warehouse query (the
 * latest invocation of each skill) and the SQLite statements that write session-buddy's tables.
 * Values are always bound parameters, never spliced into the text.
 */
import { MICROS_PER_SECOND } from '../engine/time.js';

/** A row of {@link lastInvocationSql}. */
export interface LastInvocationRow {
  skill_name: string;
  last_us: number;
  last_id: number;
}

/**
 * The latest invocation of every skill before $1 (epoch µs, exclusive); ties on the instant go to
 * the highest id.
 * @returns DuckDB SQL with parameter $1
 * @example lastInvocationSql() // 'SELECT skill_name, invoked_at_us AS last_us, id AS last_id FROM invocations ...'
 */
export function lastInvocationSql(): string {
  return `SELECT skill_name, invoked_at_us AS last_us, id AS last_id
FROM invocations
WHERE invoked_at_us < CAST($1 AS BIGINT)
QUALIFY row_number() OVER (PARTITION BY skill_name ORDER BY invoked_at_us DESC, id DESC) = 1`;
}

/** SQLite: new hourly row; parameters skill_name, timestamp, invocation_count, completion_rate, avg_duration_seconds, unique_sessions. */
export const INSERT_TIME_SERIES = `INSERT INTO skill_time_series (skill_name, timestamp, invocation_count, completion_rate, avg_duration_seconds, unique_sessions) VALUES (?, ?, ?, ?, ?, ?)`;

/** SQLite: rewrite an hourly row in place when anything differs; parameters timestamp, values, id. */
export const UPDATE_TIME_SERIES = `UPDATE skill_time_series SET timestamp = ?1, invocation_count = ?2, completion_rate = ?3, avg_duration_seconds = ?4, unique_sessions = ?5
WHERE id = ?6 AND NOT (timestamp IS ?1 AND invocation_count IS ?2 AND completion_rate IS ?3 AND avg_duration_seconds IS ?4 AND unique_sessions IS ?5)`;

/** SQLite: new anomaly; parameters skill_name, detected_at, anomaly_type, baseline, observed, deviation. */
export const INSERT_ANOMALY = `INSERT INTO skill_anomalies (skill_name, detected_at, anomaly_type, baseline_value, observed_value, deviation_score, resolved_at) VALUES (?, ?, ?, ?, ?, ?, NULL)`;

/** SQLite: rewrite an anomaly in place when anything differs; parameters detected_at, type, baseline, observed, deviation, id. */
export const UPDATE_ANOMALY = `UPDATE skill_anomalies SET detected_at = ?1, anomaly_type = ?2, baseline_value = ?3, observed_value = ?4, deviation_score = ?5
WHERE id = ?6 AND NOT (detected_at IS ?1 AND anomaly_type IS ?2 AND baseline_value IS ?3 AND observed_value IS ?4 AND deviation_score IS ?5)`;

/**
 * SQLite: insert or refresh one skill's cache row (changes nothing when every value is already
 * there); parameters skill_name, last_invocation_at, count 1 h, count 24 h, rate 24 h, is_anomalous,
 * anomaly_score, updated_at.
 */
export const UPSERT_METRICS_CACHE = `INSERT INTO skill_metrics_cache (skill_name, last_invocation_at, invocation_count_1h, invocation_count_24h, avg_completion_rate_24h, is_anomalous, anomaly_score, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT(skill_name) DO UPDATE SET last_invocation_at = excluded.last_invocation_at, invocation_count_1h = excluded.invocation_count_1h,
  invocation_count_24h = excluded.invocation_count_24h, avg_completion_rate_24h = excluded.avg_completion_rate_24h,
  is_anomalous = excluded.is_anomalous, anomaly_score = excluded.anomaly_score, updated_at = excluded.updated_at
WHERE NOT (last_invocation_at IS excluded.last_invocation_at AND invocation_count_1h IS excluded.invocation_count_1h
  AND invocation_count_24h IS excluded.invocation_count_24h AND avg_completion_rate_24h IS excluded.avg_completion_rate_24h
  AND is_anomalous IS excluded.is_anomalous AND anomaly_score IS excluded.anomaly_score AND updated_at IS excluded.updated_at)`;

/**
 * skill_time_series `timestamp` text of an hour: ISO UTC with an explicit offset, the way
 * session-buddy 0.21+ writes `invoked_at` (`2026-11-24T13:00:00+00:00`).
 * @example timeSeriesStamp(0) // '1970-01-01T00:00:00+00:00'
 */
export function timeSeriesStamp(micros: number): string {
  return `${new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19)}+00:00`;
}

/**
 * SQLite `datetime()` text (`YYYY-MM-DD HH:MM:SS`, UTC, whole seconds): what session-buddy compares
 * `detected_at` and `updated_at` with (`detected_at >= datetime('now', '-1 hour')` is a text comparison).
 * @example sqliteDateTime(1_500_000) // '1970-01-01 00:00:01'
 */
export function sqliteDateTime(micros: number): string {
  const ms = Math.floor(micros / MICROS_PER_SECOND) * 1000;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
