/**
 * Combining hours computed from skill_invocation with hours stored in skill_time_series. Pure.
 *
 * Per skill and hour the invocations win: a stored hour is used only when skill_invocation holds
 * no invocation of that skill in that hour (history pruned). Where both exist they are compared
 * and a disagreement is returned (the caller reports it as `STORED_AGGREGATE_MISMATCH`).
 *
 * Combining hours into a day: counts add; the completion rate is Σ completed / Σ count, with a
 * stored hour's completed invocations = round(rate · count) (exact: a stored rate is a ratio of
 * counts); the average duration is Σ(avg · weight) / Σ weight over hours with a duration, where an
 * invocation hour's weight is its number of known durations and a stored hour's weight is
 * {@link storedDurationWeight}. Unique sessions are per hour and do not add up to a day's.
 */
import { formatHour, MICROS_PER_DAY } from '../engine/time.js';
import type { DailyRow } from './sql.js';
import { compareCodePoints, type StoredHour } from './stored-hours.js';
import type { HourlyMetrics } from './types.js';

/** One skill and hour where skill_time_series and skill_invocation disagree. */
export interface HourMismatch {
  skillName: string;
  timestamp: string;
  stored: Pick<HourlyMetrics, 'invocationCount' | 'completionRate' | 'avgDurationSeconds' | 'uniqueSessions'>;
  invocations: Pick<HourlyMetrics, 'invocationCount' | 'completionRate' | 'avgDurationSeconds' | 'uniqueSessions'>;
}

/**
 * A stored hour as a result row.
 * @example storedToHourly(h).source // 'stored'
 */
export function storedToHourly(h: StoredHour): HourlyMetrics {
  return {
    timestamp: formatHour(h.hourMicros),
    skillName: h.skillName,
    invocationCount: h.invocationCount,
    completionRate: h.completionRate,
    avgDurationSeconds: h.avgDurationSeconds,
    uniqueSessions: h.uniqueSessions,
    source: 'stored',
  };
}

/**
 * Completed invocations behind a rate: round(rate · count) when that is within 1e-6 of a whole
 * number (always, for rates computed from counts), else rate · count.
 * @example completedCount(3, 2 / 3) // 2
 */
export function completedCount(count: number, rate: number): number {
  const k = rate * count;
  const r = Math.round(k);
  return Math.abs(k - r) < 1e-6 ? r : k;
}

/**
 * How many invocations of a stored hour are taken to have a known duration (the weight of its
 * average in a day's average): 0 without an average; otherwise its completed invocations, at least
 * 1 and at most the count. skill_time_series keeps only the hour's average, not how many durations
 * it averaged; session-buddy records a duration when an invocation completes, so this is exact
 * when exactly the completed invocations have a duration. When some completed invocations lack
 * one, or incomplete ones have one, a day's average that mixes several stored hours is an estimate
 * (the fixtures give ~20 % of incomplete invocations a duration: 87 % of sample.db's and 60 % of
 * train20k.db's skill-days still come out exact, median error 0, 95th percentile 8 % / 6 %;
 * weighting by the invocation count instead: 69 % / 32 % exact, 95th percentile 11 % / 13 %).
 * @example storedDurationWeight({ invocationCount: 4, completionRate: 0.5, avgDurationSeconds: 12 } as StoredHour) // 2
 */
export function storedDurationWeight(h: Pick<StoredHour, 'invocationCount' | 'completionRate' | 'avgDurationSeconds'>): number {
  if (h.avgDurationSeconds === null) return 0;
  return Math.min(h.invocationCount, Math.max(1, Math.round(h.completionRate * h.invocationCount)));
}

const close = (a: number | null, b: number | null): boolean => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12);

function agrees(raw: HourlyMetrics, s: StoredHour): boolean {
  return (
    raw.invocationCount === s.invocationCount &&
    raw.uniqueSessions === s.uniqueSessions &&
    close(raw.completionRate, s.completionRate) &&
    close(raw.avgDurationSeconds, s.avgDurationSeconds)
  );
}

const summary = (h: HourlyMetrics) => ({
  invocationCount: h.invocationCount,
  completionRate: h.completionRate,
  avgDurationSeconds: h.avgDurationSeconds,
  uniqueSessions: h.uniqueSessions,
});

