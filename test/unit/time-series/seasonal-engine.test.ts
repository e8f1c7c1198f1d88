/**
 * decompose / detectChangepoints / forecast through the engine, on a generated file with planted
 * changes (bench/generators/time-series-planted.ts) and on the fixtures. Levels are checked against SQL run
 * by sql.js on the same bytes (an independent path to the same numbers).
 */
import initSqlJs, { type Database } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { buildPlantedDb, dayStamp, hourlyProfile, type PlantedSkill } from '../../../bench/generators/time-series-planted.js';

const END = Date.UTC(2026, 10, 24);
const AS_OF = new Date(END).toISOString(); // window: the 30 whole days before
const SKILLS: PlantedSkill[] = [
  { name: 'steady', perDay: 80, p: 0.8, durationMedian: 30 },
  { name: 'rate-drop', perDay: 80, p: 0.85, durationMedian: 30, step: { metric: 'completion_rate', day: 15, to: 0.5 } },
  { name: 'volume-up', perDay: 40, p: 0.7, durationMedian: 30, step: { metric: 'invocation_count', day: 10, to: 2.5 } },
  { name: 'slower', perDay: 60, p: 0.9, durationMedian: 20, step: { metric: 'avg_duration_seconds', day: 20, to: 2 } },
];

let engine: AnalyticsEngine;
let sql: Database;
const SPIKE_HOUR = '2026-11-14T03:00:00Z'; // a quiet hour (profile 0.25) of a weekday

beforeAll(async () => {
  const SQL = await initSqlJs();
  const base = await buildPlantedDb(SKILLS, {
    seed: 3,
    endMs: END,
    abTests: [
      { name: 'new-prompt', start: '2026-11-09T09:30:00Z', end: '2026-11-20T12:00:00Z' },
      { name: 'old', start: '2026-09-01T00:00:00Z', end: '2026-09-10T00:00:00Z' },
    ],
  });
  sql = new SQL.Database(base);
  // one only: 40 extra calls of 'steady' in a quiet hour (expected ≈ 1.3)
  for (let i = 0; i < 40; i++)
    sql.run('INSERT INTO skill_invocation (skill_name, invoked_at, session_id, completed, duration_seconds, created_at) VALUES (?, ?, ?, 1, 30, ?)', [
      'steady',
      `2026-11-14T03:${String(i).padStart(2, '0')}:00+00:00`,
      'spike',
      'x',
    ]);
  engine = await openAnalytics(sql.export());
});
afterAll(async () => engine?.dispose());

/** Pooled completion rate of a skill over [from, to) by SQLite. */
const pooledRate = (skill: string, from: string, to: string) =>
  sql.exec('SELECT avg(completed) FROM skill_invocation WHERE skill_name = ? AND invoked_at >= ? AND invoked_at < ?', [
    skill,
    from.replace('Z', '+00:00'),
    to.replace('Z', '+00:00'),
  ])[0].values[0][0] as number;

