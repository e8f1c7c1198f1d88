/**
 * The file's skill_metrics_cache, read as stored, and compared with a computed snapshot.
 *
 * session-buddy's insert trigger only ever adds 1 to `invocation_count_1h` and
 * `invocation_count_24h` (they never age) and never fills `avg_completion_rate_24h`,
 * `is_anomalous` or `anomaly_score`: in a real file the cache is a running total, not a live view.
 */
import type { SkillsDatabase } from '../engine/SkillsDatabase.js';
import { parseTimestamp } from '../engine/time.js';
import type { CacheField, MetricsCacheRow, SkillSnapshotRow } from './types.js';

interface RawCacheRow {
  skill_name: unknown;
  last_invocation_at: unknown;
  invocation_count_1h: unknown;
  invocation_count_24h: unknown;
  avg_completion_rate_24h: unknown;
  is_anomalous: unknown;
  anomaly_score: unknown;
  updated_at: unknown;
}

const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * Reads skill_metrics_cache.
 * @param db the open file
 * @returns skill → row as stored; null when the file has no such table
 */
export function readMetricsCache(db: SkillsDatabase): Map<string, MetricsCacheRow> | null {
  if (!db.hasTable('skill_metrics_cache')) return null;
  const rows = db.all<RawCacheRow>(
    'SELECT skill_name, last_invocation_at, invocation_count_1h, invocation_count_24h, avg_completion_rate_24h, is_anomalous, anomaly_score, updated_at FROM skill_metrics_cache',
  );
  const out = new Map<string, MetricsCacheRow>();
  for (const r of rows) {
    const anomalous = num(r.is_anomalous);
    out.set(String(r.skill_name), {
      lastInvocationAt: text(r.last_invocation_at),
      invocationCount1h: num(r.invocation_count_1h),
      invocationCount24h: num(r.invocation_count_24h),
      avgCompletionRate24h: num(r.avg_completion_rate_24h),
      isAnomalous: anomalous === null ? null : anomalous !== 0,
      anomalyScore: num(r.anomaly_score),
      updatedAt: text(r.updated_at),
    });
  }
  return out;
}

const close = (a: number | null, b: number | null): boolean => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12);

/**
 * Fields where the cache row says something else than the snapshot. The last invocation compares
 * instants (any text format session-buddy writes); a missing flag (NULL) differs from false.
 * @param row the computed snapshot row
 * @param cache the stored row
 * @returns the differing fields, in a fixed order
 * @example cacheDifferences(row, { ...cache, invocationCount24h: 31 }) // ['invocationCount24h']
 */
export function cacheDifferences(row: Pick<SkillSnapshotRow, CacheField>, cache: MetricsCacheRow): CacheField[] {
  const out: CacheField[] = [];
  const cachedLast = parseTimestamp(cache.lastInvocationAt);
  const last = row.lastInvocation === null ? null : parseTimestamp(row.lastInvocation);
  if (cachedLast !== last) out.push('lastInvocation');
  if (cache.invocationCount1h !== row.invocationCount1h) out.push('invocationCount1h');
  if (cache.invocationCount24h !== row.invocationCount24h) out.push('invocationCount24h');
  if (!close(cache.avgCompletionRate24h, row.completionRate24h)) out.push('completionRate24h');
  if (cache.isAnomalous !== row.isAnomalous) out.push('isAnomalous');
  if (!close(cache.anomalyScore, row.anomalyScore)) out.push('anomalyScore');
  return out;
}
