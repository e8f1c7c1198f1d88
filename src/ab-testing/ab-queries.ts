/**
 * Every read of the A/B tables. SQL reduces outcomes to sufficient statistics (counts, sums and
 * sums of squares per group, per user, per user and day); the statistics never see single rows.
 * Outcomes count only when joined to an assignment of the same test and user, as upstream.
 */
import type { SkillsDatabase } from '../engine/SkillsDatabase.js';
import type { ABGroup } from './ABTestConfig.js';

/** One row of `ab_test_configs` as stored. */
export interface ConfigRecord {
  test_id: number;
  test_name: string;
  description: string | null;
  control_strategy: string;
  treatment_strategy: string;
  start_date: string;
  end_date: string | null;
  min_sample_size: number | null;
  metrics: string | null;
  assignment_ratio: number | null;
  status: string | null;
  created_at: string;
}

const CONFIG_COLUMNS =
  'test_id, test_name, description, control_strategy, treatment_strategy, start_date, end_date, min_sample_size, metrics, assignment_ratio, status, created_at';

/** Every test, oldest first. */
export function selectConfigs(db: SkillsDatabase): ConfigRecord[] {
  return db.all<ConfigRecord>(`SELECT ${CONFIG_COLUMNS} FROM ab_test_configs ORDER BY test_id`);
}

/** One test, or undefined. */
export function selectConfig(db: SkillsDatabase, testId: number): ConfigRecord | undefined {
  return db.all<ConfigRecord>(`SELECT ${CONFIG_COLUMNS} FROM ab_test_configs WHERE test_id = ?`, [testId])[0];
}

/** Assigned users per group (what upstream's get_test_status calls the sample sizes). */
export function selectAssignmentCounts(db: SkillsDatabase, testId: number): Record<ABGroup, number> {
  const rows = db.all<{ group_name: string; n: number }>('SELECT group_name, COUNT(*) AS n FROM ab_test_assignments WHERE test_id = ? GROUP BY group_name', [testId]);
  return { control: rows.find((r) => r.group_name === 'control')?.n ?? 0, treatment: rows.find((r) => r.group_name === 'treatment')?.n ?? 0 };
}

/** A user's stored group, or undefined when not assigned. */
export function selectAssignment(db: SkillsDatabase, testId: number, userId: string): ABGroup | undefined {
  return db.all<{ group_name: ABGroup }>('SELECT group_name FROM ab_test_assignments WHERE test_id = ? AND user_id = ?', [testId, userId])[0]?.group_name;
}

/** Count, sum and sum of squares of one numeric column (count of non-NULL values). */
export interface Sums {
  n: number;
  sum: number;
  sumSq: number;
}

/** Outcome-level sufficient statistics of one group. */
export interface OutcomeSums {
  /** outcomes */
  n: number;
  /** completed outcomes */
  completed: number;
  duration: Sums;
  rating: Sums;
}

/** User-level sufficient statistics of one group: each user with ≥ 1 outcome is one observation. */
export interface UserSums {
  /** users with outcomes */
  users: number;
  /** per-user completion rate */
  rate: Sums;
  /** per-user mean duration (users with a known duration) */
  duration: Sums;
  /** per-user mean rating (users with a rating) */
  rating: Sums;
  /** Σ n_u², Σ k_u², Σ n_u·k_u over users (n_u outcomes, k_u completions): the cluster-robust variance of the pooled rate. */
  outcomesSq: number;
  completedSq: number;
  outcomesCompleted: number;
}

const JOINED = `FROM ab_test_outcomes ao
  JOIN ab_test_assignments aa ON ao.test_id = aa.test_id AND ao.user_id = aa.user_id
  WHERE ao.test_id = ? AND aa.group_name IN ('control', 'treatment')`;

const COMPLETED = 'CASE WHEN ao.completed THEN 1 ELSE 0 END';

type Num = number | null;
const num = (v: Num): number => (v === null ? 0 : Number(v));

/** Outcome-level sums per group (upstream's `_calculate_group_metrics`, reduced in SQL). */
export function selectOutcomeSums(db: SkillsDatabase, testId: number): Record<ABGroup, OutcomeSums> {
  const rows = db.all<{ grp: ABGroup; n: number; completed: Num; dn: number; ds: Num; dss: Num; rn: number; rs: Num; rss: Num }>(
    `SELECT aa.group_name AS grp, COUNT(*) AS n, SUM(${COMPLETED}) AS completed,
       COUNT(ao.duration_seconds) AS dn, SUM(ao.duration_seconds) AS ds, SUM(ao.duration_seconds * ao.duration_seconds) AS dss,
       COUNT(ao.user_rating) AS rn, SUM(ao.user_rating) AS rs, SUM(ao.user_rating * ao.user_rating) AS rss
     ${JOINED} GROUP BY aa.group_name`,
    [testId],
  );
  const pick = (g: ABGroup): OutcomeSums => {
    const r = rows.find((x) => x.grp === g);
    return r
      ? { n: r.n, completed: num(r.completed), duration: { n: r.dn, sum: num(r.ds), sumSq: num(r.dss) }, rating: { n: r.rn, sum: num(r.rs), sumSq: num(r.rss) } }
      : { n: 0, completed: 0, duration: { n: 0, sum: 0, sumSq: 0 }, rating: { n: 0, sum: 0, sumSq: 0 } };
  };
  return { control: pick('control'), treatment: pick('treatment') };
}

