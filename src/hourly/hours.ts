/**
 * Hourly rows as results, and gap filling for charts. Pure functions over query rows.
 */
import { requireArgument } from '../engine/errors.js';
import { formatHour, MICROS_PER_HOUR } from '../engine/time.js';
import type { HourlyRow } from './sql.js';
import type { HourlyMetrics } from './types.js';

/** Most hourly cells `fill: true` will produce (skills × hours) before refusing. */
export const MAX_FILLED_CELLS = 2_000_000;

/**
 * One query row as a result row.
 * @param row a row of `hourlyMetricsSql`
 * @returns the result row (avgDurationSeconds null when the hour has no known duration)
 * @example toHourlyMetrics(row).timestamp // '2026-11-24T13:00:00Z'
 */
export function toHourlyMetrics(row: HourlyRow): HourlyMetrics {
  return {
    timestamp: formatHour(row.hour_us),
    skillName: row.skill_name,
    invocationCount: row.invocation_count,
    completionRate: row.completion_rate,
    avgDurationSeconds: row.duration_count > 0 ? row.avg_duration_seconds : null,
    uniqueSessions: row.unique_sessions,
    source: 'invocations',
  };
}

/**
 * Start of the UTC hour containing `micros`.
 * @example hourStart(5_400_000_000) // 3_600_000_000
 */
export function hourStart(micros: number): number {
  return Math.floor(micros / MICROS_PER_HOUR) * MICROS_PER_HOUR;
}

/**
 * Every hour start from the hour containing `firstMicros` to the one containing `lastMicros`.
 * @param firstMicros window start (inclusive)
 * @param lastMicros last instant inside the window
 * @returns hour starts in epoch microseconds
 * @example hourStarts(0, 7_199_999_999) // [0, 3600000000]
 */
export function hourStarts(firstMicros: number, lastMicros: number): number[] {
  const out: number[] = [];
  for (let h = hourStart(firstMicros); h <= lastMicros; h += MICROS_PER_HOUR) out.push(h);
  return out;
}

/**
 * Adds an empty row (count 0, rates null, 0 sessions, source 'invocations') for every hour of `hours` a skill has none,
 * for each skill in `skills`; keeps the order skill, then hour.
 * @param rows rows in skill, hour order
 * @param skills skills to fill, in output order
 * @param hours hour starts of the window (epoch µs, ascending)
 * @returns the continuous series
 * @throws AnalyticsError INVALID_ARGUMENT when skills × hours exceeds {@link MAX_FILLED_CELLS}
 * @example fillHourlyGaps([], ['a'], [0])[0] // { timestamp: '1970-01-01T00:00:00Z', skillName: 'a', invocationCount: 0, completionRate: null, avgDurationSeconds: null, uniqueSessions: 0, source: 'invocations' }
 */
export function fillHourlyGaps(rows: HourlyMetrics[], skills: string[], hours: number[]): HourlyMetrics[] {
  requireArgument(
    skills.length * hours.length <= MAX_FILLED_CELLS,
    `aggregateHourlyMetrics: fill would produce ${skills.length * hours.length} rows; ask for fewer hours or one skill`,
  );
  const bySkill = new Map<string, Map<string, HourlyMetrics>>();
  for (const r of rows) {
    let m = bySkill.get(r.skillName);
    if (!m) bySkill.set(r.skillName, (m = new Map()));
    m.set(r.timestamp, r);
  }
  const out: HourlyMetrics[] = [];
  for (const skillName of skills) {
    const have = bySkill.get(skillName);
    for (const h of hours) {
      const timestamp = formatHour(h);
      out.push(have?.get(timestamp) ?? { timestamp, skillName, invocationCount: 0, completionRate: null, avgDurationSeconds: null, uniqueSessions: 0, source: 'invocations' });
    }
  }
  return out;
}
