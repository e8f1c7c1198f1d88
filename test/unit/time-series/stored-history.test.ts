/**
 * History kept only in skill_time_series. From sample.db we build (with sql.js, using SQLite's own
 * strftime hour buckets, i.e. session-buddy's SQL) a copy whose invocations before CUT are deleted
 * and replaced by their hourly aggregates; hourly metrics, daily trends and anomalies of the copy
 * must equal those of the full file. Durations of days built from stored hours are weighted by the
 * documented estimate (stored-merge.ts: storedDurationWeight); the test computes that estimate
 * independently from the original rows and checks both the exact days and the estimated ones.
 */
import initSqlJs from 'sql.js';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import type { HourlyMetrics, TrendAnalysis } from '../../../src/time-series/types.js';
import { prunedCopy } from '../../suites/sqlite-read.js';
import { expectClose } from './golden.js';

const CUT = '2026-11-18 12:00:00'; // 1061 of 2000 invocations are older (sqlite3)
const AS_OF = '2026-11-24 19:00:00'; // on the hour: every window below starts on the hour
const FULL = 'test/fixtures/sample.db';

/** The copy: invocations before CUT replaced by session-buddy-style hourly rows (naive UTC hour text). */
const prunedSample = (extra?: (db: import('sql.js').Database) => void) => prunedCopy(FULL, CUT, extra);

const withoutSource = ({ source: _s, avgDurationSeconds: _d, ...rest }: HourlyMetrics) => rest;

/**
 * Equal rows apart from `source`; durations within 1e-12 relative: the copy's stored averages were
 * computed by SQLite's AVG, the full file's by DuckDB's, which may differ in the last bit.
 */
function expectSameHours(copy: HourlyMetrics[], full: HourlyMetrics[]): void {
  expect(copy.map(withoutSource)).toEqual(full.map(withoutSource));
  copy.forEach((r, i) => {
    if (full[i].avgDurationSeconds === null) expect(r.avgDurationSeconds).toBeNull();
    else expectClose(r.avgDurationSeconds, full[i].avgDurationSeconds as number, 1e-12);
  });
}
const pointsWithoutSource = (t: TrendAnalysis) => t.points.map(({ source: _s, storedHours: _h, ...p }) => p);

