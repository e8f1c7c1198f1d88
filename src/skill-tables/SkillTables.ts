/**
 * session-buddy's V4 tables, used in full: an honest live snapshot in place of the ever-growing
 * skill_metrics_cache, and an explicit write-back of hourly rows (skill_time_series), refreshed
 * cache rows (skill_metrics_cache) and detected anomalies (skill_anomalies) for session-buddy to read.
 */
import type { ContextProvider, EngineContext } from '../engine/context.js';
import { AnalyticsError, requireArgument } from '../engine/errors.js';
import { floorToSecond, formatIso, MICROS_PER_HOUR, MICROS_PER_SECOND, parseTimestamp } from '../engine/time.js';
import { zScoreAnomalies } from '../time-series/index.js';
import { hourStart, readHourlyMetrics, requireMetric, resolveAsOf, type TimeWindow } from '../hourly/index.js';
import type { HourlyMetrics, TimeSeriesMetric } from '../hourly/index.js';
import { readMetricsCache } from './metrics-cache.js';
import { computeSnapshot } from './snapshot.js';
import type { MaterializeOptions, MaterializeSummary, SkillSnapshot, SnapshotOptions, TableWrite } from './types.js';
import { writeAnomalies, writeMetricsCache, writeTimeSeries, type AnomalyRow, type CacheWrite } from './write-tables.js';

/** Most hours one `materialize` call writes (ten years). */
export const MAX_MATERIALIZE_HOURS = 24 * 3660;

const V4_TABLES = ['skill_time_series', 'skill_metrics_cache', 'skill_anomalies'] as const;

function checkScoring(fn: string, metric: unknown, zThreshold: unknown) {
  const m = requireMetric(fn, metric ?? 'completion_rate');
  const z = zThreshold ?? 2;
  requireArgument(typeof z === 'number' && Number.isFinite(z) && z > 0, `${fn}: zThreshold must be a positive number (got ${String(z)})`);
  return { metric: m, zThreshold: z };
}

export class SkillTables {
  constructor(private readonly ctx: ContextProvider) {}

  /**
   * Every skill as of asOf: last invocation, invocations in the last 1 h and 24 h, 24-hour
   * completion rate, anomaly flag and score (session-buddy's z-score detector over the 24 hours'
   * hourly values), and the file's skill_metrics_cache row beside it with what differs.
   * @param options asOf (default: latest invocation), metric ('completion_rate'), zThreshold (2), source (files; default all)
   * @returns the snapshot (plain data)
   * @throws AnalyticsError INVALID_ARGUMENT for a bad asOf / zThreshold, INVALID_METRIC, NO_DATABASE
   * @example
   * await engine.skillTables.getSkillSnapshot({ asOf: '2026-11-24 19:05:46' });
   * // { asOf: '2026-11-24T19:05:46Z', cacheDisagreements: 30, skills: [..., { skillName: 'pytest-run', invocationCount1h: 0,
   * //   invocationCount24h: 21, completionRate24h: 0.8095, anomalyScore: 1.409, cache: { invocationCount24h: 152, ... },
   * //   cacheDisagrees: true, cacheDifferences: ['invocationCount1h', 'invocationCount24h', 'completionRate24h', 'anomalyScore'] }, ...] }
   */
  async getSkillSnapshot(options: SnapshotOptions = {}): Promise<SkillSnapshot> {
    const { metric, zThreshold } = checkScoring('getSkillSnapshot', options.metric, options.zThreshold);
    const ctx = this.ctx(options);
    return (await computeSnapshot(ctx, resolveAsOf(ctx, options.asOf), metric, zThreshold)).snapshot;
  }

