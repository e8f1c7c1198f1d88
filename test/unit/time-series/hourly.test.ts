/**
 * SQL builders as text and by execution, window bounds (second resolution, upper bound at asOf),
 * gap filling. Independent counts come from SQLite itself (sql.js on the same file) using
 * session-buddy's own predicates, or from python's sqlite3 (cited).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { fillHourlyGaps, hourStarts } from '../../../src/hourly/hours.js';
import { dailySeriesSql, firstInvocationSql, hourlyMetricsSql } from '../../../src/hourly/sql.js';

describe('SQL text', () => {
  it('takes the window and user strings as parameters only', () => {
    const all = hourlyMetricsSql(false);
    const one = hourlyMetricsSql(true);
    for (const sql of [all, one, dailySeriesSql('one'), dailySeriesSql('qualifying')]) {
      expect(sql).toContain('invoked_at_us >= CAST($1 AS BIGINT) AND');
      expect(sql).toContain('invoked_at_us < CAST($2 AS BIGINT)');
      // the only string literals are date_trunc units: nothing from a caller is spliced in
      expect((sql.match(/'[^']*'/g) ?? []).filter((l) => l !== "'hour'" && l !== "'day'")).toEqual([]);
    }
    expect(all).not.toContain('$3');
    expect(one).toContain('AND skill_name = $3');
    expect(all).toMatch(/GROUP BY skill_name, hour_us\s+ORDER BY skill_name, hour_us$/);
    expect(dailySeriesSql('one')).toContain("date_trunc('day', invoked_at)");
    expect(dailySeriesSql('qualifying')).toContain('HAVING count(*) >= CAST($3 AS BIGINT)');
    expect(dailySeriesSql('qualifying')).toMatch(/ORDER BY q\.window_count DESC, i\.skill_name, day_us$/);
    expect(firstInvocationSql()).toBe('SELECT min(invoked_at_us) AS first_us FROM invocations WHERE skill_name = $1');
  });
});

describe('hourly metrics on sample.db', () => {
  let engine: AnalyticsEngine;
  beforeAll(async () => {
    engine = await openAnalytics('test/fixtures/sample.db');
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  /** SQLite's answer with session-buddy's predicate plus our upper bound. */
  function sqliteCount(asOf: string, hours: number): number {
    const [{ n }] = engine
      .context()
      .db.all<{ n: number }>(`SELECT count(*) AS n FROM skill_invocation WHERE datetime(invoked_at) >= datetime(?, '-${hours} hours') AND datetime(invoked_at) <= datetime(?)`, [
        asOf,
        asOf,
      ]);
    return n;
  }

  it('every builder binds and runs in DuckDB; hostile skill names are plain data', async () => {
    const w = engine.context().warehouse;
    const hostile = `O'Brien "x"; DROP TABLE invocations; -- <b>ü</b>`;
    expect(await w.query(hourlyMetricsSql(true), [0, 4e15, hostile])).toEqual([]);
    expect(await w.query(dailySeriesSql('one'), [0, 4e15, hostile])).toEqual([]);
    expect(await w.query(firstInvocationSql(), [hostile])).toEqual([{ first_us: null }]);
    const q = await w.query<{ skill_name: string }>(dailySeriesSql('qualifying'), [0, 4e15, 1]);
    expect(new Set(q.map((r) => r.skill_name)).size).toBe(30); // info: 30 skills
    expect(await engine.timeSeries.aggregateHourlyMetrics({ skillName: hostile, hours: 24 * 30 })).toEqual([]);
  });

  it('window: second resolution from asOf − N h, upper bound at asOf', async () => {
    // python sqlite3: 140 rows with datetime(invoked_at) in [2026-11-19 12:00:00, 2026-11-20 12:00:00];
    // without the upper bound (session-buddy at a later "now") there are 673
    for (const [asOf, hours, expected] of [
      ['2026-11-20 12:00:00', 24, 140],
      ['2026-11-24 16:56:24', 3, null],
      ['2026-11-24T16:56:23.999Z', 3, null],
    ] as const) {
      const rows = await engine.timeSeries.aggregateHourlyMetrics({ hours, asOf });
      const total = rows.reduce((s, r) => s + r.invocationCount, 0);
      expect(total).toBe(sqliteCount(asOf, hours));
      if (expected !== null) expect(total).toBe(expected);
    }
    // 2026-11-24T16:56:24.460630 is in at asOf 16:56:24 (same second) and out at 16:56:23.999
    const a = await engine.timeSeries.aggregateHourlyMetrics({ hours: 3, asOf: '2026-11-24 16:56:24' });
    const b = await engine.timeSeries.aggregateHourlyMetrics({ hours: 3, asOf: '2026-11-24T16:56:23.999Z' });
    expect(a.reduce((s, r) => s + r.invocationCount, 0) - b.reduce((s, r) => s + r.invocationCount, 0)).toBe(1);
  });

  it('defaults: 24 hours ending at the latest invocation (2026-11-24T17:00:52.968772Z)', async () => {
    const rows = await engine.timeSeries.aggregateHourlyMetrics();
    expect(rows.reduce((s, r) => s + r.invocationCount, 0)).toBe(sqliteCount('2026-11-24 17:00:52', 24));
    expect(
      rows
        .map((r) => r.timestamp)
        .sort()
        .at(-1),
    ).toBe('2026-11-24T17:00:00Z');
  });

  it('fill: every hour of the window for each skill with rows, empty hours with count 0 and null rates', async () => {
    const asOf = '2026-11-24 19:05:46';
    const plain = await engine.timeSeries.aggregateHourlyMetrics({ skillName: 'pytest-run', asOf });
    const filled = await engine.timeSeries.aggregateHourlyMetrics({ skillName: 'pytest-run', asOf, fill: true });
    // window 2026-11-23T19:05:46 .. 2026-11-24T19:05:46 touches 25 hours: 23T19:00 … 24T19:00
    expect(filled).toHaveLength(25);
    expect([filled[0].timestamp, filled[24].timestamp]).toEqual(['2026-11-23T19:00:00Z', '2026-11-24T19:00:00Z']);
    expect(filled.filter((r) => r.invocationCount > 0)).toEqual(plain);
    expect(filled.find((r) => r.invocationCount === 0)).toMatchObject({ completionRate: null, avgDurationSeconds: null, uniqueSessions: 0 });
    // all skills: python sqlite3 gives 27 distinct skills in that window
    const all = await engine.timeSeries.aggregateHourlyMetrics({ asOf, fill: true });
    expect(all).toHaveLength(27 * 25);
    const unknown = await engine.timeSeries.aggregateHourlyMetrics({ skillName: 'no-such-skill', asOf, fill: true, hours: 2 });
    expect(unknown.map((r) => r.invocationCount)).toEqual([0, 0, 0]);
  });

  it('rejects bad arguments with INVALID_ARGUMENT', async () => {
    await expect(engine.timeSeries.aggregateHourlyMetrics({ hours: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(engine.timeSeries.aggregateHourlyMetrics({ asOf: 'yesterday' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(engine.timeSeries.detectTrend('pytest-run', { windowDays: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('fillHourlyGaps', () => {
  it('keeps skill order and inserts empty hours', () => {
    const H = 3_600_000_000;
    const row = { timestamp: '1970-01-01T01:00:00Z', skillName: 'b', invocationCount: 2, completionRate: 0.5, avgDurationSeconds: null, uniqueSessions: 1 };
    const out = fillHourlyGaps([row], ['a', 'b'], hourStarts(30 * 60_000_000, 2 * H + 5));
    expect(out.map((r) => `${r.skillName}@${r.timestamp.slice(11, 13)}:${r.invocationCount}`)).toEqual(['a@00:0', 'a@01:0', 'a@02:0', 'b@00:0', 'b@01:2', 'b@02:0']);
    expect(() =>
      fillHourlyGaps(
        [],
        Array.from({ length: 3000 }, (_, i) => `s${i}`),
        hourStarts(0, 1000 * H),
      ),
    ).toThrow(/fewer hours/);
  });
});
