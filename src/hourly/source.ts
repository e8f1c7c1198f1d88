/**
 * Hourly and daily rows of a window from both sources: the warehouse (skill_invocation) and the
 * file's skill_time_series (stored hourly aggregates, used for hours whose invocations are gone).
 *
 * When no stored hour lies wholly inside the window — the usual case, skill_time_series is empty in
 * most files — the warehouse rows are returned as they come (session-buddy parity is untouched).
 * Otherwise stored hours without invocations are added (see stored-merge.ts), and stored hours
 * that disagree with the invocations of the same skill and hour are reported as the warning
 * `STORED_AGGREGATE_MISMATCH` (the invocations are used).
 *
 * The invocations' side comes from the hourly cube (cube.ts) when the engine built one — the same
 * rows and numbers as the warehouse's SQL, without waiting for the warehouse's load — else from
 * the warehouse.
 */
import type { EngineContext } from '../engine/context.js';
import { type CubeScope, type HourlyCube, hourlyCubeIndex } from './cube.js';
import { cubeDailyColumns, cubeFirstInvocation, cubeHourlyColumns, cubeQualifyingDailyColumns } from './cube-window.js';
import { hourlyColumnsFrom, hourlyMetricsFromColumns, type HourlyQueryColumns } from './hours.js';
import { dailySeriesSql, firstInvocationSql, hourlyMetricsSql, type DailyRow } from './sql.js';
import { compareCodePoints, firstStoredHour, readStoredHours, storedHoursIn, type StoredHour } from './stored-hours.js';
import { mergeDaily, mergeHourly, type HourMismatch } from './stored-merge.js';
import type { HourlyColumns, HourlyMetrics } from './types.js';
import type { TimeWindow } from './window.js';

/**
 * The context's cube and its scope's cells; null when the engine has no cube, or when a bound of
 * the query is not a whole microsecond (the SQL casts bounds; the cube answers whole ones only).
 * @param bounds the query's instants (epoch µs)
 */
export function cubeFor(ctx: EngineContext, ...bounds: number[]): { cube: HourlyCube; scope: CubeScope } | null {
  if (!bounds.every(Number.isInteger)) return null;
  const cube = ctx.index(hourlyCubeIndex);
  return cube ? { cube, scope: cube.scope(ctx.sources) } : null;
}

/** The hourly query's result as whole columns (no row objects). */
async function invocationHourColumns(ctx: EngineContext, w: TimeWindow, skillName?: string): Promise<HourlyQueryColumns> {
  const c = cubeFor(ctx, w.startMicros, w.endMicros);
  if (c) return cubeHourlyColumns(c.cube, c.scope, w, skillName);
  const params: unknown[] = [w.startMicros, w.endMicros];
  if (skillName !== undefined) params.push(skillName);
  return ctx.warehouse.columns(hourlyMetricsSql(skillName !== undefined), params);
}

async function invocationHours(ctx: EngineContext, w: TimeWindow, skillName?: string): Promise<HourlyMetrics[]> {
  return hourlyMetricsFromColumns(await invocationHourColumns(ctx, w, skillName));
}

/**
 * Daily query rows from whole columns, each built once (with the stored-hour counts at 0).
 * @param cols `warehouse.columns(dailySeriesSql(...))`
 * @returns rows as `warehouse.query` would give them, plus `stored_hours` / `stored_count` = 0
 */
function dailyRowsFromColumns(cols: HourlyQueryColumns): DailyRow[] {
  const skill = cols.skill_name as string[];
  const day = cols.day_us as Float64Array;
  const count = cols.invocation_count as Float64Array;
  const rate = cols.completion_rate as Float64Array;
  const avg = cols.avg_duration_seconds as Float64Array;
  const durations = cols.duration_count as Float64Array;
  const sessions = cols.unique_sessions as Float64Array;
  const windowCount = cols.window_count as Float64Array | undefined;
  const rows: DailyRow[] = new Array(day.length);
  for (let i = 0; i < day.length; i++) {
    const row: DailyRow = {
      skill_name: skill[i],
      day_us: day[i],
      invocation_count: count[i],
      completion_rate: rate[i],
      avg_duration_seconds: Number.isNaN(avg[i]) ? null : avg[i],
      duration_count: durations[i],
      unique_sessions: sessions[i],
      stored_hours: 0,
      stored_count: 0,
    };
    if (windowCount) row.window_count = windowCount[i];
    rows[i] = row;
  }
  return rows;
}

const fmt = (v: number | null) => (v === null ? 'null' : String(Math.round(v * 1e6) / 1e6));

/**
 * Reports disagreements between skill_time_series and skill_invocation as one warning.
 * @param ctx engine context
 * @param mismatches what {@link mergeHourly} found
 */
export function reportMismatches(ctx: EngineContext, mismatches: HourMismatch[]): void {
  if (mismatches.length === 0) return;
  const m = mismatches[0];
  const side = (x: HourMismatch['stored']) =>
    `${x.invocationCount} invocations, completion ${fmt(x.completionRate)}, avg duration ${fmt(x.avgDurationSeconds)}, ${x.uniqueSessions} sessions`;
  ctx.warn({
    code: 'STORED_AGGREGATE_MISMATCH',
    count: mismatches.length,
    message: `skill_time_series disagrees with skill_invocation for ${mismatches.length} skill-hour(s); the invocations were used (first: "${m.skillName}" at ${m.timestamp}: stored ${side(m.stored)}; invocations ${side(m.invocations)})`,
  });
}

