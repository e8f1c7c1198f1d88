/**
 * getSkillSnapshot: every count, rate and score computed independently here with SQLite (sql.js on
 * the same fixture, session-buddy's own datetime() predicates) and plain loops; the fixture's
 * skill_metrics_cache (filled only by session-buddy's insert trigger) is shown to be stale.
 */
import { readFileSync } from 'node:fs';
import type { Database } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { parseTimestamp } from '../../../src/engine/time.js';
import { openAnalytics } from '../../../src/node/index.js';
import { expectClose } from '../time-series/golden.js';
import { openSqlJs, rowsOf } from '../../suites/sqlite-read.js';

const SAMPLE = 'test/fixtures/sample.db';

describe('getSkillSnapshot on sample.db', () => {
  let engine: AnalyticsEngine;
  let sqlite: Database;
  beforeAll(async () => {
    engine = await openAnalytics(SAMPLE);
    sqlite = await openSqlJs(readFileSync(SAMPLE));
  });
  afterAll(async () => {
    sqlite?.close();
    await engine?.dispose();
  });

  /** SQLite's answer per skill for the window of `hours` ending at asOf (second resolution). */
  function windowCounts(asOf: string, hours: number): Map<string, { n: number; rate: number }> {
    const rows = rowsOf<{ s: string; n: number; rate: number }>(
      sqlite,
      `SELECT skill_name AS s, count(*) AS n, avg(completed) AS rate FROM skill_invocation
       WHERE datetime(invoked_at) >= datetime(?, '-${hours} hours') AND datetime(invoked_at) <= datetime(?) GROUP BY skill_name`,
      [asOf, asOf],
    );
    return new Map(rows.map((r) => [r.s, r]));
  }

  /** Largest |z| of the hourly completion rates in the 24 hours (population SD), by plain loops. */
  function maxAbsZ(asOf: string, skill: string): number | null {
    const rates = rowsOf<{ r: number }>(
      sqlite,
      `SELECT avg(completed) AS r FROM skill_invocation WHERE skill_name = ?
       AND datetime(invoked_at) >= datetime(?, '-24 hours') AND datetime(invoked_at) <= datetime(?)
       GROUP BY strftime('%Y-%m-%dT%H', invoked_at)`,
      [skill, asOf, asOf],
    ).map((x) => x.r);
    if (rates.length === 0) return null;
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    const sd = Math.sqrt(rates.reduce((a, b) => a + (b - mean) ** 2, 0) / rates.length);
    return sd > 0 ? Math.max(...rates.map((r) => Math.abs(r - mean) / sd)) : null;
  }

  for (const asOf of ['2026-11-24 19:05:46', '2026-11-24 16:56:24', '2026-11-20 12:00:00', '2026-11-11 09:30:00']) {
    it(`counts, rates, last invocation and anomaly score equal SQLite's at ${asOf}`, async () => {
      const snap = await engine.skillTables.getSkillSnapshot({ asOf });
      expect(snap.asOf).toBe(`${asOf.replace(' ', 'T')}Z`);
      const h1 = windowCounts(asOf, 1);
      const h24 = windowCounts(asOf, 24);
      expect(snap.skills).toHaveLength(30); // every skill has a cache row
      for (const s of snap.skills) {
        expect(s.invocationCount1h).toBe(h1.get(s.skillName)?.n ?? 0);
        expect(s.invocationCount24h).toBe(h24.get(s.skillName)?.n ?? 0);
        if (s.invocationCount24h === 0) expect(s.completionRate24h).toBeNull();
        else expectClose(s.completionRate24h, h24.get(s.skillName)!.rate, 1e-12);
        const last = rowsOf<{ t: string }>(
          sqlite,
          'SELECT invoked_at AS t FROM skill_invocation WHERE skill_name = ? AND datetime(invoked_at) <= datetime(?) ORDER BY julianday(invoked_at) DESC, id DESC LIMIT 1',
          [s.skillName, asOf],
        );
        expect(s.lastInvocation === null ? null : parseTimestamp(s.lastInvocation)).toBe(last.length ? parseTimestamp(last[0].t) : null);
        const z = maxAbsZ(asOf, s.skillName);
        if (z === null) expect(s.anomalyScore).toBeNull();
        else expectClose(s.anomalyScore, z, 1e-9);
        expect(s.isAnomalous).toBe(z !== null && z >= 2);
        expect(s.storedHours24h).toBe(0);
      }
      // ordered by 24-hour invocations, most first
      const counts = snap.skills.map((s) => s.invocationCount24h);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      if (asOf.startsWith('2026-11-24 19')) {
        // sqlite3: 199 invocations in the 24 h before 2026-11-24 19:05:46; none in the last hour
        expect(counts.reduce((a, b) => a + b, 0)).toBe(199);
        expect(snap.skills.every((s) => s.invocationCount1h === 0)).toBe(true);
      }
    });
  }

  it("the fixture's skill_metrics_cache is stale: the trigger's counts never age", async () => {
    const snap = await engine.skillTables.getSkillSnapshot({ asOf: '2026-11-24 19:05:46' });
    const totals = new Map(rowsOf<{ s: string; n: number }>(sqlite, 'SELECT skill_name AS s, count(*) AS n FROM skill_invocation GROUP BY s').map((r) => [r.s, r.n]));
    expect(snap.cacheTable).toBe(true);
    expect(snap.cacheDisagreements).toBe(30);
    for (const s of snap.skills) {
      // session-buddy's trigger adds 1 to both counts per insert: they equal the skill's total ever
      expect(s.cache).toMatchObject({
        invocationCount1h: totals.get(s.skillName),
        invocationCount24h: totals.get(s.skillName),
        avgCompletionRate24h: null,
        isAnomalous: false,
        anomalyScore: null,
      });
      expect(s.cacheDisagrees).toBe(true);
      expect(s.cacheDifferences).toContain('invocationCount24h');
      expect(s.cacheDifferences).not.toContain('lastInvocation'); // the trigger does keep the latest invocation
      expect(s.invocationCount24h).toBeLessThan(totals.get(s.skillName)!);
    }
    const pytest = snap.skills.find((s) => s.skillName === 'pytest-run')!;
    expect([pytest.cache!.invocationCount24h, pytest.invocationCount24h]).toEqual([152, 21]); // sqlite3: 152 in all, 21 in the 24 h
    // before a skill's first invocation the cache (written later) still names an invocation
    const early = await engine.skillTables.getSkillSnapshot({ asOf: '2026-11-11 09:30:00' });
    const unborn = early.skills.filter((s) => s.lastInvocation === null);
    expect(unborn.length).toBeGreaterThan(0);
    for (const s of unborn) expect(s.cacheDifferences).toContain('lastInvocation');
  });
});
