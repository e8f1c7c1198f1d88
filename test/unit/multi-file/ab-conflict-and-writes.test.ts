/**
 * A/B tests configured differently in two files stay apart (AB_TEST_CONFLICT); writes go to the
 * writeTo file only, say so, and its export reopens in Python's sqlite3 with integrity ok.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type AnalyticsEngine } from '../../../src/node/index.js';
import { pythonCheck, tempCopies } from './helpers.js';

const bytes = (f: string) => new Uint8Array(readFileSync(`test/fixtures/${f}`));
const AB = ['ab_test_configs', 'ab_test_assignments', 'ab_test_outcomes'];

describe('sample.db + legacy.db: the same test names, different start dates', () => {
  let both: AnalyticsEngine, legacy: AnalyticsEngine;
  beforeAll(async () => {
    both = createEngine();
    legacy = createEngine();
    await both.open([bytes('sample.db'), { name: 'legacy.db', data: bytes('legacy.db') }]);
    await legacy.open(bytes('legacy.db'));
  }, 120_000);
  afterAll(() => Promise.all([both?.dispose(), legacy?.dispose()]));

  it('keeps each configuration as its own test (ids 1-2 sample, 3-4 legacy) and warns once per name', async () => {
    const info = await both.info();
    expect(info.sources.map((s) => s.name)).toEqual(['file-1', 'legacy.db']);
    const tests = await both.abTesting.listTests();
    expect(tests.map((t) => [t.testId, t.testName, t.sources, t.startDate])).toEqual([
      [1, 'workflow_aware_vs_semantic (file-1)', ['file-1'], '2026-11-10T19:05:25.965617+00:00'],
      [2, 'recency_boost_null (file-1)', ['file-1'], '2026-11-10T19:05:25.965617+00:00'],
      [3, 'workflow_aware_vs_semantic (legacy.db)', ['legacy.db'], '2026-11-10T19:05:47.094262+00:00'],
      [4, 'recency_boost_null (legacy.db)', ['legacy.db'], '2026-11-10T19:05:47.094262+00:00'],
    ]);
    const conflicts = info.warnings.filter((w) => w.code === 'AB_TEST_CONFLICT');
    expect(conflicts.map((w) => w.message)).toEqual([
      'A/B test "workflow_aware_vs_semantic" is configured differently in the files (start_date): its results are not combined; kept as separate tests #1 "workflow_aware_vs_semantic (file-1)", #3 "workflow_aware_vs_semantic (legacy.db)"',
      'A/B test "recency_boost_null" is configured differently in the files (start_date): its results are not combined; kept as separate tests #2 "recency_boost_null (file-1)", #4 "recency_boost_null (legacy.db)"',
    ]);
  });

  it("test 3 is legacy's test 1: the same analysis, only its id and name differ", async () => {
    const { testId, testName, ...merged } = await both.abTesting.analyzeResults(3);
    const { testId: id1, testName: name1, ...alone } = await legacy.abTesting.analyzeResults(1);
    expect([testId, testName, id1, name1]).toEqual([3, 'workflow_aware_vs_semantic (legacy.db)', 1, 'workflow_aware_vs_semantic']);
    expect(merged).toEqual(alone);
  });
});

describe('writes go to the writeTo file only', () => {
  const tmp = tempCopies('writes');
  let e: AnalyticsEngine;
  beforeAll(async () => {
    e = createEngine();
    const info = await e.open(
      [
        { name: 'a.db', data: bytes('sample.db') },
        { name: 'b.db', data: bytes('sample.db') },
      ],
      { writeTo: 'b.db' },
    );
    expect(info.writeTo).toBe('b.db');
  }, 120_000);
  afterAll(async () => {
    await e?.dispose();
    tmp.cleanup();
  });

  it('A/B writes land in b.db with its own test ids; a.db is unchanged', async () => {
    const id = await e.abTesting.createTest({ testName: 'team_prompt_v3', controlStrategy: 'old', treatmentStrategy: 'new' });
    expect(id).toBe(3); // b.db's next test_id (3) is free in the dataset
    const group = await e.abTesting.assignUserToGroup(id, 'user-x');
    await e.abTesting.recordOutcome(id, 'user-x', { skillName: 'pytest-run', completed: true, durationSeconds: 12 });
    const stopped = await e.abTesting.stopTest(id);
    expect(stopped).toMatchObject({ testId: 3, status: 'stopped', writtenTo: 'b.db', controlOutcomes: group === 'control' ? 1 : 0 });
    expect((await e.abTesting.listTests()).find((t) => t.testId === 3)?.sources).toEqual(['b.db']);
    // the merged test 1 is in both files: writing to it writes to b.db's test 1
    await e.abTesting.assignUserToGroup(1, 'user-y');
    expect((await e.abTesting.getTestStatus(1, { source: 'b.db' })).controlSampleSize + (await e.abTesting.getTestStatus(1, { source: 'b.db' })).treatmentSampleSize).toBe(601);
    expect((await e.abTesting.getTestStatus(1, { source: 'a.db' })).controlSampleSize + (await e.abTesting.getTestStatus(1, { source: 'a.db' })).treatmentSampleSize).toBe(600);

    const b = tmp.write('b-export.db', await e.exportDatabase());
    const a = tmp.write('a-export.db', await e.exportDatabase('a.db'));
    // python3's sqlite3: both exports sound; sqlite3 on sample.db: 2 tests, 1200 assignments, 6007 outcomes
    expect(pythonCheck(b, AB)).toEqual({ integrity: 'ok', counts: { ab_test_configs: 3, ab_test_assignments: 1202, ab_test_outcomes: 6008 } });
    expect(pythonCheck(a, AB)).toEqual({ integrity: 'ok', counts: { ab_test_configs: 2, ab_test_assignments: 1200, ab_test_outcomes: 6007 } });
    // the export holds b.db's own rows only: raw session ids, 2000 invocations
    const reopened = createEngine();
    try {
      const info = await reopened.open(await e.exportDatabase('b.db'));
      expect([info.invocations, info.sessions]).toEqual([2000, 100]);
      expect((await reopened.abTesting.getTestStatus(3)).status).toBe('stopped');
    } finally {
      await reopened.dispose();
    }
  });

  it('a test only in another file is TEST_NOT_FOUND naming that file; materialize writes b.db and says so', async () => {
    const other = createEngine();
    try {
      await other.open(
        [
          { name: 'a.db', data: bytes('sample.db') },
          { name: 'l.db', data: bytes('legacy.db') },
        ],
        { writeTo: 'a.db' },
      );
      await expect(other.abTesting.assignUserToGroup(3, 'u')).rejects.toMatchObject({ code: 'TEST_NOT_FOUND', details: { holders: ['l.db'], writeTo: 'a.db' } });
      await expect(other.skillTables.materialize({ source: 'l.db' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    } finally {
      await other.dispose();
    }
    const m = await e.skillTables.materialize({ hours: 24 });
    // sqlite3 on sample.db: 100 skill-hours with invocations in [2026-11-23 17:00, 2026-11-24 17:00):
    //   SELECT count(*) FROM (SELECT skill_name, strftime('%Y-%m-%dT%H', invoked_at) FROM skill_invocation
    //   WHERE julianday(invoked_at) >= julianday('2026-11-23 17:00:00') AND julianday(invoked_at) < julianday('2026-11-24 17:00:00') GROUP BY 1, 2)
    expect(m).toMatchObject({ writtenTo: 'b.db', asOf: '2026-11-24T17:00:52Z', skillTimeSeries: { rows: 100, inserted: 100 } });
    const b = tmp.write('b-materialized.db', await e.exportDatabase('b.db'));
    const a = tmp.write('a-untouched.db', await e.exportDatabase('a.db'));
    expect(pythonCheck(b, ['skill_time_series'])).toEqual({ integrity: 'ok', counts: { skill_time_series: 100 } });
    expect(pythonCheck(a, ['skill_time_series'])).toEqual({ integrity: 'ok', counts: { skill_time_series: 0 } });
  });

  it('open checks names and writeTo', async () => {
    const x = createEngine();
    try {
      await expect(
        x.open([
          { name: 'a', data: bytes('sample.db') },
          { name: 'a', data: bytes('sample.db') },
        ]),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(x.open([{ name: 'a:b', data: bytes('sample.db') }])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(x.open([bytes('sample.db'), bytes('sample.db')], { writeTo: 'z' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(x.open([])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      const info = await x.open([bytes('sample.db'), bytes('sample.db')]);
      expect([info.sources.map((s) => s.name), info.writeTo]).toEqual([['file-1', 'file-2'], 'file-1']);
      await expect(x.exportDatabase('nope')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    } finally {
      await x.dispose();
    }
  });
});
