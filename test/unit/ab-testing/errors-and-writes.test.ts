/**
 * Typed errors for every misuse, and atomic writes: a failed call leaves the file exactly as it
 * was. Also: tables created in a file without them, upsert of assignments, status rules and the
 * minimum-sample rule.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABTestFramework } from '../../../src/ab-testing/ABTestFramework.js';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { snapshot, sqliteJson } from './helpers.js';

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ name: 'AnalyticsError', code });
}

/** sample.db with some A/B tables dropped (by Python's sqlite3, on a copy), as bytes. */
async function withoutTables(tables: string[]): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'ab-drop-'));
  const file = join(dir, 'copy.db');
  try {
    const py = `
import sqlite3, sys
src = sqlite3.connect('test/fixtures/sample.db'); dst = sqlite3.connect(sys.argv[1])
src.backup(dst)
dst.execute('PRAGMA journal_mode=DELETE')
for t in sys.argv[2:]: dst.execute('DROP TABLE ' + t)
dst.commit(); dst.close()
`;
    execFileSync('python3', ['-c', py, file, ...tables]);
    return new Uint8Array(readFileSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('misuse gives typed errors and changes nothing', () => {
  let e: AnalyticsEngine;
  beforeAll(async () => {
    e = await openAnalytics('test/fixtures/sample.db');
  });
  afterAll(async () => {
    await e.dispose();
  });

  const base = { testName: 'x', controlStrategy: 'a', treatmentStrategy: 'b' };
  const cases: [string, (ab: AnalyticsEngine['abTesting']) => Promise<unknown>, string][] = [
    ['ratio 0', (ab) => ab.createTest(base, 0), 'INVALID_ARGUMENT'],
    ['ratio 1', (ab) => ab.createTest(base, 1), 'INVALID_ARGUMENT'],
    ['ratio 1.5', (ab) => ab.createTest(base, 1.5), 'INVALID_ARGUMENT'],
    ['ratio NaN', (ab) => ab.createTest(base, NaN), 'INVALID_ARGUMENT'],
    ['empty testName', (ab) => ab.createTest({ ...base, testName: '  ' }, 0.5), 'INVALID_ARGUMENT'],
    ['empty controlStrategy', (ab) => ab.createTest({ ...base, controlStrategy: '' }), 'INVALID_ARGUMENT'],
    ['no metrics', (ab) => ab.createTest({ ...base, metrics: [] }), 'INVALID_ARGUMENT'],
    ['metric with comma', (ab) => ab.createTest({ ...base, metrics: ['a,b'] }), 'INVALID_ARGUMENT'],
    ['negative minSampleSize', (ab) => ab.createTest({ ...base, minSampleSize: -1 }), 'INVALID_ARGUMENT'],
    ['fractional minSampleSize', (ab) => ab.createTest({ ...base, minSampleSize: 1.5 }), 'INVALID_ARGUMENT'],
    ['startDate not a time', (ab) => ab.createTest({ ...base, startDate: 'yesterday' }), 'INVALID_ARGUMENT'],
    ['endDate before startDate', (ab) => ab.createTest({ ...base, startDate: '2026-11-10T00:00:00+00:00', endDate: '2026-11-01T00:00:00+00:00' }), 'INVALID_ARGUMENT'],
    ['duplicate name', (ab) => ab.createTest({ ...base, testName: 'workflow_aware_vs_semantic' }), 'DUPLICATE_TEST'],
    ['assign: unknown test', (ab) => ab.assignUserToGroup(999, 'u'), 'TEST_NOT_FOUND'],
    ['assign: test id 0', (ab) => ab.assignUserToGroup(0, 'u'), 'INVALID_ARGUMENT'],
    ['assign: empty user', (ab) => ab.assignUserToGroup(1, ''), 'INVALID_ARGUMENT'],
    ['assign: lone surrogate', (ab) => ab.assignUserToGroup(1, 'u\ud800'), 'INVALID_ARGUMENT'],
    ['outcome: unknown test', (ab) => ab.recordOutcome(999, 'user-0001', { skillName: 's', completed: true }), 'TEST_NOT_FOUND'],
    ['outcome: user not assigned', (ab) => ab.recordOutcome(1, 'nobody', { skillName: 's', completed: true }), 'USER_NOT_ASSIGNED'],
    ['outcome: rating 0', (ab) => ab.recordOutcome(1, 'user-0001', { skillName: 's', completed: true, userRating: 0 }), 'INVALID_ARGUMENT'],
    ['outcome: rating 6', (ab) => ab.recordOutcome(1, 'user-0001', { skillName: 's', completed: true, userRating: 6 }), 'INVALID_ARGUMENT'],
    ['outcome: rating NaN', (ab) => ab.recordOutcome(1, 'user-0001', { skillName: 's', completed: true, userRating: NaN }), 'INVALID_ARGUMENT'],
    ['outcome: negative duration', (ab) => ab.recordOutcome(1, 'user-0001', { skillName: 's', completed: true, durationSeconds: -1 }), 'INVALID_ARGUMENT'],
    ['outcome: infinite duration', (ab) => ab.recordOutcome(1, 'user-0001', { skillName: 's', completed: true, durationSeconds: Infinity }), 'INVALID_ARGUMENT'],
    ['outcome: completed not boolean', (ab) => ab.recordOutcome(1, 'user-0001', { skillName: 's', completed: 'yes' as unknown as boolean }), 'INVALID_ARGUMENT'],
    ['outcome: empty skill', (ab) => ab.recordOutcome(1, 'user-0001', { skillName: '', completed: true }), 'INVALID_ARGUMENT'],
    ['status: unknown test', (ab) => ab.getTestStatus(999), 'TEST_NOT_FOUND'],
    ['stop: unknown test', (ab) => ab.stopTest(999), 'TEST_NOT_FOUND'],
    ['analyze: unknown test', (ab) => ab.analyzeResults(999), 'TEST_NOT_FOUND'],
    ['analyze: alpha 2', (ab) => ab.analyzeResults(1, { alpha: 2 }), 'INVALID_ARGUMENT'],
    ['plan: mde 0', (ab) => ab.planTest({ baselineRate: 0.5, mde: 0 }), 'INVALID_ARGUMENT'],
  ];
  for (const [name, call, code] of cases) {
    it(`${name} → ${code}, file unchanged`, async () => {
      const before = snapshot(e);
      await expectCode(call(e.abTesting), code);
      expect(snapshot(e)).toBe(before);
    });
  }

  it('an existing assignment is returned unchanged (no rewrite of id or time)', async () => {
    const { db } = e.context();
    const row = db.all("SELECT * FROM ab_test_assignments WHERE test_id = 1 AND user_id = 'user-0001'");
    const before = snapshot(e);
    expect(await e.abTesting.assignUserToGroup(1, 'user-0001')).toBe('treatment');
    expect(db.all("SELECT * FROM ab_test_assignments WHERE test_id = 1 AND user_id = 'user-0001'")).toEqual(row);
    expect(snapshot(e)).toBe(before);
  });

  it('a stopped test refuses assignments, outcomes and a second stop', async () => {
    const ab = new ABTestFramework(
      () => e.context(),
      () => new Date(Date.UTC(2026, 11, 24, 8, 30, 0, 0)),
    );
    const id = await ab.createTest({ testName: 'to_stop', controlStrategy: 'a', treatmentStrategy: 'b' });
    await ab.assignUserToGroup(id, 'u1');
    const stopped = await ab.stopTest(id);
    expect(stopped).toMatchObject({ testId: id, status: 'stopped', endDate: '2026-12-24T08:30:00+00:00', startDate: '2026-12-24T08:30:00+00:00' });
    const before = snapshot(e);
    await expectCode(ab.assignUserToGroup(id, 'u2'), 'TEST_NOT_RUNNING');
    await expectCode(ab.assignUserToGroup(id, 'u1'), 'TEST_NOT_RUNNING');
    await expectCode(ab.recordOutcome(id, 'u1', { skillName: 's', completed: true }), 'TEST_NOT_RUNNING');
    await expectCode(ab.stopTest(id), 'TEST_NOT_RUNNING');
    expect(snapshot(e)).toBe(before);
    // analysis of a stopped test still works (thin data is a labelled result)
    const a = await ab.analyzeResults(id);
    expect(a.status).toBe('stopped');
    expect(a.recommendedDecision).toBe('insufficient_data');
  });

  it('below min_sample_size in either group the verdict is upstream\'s "Insufficient data"', async () => {
    const id = await e.abTesting.createTest({ testName: 'thin', controlStrategy: 'a', treatmentStrategy: 'b', minSampleSize: 4 });
    for (const u of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6']) {
      await e.abTesting.assignUserToGroup(id, u);
      await e.abTesting.recordOutcome(id, u, { skillName: 's', completed: u !== 'u2', durationSeconds: 1, userRating: 5 });
    }
    const a = await e.abTesting.analyzeResults(id);
    const status = await e.abTesting.getTestStatus(id);
    expect(status.controlOutcomes + status.treatmentOutcomes).toBe(6);
    expect(Math.min(status.controlOutcomes, status.treatmentOutcomes)).toBeLessThan(4);
    expect(a).toMatchObject({
      pValue: 1,
      winner: 'inconclusive',
      recommendation: 'Insufficient data (need 4 per group)',
      minSampleReached: false,
      recommendedDecision: 'insufficient_data',
    });
  });
});

describe('a file without A/B tables', () => {
  let e: AnalyticsEngine;
  beforeAll(async () => {
    e = await openAnalytics(await withoutTables(['ab_test_outcomes', 'ab_test_assignments', 'ab_test_configs']));
  });
  afterAll(async () => {
    await e.dispose();
  });

  it('lists no tests and reports unknown tests as TEST_NOT_FOUND', async () => {
    expect(await e.abTesting.listTests()).toEqual([]);
    await expectCode(e.abTesting.analyzeResults(1), 'TEST_NOT_FOUND');
    await expectCode(e.abTesting.assignUserToGroup(1, 'u'), 'TEST_NOT_FOUND');
  });

  it("gets the tables with session-buddy's exact definitions on the first createTest", async () => {
    expect(await e.abTesting.createTest({ testName: 'first', controlStrategy: 'a', treatmentStrategy: 'b' })).toBe(1);
    const ours = e.context().db.all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE tbl_name LIKE 'ab_test_%' AND sql IS NOT NULL ORDER BY name");
    const upstream = sqliteJson<{ name: string; sql: string }>(
      'test/fixtures/sample.db',
      "SELECT name, sql FROM sqlite_master WHERE tbl_name LIKE 'ab_test_%' AND sql IS NOT NULL ORDER BY name",
    );
    expect(upstream.length).toBe(7);
    expect(ours).toEqual(upstream);
    expect(await e.abTesting.assignUserToGroup(1, 'user-0001')).toBe('treatment');
  });
});

describe('a failed multi-statement write is rolled back', () => {
  it('createTest on a file missing ab_test_outcomes: the table it created disappears again with DUPLICATE_TEST', async () => {
    const e = await openAnalytics(await withoutTables(['ab_test_outcomes']));
    try {
      const before = snapshot(e);
      expect(e.context().db.hasTable('ab_test_outcomes')).toBe(false);
      await expectCode(e.abTesting.createTest({ testName: 'recency_boost_null', controlStrategy: 'a', treatmentStrategy: 'b' }), 'DUPLICATE_TEST');
      expect(e.context().db.hasTable('ab_test_outcomes')).toBe(false);
      expect(snapshot(e)).toBe(before);
    } finally {
      await e.dispose();
    }
  });
});
