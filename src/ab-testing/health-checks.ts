/**
 * Health checks of a test beyond the sample ratio, as coded warnings with counts: outcomes of
 * users never assigned (they are left out of every analysis), users assigned to both groups (in a
 * dataset of several files: the same user id in different groups in different files), outcomes
 * recorded before the user's assignment, assignments and outcomes after the test was stopped, and
 * assignments to a group other than control / treatment. Times are compared with julianday().
 */
import type { SkillsDatabase } from '../engine/SkillsDatabase.js';

/** Codes of the health checks. */
export const HEALTH_CHECK_CODES = [
  'OUTCOMES_FROM_UNASSIGNED_USERS',
  'USERS_IN_BOTH_GROUPS',
  'OUTCOMES_BEFORE_ASSIGNMENT',
  'ASSIGNMENTS_AFTER_STOP',
  'OUTCOMES_AFTER_STOP',
  'UNKNOWN_GROUP',
] as const;
export type HealthCheckCode = (typeof HEALTH_CHECK_CODES)[number];

/** One check: how many rows (and users) it found; `count > 0` means something to look at. */
export interface HealthCheck {
  code: HealthCheckCode;
  /** Rows found: outcomes, assignments or users, as `unit` says. */
  count: number;
  unit: 'outcomes' | 'assignments' | 'users';
  /** Distinct users involved. */
  users: number;
  message: string;
}

/** `healthChecks` of the analysis. */
export interface HealthCheckAnalysis {
  available: boolean;
  /** Every check, with 0 counts too. */
  checks: HealthCheck[];
  /** Codes of the checks with count > 0. */
  failing: HealthCheckCode[];
}

/** Counts the checks need, as SQL reduces them. */
export interface HealthCounts {
  unassignedOutcomes: { n: number; users: number };
  bothGroups: { n: number; users: number };
  beforeAssignment: { n: number; users: number };
  assignmentsAfterStop: { n: number; users: number };
  outcomesAfterStop: { n: number; users: number };
  unknownGroup: { n: number; users: number };
  /** The test's end_date when stopped or completed, else null. */
  stoppedAt: string | null;
}

type Count = { n: number; users: number };
const one = (db: SkillsDatabase, sql: string, params: (string | number)[]): Count => {
  const r = db.all<{ n: number | null; users: number | null }>(sql, params)[0];
  return { n: Number(r?.n ?? 0), users: Number(r?.users ?? 0) };
};

/**
 * Reads the counts of the health checks of one test.
 * @param db the file (or merged view of several files)
 * @param testId the test
 * @param sourceFiles the files holding the test in a dataset (user ids `<file>:<user>`); empty for one file
 * @returns the counts
 * @throws AnalyticsError from the database only
 */