describe('detectChangepoints', () => {
  it('finds the planted completion-rate drop on its day, with pooled levels equal to SQLite’s, and the A/B start beside it', async () => {
    const r = await engine.timeSeries.detectChangepoints('rate-drop', { metric: 'completion_rate', asOf: AS_OF });
    expect(r.windowStart).toBe(dayStamp(0));
    expect(r.changepoints.map((c) => c.timestamp)).toEqual([dayStamp(15)]);
    const c = r.changepoints[0];
    expect(c.before).toBeCloseTo(pooledRate('rate-drop', dayStamp(0), dayStamp(15)), 12);
    expect(c.after).toBeCloseTo(pooledRate('rate-drop', dayStamp(15), dayStamp(30)), 12);
    expect(c.size).toBeCloseTo(c.after - c.before, 15);
    expect(c.costGain).toBeGreaterThan(r.penalty.value!);
    expect(r.penalty).toEqual({ rule: 'mbic', value: 3 * Math.log(30) });
    expect(c.zScore).toBeLessThan(-5);
    // 2026-11-09 is day 15; the test started that day at 09:30 (within one day); it stopped on 11-20 (not near)
    expect(c.nearbyAbEvents.map((e) => [e.testName, e.event, e.timestamp])).toEqual([['new-prompt', 'start', '2026-11-09T09:30:00Z']]);
    expect(r.abEvents.map((e) => `${e.testName} ${e.event}`)).toEqual(['new-prompt start', 'new-prompt stop']);
  });
  it('finds the volume step (daily and hourly) and the duration step; the steady skill has none', async () => {
    const all = await engine.timeSeries.detectChangepoints(undefined, { asOf: AS_OF, metric: 'invocation_count' });
    expect(all.changepoints.filter((c) => c.skillName === 'volume-up').map((c) => c.timestamp)).toEqual([dayStamp(10)]);
    const v = all.changepoints.find((c) => c.skillName === 'volume-up')!;
    const counts = sql
      .exec("SELECT substr(invoked_at, 1, 10) d, count(*) FROM skill_invocation WHERE skill_name = 'volume-up' GROUP BY d ORDER BY d")[0]
      .values.map((x) => x[1] as number);
    // levels are weekly-adjusted counts (see changepoint-stats.test.ts for the exact arithmetic): within 10 % of the raw means here
    const rawBefore = counts.slice(0, 10).reduce((a, b) => a + b, 0) / 10;
    const rawAfter = counts.slice(10, 30).reduce((a, b) => a + b, 0) / 20;
    expect(Math.abs(v.before / rawBefore - 1)).toBeLessThan(0.1);
    expect(Math.abs(v.after / rawAfter - 1)).toBeLessThan(0.1);
    expect(v.after / v.before).toBeGreaterThan(2); // planted: × 2.5
    expect(all.changepoints.filter((c) => c.skillName === 'steady')).toEqual([]);
    expect(all.series.map((s) => s.skillName).sort()).toEqual(['rate-drop', 'slower', 'steady', 'volume-up']);
    const hourly = await engine.timeSeries.detectChangepoints('volume-up', { asOf: AS_OF, resolution: 'hour' });
    expect(hourly.changepoints).toHaveLength(1);
    expect(Math.abs(Date.parse(hourly.changepoints[0].timestamp) - Date.parse(dayStamp(10)))).toBeLessThanOrEqual(6 * 3_600_000);
    const slow = await engine.timeSeries.detectChangepoints('slower', { asOf: AS_OF, metric: 'avg_duration' });
    const step = slow.changepoints.find((c) => c.timestamp === dayStamp(20))!;
    expect(step.metric).toBe('avg_duration_seconds');
    expect(step.after / step.before).toBeGreaterThan(1.6);
    // the planted step is by far the strongest change (lognormal durations give the odd marginal one)
    for (const c of slow.changepoints) if (c !== step) expect(c.costGain).toBeLessThan(step.costGain / 10);
  });
  it('thin data is a label; bad options are typed errors', async () => {
    const thin = await engine.timeSeries.detectChangepoints('no-such-skill', { asOf: AS_OF, metric: 'completion_rate' });
    expect(thin.series).toEqual([{ skillName: 'no-such-skill', metric: 'completion_rate', status: 'insufficient_data', points: 0, sigma: null, changepoints: 0 }]);
    await expect(engine.timeSeries.detectChangepoints('steady', { metric: 'bogus' as never })).rejects.toMatchObject({ code: 'INVALID_METRIC' });
    await expect(engine.timeSeries.detectChangepoints('steady', { resolution: 'hour', metric: 'completion_rate' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(engine.timeSeries.detectChangepoints('steady', { days: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(engine.timeSeries.detectChangepoints('steady', { penalty: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
  it('results are plain data (structured-cloneable)', async () => {
    const r = await engine.timeSeries.detectChangepoints(undefined, { asOf: AS_OF });
    expect(structuredClone(r)).toEqual(r);
  });
});

describe('decompose', () => {
  it('daily and weekly components, value = trend + seasonal + remainder, and the planted burst as the top anomaly', async () => {
    const d = await engine.timeSeries.decompose('steady', { asOf: AS_OF, hours: 720 });
    expect(d.status).toBe('ok');
    expect(d.seasonal.map((s) => s.period)).toEqual([24, 168]);
    expect(d.timestamps).toHaveLength(720);
    d.values.forEach((v, i) => expect(d.trend[i] + d.seasonal[0].values[i] + d.seasonal[1].values[i] + d.remainder[i]).toBeCloseTo(v, 9));
    const top = [...d.anomalies].sort((a, b) => b.zScore - a.zScore)[0];
    expect(top.timestamp).toBe(SPIKE_HOUR);
    expect(top.value).toBeGreaterThanOrEqual(40);
    // the daily component follows the generator's profile: its busiest hour is 13–15 UTC, its quietest at night
    const daily = d.seasonal[0].values.slice(0, 24);
    const peak = daily.indexOf(Math.max(...daily));
    expect(peak >= 13 && peak <= 15).toBe(true);
    expect(hourlyProfile(peak, 1)).toBeGreaterThan(1.1);
  });
  it("getAnomalyDetection method 'mstl' finds the same hour", async () => {
    const a = await engine.timeSeries.getAnomalyDetection('steady', { method: 'mstl', metric: 'invocation_count', windowHours: 24 * 12, zThreshold: 3.5, asOf: AS_OF });
    expect(a.some((x) => x.timestamp === SPIKE_HOUR && x.method === 'mstl' && x.deviationType === 'high')).toBe(true);
  });
  it('thin: fewer than 49 hours is insufficient_data; the weekly period needs more than 336 hours', async () => {
    expect((await engine.timeSeries.decompose('steady', { asOf: AS_OF, hours: 48 })).status).toBe('insufficient_data');
    const tenDays = await engine.timeSeries.decompose('steady', { asOf: AS_OF, hours: 240 });
    expect(tenDays.seasonal.map((s) => s.period)).toEqual([24]);
    expect(tenDays.note).toMatch(/168/);
  });
});

describe('forecast', () => {
  it('24 hours ahead with ordered 80 % / 95 % bounds that cover the true rate of most hours', async () => {
    const f = await engine.timeSeries.forecast('steady', { asOf: AS_OF, hours: 24 });
    expect(f.status).toBe('ok');
    expect(f.periods).toEqual([24, 168]);
    expect(f.points[0].timestamp).toBe('2026-11-24T00:00:00Z');
    let covered = 0;
    for (const [h, p] of f.points.entries()) {
      expect(p.lower95 <= p.lower80 && p.lower80 <= p.value && p.value <= p.upper80 && p.upper80 <= p.upper95).toBe(true);
      const lambda = (80 * hourlyProfile(h, 2)) / (Array.from({ length: 7 * 24 }, (_, k) => hourlyProfile(k % 24, Math.floor(k / 24))).reduce((a, b) => a + b, 0) / 7);
      if (lambda >= p.lower95 && lambda <= p.upper95) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(22);
    expect((await engine.timeSeries.forecast('steady', { asOf: AS_OF, hours: 168 })).points).toHaveLength(168);
    expect((await engine.timeSeries.forecast('no-such-skill', { asOf: AS_OF })).status).toBe('insufficient_data');
    await expect(engine.timeSeries.forecast('steady', { hours: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('fixtures', () => {
  it('train20k: the A/B tests of the file appear as events (ab_test_configs read-only)', async () => {
    const e = await openAnalytics('test/fixtures/train20k.db');
    try {
      const r = await e.timeSeries.detectChangepoints('pytest-run', { asOf: '2026-11-24T19:06:16Z' });
      const SQL = await initSqlJs();
      const { readFileSync } = await import('node:fs');
      const db = new SQL.Database(readFileSync('test/fixtures/train20k.db'));
      const starts = db.exec('SELECT test_name, start_date FROM ab_test_configs ORDER BY test_id')[0].values;
      for (const [name] of starts) expect(r.abEvents.some((x) => x.testName === name && x.event === 'start')).toBe(true);
      expect(r.series.map((s) => `${s.metric}:${s.status}`)).toEqual(['completion_rate:ok', 'invocation_count:ok']);
    } finally {
      await e.dispose();
    }
  });
});
