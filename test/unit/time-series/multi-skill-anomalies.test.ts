/**
 * getMultiSkillAnomalies: every skill of the window in one call. Each skill's answer must equal
 * getAnomalyDetection for that skill alone (exactly, every field), for every method, on sample.db
 * (answered from the hourly cube) and on its copy whose old invocations were replaced by stored
 * hours (skill_time_series merged in); the skills are the window's (aggregateHourlyMetrics).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { AnalyticsError } from '../../../src/engine/errors.js';
import { openAnalytics } from '../../../src/node/index.js';
import type { AnomalyOptions } from '../../../src/time-series/types.js';
import { prunedCopy } from '../../suites/sqlite-read.js';

const FULL = 'test/fixtures/sample.db';
const CUT = '2026-11-18 12:00:00';

let full: AnalyticsEngine;
let copy: AnalyticsEngine;
beforeAll(async () => {
  [full, copy] = await Promise.all([openAnalytics(FULL), prunedCopy(FULL, CUT).then((b) => openAnalytics(b))]);
});
afterAll(async () => {
  await Promise.all([full?.dispose(), copy?.dispose()]);
});

/** Asks both ways and compares; returns how many skills and anomalies were compared. */
async function compare(engine: AnalyticsEngine, o: AnomalyOptions): Promise<{ skills: number; anomalies: number }> {
  const all = await engine.timeSeries.getMultiSkillAnomalies(o);
  const hours = await engine.timeSeries.aggregateHourlyMetrics({ hours: o.windowHours ?? 24, asOf: o.asOf });
  const skills = [...new Set(hours.map((h) => h.skillName))];
  expect(Object.keys(all).sort()).toEqual([...skills].sort());
  let anomalies = 0;
  for (const skill of skills) {
    const alone = await engine.timeSeries.getAnomalyDetection(skill, o);
    expect(all[skill]).toEqual(alone);
    anomalies += alone.length;
  }
  return { skills: skills.length, anomalies };
}

describe('getMultiSkillAnomalies equals getAnomalyDetection per skill', () => {
  const cases: [string, AnomalyOptions][] = [
    ['zscore, the last day (defaults)', {}],
    ['zscore, 7 days, durations skipped', { metric: 'avg_duration_seconds', windowHours: 168, missingValues: 'skip' }],
    ['zscore, 72 h to a mid-hour instant', { metric: 'invocation_count', windowHours: 72, asOf: '2026-11-22 10:30:15' }],
    ['score, as the report headline', { method: 'score', zThreshold: 3, windowHours: 24 }],
    ['score, counts, 4 days', { method: 'score', metric: 'invocation_count', zThreshold: 2, windowHours: 96, asOf: '2026-11-24 12:00:00' }],
    ['seasonal, counts', { method: 'seasonal', metric: 'invocation_count', windowHours: 48, baselineDays: 7, zThreshold: 1.5 }],
    ['seasonal, completion', { method: 'seasonal', windowHours: 72, baselineDays: 10, minBaseline: 3, zThreshold: 1 }],
  ];
  for (const [name, o] of cases) {
    it(`${name}, sample.db`, async () => {
      const n = await compare(full, o);
      expect(n.skills).toBeGreaterThan(5);
    });
    it(`${name}, stored hours merged`, async () => {
      await compare(copy, o);
    });
  }

  it('mstl, one skill after another', async () => {
    const n = await compare(full, { method: 'mstl', metric: 'invocation_count', windowHours: 24, baselineDays: 7, zThreshold: 2.5, asOf: '2026-11-24 12:00:00' });
    expect(n.skills).toBeGreaterThan(5);
  });

  it('the cases find anomalies (the comparison is not of empty lists only)', async () => {
    const seasonal = await compare(full, { method: 'seasonal', metric: 'invocation_count', windowHours: 48, baselineDays: 7, zThreshold: 1.5 });
    const zscore = await compare(full, { metric: 'avg_duration_seconds', windowHours: 168 });
    expect(seasonal.anomalies).toBeGreaterThan(0);
    expect(zscore.anomalies).toBeGreaterThan(0);
  });

  it('a window before the first invocation has no skill; no data at all gives {}', async () => {
    expect(await full.timeSeries.getMultiSkillAnomalies({ asOf: '2020-01-01 00:00:00', method: 'score' })).toEqual({});
  });

  it('bad options: the same checks as getAnomalyDetection, named for the call', async () => {
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'none',
        (e: unknown) => (e instanceof AnalyticsError ? `${e.code}: ${e.message.split(':')[0]}` : String(e)),
      );
    expect(await codeOf(full.timeSeries.getMultiSkillAnomalies({ method: 'score', baselineDays: 0 }))).toBe('INVALID_ARGUMENT: getMultiSkillAnomalies');
    expect(await codeOf(full.timeSeries.getMultiSkillAnomalies({ method: 'seasonal', minBaseline: 1 }))).toBe('INVALID_ARGUMENT: getMultiSkillAnomalies');
    expect(await codeOf(full.timeSeries.getMultiSkillAnomalies({ zThreshold: -1 }))).toBe('INVALID_ARGUMENT: getMultiSkillAnomalies');
    expect(await codeOf(full.timeSeries.getMultiSkillAnomalies({ metric: 'nope' as never }))).toBe('INVALID_METRIC: getMultiSkillAnomalies');
  });
});
