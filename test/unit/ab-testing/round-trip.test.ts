/**
 * Writes in Node: a new test, 1,000 assigned users and 5,000 seeded outcomes over 5 days, then
 * exportDatabase(); the exported file is reopened in a fresh engine, checked by sql.js, the
 * sqlite3 shell and Python's sqlite3, and analysed again with the identical result.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ABGroup } from '../../../src/ab-testing/ABTestConfig.js';
import { ABTestFramework } from '../../../src/ab-testing/ABTestFramework.js';
import { buildAnalysis } from '../../../src/ab-testing/analysis.js';
import type { ABTestAnalysis } from '../../../src/ab-testing/analysis-types.js';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { mulberry32 } from '../../../src/stats/index.js';
import { reduceOutcomes, sqliteJson, type RawOutcome } from './helpers.js';

const USERS = 1000;
const OUTCOMES = 5000;
const DAYS = 5;
const START = Date.UTC(2026, 11, 1, 9, 0, 0, 250);

describe('round trip: write, export, reopen', () => {
  let engine: AnalyticsEngine;
  let reopened: AnalyticsEngine;
  let ab: ABTestFramework;
  let testId: number;
  let bytes: Uint8Array;
  let file: string;
  let dir: string;
  let analysis: ABTestAnalysis;
  const raw: RawOutcome[] = [];
  const groups = new Map<string, ABGroup>();
  let now = START;

  beforeAll(async () => {
    engine = await openAnalytics('test/fixtures/sample.db');
    ab = new ABTestFramework(
      () => engine.context(),
      () => new Date(now),
    );
    testId = await ab.createTest(
      { testName: 'round_trip', description: 'seeded', controlStrategy: 'a', treatmentStrategy: 'b', metrics: ['completion_rate', 'user_rating'], minSampleSize: 200 },
      0.4,
    );
    for (let i = 0; i < USERS; i++) {
      const id = `rt-${String(i).padStart(4, '0')}`;
      groups.set(id, await ab.assignUserToGroup(testId, id));
    }
    const rand = mulberry32(20261201);
    const ids = [...groups.keys()];
    for (let i = 0; i < OUTCOMES; i++) {
      now = START + Math.floor((i * DAYS) / OUTCOMES) * 86_400_000 + i * 1000;
      const userId = ids[Math.floor(rand() * USERS)];
      const group = groups.get(userId) as ABGroup;
      const completed = rand() < (group === 'treatment' ? 0.7 : 0.65);
      const durationSeconds = completed ? Math.round(rand() * 12000) / 100 : null;
      const userRating = rand() < 0.4 ? 1 + Math.floor(rand() * 5) : null;
      await ab.recordOutcome(testId, userId, { skillName: 'pytest-run', completed, durationSeconds, userRating });
      raw.push({ userId, group, day: new Date(now).toISOString().slice(0, 10), completed, durationSeconds, userRating, skillName: 'pytest-run' });
    }
    analysis = await ab.analyzeResults(testId);
    bytes = await engine.exportDatabase();
    dir = mkdtempSync(join(tmpdir(), 'ab-rt-'));
    file = join(dir, 'exported.db');
    writeFileSync(file, bytes);
    reopened = await openAnalytics(bytes);
  });

  afterAll(async () => {
    await engine?.dispose();
    await reopened?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the reopened file holds every row and gives the identical analysis', async () => {
    const { db } = reopened.context();
    expect(db.all('SELECT COUNT(*) AS n FROM ab_test_assignments WHERE test_id = ?', [testId])).toEqual([{ n: USERS }]);
    expect(db.all('SELECT COUNT(*) AS n FROM ab_test_outcomes WHERE test_id = ?', [testId])).toEqual([{ n: OUTCOMES }]);
    // session-buddy's own rows survive untouched
    expect(db.all('SELECT COUNT(*) AS n FROM ab_test_outcomes WHERE test_id IN (1, 2)')).toEqual([{ n: 6007 }]);
    expect(await reopened.abTesting.analyzeResults(testId)).toEqual(analysis);
    expect(await reopened.abTesting.listTests()).toEqual(await engine.abTesting.listTests());
    expect(db.all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('the SQL reduction equals an independent row-by-row reduction of the generated data', () => {
    const assigned = { control: [...groups.values()].filter((g) => g === 'control').length, treatment: [...groups.values()].filter((g) => g === 'treatment').length };
    // new user ids: no outcomes in other tests and no sessions with these ids before assignment
    const history = [...groups.keys()]
      .filter((u) => raw.some((o) => o.userId === u))
      .sort()
      .map((userId) => ({ userId, testOutcomes: 0, testCompleted: 0, invocations: 0, invocationsCompleted: 0 }));
    const extras = { history, assignmentSequence: [...groups.values()] };
    const expected = buildAnalysis(reduceOutcomes(raw, { testId, testName: 'round_trip', minSampleSize: 200, assignmentRatio: 0.4, assigned }, extras));
    // sums are added in a different order: compare numbers to 1e-9 relative
    const close = (a: unknown, b: unknown, path: string): void => {
      if (typeof a === 'number' && typeof b === 'number') {
        expect(Math.abs(a - b), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
      } else if (a && typeof a === 'object') {
        expect(Object.keys(a as object).sort(), path).toEqual(Object.keys(b as object).sort());
        for (const k of Object.keys(a as object)) close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      } else expect(a, path).toEqual(b);
    };
    close(analysis, expected, 'analysis');
    expect(analysis.sequential.looks).toBe(DAYS);
    // one skill, no history: nothing to adjust on, labelled; duration quantiles and the sequential SRM computed
    expect(analysis.varianceReduction.adjusted).toBe(false);
    expect(analysis.varianceReduction.method).toMatch(/^unadjusted \(nothing to adjust on/);
    for (const k of ['estimate', 'ciLow', 'ciHigh'] as const) expect(analysis.varianceReduction.difference[k]).toBeCloseTo(analysis.userLevel.difference[k] as number, 12);
    expect(analysis.durationQuantiles.available).toBe(true);
    expect(analysis.sequentialSampleRatio).toMatchObject({ available: true, looks: USERS });
  });

  it('sqlite3 and Python read the exported file: integrity ok, same rows, same groups by hashlib', () => {
    expect(execFileSync('sqlite3', [file, 'PRAGMA integrity_check'], { encoding: 'utf8' }).trim()).toBe('ok');
    const py = `
import hashlib, json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
t = int(sys.argv[2])
ok = c.execute('PRAGMA integrity_check').fetchone()[0]
ratio = c.execute('SELECT assignment_ratio FROM ab_test_configs WHERE test_id = ?', (t,)).fetchone()[0]
bad = sum(1 for u, g in c.execute('SELECT user_id, group_name FROM ab_test_assignments WHERE test_id = ?', (t,))
          if g != ('control' if int(hashlib.sha256(f"{t}:{u}".encode()).hexdigest(), 16) % 10000 / 10000.0 < ratio else 'treatment'))
rows = c.execute("SELECT aa.group_name, COUNT(*), AVG(ao.completed) FROM ab_test_outcomes ao JOIN ab_test_assignments aa USING (test_id, user_id) WHERE ao.test_id = ? GROUP BY 1 ORDER BY 1", (t,)).fetchall()
print(json.dumps({'ok': ok, 'bad': bad, 'rows': rows}))
`;
    const out = JSON.parse(execFileSync('python3', ['-c', py, file, String(testId)], { encoding: 'utf8' }));
    expect(out.ok).toBe('ok');
    expect(out.bad).toBe(0);
    expect(out.rows).toEqual([
      ['control', analysis.controlMetrics.sampleSize, analysis.controlMetrics.completionRate],
      ['treatment', analysis.treatmentMetrics.sampleSize, analysis.treatmentMetrics.completionRate],
    ]);
  });

  it('writes session-buddy formats: comma-joined metrics, isoformat times, datetime("now") created_at', () => {
    const [cfg] = sqliteJson<Record<string, unknown>>(file, `SELECT * FROM ab_test_configs WHERE test_id = ${testId}`);
    expect(cfg).toMatchObject({
      test_name: 'round_trip',
      description: 'seeded',
      control_strategy: 'a',
      treatment_strategy: 'b',
      metrics: 'completion_rate,user_rating',
      assignment_ratio: 0.4,
      status: 'running',
      min_sample_size: 200,
      end_date: null,
    });
    expect(cfg.start_date).toBe('2026-12-01T09:00:00.250000+00:00');
    expect(cfg.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const [a] = sqliteJson<{ assigned_at: string }>(file, `SELECT assigned_at FROM ab_test_assignments WHERE test_id = ${testId} ORDER BY assignment_id LIMIT 1`);
    expect(a.assigned_at).toBe('2026-12-01T09:00:00.250000+00:00');
    const [o] = sqliteJson<{ recorded_at: string; completed: number; typ: string }>(
      file,
      `SELECT recorded_at, completed, typeof(completed) AS typ FROM ab_test_outcomes WHERE test_id = ${testId} ORDER BY outcome_id DESC LIMIT 1`,
    );
    // last outcome i = 4999: START + 4 days + 4999 s
    expect(o.recorded_at).toBe('2026-12-05T10:23:19.250000+00:00');
    expect(o.typ).toBe('integer');
    // sql.js exports in rollback-journal mode (header bytes 18-19 = 1)
    expect([bytes[18], bytes[19]]).toEqual([1, 1]);
  });
});