/**
 * Hourly rows of the window, invocations first, stored hours where a skill has no invocation.
 * @param ctx engine context
 * @param w the window
 * @param skillName one skill, or all
 * @returns rows ordered by skill, then hour, each with its `source`
 */
export async function readHourlyMetrics(ctx: EngineContext, w: TimeWindow, skillName?: string): Promise<HourlyMetrics[]> {
  const raw = await invocationHours(ctx, w, skillName);
  const stored = storedHoursIn(readStoredHours(ctx), w, skillName);
  if (stored.length === 0) return raw;
  const { rows, mismatches } = mergeHourly(raw, stored);
  reportMismatches(ctx, mismatches);
  return rows;
}

/**
 * The same hours as {@link readHourlyMetrics}, as columns: straight from the query's Arrow columns
 * when no stored hour is in the window (the usual case), from the merged rows otherwise.
 * @param ctx engine context
 * @param w the window
 * @param skillName one skill, or all
 * @returns columns ordered by skill, then hour; `sources` only when stored hours were merged in
 */
export async function readHourlyColumns(ctx: EngineContext, w: TimeWindow, skillName?: string): Promise<HourlyColumns> {
  const cols = await invocationHourColumns(ctx, w, skillName);
  const stored = storedHoursIn(readStoredHours(ctx), w, skillName);
  if (stored.length === 0) return hourlyColumnsFrom(cols);
  const { rows, mismatches } = mergeHourly(hourlyMetricsFromColumns(cols), stored);
  reportMismatches(ctx, mismatches);
  return {
    skillNames: rows.map((r) => r.skillName),
    hourMicros: Float64Array.from(rows, (r) => Date.parse(r.timestamp) * 1000),
    invocationCount: Float64Array.from(rows, (r) => r.invocationCount),
    completionRate: Float64Array.from(rows, (r) => r.completionRate ?? NaN),
    avgDurationSeconds: Float64Array.from(rows, (r) => r.avgDurationSeconds ?? NaN),
    uniqueSessions: Float64Array.from(rows, (r) => r.uniqueSessions),
    sources: rows.map((r) => r.source ?? 'invocations'),
  };
}

/** Stored hours of the window that no invocation supersedes (and the disagreements reported). */
async function unsupersededStoredHours(ctx: EngineContext, w: TimeWindow, stored: StoredHour[], skillName?: string): Promise<StoredHour[]> {
  const { used, mismatches } = mergeHourly(await invocationHours(ctx, w, skillName), stored);
  reportMismatches(ctx, mismatches);
  return used;
}

/**
 * Daily rows of one skill (`dailySeriesSql('one')`) with its stored hours added.
 * @returns rows ordered by day, each with `stored_hours` / `stored_count`
 */
export async function readDailyRows(ctx: EngineContext, w: TimeWindow, skillName: string): Promise<DailyRow[]> {
  const c = cubeFor(ctx, w.startMicros, w.endMicros);
  const daily = dailyRowsFromColumns(
    c ? cubeDailyColumns(c.cube, c.scope, w, skillName) : await ctx.warehouse.columns(dailySeriesSql('one'), [w.startMicros, w.endMicros, skillName]),
  );
  const stored = storedHoursIn(readStoredHours(ctx), w, skillName);
  if (stored.length === 0) return daily;
  return mergeDaily(daily, await unsupersededStoredHours(ctx, w, stored, skillName));
}

/**
 * Daily rows of every skill with at least `minInvocations` invocations in the window, counting the
 * stored hours too (`dailySeriesSql('qualifying')` when there are none).
 * @returns rows ordered by the skill's window count (most first), then skill, then day
 */
export async function readQualifyingDailyRows(ctx: EngineContext, w: TimeWindow, minInvocations: number): Promise<DailyRow[]> {
  const min = Math.ceil(minInvocations);
  const stored = storedHoursIn(readStoredHours(ctx), w);
  const c = cubeFor(ctx, w.startMicros, w.endMicros);
  const qualifying = async (least: number) =>
    dailyRowsFromColumns(
      c ? cubeQualifyingDailyColumns(c.cube, c.scope, w, least) : await ctx.warehouse.columns(dailySeriesSql('qualifying'), [w.startMicros, w.endMicros, least]),
    );
  if (stored.length === 0) return qualifying(min);
  const daily = await qualifying(0);
  const merged = mergeDaily(daily, await unsupersededStoredHours(ctx, w, stored));
  const totals = new Map<string, number>();
  for (const r of merged) totals.set(r.skill_name, (totals.get(r.skill_name) ?? 0) + r.invocation_count);
  return merged
    .filter((r) => totals.get(r.skill_name)! >= min)
    .map((r) => ({ ...r, window_count: totals.get(r.skill_name)! }))
    .sort((a, b) => b.window_count - a.window_count || compareCodePoints(a.skill_name, b.skill_name) || a.day_us - b.day_us);
}

/**
 * The first sign of a skill: its first invocation, or its first stored hour when that is earlier.
 * @returns epoch µs, or null when the skill has neither
 */
export async function firstActivity(ctx: EngineContext, skillName: string): Promise<number | null> {
  const c = cubeFor(ctx);
  const first_us = c ? cubeFirstInvocation(c.cube, c.scope, skillName) : (await ctx.warehouse.query<{ first_us: number | null }>(firstInvocationSql(), [skillName]))[0].first_us;
  const stored = firstStoredHour(readStoredHours(ctx), skillName);
  if (stored === null) return first_us;
  return first_us === null ? stored : Math.min(first_us, stored);
}
