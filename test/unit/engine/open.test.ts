import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, MAX_FILE_BYTES, openAnalytics, type AnalyticsEngine } from '../../../src/node/index.js';
import { badFiles } from './bad-files.js';

/*
 * Expected values obtained independently with the sqlite3 CLI (3.40.1) on the fixture files:
 *   SELECT count(*), count(DISTINCT skill_name), count(DISTINCT session_id),
 *          min(strftime('%Y-%m-%dT%H:%M:%f', invoked_at)), max(strftime('%Y-%m-%dT%H:%M:%f', invoked_at)),
 *          sum(invoked_at NOT LIKE '%+00:00') FROM skill_invocation;
 *   sample.db   2000|30|100|2026-11-10T19:12:26.951|2026-11-24T17:00:52.969|0
 *   legacy.db   2000|30|100|2026-11-10T23:22:12.856|2026-11-24T15:52:39.201|930
 *   train20k.db 20000|30|1000|2026-10-25T19:10:56.001|2026-11-24T19:01:01.656|0
 * with the full-precision texts of the extreme rows (SELECT invoked_at ... ORDER BY julianday(invoked_at)):
 *   sample first 2026-11-10T19:12:26.950789+00:00, legacy first 2026-11-10T23:22:12.856278 (naive),
 *   legacy last 2026-11-24T15:52:39.201105+00:00.
 */
const EXPECTED = {
  sample: { invocations: 2000, skills: 30, sessions: 100, firstInvocation: '2026-11-10T19:12:26.950789Z', lastInvocation: '2026-11-24T17:00:52.968772Z' },
  legacy: { invocations: 2000, skills: 30, sessions: 100, firstInvocation: '2026-11-10T23:22:12.856278Z', lastInvocation: '2026-11-24T15:52:39.201105Z' },
  train20k: { invocations: 20000, skills: 30, sessions: 1000, firstInvocation: '2026-10-25T19:10:56.001418Z', lastInvocation: '2026-11-24T19:01:01.656016Z' },
};

describe.each(Object.entries(EXPECTED))('open %s.db', (name, expected) => {
  let engine: AnalyticsEngine;
  beforeAll(async () => {
    engine = await openAnalytics(`test/fixtures/${name}.db`);
  });
  afterAll(() => engine.dispose());

  it('reports exact counts and first/last invocation (UTC)', async () => {
    const info = await engine.info();
    expect(info).toMatchObject({ ...expected, rows: expected.invocations, schemaVersion: 4, asOf: expected.lastInvocation, walMode: true, localChanges: false });
    expect(info.warnings.map((w) => w.code)).toEqual(['WAL_NOT_APPLIED']);
  });

  it('the warehouse (DuckDB) and the file (sql.js) agree on counts and span', async () => {
    const ctx = engine.context();
    const [fromSqlite] = ctx.db.all<{ n: number; skills: number; sessions: number; first: number; last: number }>(
      `SELECT count(*) AS n, count(DISTINCT skill_name) AS skills, count(DISTINCT session_id) AS sessions,
              min(julianday(invoked_at)) AS first, max(julianday(invoked_at)) AS last FROM skill_invocation`,
    );
    const [fromDuck] = await ctx.warehouse.query<{ n: number; skills: number; sessions: number; first: number; last: number }>(
      'SELECT count(*) AS n, count(DISTINCT skill_name) AS skills, count(DISTINCT session_id) AS sessions, min(invoked_at_us) AS first, max(invoked_at_us) AS last FROM invocations',
    );
    expect(fromDuck.n).toBe(fromSqlite.n);
    expect(fromDuck.skills).toBe(fromSqlite.skills);
    expect(fromDuck.sessions).toBe(fromSqlite.sessions);
    // julianday → epoch µs; SQLite keeps times at millisecond resolution internally, so allow < 1 ms.
    const toMicros = (jd: number) => (jd - 2440587.5) * 86_400e6;
    expect(Math.abs(fromDuck.first - toMicros(fromSqlite.first))).toBeLessThan(1000);
    expect(Math.abs(fromDuck.last - toMicros(fromSqlite.last))).toBeLessThan(1000);
  });
});

describe('legacy.db naive times', () => {
  it('reads naive invoked_at as UTC, like rows with +00:00', async () => {
    const engine = await openAnalytics('test/fixtures/legacy.db');
    try {
      const ctx = engine.context();
      // Every row, checked against SQLite's own reading of the text (julianday treats naive as UTC).
      const sqlite = ctx.db.all<{ id: number; jd: number; naive: number }>(
        "SELECT id, julianday(invoked_at) AS jd, invoked_at NOT LIKE '%+00:00' AS naive FROM skill_invocation ORDER BY id",
      );
      const duck = await ctx.warehouse.query<{ id: number; us: number }>('SELECT id, invoked_at_us AS us FROM invocations ORDER BY id');
      expect(sqlite.filter((r) => r.naive).length).toBe(930);
      expect(duck.length).toBe(sqlite.length);
      let maxDiff = 0;
      duck.forEach((r, i) => {
        expect(r.id).toBe(sqlite[i].id);
        maxDiff = Math.max(maxDiff, Math.abs(r.us - (sqlite[i].jd - 2440587.5) * 86_400e6));
      });
      expect(maxDiff).toBeLessThan(1000);
      const [first] = await ctx.warehouse.query<{ t: string }>("SELECT strftime(invoked_at, '%Y-%m-%dT%H:%M:%S.%f') AS t FROM invocations WHERE id = 1");
      expect(first.t).toBe('2026-11-10T23:22:12.856278');
    } finally {
      await engine.dispose();
    }
  });
});

describe('bad files end in typed errors', async () => {
  const cases = await badFiles();
  const engine = createEngine();
  afterAll(() => engine.dispose());

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await expect(engine.open(c.bytes)).rejects.toMatchObject({ name: 'AnalyticsError', code: c.code });
  });

  it('after the errors, the same engine opens a good file', async () => {
    const info = await engine.open(new Uint8Array(readFileSync('test/fixtures/sample.db')));
    expect(info.invocations).toBe(2000);
  });

  it('a failed open keeps the file opened before', async () => {
    await expect(engine.open(cases[0].bytes)).rejects.toMatchObject({ code: 'NOT_SQLITE' });
    expect((await engine.info()).invocations).toBe(2000);
    const [{ n }] = await engine.context().warehouse.query<{ n: number }>('SELECT count(*) AS n FROM invocations');
    expect(n).toBe(2000);
  });

  it('a file over the size limit ends in FILE_TOO_LARGE naming the limit, before anything is read', async () => {
    const huge = new Uint8Array(MAX_FILE_BYTES + 1); // zero pages are not touched: cheap to allocate
    const err = await engine.open(huge).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'FILE_TOO_LARGE', details: { bytes: MAX_FILE_BYTES + 1, limit: MAX_FILE_BYTES } });
    expect((err as Error).message).toMatch(/at most 1536 MiB/);
    expect((await engine.info()).invocations).toBe(2000); // the file opened before stays open
  });

  it('calls without an open file fail with NO_DATABASE', async () => {
    const fresh = createEngine();
    await expect(fresh.info()).rejects.toThrow(expect.objectContaining({ code: 'NO_DATABASE' }));
    await fresh.dispose();
  });
});
