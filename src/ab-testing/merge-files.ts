/**
 * A/B tests of several files read as one: which file tests are one dataset test (merged or kept
 * apart), and the A/B tables of the merged database (dataset test ids, users `<file>:<user_id>`,
 * the A/B users' invocation history). The engine calls these through the A/B dataset hook
 * (dataset-hook.ts); it knows nothing of A/B tests.
 *
 * Merge rule: tests with the same `test_name` are one test when their configuration is identical
 * (control and treatment strategies, start and end date, min sample size, metrics, assignment
 * ratio, status; the description and created_at may differ), else each configuration stays a
 * separate test named `<name> (<files>)` and an AB_TEST_CONFLICT warning says what differs.
 * Users stay distinct per file: user ids become `<file>:<user_id>`, as session ids do.
 */
import { AB_TABLE_DDL, hasAbTables } from './ab-tables.js';
import { selectConfigs, type ConfigRecord } from './ab-queries.js';
import { copyHistory } from './assigned-sessions.js';
import { selectPhaseCounts } from './segment-queries.js';
import type { MergeFile, MergeOut } from '../engine/dataset/dataset-hooks.js';
import type { Warning } from '../engine/types.js';
import { sessionKey } from '../engine/dataset/combine-columns.js';

/** One test of the dataset and the file tests it is made of. */
export interface DatasetTest {
  testId: number;
  testName: string;
  members: { source: string; fileTestId: number }[];
}

/** The dataset's tests, and the warnings of tests kept apart. */
export interface DatasetTests {
  tests: DatasetTest[];
  warnings: Warning[];
}

/** Configuration columns that must be equal for two files' tests to be one test. */
const COMPARED = ['control_strategy', 'treatment_strategy', 'start_date', 'end_date', 'min_sample_size', 'metrics', 'assignment_ratio', 'status'] as const;

function configKey(c: ConfigRecord): string {
  return JSON.stringify(COMPARED.map((k) => c[k]));
}

/**
 * Which file tests are one dataset test, and the dataset ids: tests in order of first appearance
 * (file order, then test_id); each keeps its first file's test_id when no earlier test took it,
 * else gets the next id above every test_id of the files.
 * @param files the files, in open order
 * @returns the dataset's tests and an AB_TEST_CONFLICT warning per name kept apart
 * @example planDatasetTests([a, b]).tests[0] // { testId: 1, testName: 'ranker_v2', members: [{ source: 'a.db', fileTestId: 1 }, { source: 'b.db', fileTestId: 1 }] }
 */
export function planDatasetTests(files: readonly MergeFile[]): DatasetTests {
  const byName = new Map<string, { key: string; config: ConfigRecord; members: { source: string; fileTestId: number }[] }[]>();
  let maxId = 0;
  for (const f of files) {
    if (!hasAbTables(f.db)) continue;
    for (const c of selectConfigs(f.db)) {
      maxId = Math.max(maxId, c.test_id);
      const variants = byName.get(c.test_name) ?? [];
      byName.set(c.test_name, variants);
      const key = configKey(c);
      const same = variants.find((v) => v.key === key);
      if (same) same.members.push({ source: f.name, fileTestId: c.test_id });
      else variants.push({ key, config: c, members: [{ source: f.name, fileTestId: c.test_id }] });
    }
  }
  const used = new Set<number>();
  let next = maxId + 1;
  const tests: DatasetTest[] = [];
  const warnings: Warning[] = [];
  for (const [name, variants] of byName) {
    const apart = variants.length > 1;
    for (const v of variants) {
      let testId = v.members[0].fileTestId;
      if (used.has(testId)) testId = next++;
      used.add(testId);
      tests.push({ testId, testName: apart ? `${name} (${v.members.map((m) => m.source).join(', ')})` : name, members: v.members });
    }
    if (apart) {
      const differ = COMPARED.filter((k) => new Set(variants.map((v) => JSON.stringify(v.config[k]))).size > 1);
      const kept = tests.slice(-variants.length).map((t) => `#${t.testId} "${t.testName}"`);
      warnings.push({
        code: 'AB_TEST_CONFLICT',
        message: `A/B test "${name}" is configured differently in the files (${differ.join(', ')}): its results are not combined; kept as separate tests ${kept.join(', ')}`,
      });
    }
  }
  tests.sort((a, b) => a.testId - b.testId);
  return { tests, warnings };
}

/**
 * Creates the A/B tables of the merged database and fills them.
 * @param out the merged database (inside its transaction)
 * @param files the files in scope, in open order
 * @param plan their tests ({@link planDatasetTests} of the same files)
 * @returns nothing: `out` gets the A/B tables (dataset ids, user ids `<file>:<user>`),
 *   `dataset_ab_tests` (dataset id → file test ids), `dataset_skill_phases` (each file's invocations
 *   per skill and workflow phase, for segments by phase) and the A/B users' history in skill_invocation
 */
