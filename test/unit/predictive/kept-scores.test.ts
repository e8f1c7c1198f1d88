// scoreOverTime with the scores kept per invocation (src/predictive/kept-scores.ts): every window —
// inside the kept span (a brush moved by an hour), outside it, the whole file, by week, after a new
// training — gives exactly the report built from that window's own feature query and scores
// (loadFeatureMatrix + scoreInvocations on the same bounds, the path scoreOverTime took before).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { formatIso, toMicros } from '../../../src/engine/time.js';
import { openAnalytics } from '../../../src/node/index.js';
import { driftReport } from '../../../src/predictive/drift.js';
import { loadFeatureMatrix } from '../../../src/predictive/feature-matrix.js';
import type { DriftOptions, TrainingReport } from '../../../src/predictive/types.js';

const DB = 'test/fixtures/train20k.db';
const small = { forest: { nTrees: 20 }, boosted: { maxIter: 20 } };
const HOUR = 3_600_000_000;

describe('scoreOverTime from kept scores', () => {
  let engine: AnalyticsEngine;
  let report: TrainingReport;
  let end: number;
  beforeAll(async () => {
    engine = await openAnalytics(DB);
    report = await engine.predictor.trainModel({ days: 30, model: 'forest', ...small });
    end = engine.context().defaultAsOfMicros!;
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  /** The window's report the way scoreOverTime made it before (its own query and scores). */
  async function fromItsOwnQuery(o: DriftOptions) {
    const ctx = engine.context();
    const from = o.from === undefined ? Number.MIN_SAFE_INTEGER : toMicros(o.from, 'from')!;
    const to = o.to === undefined ? end : toMicros(o.to, 'to')!;
    const m = await loadFeatureMatrix(ctx.warehouse, { fromMicros: from, toMicros: to });
    const scored = await engine.predictor.scoreInvocations({ from: o.from, to: o.to });
    expect(Array.from(m.ids)).toEqual(scored.map((s) => s.id));
    const trainedUntil = toMicros(report.window.asOf, 'asOf')!;
    return driftReport(
      m.times,
      m.labels,
      Float64Array.from(scored, (s) => s.probability),
      o.period ?? 'day',
      trainedUntil,
    );
  }

  it('a day, then that day moved an hour at a time both ways (kept), then far away (scored anew)', async () => {
    const at = (h: number) => formatIso(end - h * HOUR);
    const windows: DriftOptions[] = [{ from: at(30), to: at(6) }];
    for (let k = 1; k <= 4; k++) windows.push({ from: at(30 + k), to: at(6 + k) }, { from: at(30 - k), to: at(6 - k) });
    windows.push({ from: at(24 * 20), to: at(24 * 19) }, { from: at(24 * 20 + 1), to: at(24 * 19 + 1) });
    let rows = 0;
    for (const w of windows) {
      const r = await engine.predictor.scoreOverTime(w);
      expect(r).toEqual(await fromItsOwnQuery(w));
      rows += r.periods.reduce((a, p) => a + p.n, 0);
    }
    expect(rows).toBeGreaterThan(1000);
  });

  it('the whole file by week, bounds on an invocation instant, and a window without rows', async () => {
    const whole: DriftOptions = { period: 'week' };
    const r = await engine.predictor.scoreOverTime(whole);
    expect(r).toEqual(await fromItsOwnQuery(whole));
    expect(r.periods.reduce((a, p) => a + p.n, 0)).toBe(20000);
    // an invocation's own instant as both bounds: inclusive on both ends
    const last = formatIso(end);
    const one: DriftOptions = { from: last, to: last };
    const o = await engine.predictor.scoreOverTime(one);
    expect(o).toEqual(await fromItsOwnQuery(one));
    expect(o.periods[0].n).toBeGreaterThanOrEqual(1);
    const none: DriftOptions = { from: '2020-01-01T00:00:00Z', to: '2020-01-02T00:00:00Z' };
    const empty = await engine.predictor.scoreOverTime(none);
    expect(empty).toEqual(await fromItsOwnQuery(none));
    expect(empty.periods).toEqual([]);
  });

  it('intervals: false gives the same report without the intervals; a non-boolean is refused', async () => {
    const end48 = { from: formatIso(end - 48 * HOUR), to: formatIso(end) };
    const full = await engine.predictor.scoreOverTime(end48);
    const bare = await engine.predictor.scoreOverTime({ ...end48, intervals: false });
    expect(full.periods.length).toBeGreaterThan(1);
    expect(full.periods.every((p) => p.brierInterval !== null && p.rocAucInterval !== null)).toBe(true);
    expect(bare).toEqual({ ...full, periods: full.periods.map((p) => ({ ...p, rocAucInterval: null, brierInterval: null })) });
    // rows after the training window (the whole file, trained on its first days): `newer` without intervals
    const early = await engine.predictor.trainModel({ days: 30, asOf: formatIso(end - 24 * 24 * HOUR), model: 'forest', ...small });
    const all = await engine.predictor.scoreOverTime({});
    const { intervals: _i, ...newer } = all.newer!;
    expect(_i).toBeDefined();
    expect((await engine.predictor.scoreOverTime({ intervals: false })).newer).toEqual(newer);
    await expect(engine.predictor.scoreOverTime({ intervals: 'no' as unknown as boolean })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    report = early;
  });

  it('a new training scores with the new model, not the kept scores', async () => {
    const w: DriftOptions = { from: formatIso(end - 48 * HOUR), to: formatIso(end) };
    const before = await engine.predictor.scoreOverTime(w);
    report = await engine.predictor.trainModel({ days: 30, model: 'forest', forest: { nTrees: 5 }, boosted: { maxIter: 5 } });
    const after = await engine.predictor.scoreOverTime(w);
    expect(after).toEqual(await fromItsOwnQuery(w));
    expect(after.periods.map((p) => p.meanPredicted)).not.toEqual(before.periods.map((p) => p.meanPredicted));
  });
});
