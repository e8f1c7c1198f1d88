/**
 * The point-in-time feature SQL: ONE DuckDB query with window functions computes every feature of
 * every requested row, each as of the row's own time from strictly earlier rows. Live prediction
 * uses {@link featureSql} with the row source swapped for the stored rows that can matter plus one
 * "probe" row describing the new invocation. Training and scoring compute the same definitions in
 * one JavaScript pass over the rows of a plain query (point-in-time.ts: four window sorts fewer);
 * a test holds the two equal, bit for bit, on every fixture.
 *
 * "Earlier" means earlier in the order (invoked_at_us, id): rows at the same microsecond count as
 * earlier when their id is smaller. Counts before a row therefore use ROWS frames over that order;
 * the 24-hour lower bound subtracts a RANGE frame on time alone (rows with t' < t − 24 h, i.e.
 * t' ≤ t − 24 h − 1 µs), which is exact because ties cannot straddle that bound.
 *
 * Definitions (test/fixtures/train20k.quality.json; t = the row's invoked_at):
 * - hour_of_day: UTC hour of t (0-23).
 * - day_of_week: UTC weekday of t, Monday = 0 … Sunday = 6.
 * - invocation_count_24h: earlier invocations of the same skill with t' ≥ t − 24 h.
 * - avg_completion_rate_24h: completed share of those (0 when there are none).
 * - workflow_phase_encoded: the row's own phase, see phase-encoding.ts.
 * - session_length_minutes: minutes from the first invocation of the same session (this one
 *   included) to t; with a caller-given session start (live prediction), the earlier of the two.
 *   No session (NULL) = 0.
 * - user_skill_familiarity: earlier COMPLETED invocations of the same skill in the same session.
 *
 * Candidate extra features were measured on the 80/20 time split of train20k.db and a generated
 * 100k file and left out because none improved the holdout score: the skill's completion rate over
 * all earlier history ((done + 1) / (n + 2)), the session's earlier completion rate, and minutes
 * since the previous invocation of the session (AUC within ±0.002, Brier equal or worse).
 *
 * Every feature is partitioned by skill or by session, so restricting the source rows to "same
 * skill or same session" (the probe form) cannot change the probe's features.
 */
import { phaseCodeSql } from './phase-encoding.js';

/** A feature: its model name (snake_case, as in the issue) and its key in {@link SkillFeatureValues}. */
export interface FeatureDefinition {
  name: string;
  key: keyof SkillFeatureValues;
  /** One-line definition, shown in explanations. */
  description: string;
}

/** Feature values of one invocation, by camelCase key. */
export interface SkillFeatureValues {
  hourOfDay: number;
  dayOfWeek: number;
  invocationCount24h: number;
  avgCompletionRate24h: number;
  workflowPhaseEncoded: number;
  sessionLengthMinutes: number;
  userSkillFamiliarity: number;
}

/** The model's features, in column order. */
export const FEATURES: readonly FeatureDefinition[] = Object.freeze([
  { name: 'hour_of_day', key: 'hourOfDay', description: 'UTC hour of the invocation (0-23)' },
  { name: 'day_of_week', key: 'dayOfWeek', description: 'UTC weekday of the invocation, Monday = 0' },
  { name: 'invocation_count_24h', key: 'invocationCount24h', description: 'earlier invocations of the skill in the 24 h before' },
  { name: 'avg_completion_rate_24h', key: 'avgCompletionRate24h', description: 'completion rate of those (0 when none)' },
  { name: 'workflow_phase_encoded', key: 'workflowPhaseEncoded', description: 'phase code: none 0, planning 1, setup 2, execution 3, verification 4, other 5' },
  { name: 'session_length_minutes', key: 'sessionLengthMinutes', description: 'minutes since the first invocation of the session' },
  { name: 'user_skill_familiarity', key: 'userSkillFamiliarity', description: 'earlier completed invocations of the skill in this session' },
]);

/** Feature names in column order. */
export const FEATURE_NAMES: readonly string[] = Object.freeze(FEATURES.map((f) => f.name));

/** 24 hours in µs: the invocation count and rate look back this far. */
export const DAY_US = 86_400_000_000;

/**
 * The features of a row alone (its time and phase), as SQL over its columns: the same expressions
 * in the window query and in the rows point-in-time.ts computes the others from.
 * @param table the rows' table alias with its dot ('s.'), or '' for unqualified columns
 * @returns SQL per feature name
 * @example rowFeatureSql('').hour_of_day // "CAST(hour(make_timestamp(invoked_at_us)) AS DOUBLE)"
 */
