/**
 * Two files opened as one dataset answer exactly as ONE file holding both files' rows (built by
 * make-combined.py with Python's sqlite3, independently of the engine): hourly metrics, trends,
 * anomalies, the A/B analysis and the predictor's evaluation.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type AnalyticsEngine } from '../../../src/node/index.js';
import type { ABTestAnalysis, SegmentDimensionResult } from '../../../src/ab-testing/index.js';
import { combinedReference, tempCopies, withoutTime } from './helpers.js';

const read = (path: string) => new Uint8Array(readFileSync(path));

describe('sample.db + legacy.db = one file holding both', () => {
  const tmp = tempCopies('equal');
  let two: AnalyticsEngine, one: AnalyticsEngine;
  beforeAll(async () => {
    const a = tmp.copy('sample.db', 'sample.db');
    const b = tmp.copy('legacy.db', 'legacy.db');
    // The files' A/B tests differ (start dates): the reference keeps only sample's, and A/B is compared on the next pair.
    const ref = combinedReference(
      `${tmp.dir}/both.db`,
      [
        ['sample.db', a],
        ['legacy.db', b],
      ],
      'none',
    );
    two = createEngine();
    one = createEngine();
    await two.open([
      { name: 'sample.db', data: read(a) },
      { name: 'legacy.db', data: read(b) },
    ]);
    await one.open(ref);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([two?.dispose(), one?.dispose()]);
    tmp.cleanup();
  });

  it('info: counts summed (sessions distinct per file), skills as a union, the span of both', async () => {
    const [i2, i1] = [await two.info(), await one.info()];
    // sqlite3 on the fixtures: 2000 + 2000 invocations, 100 + 100 sessions, the same 30 skills
    expect({ invocations: i2.invocations, sessions: i2.sessions, skills: i2.skills }).toEqual({ invocations: 4000, sessions: 200, skills: 30 });
    for (const k of ['invocations', 'rows', 'skills', 'sessions', 'firstInvocation', 'lastInvocation', 'asOf'] as const) expect(i2[k]).toEqual(i1[k]);
    expect(i2.sources.map((s) => [s.name, s.invocations, s.sessions, s.firstInvocation])).toEqual([
      ['sample.db', 2000, 100, '2026-11-10T19:12:26.950789Z'],
      ['legacy.db', 2000, 100, '2026-11-10T23:22:12.856278Z'],
    ]);
    expect(i2.writeTo).toBe('sample.db');
  });

  it('hourly metrics of 15 days, all skills and one skill, are equal', async () => {
    const all = await two.timeSeries.aggregateHourlyMetrics({ hours: 360 });
    expect(all.length).toBeGreaterThan(1000);
    expect(all).toEqual(await one.timeSeries.aggregateHourlyMetrics({ hours: 360 }));
    const o = { skillName: 'pytest-run', hours: 360, fill: true };
    expect(await two.timeSeries.aggregateHourlyMetrics(o)).toEqual(await one.timeSeries.aggregateHourlyMetrics(o));
  });

  it('trends (every skill, 14 days; one skill by duration) and anomalies are equal', async () => {
    const t2 = await two.timeSeries.getMultiSkillTrends({ windowDays: 14 });
    expect(Object.keys(t2).length).toBe(30);
    expect(t2).toEqual(await one.timeSeries.getMultiSkillTrends({ windowDays: 14 }));
    const d = { metric: 'avg_duration_seconds' as const, windowDays: 7 };
    expect(await two.timeSeries.detectTrend('pytest-run', d)).toEqual(await one.timeSeries.detectTrend('pytest-run', d));
    const a = { windowHours: 72, zThreshold: 1.5 };
    expect(await two.timeSeries.getAnomalyDetection('pytest-run', a)).toEqual(await one.timeSeries.getAnomalyDetection('pytest-run', a));
  });

  it("the predictor's evaluation on 30 days is equal (features per file's sessions, ties by dataset id)", async () => {
    const r2 = withoutTime(await two.predictor.trainModel({ days: 30, model: 'forest' }));
    const r1 = withoutTime(await one.predictor.trainModel({ days: 30, model: 'forest' }));
    expect(r2.samplesUsed).toBe(4000);
    expect(r2.evaluation).toEqual(r1.evaluation);
    expect(r2.versusBaselines).toEqual(r1.versusBaselines);
    expect(r2.split).toEqual(r1.split);
  }, 240_000);
});

describe('sample.db twice (a.db, b.db): the same A/B tests, merged = one file holding both', () => {
  const tmp = tempCopies('merge');
  let two: AnalyticsEngine, one: AnalyticsEngine;
  beforeAll(async () => {
    const a = tmp.copy('sample.db', 'a.db');
    const b = tmp.copy('sample.db', 'b.db');
    const ref = combinedReference(
      `${tmp.dir}/both.db`,
      [
        ['a.db', a],
        ['b.db', b],
      ],
      'merge',
    );
    two = createEngine();
    one = createEngine();
    await two.open([
      { name: 'a.db', data: read(a) },
      { name: 'b.db', data: read(b) },
    ]);
    await one.open(ref);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([two?.dispose(), one?.dispose()]);
    tmp.cleanup();
  });

  it('lists each test once, held by both files, without a conflict warning', async () => {
    const tests = await two.abTesting.listTests();
    expect(tests.map((t) => [t.testId, t.testName, t.sources])).toEqual([
      [1, 'workflow_aware_vs_semantic', ['a.db', 'b.db']],
      [2, 'recency_boost_null', ['a.db', 'b.db']],
    ]);
    expect((await two.info()).warnings.map((w) => w.code)).not.toContain('AB_TEST_CONFLICT');
  });

  it('analyzeResults and getTestStatus equal the one file (users distinct per file: 2 × 600 per test)', async () => {
    for (const id of [1, 2]) {
      const s2 = await two.abTesting.getTestStatus(id);
      expect(s2.controlSampleSize + s2.treatmentSampleSize).toBe(1200);
      const { sources, ...status } = s2;
      expect(sources).toEqual(['a.db', 'b.db']);
      expect(status).toEqual(await one.abTesting.getTestStatus(id));
      // Segments by source file exist only where there are files (a.db and b.db are the same file,
      // so the two react alike: difference 0, not flagged); everything else equals the one file.
      const [a2, files2] = withoutFileSegments(await two.abTesting.analyzeResults(id));
      const [a1, files1] = withoutFileSegments(await one.abTesting.analyzeResults(id));
      expect(a2).toEqual(a1);
      expect(files1).toMatchObject({ available: false, segments: [] });
      expect(files2.available).toBe(true);
      expect(files2.segments.map((s) => [s.segment, s.differenceFromRest, s.flagged])).toEqual([
        ['a.db', 0, false],
        ['b.db', 0, false],
      ]);
    }
  });

  it('every row ties with its copy in time: hourly, trends and the predictor still equal the one file (unique dataset ids)', async () => {
    expect(await two.timeSeries.aggregateHourlyMetrics({ hours: 48 })).toEqual(await one.timeSeries.aggregateHourlyMetrics({ hours: 48 }));
    expect(await two.timeSeries.getMultiSkillTrends({ windowDays: 14 })).toEqual(await one.timeSeries.getMultiSkillTrends({ windowDays: 14 }));
    const r2 = withoutTime(await two.predictor.trainModel({ days: 30, model: 'forest' }));
    const r1 = withoutTime(await one.predictor.trainModel({ days: 30, model: 'forest' }));
    expect(r2.evaluation).toEqual(r1.evaluation);
  }, 240_000);
});

/** The analysis without its source-file segments, and those segments. */
function withoutFileSegments(a: ABTestAnalysis): [ABTestAnalysis, SegmentDimensionResult] {
  const files = a.segments.dimensions.find((d) => d.dimension === 'source_file')!;
  const tested = files.segments.filter((s) => s.tested).length;
  const segments = {
    ...a.segments,
    tested: a.segments.tested - tested,
    flagged: a.segments.flagged.filter((f) => !f.startsWith('source_file=')),
    dimensions: a.segments.dimensions.filter((d) => d !== files),
  };
  return [{ ...a, segments }, files];
}
