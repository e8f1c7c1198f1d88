/**
 * The point-in-time features of stored rows computed in one pass over them in (invoked_at, id)
 * order: the definitions of features-sql.ts (its file comment), the same numbers as its window
 * query (a test compares the two on the fixtures), without DuckDB's four window sorts. The
 * warehouse returns the rows ({@link BASE_ROWS_SQL}: every row at or before the window's end, text
 * columns as codes); this file keeps per skill the rows of the last 24 hours, per session its first
 * time and per (session, skill) its completed count.
 */
import { DAY_US, rowFeatureSql } from './features-sql.js';

const row = rowFeatureSql('s.');
const inWindow = 's.invoked_at_us >= CAST($2 AS BIGINT)';

/**
 * The rows the features are computed from ($1 = window end µs, $2 = window start µs): every stored
 * row at or before $1 in (invoked_at_us, id) order, the skill and the session as codes (session 0:
 * none), and for the rows in the window only their skill name and the row-only features.
 */
export const BASE_ROWS_SQL = `WITH source AS (
  SELECT id, skill_name, session_id, workflow_phase, completed, invoked_at_us
  FROM invocations
  WHERE invoked_at_us <= CAST($1 AS BIGINT)
),
skills AS (SELECT skill_name, dense_rank() OVER (ORDER BY skill_name) - 1 AS skill_code FROM (SELECT DISTINCT skill_name FROM source)),
sessions AS (SELECT session_id, dense_rank() OVER (ORDER BY session_id) AS session_code FROM (SELECT DISTINCT session_id FROM source WHERE session_id IS NOT NULL))
SELECT CAST(s.id AS DOUBLE) AS id, CAST(s.invoked_at_us AS DOUBLE) AS invoked_at_us, k.skill_code, coalesce(x.session_code, 0) AS session_code, s.completed,
  CASE WHEN ${inWindow} THEN s.skill_name END AS skill_name,
  CASE WHEN ${inWindow} THEN ${row.hour_of_day} END AS hour_of_day,
  CASE WHEN ${inWindow} THEN ${row.day_of_week} END AS day_of_week,
  CASE WHEN ${inWindow} THEN ${row.workflow_phase_encoded} END AS workflow_phase_encoded
FROM source s
JOIN skills k ON k.skill_name IS NOT DISTINCT FROM s.skill_name
LEFT JOIN sessions x ON x.session_id = s.session_id
ORDER BY s.invoked_at_us, s.id`;

/** {@link BASE_ROWS_SQL}'s columns. */
export interface BaseRows {
  id: Float64Array;
  invoked_at_us: Float64Array;
  skill_code: Float64Array;
  session_code: Float64Array;
  completed: Float64Array;
  skill_name: unknown[];
  hour_of_day: Float64Array;
  day_of_week: Float64Array;
  workflow_phase_encoded: Float64Array;
}

/** The rows in the window with their features (columns in FEATURE_NAMES order). */
export interface WindowFeatures {
  /** The window's first base row (the window is the base rows from there on). */
  first: number;
  /** hour_of_day … user_skill_familiarity, one column each. */
  X: Float64Array[];
}

/**
 * The features of the base rows at or after `fromMicros`, each from the rows before it.
 * @param b the base rows, in (invoked_at, id) order
 * @param fromMicros the window's start (inclusive)
 * @returns the window's rows and their features
 */
export function pointInTimeFeatures(b: BaseRows, fromMicros: number): WindowFeatures {
  const n = b.id.length;
  const t = b.invoked_at_us;
  let skills = 0;
  for (let i = 0; i < n; i++) skills = Math.max(skills, b.skill_code[i] + 1);
  // Each skill's rows in order, laid out one skill after another; a skill's last 24 h are
  // bySkill[head[k] … tail[k]).
  const start = new Int32Array(skills + 1);
  for (let i = 0; i < n; i++) start[b.skill_code[i] + 1]++;
  for (let k = 0; k < skills; k++) start[k + 1] += start[k];
  const head = start.slice(0, skills);
  const tail = start.slice(0, skills);
  const bySkill = new Int32Array(n);
  const doneInDay = new Float64Array(skills);
  const sessionFirst = new Map<number, number>();
  const sessionSkillDone = new Map<number, number>();
  // SUM(completed) of the SQL: a NULL adds nothing.
  const done = (i: number) => (Number.isNaN(b.completed[i]) ? 0 : b.completed[i]);
  let first = 0;
  while (first < n && t[first] < fromMicros) first++;
  const m = n - first;
  const X = Array.from({ length: 7 }, () => new Float64Array(m));
  for (let i = 0; i < n; i++) {
    const k = b.skill_code[i];
    while (head[k] < tail[k] && t[bySkill[head[k]]] < t[i] - DAY_US) doneInDay[k] -= done(bySkill[head[k]++]);
    const s = b.session_code[i];
    if (s !== 0 && !sessionFirst.has(s)) sessionFirst.set(s, t[i]);
    const pair = s * skills + k;
    if (i >= first) {
      const j = i - first;
      const count = tail[k] - head[k];
      X[0][j] = b.hour_of_day[i];
      X[1][j] = b.day_of_week[i];
      X[2][j] = count;
      X[3][j] = count === 0 ? 0 : doneInDay[k] / count;
      X[4][j] = b.workflow_phase_encoded[i];
      X[5][j] = s === 0 ? 0 : (t[i] - sessionFirst.get(s)!) / 60_000_000;
      X[6][j] = s === 0 ? 0 : (sessionSkillDone.get(pair) ?? 0);
    }
    bySkill[tail[k]++] = i;
    doneInDay[k] += done(i);
    if (s !== 0 && done(i) !== 0) sessionSkillDone.set(pair, (sessionSkillDone.get(pair) ?? 0) + done(i));
  }
  return { first, X };
}
