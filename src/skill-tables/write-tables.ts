/**
 * Writes into session-buddy's V4 tables (call inside one transaction). Each writer upserts: a row
 * for a key that already exists is rewritten in place (same id; nothing changes when the values are
 * already there), so running the same write twice leaves the file as once.
 *
 * - skill_time_series: key = skill and hour (the stored `timestamp` parsed, any format, taken as
 *   its hour). Rows of the window whose key is not written are left alone; duplicates of a written
 *   key are deleted (the highest id is kept and rewritten, as readers use the last written).
 * - skill_anomalies: our rows are `anomaly_type` 'spike' / 'drop' with `detected_at` on the hour
 *   and no `resolved_at`; such rows inside the window that are not detected again are deleted
 *   (the window's anomalies are replaced); every other row is left alone.
 * - skill_metrics_cache: INSERT … ON CONFLICT(skill_name) DO UPDATE.
 */
import type { SkillsDatabase } from '../engine/SkillsDatabase.js';
import { MICROS_PER_HOUR, parseTimestamp } from '../engine/time.js';
import { hourStart } from '../hourly/index.js';
import type { HourlyMetrics } from '../hourly/index.js';
import { INSERT_ANOMALY, INSERT_TIME_SERIES, sqliteDateTime, timeSeriesStamp, UPDATE_ANOMALY, UPDATE_TIME_SERIES, UPSERT_METRICS_CACHE } from './sql.js';
import type { MetricsCacheRow, TableWrite } from './types.js';

/** Hour range [fromMicros, toMicros), both on the hour. */
export interface HourRange {
  fromMicros: number;
  toMicros: number;
}

/** Existing rows of the window, by key, ids ascending. */
function existingByKey(rows: { id: number; key: string | null }[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of rows) {
    if (r.key === null) continue;
    const list = out.get(r.key);
    if (list) list.push(r.id);
    else out.set(r.key, [r.id]);
  }
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

const inRange = (t: number | null, range: HourRange): t is number => t !== null && t >= range.fromMicros && t < range.toMicros;

/**
 * Upserts hourly rows.
 * @param db the open file (inside a transaction)
 * @param hours rows to write (complete hours of the range, one per skill and hour)
 * @param range the window's hours
 * @returns counts
 */
export function writeTimeSeries(db: SkillsDatabase, hours: HourlyMetrics[], range: HourRange): TableWrite {
  const existing = existingByKey(
    db.all<{ id: number; skill_name: unknown; timestamp: unknown }>('SELECT id, skill_name, timestamp FROM skill_time_series').map((r) => {
      const t = typeof r.timestamp === 'string' ? parseTimestamp(r.timestamp) : null;
      return { id: r.id, key: inRange(t, range) && typeof r.skill_name === 'string' ? `${r.skill_name}\u0000${hourStart(t)}` : null };
    }),
  );
  const out: TableWrite = { rows: hours.length, inserted: 0, updated: 0, deleted: 0 };
  for (const h of hours) {
    const hourMicros = parseTimestamp(h.timestamp) as number;
    const values = [timeSeriesStamp(hourMicros), h.invocationCount, h.completionRate, h.avgDurationSeconds, h.uniqueSessions];
    const ids = existing.get(`${h.skillName}\u0000${hourMicros}`);
    if (!ids) {
      db.run(INSERT_TIME_SERIES, [h.skillName, ...values]);
      out.inserted++;
      continue;
    }
    const keep = ids[ids.length - 1];
    for (const id of ids.slice(0, -1)) out.deleted += db.run('DELETE FROM skill_time_series WHERE id = ?', [id]);
    out.updated += db.run(UPDATE_TIME_SERIES, [...values, keep]);
  }
  return out;
}

/** One anomaly to write. */
export interface AnomalyRow {
  skillName: string;
  hourMicros: number;
  anomalyType: 'spike' | 'drop';
  baselineValue: number;
  observedValue: number;
  deviationScore: number;
}

/**
 * Replaces the window's spike / drop anomalies.
 * @param db the open file (inside a transaction)
 * @param anomalies anomalies detected in the window
 * @param range the window's hours
 * @returns counts
 */
export function writeAnomalies(db: SkillsDatabase, anomalies: AnomalyRow[], range: HourRange): TableWrite {
  const ours = db
    .all<{ id: number; skill_name: unknown; detected_at: unknown; anomaly_type: string }>(
      "SELECT id, skill_name, detected_at, anomaly_type FROM skill_anomalies WHERE anomaly_type IN ('spike', 'drop') AND resolved_at IS NULL",
    )
    .map((r) => {
      const t = typeof r.detected_at === 'string' ? parseTimestamp(r.detected_at) : null;
      const onHour = inRange(t, range) && t % MICROS_PER_HOUR === 0 && typeof r.skill_name === 'string';
      return { id: r.id, key: onHour ? `${r.skill_name as string}\u0000${t}` : null };
    });
  const existing = existingByKey(ours);
  const out: TableWrite = { rows: anomalies.length, inserted: 0, updated: 0, deleted: 0 };
  const written = new Set<number>();
  for (const a of anomalies) {
    const values = [sqliteDateTime(a.hourMicros), a.anomalyType, a.baselineValue, a.observedValue, a.deviationScore];
    const ids = existing.get(`${a.skillName}\u0000${a.hourMicros}`);
    if (ids) {
      const keep = ids[ids.length - 1];
      written.add(keep);
      out.updated += db.run(UPDATE_ANOMALY, [...values, keep]);
    } else {
      db.run(INSERT_ANOMALY, [a.skillName, ...values]);
      out.inserted++;
    }
  }
  for (const r of ours) {
    if (r.key !== null && !written.has(r.id)) out.deleted += db.run('DELETE FROM skill_anomalies WHERE id = ?', [r.id]);
  }
  return out;
}

/** One skill's cache row to write. */
export interface CacheWrite {
  skillName: string;
  lastInvocationAt: string;
  invocationCount1h: number;
  invocationCount24h: number;
  avgCompletionRate24h: number | null;
  isAnomalous: boolean;
  anomalyScore: number | null;
}

/**
 * Inserts or refreshes cache rows.
 * @param db the open file (inside a transaction)
 * @param rows one per skill
 * @param before the cache as read before (to tell inserts from updates)
 * @param asOfMicros the instant the rows describe (written as `updated_at`)
 * @returns counts
 */
export function writeMetricsCache(db: SkillsDatabase, rows: CacheWrite[], before: Map<string, MetricsCacheRow>, asOfMicros: number): TableWrite {
  const out: TableWrite = { rows: rows.length, inserted: 0, updated: 0, deleted: 0 };
  const updatedAt = sqliteDateTime(asOfMicros);
  for (const r of rows) {
    const changed = db.run(UPSERT_METRICS_CACHE, [
      r.skillName,
      r.lastInvocationAt,
      r.invocationCount1h,
      r.invocationCount24h,
      r.avgCompletionRate24h,
      r.isAnomalous ? 1 : 0,
      r.anomalyScore,
      updatedAt,
    ]);
    if (before.has(r.skillName)) out.updated += changed;
    else out.inserted += changed;
  }
  return out;
}
