import type { ContextProvider, SourceScope } from '../engine/context.js';
import { AnalyticsError } from '../engine/errors.js';
import type { SkillsDatabase } from '../engine/SkillsDatabase.js';
import { checkConfig, checkOutcome, checkRatio, checkTestId, checkUserId, pythonIsoFormat, type ABGroup, type ABTestConfig, type ABTestOutcome } from './ABTestConfig.js';
import {
  selectAssignment,
  selectAssignmentCounts,
  selectAssignmentSequence,
  selectConfig,
  selectConfigs,
  selectDurations,
  selectMaxTestId,
  selectOutcomeRows,
  selectOutcomeSums,
  selectUserDayCounts,
  selectUserHistory,
  selectUserSkillCounts,
  selectUserSums,
  type ConfigRecord,
} from './ab-queries.js';
import { toSummary, type ABTestStatus, type ABTestSummary } from './test-records.js';
import { selectHealthCounts } from './health-checks.js';
import { selectSkillPhases, selectTestSourceFiles, selectUserSkillDayCounts } from './segment-queries.js';
import { ensureAbTables, hasAbTables } from './ab-tables.js';
import { buildAnalysis, type AnalyzeOptions } from './analysis.js';
import type { ABTestAnalysis } from './analysis-types.js';
import { assignedGroup } from './assignment-hash.js';
import { writeTestIds } from './dataset-hook.js';
import { planTest, type PlanInput, type TestPlan } from './plan.js';
import { replayOutcomes, type ReplayOptions, type ReplayResult } from './replay.js';

export type { ABTestStatus, ABTestSummary } from './test-records.js';

/** The files holding a test of a merged view of several files (its `dataset_ab_tests` rows). */
function testSources(db: SkillsDatabase, testId: number): string[] {
  return db.all<{ source: string }>('SELECT source FROM dataset_ab_tests WHERE test_id = ? ORDER BY rowid', [testId]).map((r) => r.source);
}

/**
 * A/B tests stored in the skills.db, session-buddy compatible: the same rows in
 * `ab_test_configs` / `ab_test_assignments` / `ab_test_outcomes`, the same deterministic
 * assignment, and upstream's analysis (plus a trustworthy one, see `analyzeResults`). Every write
 * is one sql.js transaction; `exportDatabase()` on the engine returns the file with it.
 *
 * Differences from upstream, on purpose: an existing assignment is returned unchanged (upstream's
 * INSERT OR REPLACE rewrites the row with a new id and time, same group); outcomes on a test that
 * is not running are refused (TEST_NOT_RUNNING); stopping a test that is not running is refused;
 * inputs are validated (INVALID_ARGUMENT) instead of stored as given.
 */