export function fillDatasetTests(out: MergeOut, files: readonly MergeFile[], plan: DatasetTests): void {
  out.run('CREATE TABLE dataset_ab_tests (test_id INTEGER NOT NULL, source TEXT NOT NULL, file_test_id INTEGER NOT NULL)');
  fillSkillPhaseCounts(out, files);
  const withAb = files.filter((f) => hasAbTables(f.db));
  if (withAb.length) {
    for (const t of AB_TABLE_DDL) {
      out.run(t.create);
      for (const ix of t.indexes) out.run(ix.create);
    }
  }
  const ids = new Map<string, number>();
  const idKey = (source: string, fileTestId: number) => `${fileTestId}:${source}`;
  for (const t of plan.tests) for (const m of t.members) ids.set(idKey(m.source, m.fileTestId), t.testId);
  let orphan = Math.max(0, ...plan.tests.map((t) => t.testId)) + 1;
  const datasetId = (source: string, fileTestId: number): number => {
    const k = idKey(source, fileTestId);
    let id = ids.get(k);
    if (id === undefined) ids.set(k, (id = orphan++)); // rows of a test without a config row
    return id;
  };
  if (withAb.length) {
    const config = out.prepare(
      `INSERT INTO ab_test_configs (test_id, test_name, description, control_strategy, treatment_strategy, start_date, end_date, min_sample_size, metrics, assignment_ratio, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const mapping = out.prepare('INSERT INTO dataset_ab_tests (test_id, source, file_test_id) VALUES (?, ?, ?)');
    try {
      for (const t of plan.tests) {
        const first = t.members[0];
        const c = selectConfigs(files.find((f) => f.name === first.source)!.db).find((r) => r.test_id === first.fileTestId)!;
        config.run([
          t.testId,
          t.testName,
          c.description,
          c.control_strategy,
          c.treatment_strategy,
          c.start_date,
          c.end_date,
          c.min_sample_size,
          c.metrics,
          c.assignment_ratio,
          c.status,
          c.created_at,
        ]);
        for (const m of t.members) mapping.run([t.testId, m.source, m.fileTestId]);
      }
    } finally {
      config.free();
      mapping.free();
    }
  }
  for (const f of withAb) copyAbRows(out, f, datasetId);
  for (const f of withAb) copyHistory(out, f);
}

function copyAbRows(out: MergeOut, f: MergeFile, datasetId: (source: string, fileTestId: number) => number): void {
  const a = out.prepare('INSERT INTO ab_test_assignments (test_id, user_id, group_name, assigned_at) VALUES (?, ?, ?, ?)');
  const o = out.prepare('INSERT INTO ab_test_outcomes (test_id, user_id, skill_name, completed, duration_seconds, user_rating, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  try {
    for (const r of f.db.all<{ test_id: number; user_id: string; group_name: string; assigned_at: string }>(
      'SELECT test_id, user_id, group_name, assigned_at FROM ab_test_assignments ORDER BY assignment_id',
    )) {
      a.run([datasetId(f.name, r.test_id), sessionKey(f.name, String(r.user_id)), r.group_name, r.assigned_at]);
    }
    for (const r of f.db.all<{
      test_id: number;
      user_id: string;
      skill_name: string;
      completed: number;
      duration_seconds: number | null;
      user_rating: number | null;
      recorded_at: string;
    }>('SELECT test_id, user_id, skill_name, completed, duration_seconds, user_rating, recorded_at FROM ab_test_outcomes ORDER BY outcome_id')) {
      o.run([datasetId(f.name, r.test_id), sessionKey(f.name, String(r.user_id)), r.skill_name, r.completed, r.duration_seconds, r.user_rating, r.recorded_at]);
    }
  } finally {
    a.free();
    o.free();
  }
}

/** Each file's invocation counts per skill and workflow phase (the merged view's skill_invocation has no phase). */
function fillSkillPhaseCounts(out: MergeOut, files: readonly MergeFile[]): void {
  out.run('CREATE TABLE dataset_skill_phases (source TEXT NOT NULL, skill TEXT NOT NULL, phase TEXT NOT NULL, n INTEGER NOT NULL)');
  const insert = out.prepare('INSERT INTO dataset_skill_phases (source, skill, phase, n) VALUES (?, ?, ?, ?)');
  try {
    for (const f of files) for (const r of selectPhaseCounts(f.db)) insert.run([f.name, r.skill, r.phase, r.n]);
  } finally {
    insert.free();
  }
}
