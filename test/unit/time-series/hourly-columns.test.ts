/**
 * aggregateHourlyMetricsColumns (the columnar form for charts and bulk work) gives exactly the rows
 * of aggregateHourlyMetrics, on plain invocations and with hours from skill_time_series merged in.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import type { HourlyColumns, HourlyMetrics } from '../../../src/time-series/types.js';
import { openAnalytics } from '../../../src/node/index.js';
import { prunedCopy } from '../../suites/sqlite-read.js';

/** The columns as result rows (NaN average → null, hour µs → the row's timestamp). */
function rowsOf(c: HourlyColumns): HourlyMetrics[] {
  return c.skillNames.map((skillName, i) => ({
    timestamp: `${new Date(c.hourMicros[i] / 1000).toISOString().slice(0, 13)}:00:00Z`,
    skillName,
    invocationCount: c.invocationCount[i],
    completionRate: c.completionRate[i],
    avgDurationSeconds: Number.isNaN(c.avgDurationSeconds[i]) ? null : c.avgDurationSeconds[i],
    uniqueSessions: c.uniqueSessions[i],
    source: c.sources?.[i] ?? 'invocations',
  }));
}

describe('aggregateHourlyMetricsColumns', () => {
  let engine: AnalyticsEngine;
  beforeAll(async () => {
    engine = await openAnalytics('test/fixtures/sample.db');
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it('equals aggregateHourlyMetrics row by row (all skills, one skill, short window), numbers in typed arrays', async () => {
    for (const [hours, skillName] of [
      [24 * 30, undefined],
      [168, 'pytest-run'],
      [3, undefined],
    ] as const) {
      const columns = await engine.timeSeries.aggregateHourlyMetricsColumns({ hours, skillName });
      const rows = await engine.timeSeries.aggregateHourlyMetrics({ hours, skillName });
      expect(rowsOf(columns)).toEqual(rows);
      expect(columns.invocationCount).toBeInstanceOf(Float64Array);
      expect(columns.hourMicros.length).toBe(columns.skillNames.length);
      expect(columns.sources).toBeUndefined();
    }
  });

  it('counts every invocation of the window (2000 over 30 days, as SQLite counts them); missing averages stay NaN', async () => {
    const c = await engine.timeSeries.aggregateHourlyMetricsColumns({ hours: 24 * 30 });
    const SQL = await initSqlJs();
    const db = new SQL.Database(readFileSync('test/fixtures/sample.db'));
    const [[n]] = db.exec('SELECT count(*) FROM skill_invocation')[0].values;
    db.close();
    expect(c.invocationCount.reduce((a, b) => a + b, 0)).toBe(n);
    expect(n).toBe(2000);
    // rows with no known duration keep NaN, the others a positive mean
    const rows = await engine.timeSeries.aggregateHourlyMetrics({ hours: 24 * 30 });
    expect(rows.some((r) => r.avgDurationSeconds === null)).toBe(true);
    rows.forEach((r, i) => expect(Number.isNaN(c.avgDurationSeconds[i])).toBe(r.avgDurationSeconds === null));
  });

  it('refuses fill and bad windows like aggregateHourlyMetrics', async () => {
    await expect(engine.timeSeries.aggregateHourlyMetricsColumns({ fill: true } as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(engine.timeSeries.aggregateHourlyMetricsColumns({ hours: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('aggregateHourlyMetricsColumns with stored history', () => {
  let copy: AnalyticsEngine;
  beforeAll(async () => {
    // sample.db with the 1061 invocations before the cut replaced by skill_time_series rows
    copy = await openAnalytics(await prunedCopy('test/fixtures/sample.db', '2026-11-18 12:00:00'));
  });
  afterAll(async () => {
    await copy?.dispose();
  });

  it('merges the stored hours as the rows do, and says which entries are stored', async () => {
    const asOf = '2026-11-24 19:00:00';
    for (const skillName of [undefined, 'pytest-run']) {
      const columns = await copy.timeSeries.aggregateHourlyMetricsColumns({ hours: 360, asOf, skillName });
      const rows = await copy.timeSeries.aggregateHourlyMetrics({ hours: 360, asOf, skillName });
      expect(rowsOf(columns)).toEqual(rows);
      expect(columns.sources?.filter((s) => s === 'stored').length).toBe(rows.filter((r) => r.source === 'stored').length);
      expect(rows.some((r) => r.source === 'stored')).toBe(true);
    }
    // every one of the 2000 invocations, stored or not, is in the whole-span columns
    const all = await copy.timeSeries.aggregateHourlyMetricsColumns({ hours: 24 * 30, asOf });
    expect(all.invocationCount.reduce((a, b) => a + b, 0)).toBe(2000);
  });
});