  /**
   * Writes the analysis back into the file, in one transaction: hourly rows of the last `hours`
   * whole UTC hours complete at asOf into skill_time_series; the snapshot as of asOf into
   * skill_metrics_cache (skills invoked at or before asOf; `updated_at` = asOf); the window's
   * anomalous hours of `metric` (z-score over the window's hours, hours without a duration left
   * out) into skill_anomalies. Idempotent: the same call twice leaves the file as once. The rows
   * are then in `exportDatabase()`.
   * @param options hours (24, whole), asOf (default: latest invocation), metric ('completion_rate'), zThreshold (2);
   *   with several files open the write goes to the `writeTo` file from its own invocations (`source` may only name it)
   * @returns rows written per table, and the file written (`writtenTo`)
   * @throws AnalyticsError MISSING_TABLE when the file predates session-buddy's migration V4;
   *   INVALID_ARGUMENT for bad hours / asOf / zThreshold; INVALID_METRIC
   * @example
   * await engine.skillTables.materialize({ hours: 168 }); // sample.db
   * // { asOf: '2026-11-24T17:00:52Z', fromHour: '2026-11-17T17:00:00Z', toHour: '2026-11-24T17:00:00Z',
   * //   skillTimeSeries: { rows: 566, inserted: 566, updated: 0, deleted: 0 }, skillMetricsCache: { rows: 30, inserted: 0, updated: 30, deleted: 0 },
   * //   skillAnomalies: { rows: 38, inserted: 38, updated: 0, deleted: 0 }, storedHoursKept: 0, ... }
   */
  async materialize(options: MaterializeOptions = {}): Promise<MaterializeSummary> {
    const fn = 'materialize';
    const hours = options.hours ?? 24;
    requireArgument(
      Number.isInteger(hours) && hours >= 1 && hours <= MAX_MATERIALIZE_HOURS,
      `${fn}: hours must be a whole number from 1 to ${MAX_MATERIALIZE_HOURS} (got ${String(hours)})`,
    );
    const { metric, zThreshold } = checkScoring(fn, options.metric, options.zThreshold);
    // Writes go to the writeTo file, computed from that file's own invocations.
    const writtenTo = this.ctx().write.name;
    const asked = options.source === undefined ? [writtenTo] : typeof options.source === 'string' ? [options.source] : options.source;
    requireArgument(
      Array.isArray(asked) && asked.length > 0 && asked.every((s) => s === writtenTo),
      `${fn}: writes go to ${JSON.stringify(writtenTo)} (open option writeTo) from that file's own invocations; source must be that file (got ${JSON.stringify(options.source)})`,
    );
    const ctx = this.ctx({ source: writtenTo });
    const missing = V4_TABLES.filter((t) => !ctx.db.hasTable(t));
    if (missing.length) {
      throw new AnalyticsError('MISSING_TABLE', `${fn}: the file has no ${missing.join(', ')} (added by session-buddy's migration V4); let session-buddy migrate the file first`, {
        missing,
      });
    }
    const at = resolveAsOf(ctx, options.asOf);
    const none: TableWrite = { rows: 0, inserted: 0, updated: 0, deleted: 0 };
    const base = { hours, metric, zThreshold, writtenTo };
    if (at === null) return { asOf: null, fromHour: null, toHour: null, ...base, skillTimeSeries: none, skillMetricsCache: none, skillAnomalies: none, storedHoursKept: 0 };

    // The last hour complete at asOf (second resolution) ends at toMicros.
    const toMicros = hourStart(floorToSecond(at) + MICROS_PER_SECOND);
    const range = { fromMicros: toMicros - hours * MICROS_PER_HOUR, toMicros };
    const window: TimeWindow = { startMicros: range.fromMicros, endMicros: toMicros, asOfSecond: toMicros - MICROS_PER_SECOND };
    const hourly = await readHourlyMetrics(ctx, window);
    const anomalies = detectAnomalies(hourly, metric, zThreshold);
    const { snapshot, lastIds } = await computeSnapshot(ctx, at, metric, zThreshold);
    const cacheRows = cacheWrites(ctx, snapshot, lastIds);
    const before = readMetricsCache(ctx.db) ?? new Map();

    const written = ctx.db.transaction(() => ({
      skillTimeSeries: writeTimeSeries(ctx.db, hourly, range),
      skillAnomalies: writeAnomalies(ctx.db, anomalies, range),
      skillMetricsCache: writeMetricsCache(ctx.db, cacheRows, before, at),
    }));
    return {
      asOf: formatIso(floorToSecond(at)),
      fromHour: formatIso(range.fromMicros),
      toHour: formatIso(range.toMicros),
      ...base,
      ...written,
      storedHoursKept: hourly.filter((h) => h.source === 'stored').length,
    };
  }
}

/** The z-score anomalies of every skill over the window's hours, as skill_anomalies rows. */
function detectAnomalies(hourly: HourlyMetrics[], metric: TimeSeriesMetric, zThreshold: number): AnomalyRow[] {
  const bySkill = new Map<string, HourlyMetrics[]>();
  for (const h of hourly) {
    const list = bySkill.get(h.skillName);
    if (list) list.push(h);
    else bySkill.set(h.skillName, [h]);
  }
  const out: AnomalyRow[] = [];
  for (const rows of bySkill.values()) {
    for (const a of zScoreAnomalies(rows, metric, zThreshold, 'skip')) {
      out.push({
        skillName: a.skillName,
        hourMicros: parseTimestamp(a.timestamp) as number,
        anomalyType: a.zScore > 0 ? 'spike' : 'drop',
        baselineValue: a.center,
        observedValue: a.value,
        deviationScore: a.zScore,
      });
    }
  }
  return out;
}

/** Cache rows of the snapshot's skills invoked at or before asOf, with the invocation's own text. */
function cacheWrites(ctx: EngineContext, snapshot: SkillSnapshot, lastIds: Map<string, number>): CacheWrite[] {
  const ids = [...lastIds.values()];
  const text = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const marks = chunk.map(() => '?').join(', ');
    for (const r of ctx.db.all<{ id: number; invoked_at: unknown }>(`SELECT id, invoked_at FROM skill_invocation WHERE id IN (${marks})`, chunk)) {
      if (typeof r.invoked_at === 'string') text.set(r.id, r.invoked_at);
    }
  }
  const out: CacheWrite[] = [];
  for (const s of snapshot.skills) {
    const id = lastIds.get(s.skillName);
    if (id === undefined || s.lastInvocation === null) continue;
    out.push({
      skillName: s.skillName,
      // session-buddy's trigger copies invoked_at; an invocation not found by id gets ISO text with +00:00
      lastInvocationAt: text.get(id) ?? s.lastInvocation.replace(/Z$/, '+00:00'),
      invocationCount1h: s.invocationCount1h,
      invocationCount24h: s.invocationCount24h,
      avgCompletionRate24h: s.completionRate24h,
      isAnomalous: s.isAnomalous,
      anomalyScore: s.anomalyScore,
    });
  }
  return out;
}