describe('stored hourly history (skill_time_series) in place of pruned invocations', () => {
  let full: AnalyticsEngine;
  let copy: AnalyticsEngine;
  let original: import('sql.js').Database;
  beforeAll(async () => {
    [full, copy] = await Promise.all([openAnalytics(FULL), prunedSample().then((b) => openAnalytics(b))]);
    original = new (await initSqlJs()).Database(readFileSync(FULL));
  });
  afterAll(async () => {
    original?.close();
    await Promise.all([full?.dispose(), copy?.dispose()]);
  });

  it('the copy really lost its old invocations', async () => {
    expect((await copy.info()).invocations).toBe(2000 - 1061);
    const [{ n, total }] = copy.context().db.all<{ n: number; total: number }>('SELECT count(*) AS n, sum(invocation_count) AS total FROM skill_time_series');
    expect(total).toBe(1061);
    expect(n).toBeGreaterThan(500);
  });

  it('hourly metrics (counts, rates, durations, sessions) equal the full file; stored hours are marked', async () => {
    for (const [hours, skillName] of [
      [360, undefined],
      [168, undefined],
      [360, 'pytest-run'],
    ] as const) {
      const a = await full.timeSeries.aggregateHourlyMetrics({ hours, asOf: AS_OF, skillName });
      const b = await copy.timeSeries.aggregateHourlyMetrics({ hours, asOf: AS_OF, skillName });
      expectSameHours(b, a);
      const cut = '2026-11-18T12:00:00Z';
      expect(b.filter((r) => r.source === 'stored').map((r) => r.timestamp)).toEqual(b.filter((r) => r.timestamp < cut).map((r) => r.timestamp));
      expect(b.some((r) => r.source === 'stored')).toBe(true);
      expect(a.every((r) => r.source === 'invocations')).toBe(true);
    }
    // with gap filling too
    const fa = await full.timeSeries.aggregateHourlyMetrics({ hours: 168, asOf: AS_OF, skillName: 'semantic-search', fill: true });
    const fb = await copy.timeSeries.aggregateHourlyMetrics({ hours: 168, asOf: AS_OF, skillName: 'semantic-search', fill: true });
    expectSameHours(fb, fa);
  });

  it('daily trends of completion_rate and invocation_count equal the full file (every skill, 14 and 7 days)', async () => {
    for (const windowDays of [14, 7]) {
      for (const metric of ['completion_rate', 'invocation_count']) {
        const a = await full.timeSeries.getMultiSkillTrends({ metric, windowDays, minInvocations: 1, asOf: AS_OF });
        const b = await copy.timeSeries.getMultiSkillTrends({ metric, windowDays, minInvocations: 1, asOf: AS_OF });
        expect(Object.keys(b)).toEqual(Object.keys(a));
        for (const skill of Object.keys(a)) {
          const { points: pa, ...ra } = a[skill];
          const { points: pb, ...rb } = b[skill];
          expect(rb.trend).toBe(ra.trend);
          for (const k of ['slope', 'pValue', 'startValue', 'endValue', 'changePercent', 'rSquared'] as const) {
            if (ra[k] === null) expect(rb[k]).toBeNull();
            else expectClose(rb[k], ra[k] as number, 1e-12);
          }
          expect(pointsWithoutSource(b[skill]).map((p) => [p.day, p.count])).toEqual(pointsWithoutSource(a[skill]).map((p) => [p.day, p.count]));
          pb.forEach((p, i) => expectClose(p.value, pa[i].value as number, 1e-12));
          for (const p of pb) {
            const expected = p.day < '2026-11-18' ? 'stored' : p.day > '2026-11-18' ? 'invocations' : null;
            if (expected) expect(p.source).toBe(expected);
            else expect(['stored', 'mixed', 'invocations']).toContain(p.source);
            expect(p.storedHours === 0).toBe(p.source === 'invocations');
          }
        }
        expect(Object.values(b).some((t) => t.points.some((p) => p.source === 'mixed'))).toBe(true);
      }
    }
    // one skill through detectTrend as well
    const one = await copy.timeSeries.detectTrend('pytest-run', { windowDays: 14, asOf: AS_OF });
    expect(pointsWithoutSource(one)).toEqual(pointsWithoutSource(await full.timeSeries.detectTrend('pytest-run', { windowDays: 14, asOf: AS_OF })));
  });

  it('daily avg_duration_seconds: exact where stored hours average exactly the completed invocations, else the documented estimate', async () => {
    // Independently, from the original rows with SQLite: per skill and hour, n, completed k, known
    // durations d and their sum. A stored hour's weight is min(n, max(1, k)) when it has a duration.
    const hours = original.exec(
      `SELECT skill_name, strftime('%Y-%m-%d', invoked_at), datetime(invoked_at) < '${CUT}', count(*), sum(completed), count(duration_seconds), total(duration_seconds)
       FROM skill_invocation WHERE datetime(invoked_at) >= datetime('${AS_OF}', '-14 days')
       GROUP BY skill_name, strftime('%Y-%m-%dT%H', invoked_at), datetime(invoked_at) < '${CUT}'`,
    )[0].values as [string, string, number, number, number, number, number][];
    const days = new Map<string, { exact: number; durations: number; estSum: number; estWeight: number; allExact: boolean }>();
    for (const [skill, day, stored, n, k, d, sum] of hours) {
      const key = `${skill}|${day}`;
      const acc = days.get(key) ?? { exact: 0, durations: 0, estSum: 0, estWeight: 0, allExact: true };
      acc.exact += sum;
      acc.durations += d;
      const w = stored ? (d > 0 ? Math.min(n, Math.max(1, k)) : 0) : d;
      acc.estSum += stored ? (d > 0 ? (sum / d) * w : 0) : sum;
      acc.estWeight += w;
      if (w !== d) acc.allExact = false;
      days.set(key, acc);
    }
    const a = await full.timeSeries.getMultiSkillTrends({ metric: 'avg_duration_seconds', windowDays: 14, minInvocations: 1, asOf: AS_OF });
    const b = await copy.timeSeries.getMultiSkillTrends({ metric: 'avg_duration_seconds', windowDays: 14, minInvocations: 1, asOf: AS_OF });
    let exactDays = 0,
      estimatedDays = 0; // days equal to the full file / days that differ from it
    for (const skill of Object.keys(a)) {
      b[skill].points.forEach((p, i) => {
        const ref = days.get(`${skill}|${p.day}`)!;
        expect(p.day).toBe(a[skill].points[i].day);
        if (ref.durations === 0) {
          expect([p.value, a[skill].points[i].value]).toEqual([null, null]);
        } else if (ref.allExact) {
          exactDays++;
          expectClose(p.value, a[skill].points[i].value as number, 1e-9);
          expectClose(p.value, ref.exact / ref.durations, 1e-9);
        } else {
          expectClose(p.value, ref.estSum / ref.estWeight, 1e-9);
          // a day with a single stored hour with durations is exact whatever the weight
          if (Math.abs((p.value as number) - (a[skill].points[i].value as number)) > 1e-9 * (p.value as number)) estimatedDays++;
        }
      });
    }
    // sqlite3 on sample.db: 98 incomplete invocations carry a duration, so some stored days are estimates
    expect(exactDays).toBeGreaterThan(estimatedDays);
    expect(estimatedDays).toBeGreaterThan(0);
  });

  it('anomalies (z-score and seasonal) see the stored history', async () => {
    for (const skill of ['pytest-run', 'semantic-search']) {
      const o = { metric: 'completion_rate' as const, windowHours: 168, asOf: AS_OF };
      expect(await copy.timeSeries.getAnomalyDetection(skill, o)).toEqual(await full.timeSeries.getAnomalyDetection(skill, o));
      const s = { metric: 'invocation_count' as const, windowHours: 48, asOf: AS_OF, method: 'seasonal' as const, baselineDays: 7, zThreshold: 1.5 };
      expect(await copy.timeSeries.getAnomalyDetection(skill, s)).toEqual(await full.timeSeries.getAnomalyDetection(skill, s));
    }
  });
});