export class ABTestFramework {
  /**
   * @param ctx the open file's context
   * @param clock the current time, for start_date / assigned_at / recorded_at / end_date
   */
  constructor(
    private readonly ctx: ContextProvider,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private config(fn: string, db: SkillsDatabase, testId: number): ConfigRecord {
    const row = hasAbTables(db) ? selectConfig(db, testId) : undefined;
    if (!row) {
      throw new AnalyticsError(
        'TEST_NOT_FOUND',
        `${fn}: test ${testId} not found${hasAbTables(db) ? '' : ' (the file has no A/B tables yet)'}; see listTests() for the tests in this file`,
        { testId },
      );
    }
    return row;
  }

  private requireRunning(fn: string, row: ConfigRecord): void {
    if (row.status !== 'running') {
      throw new AnalyticsError('TEST_NOT_RUNNING', `${fn}: test ${row.test_id} is not running (status: ${String(row.status)}); create a new test to collect more data`, {
        testId: row.test_id,
        status: row.status,
      });
    }
  }

  /**
   * Where a write to a test goes: the file named by `writeTo`, with that file's own test_id (the
   * assignment hash uses it, as session-buddy does in that file).
   */
  private writer(fn: string, testId: number): { db: SkillsDatabase; fileTestId: number } {
    const ctx = this.ctx();
    if (ctx.sources.length === 1) return { db: ctx.write.db, fileTestId: testId };
    const ids = writeTestIds(ctx);
    const fileTestId = ids.fileTestId(testId);
    if (fileTestId === undefined) {
      const holders = ids.holders(testId);
      throw new AnalyticsError(
        'TEST_NOT_FOUND',
        `${fn}: test ${testId} is not in ${ctx.write.name}, the file writes go to (open option writeTo)${
          holders.length ? `; it is in ${holders.join(', ')}: open with writeTo: ${JSON.stringify(holders[0])} to write to it there` : '; see listTests()'
        }`,
        { testId, writeTo: ctx.write.name, holders },
      );
    }
    return { db: ctx.write.db, fileTestId };
  }

  /**
   * Creates a test (and the A/B tables with session-buddy's definitions when the file lacks them).
   * @param config name, strategies, optional description/startDate/endDate/minSampleSize/metrics
   * @param assignmentRatio control share, strictly between 0 and 1 (default 0.5)
   * @returns the new test_id
   * @throws AnalyticsError INVALID_ARGUMENT for bad input, DUPLICATE_TEST when the name exists
   * @example
   * await ab.createTest({ testName: 'ranker_v2', controlStrategy: 'semantic_search', treatmentStrategy: 'workflow_aware_search' }); // 3
   */
  async createTest(config: ABTestConfig, assignmentRatio = 0.5): Promise<number> {
    const ratio = checkRatio('createTest', assignmentRatio);
    const row = checkConfig(config, this.clock());
    const { write } = this.ctx();
    const db = write.db;
    const fileTestId = db.transaction(() => {
      ensureAbTables(db);
      if (db.all('SELECT test_id FROM ab_test_configs WHERE test_name = ?', [row.testName]).length > 0) {
        throw new AnalyticsError('DUPLICATE_TEST', `createTest: a test named "${row.testName}" already exists; choose another testName`, { testName: row.testName });
      }
      db.run(
        `INSERT INTO ab_test_configs (test_name, description, control_strategy, treatment_strategy, start_date, end_date, min_sample_size, metrics, assignment_ratio, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [row.testName, row.description, row.controlStrategy, row.treatmentStrategy, row.startDate, row.endDate, row.minSampleSize, row.metrics, ratio, 'running'],
      );
      return db.lastInsertRowId();
    });
    // With several files the dataset's id can differ from the file's (see docs/multi-file.md).
    return writeTestIds(this.ctx()).datasetTestId(fileTestId) ?? fileTestId;
  }

  /**
   * Assigns a user to a group by session-buddy's hash (SHA-256 of "testId:userId" mod 10000 / 10000,
   * control below the ratio). An existing assignment is returned unchanged.
   * @param testId the test
   * @param userId any non-empty text
   * @returns 'control' or 'treatment'
   * @throws AnalyticsError TEST_NOT_FOUND, TEST_NOT_RUNNING, INVALID_ARGUMENT
   * @example await ab.assignUserToGroup(1, 'user-0001') // 'treatment'
   */
  async assignUserToGroup(testId: number, userId: string): Promise<ABGroup> {
    checkTestId('assignUserToGroup', testId);
    checkUserId('assignUserToGroup', userId);
    const { db, fileTestId: id } = this.writer('assignUserToGroup', testId);
    const row = this.config('assignUserToGroup', db, id);
    this.requireRunning('assignUserToGroup', row);
    const existing = selectAssignment(db, id, userId);
    if (existing) return existing;
    const group = await assignedGroup(id, userId, row.assignment_ratio ?? 0.5);
    const assignedAt = pythonIsoFormat(this.clock());
    // The hash is async: re-check inside the transaction (another call may have written meanwhile).
    const now = db;
    return now.transaction(() => {
      this.requireRunning('assignUserToGroup', this.config('assignUserToGroup', now, id));
      const again = selectAssignment(now, id, userId);
      if (again) return again;
      now.run('INSERT INTO ab_test_assignments (test_id, user_id, group_name, assigned_at) VALUES (?, ?, ?, ?)', [id, userId, group, assignedAt]);
      return group;
    });
  }

  /**
   * Assigns many users in ONE transaction (as assignUserToGroup for each; existing assignments
   * are returned unchanged).
   * @param testId the test
   * @param userIds users, any non-empty text
   * @returns each user's group, in order
   * @throws AnalyticsError TEST_NOT_FOUND, TEST_NOT_RUNNING, INVALID_ARGUMENT
   * @example await ab.assignUsersToGroups(1, ['u1', 'u2']) // ['treatment', 'control']
   */
  async assignUsersToGroups(testId: number, userIds: readonly string[]): Promise<ABGroup[]> {
    checkTestId('assignUsersToGroups', testId);
    if (!Array.isArray(userIds)) throw new AnalyticsError('INVALID_ARGUMENT', 'assignUsersToGroups: pass an array of user ids');
    for (const u of userIds) checkUserId('assignUsersToGroups', u);
    const { db, fileTestId: id } = this.writer('assignUsersToGroups', testId);
    const row = this.config('assignUsersToGroups', db, id);
    this.requireRunning('assignUsersToGroups', row);
    const groups = await Promise.all(userIds.map((u) => assignedGroup(id, u, row.assignment_ratio ?? 0.5)));
    const assignedAt = pythonIsoFormat(this.clock());
    return db.transaction(() => {
      this.requireRunning('assignUsersToGroups', this.config('assignUsersToGroups', db, id));
      return userIds.map((userId, i) => {
        const existing = selectAssignment(db, id, userId);
        if (existing) return existing;
        db.run('INSERT INTO ab_test_assignments (test_id, user_id, group_name, assigned_at) VALUES (?, ?, ?, ?)', [id, userId, groups[i], assignedAt]);
        return groups[i];
      });
    });
  }

  /**
   * Records one outcome of an assigned user.
   * @param testId the test
   * @param userId a user assigned to it
   * @param outcome skillName, completed, durationSeconds (≥ 0), userRating (1-5)
   * @returns nothing
   * @throws AnalyticsError TEST_NOT_FOUND, TEST_NOT_RUNNING, USER_NOT_ASSIGNED, INVALID_ARGUMENT
   * @example await ab.recordOutcome(1, 'user-0001', { skillName: 'pytest-run', completed: true, durationSeconds: 45 })
   */
  async recordOutcome(testId: number, userId: string, outcome: ABTestOutcome): Promise<void> {
    this.insertOutcomes('recordOutcome', testId, [{ ...outcome, userId }]);
  }

  /**
   * Records many outcomes in ONE transaction: all of them are stored, or (on any error) none.
   * @param testId the test
   * @param outcomes each with the userId of an assigned user
   * @returns how many were stored
   * @throws AnalyticsError as recordOutcome, for the first bad outcome
   * @example await ab.recordOutcomes(1, [{ userId: 'u1', skillName: 'pytest-run', completed: true }]) // 1
   */
  async recordOutcomes(testId: number, outcomes: readonly (ABTestOutcome & { userId: string })[]): Promise<number> {
    if (!Array.isArray(outcomes)) throw new AnalyticsError('INVALID_ARGUMENT', 'recordOutcomes: pass an array of { userId, skillName, completed, ... }');
    return this.insertOutcomes('recordOutcomes', testId, outcomes);
  }

  private insertOutcomes(fn: string, testId: number, outcomes: readonly (ABTestOutcome & { userId: string })[]): number {
    checkTestId(fn, testId);
    const rows = outcomes.map((o) => ({ userId: o.userId, o: checkOutcome(o) }));
    for (const r of rows) checkUserId(fn, r.userId);
    const { db, fileTestId: id } = this.writer(fn, testId);
    const recordedAt = pythonIsoFormat(this.clock());
    return db.transaction(() => {
      this.requireRunning(fn, this.config(fn, db, id));
      for (const { userId, o } of rows) {
        if (!selectAssignment(db, id, userId)) {
          throw new AnalyticsError('USER_NOT_ASSIGNED', `${fn}: user ${JSON.stringify(userId)} is not assigned to test ${testId}; call assignUserToGroup first`, {
            testId,
            userId,
          });
        }
        db.run('INSERT INTO ab_test_outcomes (test_id, user_id, skill_name, completed, duration_seconds, user_rating, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          id,
          userId,
          o.skillName,
          o.completed,
          o.durationSeconds,
          o.userRating,
          recordedAt,
        ]);
      }
      return rows.length;
    });
  }

  /**
   * Analyses a test: session-buddy's result (controlMetrics, treatmentMetrics, pValue = upstream's
   * `statistical_significance`, winner, recommendation) plus Welch, CIs, lift, a user-level
   * analysis, an always-valid sequential p-value, SRM, Bayesian chance to win, secondary metrics
   * and power. `recommendedDecision` / `verdictBasis` are the trustworthy verdict; `winner` is
   * upstream's rule, kept for parity.
   * @param testId the test
   * Also: variance reduction (skill post-stratification and CUPED on pre-assignment history),
   * always-valid confidence sequences, goals and guardrails, duration quantiles, a sequential SRM.
   * @param options alpha (0.05), mixtureSd (0.05), plannedEffect (0.05), targetPower (0.8), goalMetrics, multipleTesting, guardrailMargins, mixtureSdDuration, mixtureSdRating;
   *   source: with several files, analyse only these files (one name: that file's own test ids and users, as if opened alone)
   * @returns the analysis (plain data)
   * @throws AnalyticsError TEST_NOT_FOUND, INVALID_ARGUMENT
   * @example
   * (await ab.analyzeResults(1)).winner // 'treatment'
   */
  async analyzeResults(testId: number, options: AnalyzeOptions = {}): Promise<ABTestAnalysis> {
    checkTestId('analyzeResults', testId);
    const { db } = this.ctx(options);
    const row = this.config('analyzeResults', db, testId);
    const s = toSummary(row);
    const sourceFiles = selectTestSourceFiles(db, testId);
    return buildAnalysis(
      {
        testId,
        testName: s.testName,
        status: s.status,
        minSampleSize: s.minSampleSize,
        assignmentRatio: s.assignmentRatio,
        assigned: selectAssignmentCounts(db, testId),
        outcomes: selectOutcomeSums(db, testId),
        users: selectUserSums(db, testId),
        userDays: selectUserDayCounts(db, testId),
        details: {
          userSkills: selectUserSkillCounts(db, testId),
          history: selectUserHistory(db, testId),
          durations: selectDurations(db, testId),
          assignmentSequence: selectAssignmentSequence(db, testId),
          userSkillDays: selectUserSkillDayCounts(db, testId),
          skillPhases: selectSkillPhases(db, testId),
          sourceFiles,
        },
        health: selectHealthCounts(db, testId, sourceFiles),
      },
      options,
    );
  }

  /**
   * Replays a test on this file's own data, offline: its real users re-split by session-buddy's
   * hash under fresh test ids (A/A), every method run at each daily look → each method's empirical
   * false-positive rate under daily peeking, and its power with the planned effect injected.
   * Nothing is written to the file.
   * @param testId the test
   * @param options simulations (200, 10…2000), plannedEffect (0.05), seed (1), alpha (0.05), source (files to use)
   * @returns per method the false-positive rate and the power, with the replay's description
   * @throws AnalyticsError TEST_NOT_FOUND, INVALID_ARGUMENT
   * @example (await ab.replay(2, { simulations: 100 })).methods.find((m) => m.method === 'mSPRT always-valid p')?.falsePositiveRate // 0.02
   */
  async replay(testId: number, options: ReplayOptions = {}): Promise<ReplayResult> {
    checkTestId('replay', testId);
    const { simulations = 200, plannedEffect = 0.05, seed = 1, alpha = 0.05 } = options;
    if (!Number.isInteger(simulations) || simulations < 10 || simulations > 2000) {
      throw new AnalyticsError('INVALID_ARGUMENT', `replay: simulations must be a whole number from 10 to 2000 (got ${String(simulations)})`);
    }
    if (!(typeof plannedEffect === 'number' && plannedEffect > 0 && plannedEffect < 1)) {
      throw new AnalyticsError('INVALID_ARGUMENT', `replay: plannedEffect must be an absolute change strictly between 0 and 1 such as 0.05 (got ${String(plannedEffect)})`);
    }
    if (!Number.isSafeInteger(seed)) throw new AnalyticsError('INVALID_ARGUMENT', `replay: seed must be a whole number (got ${String(seed)})`);
    if (!(typeof alpha === 'number' && alpha > 0 && alpha < 1))
      throw new AnalyticsError('INVALID_ARGUMENT', `replay: alpha must lie strictly between 0 and 1 (got ${String(alpha)})`);
    const { db } = this.ctx(options);
    const s = toSummary(this.config('replay', db, testId));
    return replayOutcomes(
      {
        testId,
        minSampleSize: s.minSampleSize,
        assignmentRatio: s.assignmentRatio,
        firstFreshTestId: selectMaxTestId(db) + 1,
        rows: selectOutcomeRows(db, testId),
        history: selectUserHistory(db, testId),
      },
      { simulations, plannedEffect, seed, alpha },
    );
  }

  /**
   * A test's configuration and how many users and outcomes each group has.
   * @param testId the test
   * @param options source: with several files, count only these files (one name: that file's own test ids)
   * @returns the status (plain data); with several files, `sources` = the files holding the test
   * @throws AnalyticsError TEST_NOT_FOUND
   * @example (await ab.getTestStatus(1)).controlSampleSize // 314
   */
  async getTestStatus(testId: number, options: SourceScope = {}): Promise<ABTestStatus> {
    checkTestId('getTestStatus', testId);
    const ctx = this.ctx(options);
    const { db } = ctx;
    const s = toSummary(this.config('getTestStatus', db, testId));
    const assigned = selectAssignmentCounts(db, testId);
    const outcomes = selectOutcomeSums(db, testId);
    return {
      testId,
      testName: s.testName,
      controlStrategy: s.controlStrategy,
      treatmentStrategy: s.treatmentStrategy,
      startDate: s.startDate,
      endDate: s.endDate,
      status: s.status,
      minSampleSize: s.minSampleSize,
      assignmentRatio: s.assignmentRatio,
      controlSampleSize: assigned.control,
      treatmentSampleSize: assigned.treatment,
      controlOutcomes: outcomes.control.n,
      treatmentOutcomes: outcomes.treatment.n,
      ...(ctx.sources.length > 1 ? { sources: testSources(db, testId) } : {}),
    };
  }

  /**
   * Stops a running test: status 'stopped', end_date now (as upstream's stop_test).
   * With several files it is stopped in the `writeTo` file only (a test merged from several
   * files then differs between them and is listed once per configuration, with AB_TEST_CONFLICT).
   * @param testId the test
   * @returns the status after stopping, in the file written (`writtenTo`)
   * @throws AnalyticsError TEST_NOT_FOUND, TEST_NOT_RUNNING (already stopped or completed)
   * @example (await ab.stopTest(1)).status // 'stopped'
   */
  async stopTest(testId: number): Promise<ABTestStatus> {
    checkTestId('stopTest', testId);
    const { db, fileTestId: id } = this.writer('stopTest', testId);
    const endDate = pythonIsoFormat(this.clock());
    db.transaction(() => {
      this.requireRunning('stopTest', this.config('stopTest', db, id));
      db.run("UPDATE ab_test_configs SET status = 'stopped', end_date = ? WHERE test_id = ?", [endDate, id]);
    });
    const writtenTo = this.ctx().write.name;
    const status = await this.getTestStatus(id, { source: writtenTo });
    return { ...status, testId: writeTestIds(this.ctx()).datasetTestId(id) ?? id, writtenTo };
  }

  /**
   * Every test in the file, oldest first; empty when the file has no A/B tables. With several
   * files: the dataset's tests (one per identical configuration), each with the files holding it
   * (`sources`); see docs/multi-file.md for the ids.
   * @param options source: with several files, only these files' tests
   * @returns the tests (plain data)
   * @example (await ab.listTests()).map((t) => t.testName) // ['workflow_aware_vs_semantic', 'recency_boost_null']
   */
  async listTests(options: SourceScope = {}): Promise<ABTestSummary[]> {
    const ctx = this.ctx(options);
    const { db } = ctx;
    if (!hasAbTables(db)) return [];
    const tests = selectConfigs(db).map(toSummary);
    return ctx.sources.length > 1 ? tests.map((t) => ({ ...t, sources: testSources(db, t.testId) })) : tests;
  }

  /**
   * Users per group needed to detect `mde` from `baselineRate` (no file needed).
   * @param input baselineRate, mde, alpha (0.05), power (0.8), ratio (0.5)
   * @returns users per group and in total
   * @throws AnalyticsError INVALID_ARGUMENT
   * @example (await ab.planTest({ baselineRate: 0.72, mde: 0.03 })).totalUsers
   */
  async planTest(input: PlanInput): Promise<TestPlan> {
    return planTest(input);
  }
}
