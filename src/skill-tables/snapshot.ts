/**
 * Every skill as of one instant: what skill_metrics_cache should hold, computed from the
 * invocations (and from skill_time_series for whole hours whose invocations are gone), beside what
 * the file's cache actually holds.
 */
import type { EngineContext } from '../engine/context.js';
import { formatIso, MICROS_PER_HOUR } from '../engine/time.js';
import { zScoreAnomalies } from '../time-series/index.js';
import { readHourlyMetrics, compareCodePoints, completedCount, cubeFor, cubeLastInvocations, groupBySkill, secondWindow } from '../hourly/index.js';
import type { HourlyMetrics, TimeSeriesMetric } from '../hourly/index.js';
import { cacheDifferences, readMetricsCache } from './metrics-cache.js';
import { lastInvocationSql, type LastInvocationRow } from './sql.js';
import type { SkillSnapshot, SkillSnapshotRow } from './types.js';

/** A snapshot plus the warehouse ids of each skill's latest invocation (for the cache's text). */
export interface SnapshotWithIds {
  snapshot: SkillSnapshot;
  lastIds: Map<string, number>;
}

/**
 * Largest |z| of the skill's hourly metric (session-buddy's z-score detector; hours without a
 * known duration are left out rather than scored as 0 s).
 * @returns the score, null when nothing could be scored
 * @example anomalyScore(rows, 'completion_rate') // 2.31
 */
export function anomalyScore(hours: HourlyMetrics[], metric: TimeSeriesMetric): number | null {
  const scored = zScoreAnomalies(hours, metric, Number.MIN_VALUE, 'skip');
  return scored.length === 0 ? null : Math.max(...scored.map((a) => Math.abs(a.zScore)));
}

/** Each skill's latest invocation before `beforeMicros`: from the hourly cube, else the warehouse. */
async function lastInvocations(ctx: EngineContext, beforeMicros: number): Promise<LastInvocationRow[]> {
  const c = cubeFor(ctx, beforeMicros);
  return c ? cubeLastInvocations(c.cube, c.scope, beforeMicros) : ctx.warehouse.query<LastInvocationRow>(lastInvocationSql(), [beforeMicros]);
}

/**
 * Computes the snapshot as of `asOfMicros`.
 * @param ctx engine context
 * @param asOfMicros the instant (null: empty file without asOf → no skills)
 * @param metric metric of the anomaly flag
 * @param zThreshold flag threshold
 * @returns the snapshot and each skill's latest invocation id
 */
export async function computeSnapshot(ctx: EngineContext, asOfMicros: number | null, metric: TimeSeriesMetric, zThreshold: number): Promise<SnapshotWithIds> {
  const cache = readMetricsCache(ctx.db);
  const base = { metric, zThreshold, cacheTable: cache !== null };
  if (asOfMicros === null) return { snapshot: { asOf: null, ...base, cacheDisagreements: 0, skills: [] }, lastIds: new Map() };
  const w24 = secondWindow(asOfMicros, 24 * MICROS_PER_HOUR);
  const w1 = secondWindow(asOfMicros, MICROS_PER_HOUR);
  const [hours24, hours1, last] = await Promise.all([readHourlyMetrics(ctx, w24), readHourlyMetrics(ctx, w1), lastInvocations(ctx, w24.endMicros)]);
  const by24 = groupBySkill(hours24);
  const by1 = groupBySkill(hours1);
  const lastBySkill = new Map(last.map((r) => [r.skill_name, r]));
  const names = new Set<string>([...lastBySkill.keys(), ...by24.keys(), ...(cache?.keys() ?? [])]);
  const skills: SkillSnapshotRow[] = [];
  for (const skillName of names) {
    const h24 = by24.get(skillName) ?? [];
    const count24 = h24.reduce((s, h) => s + h.invocationCount, 0);
    const completed = h24.reduce((s, h) => s + completedCount(h.invocationCount, h.completionRate ?? 0), 0);
    const score = anomalyScore(h24, metric);
    const l = lastBySkill.get(skillName);
    const row = {
      skillName,
      lastInvocation: l ? formatIso(l.last_us) : null,
      invocationCount1h: (by1.get(skillName) ?? []).reduce((s, h) => s + h.invocationCount, 0),
      invocationCount24h: count24,
      completionRate24h: count24 > 0 ? completed / count24 : null,
      isAnomalous: score !== null && score >= zThreshold,
      anomalyScore: score,
      storedHours24h: h24.filter((h) => h.source === 'stored').length,
    };
    const cached = cache?.get(skillName) ?? null;
    const differences = cached ? cacheDifferences(row, cached) : [];
    const disagrees = cache !== null && (cached ? differences.length > 0 : row.lastInvocation !== null);
    skills.push({ ...row, cache: cached, cacheDisagrees: disagrees, cacheDifferences: differences });
  }
  skills.sort((a, b) => b.invocationCount24h - a.invocationCount24h || compareCodePoints(a.skillName, b.skillName));
  return {
    snapshot: { asOf: formatIso(w24.asOfSecond), ...base, cacheDisagreements: skills.filter((s) => s.cacheDisagrees).length, skills },
    lastIds: new Map(last.map((r) => [r.skill_name, r.last_id])),
  };
}