describe('stored rows that disagree or cannot be read', () => {
  let engine: AnalyticsEngine;
  // pytest-run at 2026-11-24T14:00 has 9 invocations (hourly.test.ts / python sqlite3)
  beforeAll(async () => {
    engine = await openAnalytics(
      await prunedSample((db) => {
        db.run(`INSERT INTO skill_time_series (skill_name, timestamp, invocation_count, completion_rate, avg_duration_seconds, unique_sessions) VALUES
          ('pytest-run', '2026-11-24T14:00:00+00:00', 14, 0.5, 30.0, 3),
          ('pytest-run', 'not a time', 3, 1.0, 1.0, 1),
          ('pytest-run', '2026-11-24T15:00:00Z', 2, 7.0, 1.0, 1)`);
      }),
    );
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it('the invocations win and the disagreement is a warning; unusable rows are counted', async () => {
    const rows = await engine.timeSeries.aggregateHourlyMetrics({ skillName: 'pytest-run', hours: 6, asOf: AS_OF });
    const h14 = rows.find((r) => r.timestamp === '2026-11-24T14:00:00Z')!;
    expect(h14).toMatchObject({ invocationCount: 9, source: 'invocations' });
    const w = (await engine.info()).warnings;
    const mismatch = w.find((x) => x.code === 'STORED_AGGREGATE_MISMATCH');
    expect(mismatch).toMatchObject({ count: 1 });
    expect(mismatch!.message).toContain('"pytest-run" at 2026-11-24T14:00:00Z: stored 14 invocations');
    expect(mismatch!.message).toContain('invocations 9 invocations');
    // 'not a time' and completion_rate 7.0 cannot be used
    expect(w.find((x) => x.code === 'STORED_AGGREGATE_UNREADABLE')).toMatchObject({ count: 2 });
  });
});
