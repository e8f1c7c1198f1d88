/**
 * Reads for segments and for the per-look covariates of the adjusted confidence sequence: outcome
 * counts per user, skill and UTC day; each skill's workflow phase (the most frequent non-NULL
 * `workflow_phase` of its invocations in the file); and, in a dataset of several files, the file
 * each user's rows came from (the merged view keys users as `<file>:<user>`, see
 * `dataset_ab_tests`). Outcomes count only when joined to an assignment of the same test and user.
 */
import type { InvocationColumns, SkillsDatabase } from '../engine/SkillsDatabase.js';
import type { ABGroup } from './ABTestConfig.js';

/** Outcomes and completions of one user for one skill on one UTC day. */
export interface UserSkillDayCounts {
  group: ABGroup;
  userId: string;
  skill: string;
  /** `YYYY-MM-DD` of `recorded_at` (unparseable: '9999-12-31', the last look). */
  day: string;
  n: number;
  completed: number;
}

/** Per user, skill and day counts, ordered by day. */
export function selectUserSkillDayCounts(db: SkillsDatabase, testId: number): UserSkillDayCounts[] {
  return db.all<UserSkillDayCounts>(
    `SELECT aa.group_name AS "group", aa.user_id AS userId, ao.skill_name AS skill, COALESCE(date(ao.recorded_at), '9999-12-31') AS day,
       COUNT(*) AS n, SUM(CASE WHEN ao.completed THEN 1 ELSE 0 END) AS completed
     FROM ab_test_outcomes ao JOIN ab_test_assignments aa ON ao.test_id = aa.test_id AND ao.user_id = aa.user_id
     WHERE ao.test_id = ? AND aa.group_name IN ('control', 'treatment')
     GROUP BY aa.group_name, aa.user_id, ao.skill_name, day ORDER BY day, aa.user_id, ao.skill_name`,
    [testId],
  );
}

/** A skill and the workflow phase most of its invocations were recorded in. */
export interface SkillPhase {
  skill: string;
  phase: string;
}

/**
 * Where a file read page by page keeps its phase counts (its small database holds only some
 * invocations): a temporary table, so the file's tables (info.tables) stay the file's own.
 */
const PHASE_COUNTS = 'skill_phase_counts';

function hasPhaseCounts(db: SkillsDatabase): boolean {
  return db.all('SELECT 1 FROM sqlite_temp_master WHERE type = ? AND name = ?', ['table', PHASE_COUNTS]).length > 0;
}

/** Invocations per skill and workflow phase of one file (none without a `workflow_phase` column). */
export function selectPhaseCounts(db: SkillsDatabase): { skill: string; phase: string; n: number }[] {
  if (hasPhaseCounts(db)) return db.all<{ skill: string; phase: string; n: number }>(`SELECT skill, phase, n FROM ${PHASE_COUNTS}`);
  if (!db.hasTable('skill_invocation') || !db.schema.hasWorkflowPhase) return [];
  return db.all<{ skill: string; phase: string; n: number }>(
    `SELECT skill_name AS skill, workflow_phase AS phase, COUNT(*) AS n FROM skill_invocation
     WHERE workflow_phase IS NOT NULL AND workflow_phase <> '' GROUP BY skill_name, workflow_phase`,
  );
}

/**
 * Stores the phase counts of every invocation of a file read page by page in its small database,
 * so that segments by phase answer as the file opened whole.
 * @param db the file's small database
 * @param columns every invocation of the file
 */
export function storePhaseCounts(db: SkillsDatabase, columns: InvocationColumns): void {
  const counts = new Map<string, { skill: string; phase: string; n: number }>();
  for (let i = 0; i < columns.length; i++) {
    const phase = columns.workflowPhase[i];
    if (!phase) continue;
    const key = `${columns.skillName[i]}\u0000${phase}`;
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { skill: columns.skillName[i], phase, n: 1 });
  }
  db.run(`CREATE TEMP TABLE ${PHASE_COUNTS} (skill TEXT NOT NULL, phase TEXT NOT NULL, n INTEGER NOT NULL)`);
  db.transaction(() => {
    for (const c of counts.values()) db.run(`INSERT INTO ${PHASE_COUNTS} (skill, phase, n) VALUES (?, ?, ?)`, [c.skill, c.phase, c.n]);
  });
}

/**
 * Each skill's modal workflow phase (ties: alphabetical): over the file's invocations, or, in the
 * merged view of several files, over the invocations of the files holding the test (so a test
 * answers as its file alone, or as one file holding all of them); empty without a
 * `workflow_phase` column (before migration V3).
 */
export function selectSkillPhases(db: SkillsDatabase, testId: number): SkillPhase[] {
  const rows = db.hasTable('dataset_skill_phases')
    ? db.all<{ skill: string; phase: string; n: number }>(
        `SELECT skill, phase, SUM(n) AS n FROM dataset_skill_phases
         WHERE source IN (SELECT source FROM dataset_ab_tests WHERE test_id = ?) GROUP BY skill, phase`,
        [testId],
      )
    : selectPhaseCounts(db);
  rows.sort((a, b) => (a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : b.n - a.n || (a.phase < b.phase ? -1 : a.phase > b.phase ? 1 : 0)));
  const out: SkillPhase[] = [];
  for (const r of rows) if (out.length === 0 || out[out.length - 1].skill !== r.skill) out.push({ skill: r.skill, phase: r.phase });
  return out;
}

/** The files holding the test in a dataset of several files (empty for one file). */
export function selectTestSourceFiles(db: SkillsDatabase, testId: number): string[] {
  if (!db.hasTable('dataset_ab_tests')) return [];
  return db.all<{ source: string }>('SELECT DISTINCT source FROM dataset_ab_tests WHERE test_id = ? ORDER BY rowid', [testId]).map((r) => r.source);
}