export function rowFeatureSql(table: string): { hour_of_day: string; day_of_week: string; workflow_phase_encoded: string } {
  return {
    hour_of_day: `CAST(hour(make_timestamp(${table}invoked_at_us)) AS DOUBLE)`,
    day_of_week: `CAST(isodow(make_timestamp(${table}invoked_at_us)) - 1 AS DOUBLE)`,
    workflow_phase_encoded: `CAST(${phaseCodeSql(`${table}workflow_phase`)} AS DOUBLE)`,
  };
}

/** Probe id: sorts after every stored row at the same microsecond. */
const PROBE_ID = '9223372036854775807';

/** What {@link featureSql} computes features for. */
export type FeatureScope =
  /**
   * Stored rows with $2 ≤ invoked_at_us ≤ $1 (parameters: $1 = upper bound µs, $2 = lower bound µs).
   * Only rows at or before $1 are read, so nothing after the bound can leak in.
   */
  | 'rows'
  /**
   * One new invocation at $1 (µs) of skill $2 in session $3 (NULL: none) with phase $4 (NULL: none)
   * and caller-given session start $5 (µs or NULL); sees stored rows at or before $1.
   */
  | 'probe';

function sourceSql(scope: FeatureScope): string {
  const stored = `SELECT id, skill_name, session_id, workflow_phase, completed, invoked_at_us,
         CAST(NULL AS BIGINT) AS session_start_hint, false AS is_probe
  FROM invocations
  WHERE invoked_at_us <= CAST($1 AS BIGINT)`;
  if (scope === 'rows') return stored;
  return `${stored}
    AND (skill_name = CAST($2 AS VARCHAR) OR session_id = CAST($3 AS VARCHAR))
  UNION ALL
  SELECT CAST(${PROBE_ID} AS BIGINT), CAST($2 AS VARCHAR), CAST($3 AS VARCHAR), CAST($4 AS VARCHAR),
         CAST(NULL AS INTEGER), CAST($1 AS BIGINT), CAST($5 AS BIGINT), true`;
}

/**
 * The feature query.
 * @param scope `'rows'` (training, scoring) or `'probe'` (one live invocation); see {@link FeatureScope}
 * @returns SQL over the warehouse table `invocations`, rows ordered by (invoked_at_us, id), columns
 *   id, invoked_at_us, skill_name, completed and one DOUBLE column per {@link FEATURE_NAMES} entry
 * @example
 * await warehouse.columns(featureSql('rows'), [asOfMicros, asOfMicros - 30 * MICROS_PER_DAY + 1]);
 */
export function featureSql(scope: FeatureScope): string {
  const keep = scope === 'rows' ? 'NOT is_probe AND invoked_at_us >= CAST($2 AS BIGINT)' : 'is_probe';
  const row = rowFeatureSql('');
  return `WITH source AS (
  ${sourceSql(scope)}
),
windowed AS (
  SELECT *,
    count(*) OVER skill_before AS skill_n_before,
    coalesce(sum(completed) OVER skill_before, 0) AS skill_done_before,
    count(*) OVER skill_older AS skill_n_older,
    coalesce(sum(completed) OVER skill_older, 0) AS skill_done_older,
    min(invoked_at_us) OVER session_so_far AS session_first_us,
    coalesce(sum(completed) OVER session_skill_before, 0) AS session_skill_done_before
  FROM source
  WINDOW
    skill_before AS (PARTITION BY skill_name ORDER BY invoked_at_us, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
    skill_older AS (PARTITION BY skill_name ORDER BY invoked_at_us RANGE BETWEEN UNBOUNDED PRECEDING AND ${DAY_US + 1} PRECEDING),
    session_so_far AS (PARTITION BY session_id ORDER BY invoked_at_us, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
    session_skill_before AS (PARTITION BY session_id, skill_name ORDER BY invoked_at_us, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
)
SELECT id, invoked_at_us, skill_name, completed,
  ${row.hour_of_day} AS hour_of_day,
  ${row.day_of_week} AS day_of_week,
  CAST(skill_n_before - skill_n_older AS DOUBLE) AS invocation_count_24h,
  CASE WHEN skill_n_before = skill_n_older THEN 0.0
       ELSE CAST(skill_done_before - skill_done_older AS DOUBLE) / CAST(skill_n_before - skill_n_older AS DOUBLE) END
    AS avg_completion_rate_24h,
  ${row.workflow_phase_encoded} AS workflow_phase_encoded,
  CASE WHEN session_id IS NULL THEN coalesce(CAST(invoked_at_us - session_start_hint AS DOUBLE), 0.0)
       ELSE CAST(invoked_at_us - least(session_first_us, coalesce(session_start_hint, session_first_us)) AS DOUBLE) END
    / 60000000.0::DOUBLE AS session_length_minutes,
  CASE WHEN session_id IS NULL THEN 0.0 ELSE CAST(session_skill_done_before AS DOUBLE) END AS user_skill_familiarity
FROM windowed
WHERE ${keep}
ORDER BY invoked_at_us, id`;
}
