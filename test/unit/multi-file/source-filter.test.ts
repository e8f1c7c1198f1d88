/**
 * `{ source }` on every capability: one file of a dataset answers exactly as that file opened
 * alone (its own ids, session ids, A/B test ids and users); bad names are INVALID_ARGUMENT.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type AnalyticsEngine } from '../../../src/node/index.js';
import { withoutTime } from './helpers.js';

const bytes = (f: string) => new Uint8Array(readFileSync(`test/fixtures/${f}`));

describe('source filter = that file alone', () => {
  let both: AnalyticsEngine, legacy: AnalyticsEngine, sample: AnalyticsEngine;
  const source = 'legacy.db';
  beforeAll(async () => {
    both = createEngine();
    legacy = createEngine();
    sample = createEngine();
    await both.open([
      { name: 'sample.db', data: bytes('sample.db') },
      { name: 'legacy.db', data: bytes('legacy.db') },
    ]);
    await legacy.open(bytes('legacy.db'));
    await sample.open(bytes('sample.db'));
  }, 120_000);
  afterAll(() => Promise.all([both?.dispose(), legacy?.dispose(), sample?.dispose()]));

  it('time series: hourly, trends, anomalies (seasonal), changepoints, forecast', async () => {
    expect(await both.timeSeries.aggregateHourlyMetrics({ hours: 168, source })).toEqual(await legacy.timeSeries.aggregateHourlyMetrics({ hours: 168 }));
    expect(await both.timeSeries.getMultiSkillTrends({ windowDays: 14, source })).toEqual(await legacy.timeSeries.getMultiSkillTrends({ windowDays: 14 }));
    const a = { method: 'seasonal' as const, windowHours: 48 };
    expect(await both.timeSeries.getAnomalyDetection('pytest-run', { ...a, source })).toEqual(await legacy.timeSeries.getAnomalyDetection('pytest-run', a));
    expect(await both.timeSeries.detectChangepoints('doc-lookup', { days: 14, source })).toEqual(await legacy.timeSeries.detectChangepoints('doc-lookup', { days: 14 }));
    expect(await both.timeSeries.forecast('pytest-run', { source: ['sample.db'] })).toEqual(await sample.timeSeries.forecast('pytest-run'));
    // the default asOf is the file's own latest invocation, not the dataset's
    const h = await both.timeSeries.aggregateHourlyMetrics({ hours: 1, source });
    expect(h).toEqual(await legacy.timeSeries.aggregateHourlyMetrics({ hours: 1 }));
  });

  it("A/B: the file's own test ids, status and analysis", async () => {
    expect(await both.abTesting.listTests({ source })).toEqual(await legacy.abTesting.listTests());
    expect(await both.abTesting.getTestStatus(1, { source })).toEqual(await legacy.abTesting.getTestStatus(1));
    expect(await both.abTesting.analyzeResults(1, { source })).toEqual(await legacy.abTesting.analyzeResults(1));
    expect(await both.abTesting.replay(2, { simulations: 20, source })).toEqual(await legacy.abTesting.replay(2, { simulations: 20 }));
  });

  it('snapshot and the predictor (evaluation, live features with a raw session id)', async () => {
    expect(await both.skillTables.getSkillSnapshot({ source })).toEqual(await legacy.skillTables.getSkillSnapshot({}));
    const r2 = withoutTime(await both.predictor.trainModel({ days: 14, model: 'forest', source }));
    const r1 = withoutTime(await legacy.predictor.trainModel({ days: 14, model: 'forest' }));
    expect(r2.evaluation).toEqual(r1.evaluation);
    const [{ session_id }] = legacy.context().db.all<{ session_id: string }>('SELECT session_id FROM skill_invocation ORDER BY id DESC LIMIT 1');
    const f = ['pytest-run', null, 'execution', { sessionId: session_id }] as const;
    expect(await both.predictor.extractFeatures(...f, { source })).toEqual(await legacy.predictor.extractFeatures(...f));
    expect((await legacy.predictor.extractFeatures(...f)).sessionLengthMinutes).toBeGreaterThan(0);
  }, 240_000);

  it('every file named = no filter; unknown or empty source is INVALID_ARGUMENT', async () => {
    const all = await both.timeSeries.aggregateHourlyMetrics({ hours: 24 });
    expect(await both.timeSeries.aggregateHourlyMetrics({ hours: 24, source: ['legacy.db', 'sample.db'] })).toEqual(all);
    await expect(both.timeSeries.aggregateHourlyMetrics({ source: 'nope.db' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('sample.db, legacy.db'),
    });
    await expect(both.abTesting.listTests({ source: [] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(sample.timeSeries.detectTrend('pytest-run', { source: 'legacy.db' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
