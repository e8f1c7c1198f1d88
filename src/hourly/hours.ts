/**
 * Hourly results from the query's columns, and gap filling for charts. Pure functions.
 */
import { requireArgument } from '../engine/errors.js';
import { formatHour, MICROS_PER_HOUR } from '../engine/time.js';
import type { HourlyColumns, HourlyMetrics } from './types.js';

/** Most hourly cells `fill: true` will produce (skills × hours) before refusing. */
export const MAX_FILLED_CELLS = 2_000_000;

/**
 * `formatHour` with a memory: result rows of many skills share few hours, so each distinct hour is
 * formatted once (a Date and an ISO string per row cost more than the rest of a row).
 * @returns a formatter for this batch of rows
 * @example const fmt = hourFormatter(); fmt(0) // '1970-01-01T00:00:00Z'
 */
export function hourFormatter(): (micros: number) => string {
  // Keyed by the hour's number (a small integer: a fast key, where the µs value is a heap double).
  const seen = new Map<number, string>();
  return (micros) => {
    const hour = Math.floor(micros / MICROS_PER_HOUR);
    let text = seen.get(hour);
    if (text === undefined) {
      text = formatHour(micros);
      seen.set(hour, text);
    }
    return text;
  };
}

/** The columns of `hourlyMetricsSql` as the warehouse returns them (numbers as Float64Array, NULL = NaN). */
export type HourlyQueryColumns = Record<string, Float64Array | unknown[]>;

/**
 * Result rows straight from the query's columns (no intermediate row objects).
 * @param cols `warehouse.columns(hourlyMetricsSql(...))`
 * @returns the result rows (avgDurationSeconds null when the hour has no known duration; source 'invocations')
 * @example hourlyMetricsFromColumns(await ctx.warehouse.columns(hourlyMetricsSql(false), [start, end]))[0].source // 'invocations'
 */
export function hourlyMetricsFromColumns(cols: HourlyQueryColumns): HourlyMetrics[] {
  const c = hourlyColumnsFrom(cols);
  const n = c.hourMicros.length;
  const fmt = hourFormatter();
  const rows: HourlyMetrics[] = new Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = {
      timestamp: fmt(c.hourMicros[i]),
      skillName: c.skillNames[i],
      invocationCount: c.invocationCount[i],
      completionRate: c.completionRate[i],
      avgDurationSeconds: Number.isNaN(c.avgDurationSeconds[i]) ? null : c.avgDurationSeconds[i],
      uniqueSessions: c.uniqueSessions[i],
      source: 'invocations',
    };
  }
  return rows;
}

/**
 * The columnar result from the query's columns: numbers stay in the typed arrays DuckDB's Arrow
 * result gave (no per-row objects); a missing average is NaN.
 * @param cols `warehouse.columns(hourlyMetricsSql(...))`
 * @returns the columns, rows ordered by skill then hour
 * @example hourlyColumnsFrom(cols).invocationCount[0] // 3
 */
export function hourlyColumnsFrom(cols: HourlyQueryColumns): HourlyColumns {
  const hourMicros = cols.hour_us as Float64Array;
  const durations = cols.duration_count as Float64Array;
  const avg = cols.avg_duration_seconds as Float64Array;
  // A mean over no known duration is NULL in SQL already; keep it NaN whatever the engine returned.
  for (let i = 0; i < durations.length; i++) if (!(durations[i] > 0)) avg[i] = NaN;
  return {
    skillNames: cols.skill_name as string[],
    hourMicros,
    invocationCount: cols.invocation_count as Float64Array,
    completionRate: cols.completion_rate as Float64Array,
    avgDurationSeconds: avg,
    uniqueSessions: cols.unique_sessions as Float64Array,
  };
}

/**
 * Rows grouped by skill, each skill's rows in the order they come.
 * @param rows hourly rows
 * @returns skill → its rows (skills in first-seen order)
 */
export function groupBySkill(rows: HourlyMetrics[]): Map<string, HourlyMetrics[]> {
  const out = new Map<string, HourlyMetrics[]>();
  for (const r of rows) {
    const list = out.get(r.skillName);
    if (list) list.push(r);
    else out.set(r.skillName, [r]);
  }
  return out;
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
