/**
 * Hourly aggregates stored in the file's `skill_time_series` table (session-buddy migration V4):
 * read once per state of the file, parsed, checked, and selected by window.
 *
 * A stored row is one skill in one UTC hour: `timestamp` is read with the same parser as
 * `invoked_at` (naive = UTC) and taken as the hour that contains it (a timestamp that is not on the
 * hour is counted in `unaligned`). Rows that cannot be used (unparseable time, a count that is not
 * a whole number ≥ 0, a completion rate outside [0, 1] or missing, a negative duration) are left
 * out and counted; rows with 0 invocations say nothing and are skipped; when several rows describe
 * the same skill and hour, the one written last (highest id) is used and the others are counted.
 */
import type { EngineContext } from '../engine/context.js';
import type { SkillsDatabase } from '../engine/SkillsDatabase.js';
import { MICROS_PER_HOUR, parseTimestamp } from '../engine/time.js';
import { hourStart } from './hours.js';
import type { TimeWindow } from './window.js';

/** One usable row of skill_time_series. */
export interface StoredHour {
  /** Row id in skill_time_series. */
  id: number;
  skillName: string;
  /** Start of the UTC hour, epoch µs. */
  hourMicros: number;
  invocationCount: number;
  completionRate: number;
  /** null when the row has none (no invocation of the hour had a known duration). */
  avgDurationSeconds: number | null;
  uniqueSessions: number;
}

/** skill_time_series as read: usable rows ordered by hour, and what was left out. */
export interface StoredHourTable {
  hours: StoredHour[];
  /** Rows left out because a value could not be used. */
  unreadable: number;
  /** Rows whose timestamp was not on the hour (taken as the hour containing it). */
  unaligned: number;
  /** Rows superseded by a later row for the same skill and hour. */
  duplicates: number;
}

const EMPTY: StoredHourTable = { hours: [], unreadable: 0, unaligned: 0, duplicates: 0 };

interface RawStoredRow {
  id: unknown;
  skill_name: unknown;
  timestamp: unknown;
  invocation_count: unknown;
  completion_rate: unknown;
  avg_duration_seconds: unknown;
  unique_sessions: unknown;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Parses rows of skill_time_series (pure).
 * @param rows rows as sql.js returns them
 * @returns usable rows ordered by hour then skill, and the counts of rows left out
 * @example parseStoredRows([{ id: 1, skill_name: 'a', timestamp: '2026-11-20T13:00:00', invocation_count: 2, completion_rate: 0.5, avg_duration_seconds: null, unique_sessions: 1 }]).hours[0].hourMicros // 1795179600000000
 */
export function parseStoredRows(rows: RawStoredRow[]): StoredHourTable {
  const byKey = new Map<string, StoredHour>();
  let unreadable = 0,
    unaligned = 0,
    duplicates = 0;
  for (const r of rows) {
    const at = typeof r.timestamp === 'string' ? parseTimestamp(r.timestamp) : null;
    const count = r.invocation_count === null ? 0 : r.invocation_count;
    const rate = r.completion_rate;
    const avg = r.avg_duration_seconds;
    const sessions = r.unique_sessions === null ? 0 : r.unique_sessions;
    if (at === null || typeof r.skill_name !== 'string' || !finite(count) || !Number.isInteger(count) || count < 0) {
      unreadable++;
      continue;
    }
    if (count === 0) continue;
    if (!finite(rate) || rate < 0 || rate > 1 || (avg !== null && (!finite(avg) || avg < 0)) || !finite(sessions) || sessions < 0) {
      unreadable++;
      continue;
    }
    const hourMicros = hourStart(at);
    if (hourMicros !== at) unaligned++;
    const row: StoredHour = {
      id: Number(r.id),
      skillName: r.skill_name,
      hourMicros,
      invocationCount: count,
      completionRate: rate,
      avgDurationSeconds: avg,
      uniqueSessions: sessions,
    };
    const key = `${row.skillName}\u0000${hourMicros}`;
    const seen = byKey.get(key);
    if (seen) duplicates++;
    if (!seen || seen.id < row.id) byKey.set(key, row);
  }
  const hours = [...byKey.values()].sort((a, b) => a.hourMicros - b.hourMicros || compareCodePoints(a.skillName, b.skillName));
  return { hours, unreadable, unaligned, duplicates };
}

const cache = new WeakMap<SkillsDatabase, { changes: number; table: StoredHourTable }>();

/**
 * skill_time_series of the open file, read again only after the file changed (any write counts).
 * Reports rows left out as a warning (`STORED_AGGREGATE_UNREADABLE`) the first time they are seen.
 * @param ctx engine context
 * @returns the parsed table; empty when the file has no skill_time_series (before migration V4)
 */
export function readStoredHours(ctx: EngineContext): StoredHourTable {
  const db = ctx.db;
  // A reopen from the cache of opens whose table was empty: no need to open sql.js to know it.
  if (db.knownEmpty('skill_time_series')) return EMPTY;
  const [{ changes }] = db.all<{ changes: number }>('SELECT total_changes() AS changes');
  const hit = cache.get(db);
  if (hit && hit.changes === changes) return hit.table;
  const table = db.hasTable('skill_time_series')
    ? parseStoredRows(db.all<RawStoredRow>('SELECT id, skill_name, timestamp, invocation_count, completion_rate, avg_duration_seconds, unique_sessions FROM skill_time_series'))
    : EMPTY;
  cache.set(db, { changes, table });
  if (table.unaligned > 0) {
    ctx.warn({
      code: 'STORED_AGGREGATE_UNALIGNED',
      count: table.unaligned,
      message: `skill_time_series: ${table.unaligned} row(s) have a timestamp that is not on the hour (a backfill that started at an odd minute?); each was taken as the UTC hour that contains it`,
    });
  }
  const left = table.unreadable + table.duplicates;
  if (left > 0) {
    ctx.warn({
      code: 'STORED_AGGREGATE_UNREADABLE',
      count: left,
      message: `skill_time_series: ${table.unreadable} row(s) with an unusable time or value and ${table.duplicates} duplicate row(s) (same skill and hour; the last written was used) were left out`,
    });
  }
  return table;
}

/**
 * Stored hours that lie wholly inside the window (a stored hour cannot be split: an hour that the
 * window covers only in part — its first and last hour at second resolution — is not used).
 * @param table the parsed table
 * @param w the window [startMicros, endMicros)
 * @param skillName one skill, or all when omitted
 * @returns rows ordered by hour
 */
export function storedHoursIn(table: StoredHourTable, w: TimeWindow, skillName?: string): StoredHour[] {
  const { hours } = table;
  let lo = 0,
    hi = hours.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hours[mid].hourMicros < w.startMicros) lo = mid + 1;
    else hi = mid;
  }
  const out: StoredHour[] = [];
  for (let i = lo; i < hours.length && hours[i].hourMicros + MICROS_PER_HOUR <= w.endMicros; i++) {
    if (skillName === undefined || hours[i].skillName === skillName) out.push(hours[i]);
  }
  return out;
}

/**
 * Earliest stored hour of a skill.
 * @returns epoch µs, or null when the skill has no stored hour
 */
export function firstStoredHour(table: StoredHourTable, skillName: string): number | null {
  const first = table.hours.find((h) => h.skillName === skillName);
  return first ? first.hourMicros : null;
}

/**
 * Orders strings by Unicode code point, as DuckDB orders VARCHAR (UTF-8 bytes): JavaScript's `<`
 * compares UTF-16 units, which puts astral characters before U+E000..U+FFFF.
 * @example compareCodePoints('a', 'b') // -1
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!,
      y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : 1;
}
