/**
 * SQL text of the time-series capability, built by small pure functions (execution lives in
 * TimeSeriesAnalyzer). Every query reads the warehouse table `invocations` and takes the window as
 * parameters $1 = start (inclusive) and $2 = end (exclusive), in epoch microseconds; user strings
 * (skill names) are always parameters, never spliced into the text.
 *
 * The aggregates are session-buddy's: completion_rate = AVG(CASE WHEN completed = 1 THEN 1.0 ELSE
 * 0.0 END), avg_duration_seconds = AVG(duration_seconds) over known durations, unique_sessions =
 * COUNT(DISTINCT session_id). Buckets are UTC hours / days of the TIMESTAMP column (no ICU needed).
 */

const WINDOW = 'invoked_at_us >= CAST($1 AS BIGINT) AND invoked_at_us < CAST($2 AS BIGINT)';

const AGGREGATES = `count(*) AS invocation_count,
       CAST(avg(CASE WHEN completed = 1 THEN 1.0 ELSE 0.0 END) AS DOUBLE) AS completion_rate,
       avg(duration_seconds) AS avg_duration_seconds,
       count(duration_seconds) AS duration_count,
       count(DISTINCT session_id) AS unique_sessions`;

/** A row of {@link hourlyMetricsSql}. */
export interface HourlyRow {
  skill_name: string;
  hour_us: number;
  invocation_count: number;
  completion_rate: number;
  avg_duration_seconds: number | null;
  duration_count: number;
  unique_sessions: number;
}

/**
 * Hourly aggregates per skill and UTC hour, ordered by skill then hour (session-buddy's
 * `aggregate_hourly_metrics`).
 * @param oneSkill true: filter on skill_name = $3
 * @returns SQL with parameters $1 start, $2 end[, $3 skill]
 * @example hourlyMetricsSql(true) // "SELECT skill_name, epoch_us(date_trunc('hour', invoked_at)) AS hour_us, ..."
 */
export function hourlyMetricsSql(oneSkill: boolean): string {
  return `SELECT skill_name,
       epoch_us(date_trunc('hour', invoked_at)) AS hour_us,
       ${AGGREGATES}
FROM invocations
WHERE ${WINDOW}${oneSkill ? '\n  AND skill_name = $3' : ''}
GROUP BY skill_name, hour_us
ORDER BY skill_name, hour_us`;
}

/** A row of {@link dailySeriesSql}. */
export interface DailyRow extends Omit<HourlyRow, 'hour_us'> {
  day_us: number;
  /** Invocations of the skill in the whole window (multi-skill form only). */
  window_count?: number;
  /** Hours of the day taken from skill_time_series (set by the stored-history merge, not by SQL). */
  stored_hours?: number;
  /** Invocations in those stored hours (set with `stored_hours`). */
  stored_count?: number;
}

/**
 * Daily aggregates per skill and UTC calendar day (session-buddy's `detect_trend` groups by
 * `DATE(invoked_at)`), ordered by day.
 * - `'one'`: one skill ($3 = skill name).
 * - `'qualifying'`: every skill with at least $3 invocations in the window (session-buddy's
 *   `get_multi_skill_trends`), with its window count, ordered by that count descending, then skill.
 * @param which which skills
 * @returns SQL with parameters $1 start, $2 end, $3 skill name or minimum count
 * @example dailySeriesSql('one') // "SELECT skill_name, epoch_us(date_trunc('day', invoked_at)) AS day_us, ..."
 */
export function dailySeriesSql(which: 'one' | 'qualifying'): string {
  if (which === 'one') {
    return `SELECT skill_name,
       epoch_us(date_trunc('day', invoked_at)) AS day_us,
       ${AGGREGATES}
FROM invocations
WHERE ${WINDOW}
  AND skill_name = $3
GROUP BY skill_name, day_us
ORDER BY day_us`;
  }
  // Days are aggregated before the join: a join may reorder rows, and the durations of a day must be
  // summed in time order (the order of the table), as for one skill and as the hourly cube does.
  return `WITH qualifying AS (
  SELECT skill_name, count(*) AS window_count
  FROM invocations
  WHERE ${WINDOW}
  GROUP BY skill_name
  HAVING count(*) >= CAST($3 AS BIGINT)
),
daily AS (
  SELECT skill_name,
         epoch_us(date_trunc('day', invoked_at)) AS day_us,
         ${AGGREGATES}
  FROM invocations
  WHERE ${WINDOW}
  GROUP BY skill_name, day_us
)
SELECT i.skill_name, q.window_count, i.day_us, i.invocation_count, i.completion_rate, i.avg_duration_seconds, i.duration_count, i.unique_sessions
FROM daily AS i
JOIN qualifying AS q ON q.skill_name = i.skill_name
ORDER BY q.window_count DESC, i.skill_name, day_us`;
}

/**
 * The first invocation of one skill (the seasonal baseline counts an hour without invocations as
 * 0 only after the skill existed).
 * @returns SQL with parameter $1 = skill name; one row `{ first_us }` (null when none)
 * @example firstInvocationSql() // 'SELECT min(invoked_at_us) AS first_us FROM invocations WHERE skill_name = $1'
 */
export function firstInvocationSql(): string {
  return 'SELECT min(invoked_at_us) AS first_us FROM invocations WHERE skill_name = $1';
}
