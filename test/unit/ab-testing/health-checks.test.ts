/**
 * Health checks with exact counts on a copy of sample.db with planted faults, and across the files
 * of a dataset (the same user in control in one file and treatment in the other); segments by
 * source file appear when a test spans several files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAnalytics } from '../../../src/node/index.js';

const dir = mkdtempSync(join(tmpdir(), 'ab-health-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('health checks', () => {
  it('sample.db as written by session-buddy: every check 0', async () => {
    const e = await openAnalytics('test/fixtures/sample.db');
    const a = await e.abTesting.analyzeResults(1);
    await e.dispose();
    expect(a.healthChecks.available).toBe(true);
    expect(a.healthChecks.checks.map((c) => [c.code, c.count])).toEqual([
      ['OUTCOMES_FROM_UNASSIGNED_USERS', 0],
      ['USERS_IN_BOTH_GROUPS', 0],
      ['OUTCOMES_BEFORE_ASSIGNMENT', 0],
      ['ASSIGNMENTS_AFTER_STOP', 0],
      ['OUTCOMES_AFTER_STOP', 0],
      ['UNKNOWN_GROUP', 0],
    ]);
    expect(a.healthChecks.failing).toEqual([]);
  });

  it('planted faults are counted exactly, as coded warnings', async () => {
    const e = await openAnalytics('test/fixtures/sample.db');
    const { db } = e.context();
    const out = 'INSERT INTO ab_test_outcomes (test_id, user_id, skill_name, completed, duration_seconds, user_rating, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)';
    const asg = 'INSERT INTO ab_test_assignments (test_id, user_id, group_name, assigned_at) VALUES (?, ?, ?, ?)';
    db.transaction(() => {
      // 3 outcomes of 2 users never assigned
      for (const u of ['ghost-1', 'ghost-1', 'ghost-2']) db.run(out, [1, u, 'pytest-run', 1, 10, null, '2026-11-24T10:00:00+00:00']);
      // 2 outcomes of one assigned user, recorded in 2020 (before any assignment)
      for (let i = 0; i < 2; i++) db.run(out, [1, 'user-0001', 'pytest-run', 0, 10, null, '2020-01-01T00:00:00+00:00']);
      // the test stops; then 1 late assignment, 1 late outcome of that user, and one to a 'holdout' group
      db.run("UPDATE ab_test_configs SET status = 'stopped', end_date = '2030-01-01T00:00:00+00:00' WHERE test_id = 1");
      db.run(asg, [1, 'late-1', 'treatment', '2030-02-01T00:00:00+00:00']);
      db.run(out, [1, 'late-1', 'pytest-run', 1, 10, null, '2030-02-02T00:00:00+00:00']);
      db.run(asg, [1, 'holdout-1', 'holdout', '2026-11-24T10:00:00+00:00']);
    });
    const a = await e.abTesting.analyzeResults(1);
    await e.dispose();
    const count = Object.fromEntries(a.healthChecks.checks.map((c) => [c.code, [c.count, c.users]]));
    expect(count).toEqual({
      OUTCOMES_FROM_UNASSIGNED_USERS: [3, 2],
      USERS_IN_BOTH_GROUPS: [0, 0],
      OUTCOMES_BEFORE_ASSIGNMENT: [2, 1],
      ASSIGNMENTS_AFTER_STOP: [1, 1],
      OUTCOMES_AFTER_STOP: [1, 1],
      UNKNOWN_GROUP: [1, 1],
    });
    expect(a.healthChecks.failing).toEqual(['OUTCOMES_FROM_UNASSIGNED_USERS', 'OUTCOMES_BEFORE_ASSIGNMENT', 'ASSIGNMENTS_AFTER_STOP', 'OUTCOMES_AFTER_STOP', 'UNKNOWN_GROUP']);
    expect(a.warnings.filter((w) => /^[A-Z_]+: /.test(w)).map((w) => w.split(':')[0])).toEqual(a.healthChecks.failing);
  });

  it('across the files of a dataset: users in both groups, and segments by source file', async () => {
    const e = await openAnalytics('test/fixtures/sample.db');
    const { db } = e.context();
    // 5 users of test 1 change group in the second file
    const moved = db.all<{ user_id: string; group_name: string }>('SELECT user_id, group_name FROM ab_test_assignments WHERE test_id = 1 ORDER BY user_id LIMIT 5');
    db.transaction(() => {
      for (const m of moved)
        db.run('UPDATE ab_test_assignments SET group_name = ? WHERE test_id = 1 AND user_id = ?', [m.group_name === 'control' ? 'treatment' : 'control', m.user_id]);
    });
    writeFileSync(join(dir, 'b.db'), await e.exportDatabase());
    await e.dispose();
    const original = await openAnalytics('test/fixtures/sample.db');
    writeFileSync(join(dir, 'a.db'), await original.exportDatabase());
    await original.dispose();
    const both = await openAnalytics([join(dir, 'a.db'), join(dir, 'b.db')]);
    const tests = await both.abTesting.listTests();
    const merged = tests.find((t) => t.testName === 'workflow_aware_vs_semantic' || (t.sources?.length ?? 0) === 2) ?? tests[0];
    const a = await both.abTesting.analyzeResults(merged.testId);
    await both.dispose();
    expect(merged.sources).toHaveLength(2);
    const check = a.healthChecks.checks.find((c) => c.code === 'USERS_IN_BOTH_GROUPS');
    expect([check?.count, check?.users]).toEqual([5, 5]);
    const files = a.segments.dimensions.find((d) => d.dimension === 'source_file');
    expect(files?.available).toBe(true);
    expect(files?.segments.map((s) => s.segment)).toEqual(merged.sources);
    // users of different files are different users: the file segments partition the merged ones
    expect((files?.segments[0].controlUsers ?? 0) + (files?.segments[1].controlUsers ?? 0)).toBe(a.userLevel.controlUsers);
    // the merged view takes each skill's phase from the files holding the test: the phase dimension is there too
    expect(a.segments.dimensions.find((d) => d.dimension === 'workflow_phase')?.available).toBe(true);
  });
});
