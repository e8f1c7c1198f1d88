/**
 * materialize(): hourly rows, cache rows and anomalies written into session-buddy's V4 tables in
 * one transaction; idempotent; part of exportDatabase(); readable by Python's sqlite3.
 * Independent values: sqlite3 / python3 on the fixture (cited), plain loops over the written rows.
 * Runs in Node and through the worker in Chromium.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'sql.js';
import type { MaterializeSummary } from '../../src/skill-tables/types.js';
import { goldenChecks } from './golden.js';
import { openSqlJs, prunedCopy, rowsOf } from './sqlite-read.js';
import type { EngineUnderTest, OpenEngine, SuiteHost } from './suite-host.js';

const SAMPLE = 'test/fixtures/sample.db';
const FROM = '2026-11-17T17:00:00Z';
const TO = '2026-11-24T17:00:00Z';

interface TsRow {
  id: number;
  skill_name: string;
  timestamp: string;
  invocation_count: number;
  completion_rate: number;
  avg_duration_seconds: number | null;
  unique_sessions: number;
}
interface AnomalyRow {
  id: number;
  skill_name: string;
  detected_at: string;
  anomaly_type: string;
  baseline_value: number;
  observed_value: number;
  deviation_score: number;
  resolved_at: string | null;
}
interface CacheRow {
  skill_name: string;
  last_invocation_at: string;
  invocation_count_1h: number;
  invocation_count_24h: number;
  avg_completion_rate_24h: number | null;
  is_anomalous: number;
  anomaly_score: number | null;
  updated_at: string;
}

const TABLES = ['skill_time_series', 'skill_metrics_cache', 'skill_anomalies', 'sqlite_sequence'];
const dump = (db: Database) => Object.fromEntries(TABLES.map((t) => [t, rowsOf(db, `SELECT * FROM ${t} ORDER BY 1, 2`)]));

/** python3's sqlite3 on a temp copy of `bytes`: integrity, foreign keys, and what the tables hold. */
function python(bytes: Uint8Array): Record<string, unknown> {
  const dir = mkdtempSync(path.join(tmpdir(), 'materialize-'));
  try {
    const file = path.join(dir, 'out.db');
    writeFileSync(file, bytes);
    const script = `
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
q = lambda s, *a: c.execute(s, a).fetchall()
print(json.dumps({
  "integrity": q("PRAGMA integrity_check")[0][0],
  "foreignKeyProblems": len(q("PRAGMA foreign_key_check")),
  "counts": {t: q("SELECT count(*) FROM " + t)[0][0] for t in ("skill_time_series", "skill_metrics_cache", "skill_anomalies")},
  "duplicateHours": q("SELECT count(*) FROM (SELECT 1 FROM skill_time_series GROUP BY skill_name, timestamp HAVING count(*) > 1)")[0][0],
  "storedInvocations": q("SELECT sum(invocation_count) FROM skill_time_series WHERE timestamp >= ? AND timestamp < ?", sys.argv[2], sys.argv[3])[0][0],
  "rawInvocations": q("SELECT count(*) FROM skill_invocation WHERE datetime(invoked_at) >= datetime(?) AND datetime(invoked_at) < datetime(?)", sys.argv[2], sys.argv[3])[0][0],
  "recentAnomalies": q("SELECT count(*) FROM skill_anomalies WHERE detected_at >= datetime(?, '-1 day')", sys.argv[3])[0][0],
}))`;
    return JSON.parse(execFileSync('python3', ['-c', script, file, '2026-11-17T17:00:00+00:00', '2026-11-24T17:00:00+00:00'], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Defines the suite on a host. */
export function materializeSuite({ describe, it, beforeAll, afterAll, expect }: SuiteHost, open: OpenEngine): void {
  const { expectClose } = goldenChecks(expect);

  describe('materialize on sample.db (168 hours, default asOf = latest invocation)', () => {
    let engine: EngineUnderTest;
    let first: MaterializeSummary, second: MaterializeSummary;
    let once: Uint8Array, twice: Uint8Array;
    let out: Database;
    beforeAll(async () => {
      engine = await open(SAMPLE);
      first = await engine.skillTables.materialize({ hours: 168 });
      once = await engine.exportDatabase();
      second = await engine.skillTables.materialize({ hours: 168 });
      twice = await engine.exportDatabase();
      out = await openSqlJs(twice);
    });
    afterAll(async () => {
      out?.close();
      await engine?.dispose();
    });

    it('writes the 168 whole hours complete at asOf; the second call changes nothing', () => {
      // sqlite3: 566 skill-hours with invocations in [2026-11-17 17:00, 2026-11-24 17:00), 1067 invocations;
      // the cache already had a row for each of the 30 skills (the trigger's); 38 anomalous hours (checked below)
      expect(first).toMatchObject({
        asOf: '2026-11-24T17:00:52Z',
        fromHour: FROM,
        toHour: TO,
        hours: 168,
        metric: 'completion_rate',
        zThreshold: 2,
        storedHoursKept: 0,
        skillTimeSeries: { rows: 566, inserted: 566, updated: 0, deleted: 0 },
        skillMetricsCache: { rows: 30, inserted: 0, updated: 30, deleted: 0 },
        skillAnomalies: { rows: 38, inserted: 38, updated: 0, deleted: 0 },
      });
      expect(second).toMatchObject({
        skillTimeSeries: { rows: 566, inserted: 0, updated: 0, deleted: 0 },
        skillMetricsCache: { rows: 30, inserted: 0, updated: 0, deleted: 0 },
        skillAnomalies: { rows: 38, inserted: 0, updated: 0, deleted: 0 },
      });
    });

    it('twice = once: same rows, same ids, same sqlite_sequence, same bytes', async () => {
      const a = await openSqlJs(once);
      try {
        expect(dump(out)).toEqual(dump(a));
      } finally {
        a.close();
      }
      expect(Buffer.from(twice).equals(Buffer.from(once))).toBe(true);
      // fixture before: 0 / 30 / 0 rows (sqlite3); after: 566 / 30 / 38
      expect(Object.fromEntries(TABLES.slice(0, 3).map((t) => [t, rowsOf(out, `SELECT * FROM ${t}`).length]))).toEqual({
        skill_time_series: 566,
        skill_metrics_cache: 30,
        skill_anomalies: 38,
      });
    });

    it("Python's sqlite3 reads the export: integrity ok, no duplicate hours, counts add up to the invocations", () => {
      expect(python(twice)).toEqual({
        integrity: 'ok',
        foreignKeyProblems: 0,
        counts: { skill_time_series: 566, skill_metrics_cache: 30, skill_anomalies: 38 },
        duplicateHours: 0,
        storedInvocations: 1067,
        rawInvocations: 1067,
        // session-buddy's own reader: detected_at >= datetime('now', '-1 hour') compares text; ours is datetime() text
        recentAnomalies: rowsOf<AnomalyRow>(out, 'SELECT * FROM skill_anomalies').filter((r) => r.detected_at >= '2026-11-23 17:00:00').length,
      });
    });

    it('the hourly rows equal aggregateHourlyMetrics for the same hours', async () => {
      const api = (await engine.timeSeries.aggregateHourlyMetrics({ hours: 169, asOf: '2026-11-24 17:00:52' })).filter((h) => h.timestamp >= FROM && h.timestamp < TO);
      const rows = rowsOf<TsRow>(out, 'SELECT * FROM skill_time_series ORDER BY skill_name, timestamp');
      expect(
        rows.map((r) => ({
          timestamp: r.timestamp.replace('+00:00', 'Z'),
          skillName: r.skill_name,
          invocationCount: r.invocation_count,
          completionRate: r.completion_rate,
          avgDurationSeconds: r.avg_duration_seconds,
          uniqueSessions: r.unique_sessions,
          source: 'invocations',
        })),
      ).toEqual(api);
      expect(rows[0].timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00\+00:00$/);
    });

    it('the anomalies are the z-scores of each skill over the written hours (|z| ≥ 2), as spike / drop', () => {
      const rows = rowsOf<TsRow>(out, 'SELECT * FROM skill_time_series ORDER BY skill_name, timestamp');
      const expected: { skill: string; at: string; type: string; mean: number; value: number; z: number }[] = [];
      for (const skill of new Set(rows.map((r) => r.skill_name))) {
        const mine = rows.filter((r) => r.skill_name === skill);
        const values = mine.map((r) => r.completion_rate);
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
        if (sd === 0) continue;
        mine.forEach((r, i) => {
          const z = (values[i] - mean) / sd;
          if (Math.abs(z) >= 2) expected.push({ skill, at: r.timestamp.slice(0, 19).replace('T', ' '), type: z > 0 ? 'spike' : 'drop', mean, value: values[i], z });
        });
      }
      const got = rowsOf<AnomalyRow>(out, 'SELECT * FROM skill_anomalies ORDER BY skill_name, detected_at');
      expect(got.map((r) => [r.skill_name, r.detected_at, r.anomaly_type, r.resolved_at])).toEqual(expected.map((e) => [e.skill, e.at, e.type, null]));
      got.forEach((r, i) => {
        expectClose(r.baseline_value, expected[i].mean, 1e-12);
        expect(r.observed_value).toBe(expected[i].value);
        expectClose(r.deviation_score, expected[i].z, 1e-12);
      });
      expect(got.filter((r) => r.anomaly_type === 'drop').length).toBeGreaterThan(0);
    });

    it('the cache rows are the snapshot as of asOf, with the invocation text as session-buddy stores it', async () => {
      const snap = await engine.skillTables.getSkillSnapshot();
      const cache = rowsOf<CacheRow>(out, 'SELECT * FROM skill_metrics_cache');
      expect(cache).toHaveLength(snap.skills.length);
      const original = await openSqlJs(readFileSync(SAMPLE));
      try {
        for (const c of cache) {
          const s = snap.skills.find((k) => k.skillName === c.skill_name)!;
          const [{ invoked_at }] = rowsOf<{ invoked_at: string }>(
            original,
            'SELECT invoked_at FROM skill_invocation WHERE skill_name = ? ORDER BY julianday(invoked_at) DESC, id DESC LIMIT 1',
            [c.skill_name],
          );
          expect(c).toEqual({
            skill_name: s.skillName,
            last_invocation_at: invoked_at,
            invocation_count_1h: s.invocationCount1h,
            invocation_count_24h: s.invocationCount24h,
            avg_completion_rate_24h: s.completionRate24h,
            is_anomalous: s.isAnomalous ? 1 : 0,
            anomaly_score: s.anomalyScore,
            updated_at: '2026-11-24 17:00:52',
          });
        }
      } finally {
        original.close();
      }
      // the reopened export: the cache now agrees with the live snapshot
      const reopened = await open(twice);
      try {
        const after = await reopened.skillTables.getSkillSnapshot();
        expect(after.cacheDisagreements).toBe(0);
        expect(after.skills.map((k) => k.invocationCount24h)).toEqual(snap.skills.map((k) => k.invocationCount24h));
      } finally {
        await reopened.dispose();
      }
    });
  });

  describe('materialize with stored history, on legacy.db, failures', () => {
    it('a pruned copy writes the same hourly rows as the full file; its stored rows are normalised in place', async () => {
      const cut = '2026-11-18 12:00:00';
      const o = { hours: 360, asOf: '2026-11-24 19:00:00' };
      const [full, copy] = await Promise.all([open(SAMPLE), prunedCopy(SAMPLE, cut).then((b) => open(b))]);
      try {
        const storedBefore = rowsOf<TsRow>(await openSqlJs(await copy.exportDatabase()), 'SELECT * FROM skill_time_series');
        const a = await full.skillTables.materialize(o);
        const b = await copy.skillTables.materialize(o);
        expect(b.storedHoursKept).toBe(storedBefore.length);
        expect(b.skillTimeSeries).toEqual({ rows: a.skillTimeSeries.rows, inserted: a.skillTimeSeries.rows - storedBefore.length, updated: storedBefore.length, deleted: 0 });
        const ra = rowsOf<TsRow>(await openSqlJs(await full.exportDatabase()), 'SELECT * FROM skill_time_series ORDER BY skill_name, timestamp');
        const rb = rowsOf<TsRow>(await openSqlJs(await copy.exportDatabase()), 'SELECT * FROM skill_time_series ORDER BY skill_name, timestamp');
        const key = ({ id: _i, avg_duration_seconds: _d, ...r }: TsRow) => r;
        expect(rb.map(key)).toEqual(ra.map(key));
        rb.forEach((r, i) =>
          r.avg_duration_seconds === null ? expect(ra[i].avg_duration_seconds).toBeNull() : expectClose(r.avg_duration_seconds, ra[i].avg_duration_seconds as number, 1e-12),
        );
        // the stored rows kept their ids (rewritten in place; their timestamp now has +00:00)
        const byId = new Map(rb.map((r) => [r.id, r]));
        for (const r of storedBefore) {
          expect(byId.get(r.id)).toMatchObject({ skill_name: r.skill_name, timestamp: `${r.timestamp}+00:00`, invocation_count: r.invocation_count });
        }
        expect((await copy.skillTables.materialize(o)).skillTimeSeries).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
      } finally {
        await Promise.all([full.dispose(), copy.dispose()]);
      }
    });

    it("legacy.db (naive times): 24 hours; the cache keeps each invocation's own text", async () => {
      const e = await open('test/fixtures/legacy.db');
      try {
        const m = await e.skillTables.materialize();
        // sqlite3: 143 skill-hours with invocations in [2026-11-23 15:00, 2026-11-24 15:00) (latest invocation 15:52:39)
        expect(m).toMatchObject({ asOf: '2026-11-24T15:52:39Z', fromHour: '2026-11-23T15:00:00Z', toHour: '2026-11-24T15:00:00Z', skillTimeSeries: { rows: 143, inserted: 143 } });
        const db = await openSqlJs(await e.exportDatabase());
        const original = await openSqlJs(readFileSync('test/fixtures/legacy.db'));
        for (const c of rowsOf<CacheRow>(db, 'SELECT * FROM skill_metrics_cache')) {
          const [{ invoked_at }] = rowsOf<{ invoked_at: string }>(
            original,
            'SELECT invoked_at FROM skill_invocation WHERE skill_name = ? ORDER BY julianday(invoked_at) DESC, id DESC LIMIT 1',
            [c.skill_name],
          );
          expect(c.last_invocation_at).toBe(invoked_at);
        }
        original.close();
        expect((await e.skillTables.getSkillSnapshot()).cacheDisagreements).toBe(0);
      } finally {
        await e.dispose();
      }
    });

    it('one transaction: a failing write leaves every table as it was', async () => {
      const bytes = await prunedCopy(SAMPLE, '2000-01-01 00:00:00', (db) =>
        db.run("CREATE TRIGGER no_anomalies BEFORE INSERT ON skill_anomalies BEGIN SELECT RAISE(ABORT, 'refused by test'); END"),
      );
      const e = await open(bytes);
      try {
        await expect(e.skillTables.materialize({ hours: 168 })).rejects.toThrow(/refused by test/);
        const db = await openSqlJs(await e.exportDatabase());
        expect(rowsOf(db, 'SELECT * FROM skill_time_series')).toEqual([]);
        expect(rowsOf<CacheRow>(db, 'SELECT * FROM skill_metrics_cache WHERE skill_name = ?', ['pytest-run'])[0]).toMatchObject({
          invocation_count_24h: 152,
          updated_at: '2026-11-24 19:05:26',
        });
      } finally {
        await e.dispose();
      }
    });

    it('misuse: a file before migration V4, bad hours, unknown metric', async () => {
      const bytes = await prunedCopy(SAMPLE, '2000-01-01 00:00:00', (db) => db.run('DROP TABLE skill_anomalies'));
      const e = await open(bytes);
      try {
        await expect(e.skillTables.materialize()).rejects.toMatchObject({ code: 'MISSING_TABLE' });
        await expect(e.skillTables.materialize({ hours: 1.5 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
        await expect(e.skillTables.materialize({ metric: 'bogus' as never })).rejects.toMatchObject({ code: 'INVALID_METRIC' });
        await expect(e.skillTables.getSkillSnapshot({ zThreshold: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      } finally {
        await e.dispose();
      }
    });
  });
}