export function selectHealthCounts(db: SkillsDatabase, testId: number, sourceFiles: readonly string[]): HealthCounts {
  const unassignedOutcomes = one(
    db,
    `SELECT COUNT(*) AS n, COUNT(DISTINCT ao.user_id) AS users FROM ab_test_outcomes ao
     WHERE ao.test_id = ? AND NOT EXISTS (SELECT 1 FROM ab_test_assignments aa WHERE aa.test_id = ao.test_id AND aa.user_id = ao.user_id)`,
    [testId],
  );
  // the user id without its file prefix, so the same user in two files is one user
  const strip = sourceFiles.length
    ? `CASE ${sourceFiles.map(() => "WHEN substr(user_id, 1, length(?) + 1) = ? || ':' THEN substr(user_id, length(?) + 2)").join(' ')} ELSE user_id END`
    : 'user_id';
  const stripParams = sourceFiles.flatMap((s) => [s, s, s]);
  const bothGroups = one(
    db,
    `SELECT COUNT(*) AS n, COUNT(*) AS users FROM (
       SELECT ${strip} AS u FROM ab_test_assignments WHERE test_id = ? AND group_name IN ('control', 'treatment')
       GROUP BY u HAVING COUNT(DISTINCT group_name) > 1)`,
    [...stripParams, testId],
  );
  const beforeAssignment = one(
    db,
    `SELECT COUNT(*) AS n, COUNT(DISTINCT ao.user_id) AS users FROM ab_test_outcomes ao
     JOIN ab_test_assignments aa ON ao.test_id = aa.test_id AND ao.user_id = aa.user_id
     WHERE ao.test_id = ? AND julianday(ao.recorded_at) < julianday(aa.assigned_at)`,
    [testId],
  );
  const cfg = db.all<{ status: string | null; end_date: string | null }>('SELECT status, end_date FROM ab_test_configs WHERE test_id = ?', [testId])[0];
  const stoppedAt = cfg && (cfg.status === 'stopped' || cfg.status === 'completed') && cfg.end_date ? cfg.end_date : null;
  const none = { n: 0, users: 0 };
  const assignmentsAfterStop = stoppedAt
    ? one(db, 'SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS users FROM ab_test_assignments WHERE test_id = ? AND julianday(assigned_at) > julianday(?)', [testId, stoppedAt])
    : none;
  const outcomesAfterStop = stoppedAt
    ? one(db, 'SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS users FROM ab_test_outcomes WHERE test_id = ? AND julianday(recorded_at) > julianday(?)', [testId, stoppedAt])
    : none;
  const unknownGroup = one(
    db,
    "SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS users FROM ab_test_assignments WHERE test_id = ? AND (group_name IS NULL OR group_name NOT IN ('control', 'treatment'))",
    [testId],
  );
  return { unassignedOutcomes, bothGroups, beforeAssignment, assignmentsAfterStop, outcomesAfterStop, unknownGroup, stoppedAt };
}

/**
 * The coded checks from their counts.
 * @param counts from {@link selectHealthCounts}; undefined: not available (analysis built from sufficient statistics only)
 * @returns every check with its count, and the failing codes
 * @throws never
 * @example healthChecks(counts).failing // ['OUTCOMES_BEFORE_ASSIGNMENT']
 */
export function healthChecks(counts: HealthCounts | undefined): HealthCheckAnalysis {
  if (!counts) return { available: false, checks: [], failing: [] };
  const stop = counts.stoppedAt ?? 'the stop';
  const checks: HealthCheck[] = [
    {
      code: 'OUTCOMES_FROM_UNASSIGNED_USERS',
      count: counts.unassignedOutcomes.n,
      unit: 'outcomes',
      users: counts.unassignedOutcomes.users,
      message: `${counts.unassignedOutcomes.n} outcome(s) of ${counts.unassignedOutcomes.users} user(s) never assigned to the test: left out of every analysis; check the logging`,
    },
    {
      code: 'USERS_IN_BOTH_GROUPS',
      count: counts.bothGroups.n,
      unit: 'users',
      users: counts.bothGroups.users,
      message: `${counts.bothGroups.n} user(s) assigned to both control and treatment (across the files of the dataset): their outcomes mix both arms`,
    },
    {
      code: 'OUTCOMES_BEFORE_ASSIGNMENT',
      count: counts.beforeAssignment.n,
      unit: 'outcomes',
      users: counts.beforeAssignment.users,
      message: `${counts.beforeAssignment.n} outcome(s) of ${counts.beforeAssignment.users} user(s) recorded before the user's assignment: not caused by the arm; check the clocks or the logging`,
    },
    {
      code: 'ASSIGNMENTS_AFTER_STOP',
      count: counts.assignmentsAfterStop.n,
      unit: 'assignments',
      users: counts.assignmentsAfterStop.users,
      message: `${counts.assignmentsAfterStop.n} assignment(s) made after the test stopped (${stop})`,
    },
    {
      code: 'OUTCOMES_AFTER_STOP',
      count: counts.outcomesAfterStop.n,
      unit: 'outcomes',
      users: counts.outcomesAfterStop.users,
      message: `${counts.outcomesAfterStop.n} outcome(s) recorded after the test stopped (${stop})`,
    },
    {
      code: 'UNKNOWN_GROUP',
      count: counts.unknownGroup.n,
      unit: 'assignments',
      users: counts.unknownGroup.users,
      message: `${counts.unknownGroup.n} assignment(s) to a group other than control / treatment: left out`,
    },
  ];
  return { available: true, checks, failing: checks.filter((c) => c.count > 0).map((c) => c.code) };
}