/** User-level sums per group: one row per user first, then sums over users. */
export function selectUserSums(db: SkillsDatabase, testId: number): Record<ABGroup, UserSums> {
  const rows = db.all<{ grp: ABGroup; users: number; rs: Num; rss: Num; dn: number; ds: Num; dss: Num; tn: number; ts: Num; tss: Num; nn: Num; kk: Num; nk: Num }>(
    `SELECT grp, COUNT(*) AS users, SUM(rate) AS rs, SUM(rate * rate) AS rss,
       COUNT(dur) AS dn, SUM(dur) AS ds, SUM(dur * dur) AS dss,
       COUNT(rat) AS tn, SUM(rat) AS ts, SUM(rat * rat) AS tss,
       SUM(n * n) AS nn, SUM(k * k) AS kk, SUM(n * k) AS nk
     FROM (SELECT aa.group_name AS grp, COUNT(*) AS n, SUM(${COMPLETED}) AS k, AVG(${COMPLETED}) AS rate,
             AVG(ao.duration_seconds) AS dur, AVG(ao.user_rating) AS rat
           ${JOINED} GROUP BY aa.group_name, aa.user_id)
     GROUP BY grp`,
    [testId],
  );
  const pick = (g: ABGroup): UserSums => {
    const r = rows.find((x) => x.grp === g);
    if (!r)
      return {
        users: 0,
        rate: { n: 0, sum: 0, sumSq: 0 },
        duration: { n: 0, sum: 0, sumSq: 0 },
        rating: { n: 0, sum: 0, sumSq: 0 },
        outcomesSq: 0,
        completedSq: 0,
        outcomesCompleted: 0,
      };
    return {
      users: r.users,
      rate: { n: r.users, sum: num(r.rs), sumSq: num(r.rss) },
      duration: { n: r.dn, sum: num(r.ds), sumSq: num(r.dss) },
      rating: { n: r.tn, sum: num(r.ts), sumSq: num(r.tss) },
      outcomesSq: num(r.nn),
      completedSq: num(r.kk),
      outcomesCompleted: num(r.nk),
    };
  };
  return { control: pick('control'), treatment: pick('treatment') };
}

/** Outcomes and completions of one user on one UTC day (the unit of the daily sequential looks). */
export interface UserDayCounts {
  group: ABGroup;
  userId: string;
  /** `YYYY-MM-DD` of `recorded_at` in UTC; unparseable times count on the last look ('9999-12-31'). */
  day: string;
  n: number;
  completed: number;
  /** Known durations that day: count and sum (absent: none). */
  durationN?: number;
  durationSum?: number;
  /** Given ratings that day: count and sum (absent: none). */
  ratingN?: number;
  ratingSum?: number;
}

/** Per user and day counts, ordered by day. */
export function selectUserDayCounts(db: SkillsDatabase, testId: number): UserDayCounts[] {
  return db.all<UserDayCounts>(
    `SELECT aa.group_name AS "group", aa.user_id AS userId, COALESCE(date(ao.recorded_at), '9999-12-31') AS day,
       COUNT(*) AS n, SUM(${COMPLETED}) AS completed,
       COUNT(ao.duration_seconds) AS durationN, COALESCE(SUM(ao.duration_seconds), 0) AS durationSum,
       COUNT(ao.user_rating) AS ratingN, COALESCE(SUM(ao.user_rating), 0) AS ratingSum
     ${JOINED} GROUP BY aa.group_name, aa.user_id, day ORDER BY day, aa.group_name, aa.user_id`,
    [testId],
  );
}

/** Outcomes and completions of one user for one skill (the strata of post-stratification). */
export interface UserSkillCounts {
  group: ABGroup;
  userId: string;
  skill: string;
  n: number;
  completed: number;
}

/** Per user and skill counts of the test's outcomes. */
export function selectUserSkillCounts(db: SkillsDatabase, testId: number): UserSkillCounts[] {
  return db.all<UserSkillCounts>(
    `SELECT aa.group_name AS "group", aa.user_id AS userId, ao.skill_name AS skill, COUNT(*) AS n, SUM(${COMPLETED}) AS completed
     ${JOINED} GROUP BY aa.group_name, aa.user_id, ao.skill_name ORDER BY aa.user_id, ao.skill_name`,
    [testId],
  );
}

