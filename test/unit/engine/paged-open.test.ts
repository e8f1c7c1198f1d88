/**
 * A file read page by page (the path for files too big for sql.js) answers exactly as the same
 * file opened whole: info, hourly, trends, A/B analysis (with the pre-assignment history), the
 * predictor's evaluation; alone and inside a dataset. It is read-only: writes and export refused.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type AnalyticsEngine } from '../../../src/node/index.js';
import { pagedEntry } from '../../../src/node/paged-entry.js';

const path = (f: string) => `test/fixtures/${f}`;
const bytes = (f: string) => new Uint8Array(readFileSync(path(f)));

describe('a file read page by page = the file opened whole', () => {
  let whole: AnalyticsEngine, paged: AnalyticsEngine;
  beforeAll(async () => {
    whole = createEngine();
    paged = createEngine();
    await whole.open(bytes('sample.db'));
    await paged.open([await pagedEntry(path('sample.db'), 'sample.db')]);
  }, 120_000);
  afterAll(() => Promise.all([whole?.dispose(), paged?.dispose()]));

  it('info: the same counts and times; read-only with READ_ONLY_LARGE_FILE', async () => {
    const a = await whole.info();
    const b = await paged.info();
    const pick = (i: typeof a) => [i.invocations, i.rows, i.skills, i.sessions, i.firstInvocation, i.lastInvocation, i.asOf, i.schemaVersion, i.fileBytes, i.walMode];
    expect(pick(b)).toEqual(pick(a));
    expect([a.invocations, a.rows, a.skills, a.sessions]).toEqual([2000, 2000, 30, 100]);
    // the FTS5 index (sql.js has no FTS5) is the one thing the small file leaves out
    expect(b.tables).toEqual(a.tables.filter((t) => !t.startsWith('skill_invocation_fts')));
    expect(a.tables.length - b.tables.length).toBe(5);
    expect(b.readOnly).toBe(true);
    expect(b.warnings.map((w) => w.code)).toEqual(['READ_ONLY_LARGE_FILE']);
  });

  it('hourly, trends, A/B status and analysis, snapshot', async () => {
    expect(await paged.timeSeries.aggregateHourlyMetrics({ hours: 168 })).toEqual(await whole.timeSeries.aggregateHourlyMetrics({ hours: 168 }));
    expect(await paged.timeSeries.getMultiSkillTrends({ windowDays: 14 })).toEqual(await whole.timeSeries.getMultiSkillTrends({ windowDays: 14 }));
    expect(await paged.abTesting.listTests()).toEqual(await whole.abTesting.listTests());
    for (const id of [1, 2]) expect(await paged.abTesting.analyzeResults(id)).toEqual(await whole.abTesting.analyzeResults(id));
    expect((await paged.skillTables.getSkillSnapshot({})).skills).toEqual((await whole.skillTables.getSkillSnapshot({})).skills);
  });

  it('predictor evaluation', async () => {
    const { seconds: _a, ...a } = await whole.predictor.trainModel({ days: 14, model: 'forest', parallelism: 1 });
    const { seconds: _b, ...b } = await paged.predictor.trainModel({ days: 14, model: 'forest', parallelism: 1 });
    expect(b.evaluation).toEqual(a.evaluation);
  }, 120_000);

  it('writes and export are refused with READ_ONLY', async () => {
    await expect(paged.abTesting.createTest({ testName: 'x', controlStrategy: 'a', treatmentStrategy: 'b' })).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(paged.skillTables.materialize({ hours: 24 })).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(paged.exportDatabase()).rejects.toMatchObject({ code: 'READ_ONLY', message: expect.stringContaining('page by page') });
  });

  it('in a dataset beside a file opened whole: the same answers as both opened whole', async () => {
    const mixed = createEngine();
    const both = createEngine();
    try {
      await mixed.open([await pagedEntry(path('sample.db'), 'sample.db'), { name: 'legacy.db', data: bytes('legacy.db') }], { writeTo: 'legacy.db' });
      await both.open([
        { name: 'sample.db', data: bytes('sample.db') },
        { name: 'legacy.db', data: bytes('legacy.db') },
      ]);
      expect(await mixed.timeSeries.aggregateHourlyMetrics({ hours: 168 })).toEqual(await both.timeSeries.aggregateHourlyMetrics({ hours: 168 }));
      expect(await mixed.abTesting.listTests()).toEqual(await both.abTesting.listTests());
      expect(await mixed.abTesting.analyzeResults(1)).toEqual(await both.abTesting.analyzeResults(1));
      expect((await mixed.info()).sources.map((s) => [s.name, s.invocations])).toEqual([
        ['sample.db', 2000],
        ['legacy.db', (await both.info()).sources[1].invocations],
      ]);
    } finally {
      await Promise.all([mixed.dispose(), both.dispose()]);
    }
  }, 120_000);
});

it('A/B users who are session ids: their sessions reach the pre-assignment history as in the whole file', async () => {
  // sample.db with every A/B user id replaced by a session id (so that skill_invocation holds history)
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes('sample.db'));
  db.run(`CREATE TEMP TABLE m AS
    SELECT u, s FROM (SELECT user_id AS u, ROW_NUMBER() OVER (ORDER BY user_id) AS r FROM (SELECT DISTINCT user_id FROM ab_test_assignments))
    JOIN (SELECT session_id AS s, ROW_NUMBER() OVER (ORDER BY session_id) AS r FROM (SELECT DISTINCT session_id FROM skill_invocation)) USING (r)`);
  for (const t of ['ab_test_assignments', 'ab_test_outcomes']) db.run(`UPDATE ${t} SET user_id = COALESCE((SELECT s FROM m WHERE u = user_id), user_id)`);
  const file = join(mkdtempSync(join(tmpdir(), 'paged-')), 'users-are-sessions.db');
  writeFileSync(file, db.export());
  db.close();
  const whole = createEngine();
  const paged = createEngine();
  try {
    await whole.open(new Uint8Array(readFileSync(file)));
    await paged.open([await pagedEntry(file)]);
    const a = await whole.abTesting.analyzeResults(1);
    expect(a.varianceReduction.usersWithHistory).toBeGreaterThan(0);
    expect(a.varianceReduction.historySource).toMatch(/sessions/);
    expect(await paged.abTesting.analyzeResults(1)).toEqual(a);
  } finally {
    await Promise.all([whole.dispose(), paged.dispose()]);
  }
}, 120_000);