/**
 * Adds the stored hours that have no invocations to the invocation hours.
 * @param raw hours computed from skill_invocation (whole hours for every hour a stored row covers)
 * @param stored stored hours wholly inside the same window
 * @returns rows ordered by skill (code point), then hour; the stored hours used; the disagreements
 * @example mergeHourly([], [h], w).rows[0].source // 'stored'
 */
export function mergeHourly(raw: HourlyMetrics[], stored: StoredHour[]): { rows: HourlyMetrics[]; used: StoredHour[]; mismatches: HourMismatch[] } {
  const byKey = new Map<string, HourlyMetrics>(raw.map((r) => [`${r.skillName}\u0000${r.timestamp}`, r]));
  const used: StoredHour[] = [];
  const mismatches: HourMismatch[] = [];
  const added: HourlyMetrics[] = [];
  for (const s of stored) {
    const mine = byKey.get(`${s.skillName}\u0000${formatHour(s.hourMicros)}`);
    if (!mine) {
      used.push(s);
      added.push(storedToHourly(s));
    } else if (!agrees(mine, s)) {
      mismatches.push({ skillName: s.skillName, timestamp: mine.timestamp, stored: summary(storedToHourly(s)), invocations: summary(mine) });
    }
  }
  if (added.length === 0) return { rows: raw, used, mismatches };
  const rows = raw.concat(added).sort((a, b) => compareCodePoints(a.skillName, b.skillName) || (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return { rows, used, mismatches };
}

/**
 * Adds stored hours (already freed of hours that have invocations) to daily rows of
 * `dailySeriesSql`, per skill and UTC day; marks every row with `stored_hours` / `stored_count`.
 * Rows without stored hours are returned unchanged apart from those two fields.
 * @param daily rows computed from skill_invocation
 * @param stored stored hours to add
 * @returns rows ordered by skill (code point), then day
 * @example mergeDaily([], [h])[0].stored_hours // 1
 */
export function mergeDaily(daily: DailyRow[], stored: StoredHour[]): DailyRow[] {
  const byKey = new Map<string, DailyRow>();
  for (const r of daily) byKey.set(`${r.skill_name}\u0000${r.day_us}`, { ...r, stored_hours: 0, stored_count: 0 });
  interface Sums {
    count: number;
    completed: number;
    durationSum: number;
    durationCount: number;
    sessions: number;
    hours: number;
    storedCount: number;
  }
  const sums = new Map<string, Sums>();
  for (const s of stored) {
    const day = Math.floor(s.hourMicros / MICROS_PER_DAY) * MICROS_PER_DAY;
    const key = `${s.skillName}\u0000${day}`;
    let acc = sums.get(key);
    if (!acc) {
      const r = byKey.get(key);
      acc = { count: 0, completed: 0, durationSum: 0, durationCount: 0, sessions: 0, hours: 0, storedCount: 0 };
      if (r) {
        acc.count = r.invocation_count;
        acc.completed = completedCount(r.invocation_count, r.completion_rate);
        acc.durationCount = r.duration_count;
        acc.durationSum = r.duration_count > 0 ? (r.avg_duration_seconds as number) * r.duration_count : 0;
        acc.sessions = r.unique_sessions;
      } else byKey.set(key, { skill_name: s.skillName, day_us: day, invocation_count: 0, completion_rate: 0, avg_duration_seconds: null, duration_count: 0, unique_sessions: 0 });
      sums.set(key, acc);
    }
    const weight = storedDurationWeight(s);
    acc.count += s.invocationCount;
    acc.completed += completedCount(s.invocationCount, s.completionRate);
    acc.durationCount += weight;
    if (weight > 0) acc.durationSum += (s.avgDurationSeconds as number) * weight;
    acc.sessions += s.uniqueSessions;
    acc.hours++;
    acc.storedCount += s.invocationCount;
  }
  for (const [key, acc] of sums) {
    byKey.set(key, {
      ...byKey.get(key)!,
      invocation_count: acc.count,
      completion_rate: acc.completed / acc.count,
      avg_duration_seconds: acc.durationCount > 0 ? acc.durationSum / acc.durationCount : null,
      duration_count: acc.durationCount,
      // per-hour figures do not add up to a day's distinct sessions: an upper bound, never reported
      unique_sessions: acc.sessions,
      stored_hours: acc.hours,
      stored_count: acc.storedCount,
    });
  }
  return [...byKey.values()].sort((a, b) => compareCodePoints(a.skill_name, b.skill_name) || a.day_us - b.day_us);
}