/** What a user did before being assigned to the test (pre-assignment history, the CUPED covariate). */
export interface UserHistory {
  userId: string;
  /** Outcomes of the same user id in other tests, recorded before the assignment to this test. */
  testOutcomes: number;
  testCompleted: number;
  /** skill_invocation rows whose session_id is the user id, invoked before the assignment. */
  invocations: number;
  invocationsCompleted: number;
}

/**
 * Pre-assignment history of every assigned user with outcomes in the test. Times are compared as
 * julianday() (ISO texts with or without offset); a row whose time cannot be parsed never counts.
 */
export function selectUserHistory(db: SkillsDatabase, testId: number): UserHistory[] {
  const withOutcomes = db.all<{ userId: string }>(`SELECT DISTINCT aa.user_id AS userId ${JOINED} ORDER BY aa.user_id`, [testId]);
  // CROSS JOIN keeps outcomes as the outer loop: one index lookup of the assignment per outcome
  const tests = db.all<{ userId: string; n: number; k: number }>(
    `SELECT aa.user_id AS userId, COUNT(*) AS n, SUM(CASE WHEN po.completed THEN 1 ELSE 0 END) AS k
     FROM ab_test_outcomes po CROSS JOIN ab_test_assignments aa
     WHERE aa.test_id = ? AND aa.user_id = po.user_id AND po.test_id <> aa.test_id AND julianday(po.recorded_at) < julianday(aa.assigned_at)
     GROUP BY aa.user_id`,
    [testId],
  );
  const sessions = db.hasTable('skill_invocation')
    ? db.all<{ userId: string; n: number; k: number }>(
        `SELECT aa.user_id AS userId, COUNT(*) AS n, SUM(CASE WHEN si.completed THEN 1 ELSE 0 END) AS k
         FROM skill_invocation si JOIN ab_test_assignments aa ON aa.test_id = ? AND aa.user_id = si.session_id
         WHERE julianday(si.invoked_at) < julianday(aa.assigned_at)
         GROUP BY aa.user_id`,
        [testId],
      )
    : [];
  const byTests = new Map(tests.map((r) => [r.userId, r]));
  const bySessions = new Map(sessions.map((r) => [r.userId, r]));
  return withOutcomes.map(({ userId }) => ({
    userId,
    testOutcomes: byTests.get(userId)?.n ?? 0,
    testCompleted: byTests.get(userId)?.k ?? 0,
    invocations: bySessions.get(userId)?.n ?? 0,
    invocationsCompleted: bySessions.get(userId)?.k ?? 0,
  }));
}

/** One known duration of the test, with its user (the cluster of the bootstrap). */
export interface UserDuration {
  group: ABGroup;
  userId: string;
  duration: number;
}

/** Every known duration of the test's outcomes. */
export function selectDurations(db: SkillsDatabase, testId: number): UserDuration[] {
  return db.all<UserDuration>(
    `SELECT aa.group_name AS "group", aa.user_id AS userId, ao.duration_seconds AS duration
     ${JOINED} AND ao.duration_seconds IS NOT NULL ORDER BY aa.user_id, ao.outcome_id`,
    [testId],
  );
}

/** Groups of the test's assignments in the order they were made (assigned_at, then id). */
export function selectAssignmentSequence(db: SkillsDatabase, testId: number): ABGroup[] {
  return db
    .all<{ g: ABGroup }>(
      `SELECT group_name AS g FROM ab_test_assignments WHERE test_id = ? AND group_name IN ('control', 'treatment')
       ORDER BY COALESCE(julianday(assigned_at), 1e9), assignment_id`,
      [testId],
    )
    .map((r) => r.g);
}

/** One outcome of the test with its user, skill and UTC day (the rows a replay re-splits). */
export interface OutcomeRow {
  userId: string;
  skill: string;
  day: string;
  completed: number;
  duration: number | null;
  rating: number | null;
}

/** Every outcome of the test's assigned users, ordered by user and outcome id. */
export function selectOutcomeRows(db: SkillsDatabase, testId: number): OutcomeRow[] {
  return db.all<OutcomeRow>(
    `SELECT aa.user_id AS userId, ao.skill_name AS skill, COALESCE(date(ao.recorded_at), '9999-12-31') AS day, ${COMPLETED} AS completed,
       ao.duration_seconds AS duration, ao.user_rating AS rating
     ${JOINED} ORDER BY aa.user_id, ao.outcome_id`,
    [testId],
  );
}

/** The largest test_id in the file (fresh ids for replays start above it). */
export function selectMaxTestId(db: SkillsDatabase): number {
  return db.all<{ m: number | null }>('SELECT MAX(test_id) AS m FROM ab_test_configs')[0]?.m ?? 0;
}
