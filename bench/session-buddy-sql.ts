/**
 * session-buddy's own SQLite formulation of the time-series aggregates (docs/skills-db-format.md, "How
 * session-buddy itself computes"), run by sql.js in the benchmark: hourly buckets with
 * `strftime('%Y-%m-%dT%H:00:00', invoked_at)`, days with `DATE(invoked_at)`, windows compared with
 * `datetime()` at second resolution. The window also ends at asOf (`<= datetime(asOf)`), as the
 * engine's does, so both return the same groups.
 */
import { formatIso } from '../src/engine/time.js';

const AGGREGATES = `COUNT(*) AS invocation_count,
       AVG(CASE WHEN completed = 1 THEN 1.0 ELSE 0.0 END) AS completion_rate,
       AVG(duration_seconds) AS avg_duration_seconds,
       COUNT(DISTINCT session_id) AS unique_sessions`;

const WINDOW = 'datetime(invoked_at) >= datetime(?1, ?2) AND datetime(invoked_at) <= datetime(?1)';

/**
 * Hourly metrics for all skills.
 * @returns SQL with ?1 = asOf (`YYYY-MM-DD HH:MM:SS`), ?2 = modifier such as `-168 hours`
 */
export function sqliteHourlySql(): string {
  return `SELECT skill_name, strftime('%Y-%m-%dT%H:00:00', invoked_at) AS hour, ${AGGREGATES}
FROM skill_invocation
WHERE ${WINDOW}
GROUP BY skill_name, hour
ORDER BY skill_name, hour`;
}

/**
 * Daily metrics of every skill with at least ?3 invocations in the window (the inputs of
 * session-buddy's multi-skill trends, in one query instead of one per skill).
 * @returns SQL with ?1 = asOf, ?2 = modifier such as `-7 days`, ?3 = minimum invocations
 */
export function sqliteDailySql(): string {
  return `WITH qualifying AS (
  SELECT skill_name, COUNT(*) AS window_count FROM skill_invocation
  WHERE ${WINDOW} GROUP BY skill_name HAVING COUNT(*) >= ?3
)
SELECT i.skill_name, q.window_count, DATE(i.invoked_at) AS day, ${AGGREGATES}
FROM skill_invocation AS i JOIN qualifying AS q ON q.skill_name = i.skill_name
WHERE ${WINDOW.replaceAll('invoked_at)', 'i.invoked_at)')}
GROUP BY i.skill_name, day
ORDER BY q.window_count DESC, i.skill_name, day`;
}

/**
 * The first two parameters of these queries.
 * @param asOfMicros end of the window, epoch µs (truncated to the second)
 * @param modifier SQLite date modifier, e.g. `-168 hours`
 * @returns [asOf as `YYYY-MM-DD HH:MM:SS`, modifier]
 * @example sqliteWindowParams(0, '-7 days') // ['1970-01-01 00:00:00', '-7 days']
 */
export function sqliteWindowParams(asOfMicros: number, modifier: string): [string, string] {
  return [
    formatIso(Math.floor(asOfMicros / 1e6) * 1e6)
      .slice(0, 19)
      .replace('T', ' '),
    modifier,
  ];
}
