// trainModel's choices on train20k.db: boosted trees, the skill as 8th feature, 'auto' model choice,
// calibration 'none', the report's intervals, calibration and decomposition, and drift per day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { brierScore } from '../../../src/predictive/evaluation/metrics.js';
import { loadFeatureMatrix } from '../../../src/predictive/feature-matrix.js';
import { FEATURE_NAMES } from '../../../src/predictive/features-sql.js';
import type { TrainingReport } from '../../../src/predictive/types.js';

const DB = 'test/fixtures/train20k.db';
const small = { forest: { nTrees: 30 }, boosted: { maxIter: 40 } };

describe('trainModel options on train20k.db', () => {
  let engine: AnalyticsEngine;
  let auto: TrainingReport;
  let none: TrainingReport;
  beforeAll(async () => {
    engine = await openAnalytics(DB);
    none = await engine.predictor.trainModel({ days: 60, model: 'forest', calibration: 'none', ...small });
    auto = await engine.predictor.trainModel({ days: 60, model: 'auto', features: 'seed+skill', ...small });
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it('every metric has a 95 % interval around it; differences to the baselines favour the model', () => {
    for (const m of [none.evaluation, none.baselines.perSkillPrior, none.calibration.after.metrics]) {
      expect(m.intervals!.brier[0]).toBeLessThan(m.brier);
      expect(m.intervals!.brier[1]).toBeGreaterThan(m.brier);
      expect(m.intervals!.logLoss[0]).toBeLessThan(m.logLoss);
      expect(m.intervals!.logLoss[1]).toBeGreaterThan(m.logLoss);
      expect(m.intervals!.rocAuc![0]).toBeLessThan(m.rocAuc!);
      expect(m.intervals!.rocAuc![1]).toBeGreaterThan(m.rocAuc!);
    }
    // 4,000 holdout rows: AUC ± ~0.018, Brier ± ~0.007.
    const w = none.evaluation.intervals.rocAuc!;
    expect(w[1] - w[0]).toBeGreaterThan(0.02);
    expect(w[1] - w[0]).toBeLessThan(0.05);
    const d = none.versusBaselines.perSkillPrior;
    expect(d.brier.estimate).toBeCloseTo(none.evaluation.brier - none.baselines.perSkillPrior.brier, 12);
    expect(d.brier.interval[1]).toBeLessThan(0);
    expect(d.rocAuc!.estimate).toBeCloseTo(none.evaluation.rocAuc! - none.baselines.perSkillPrior.rocAuc!, 12);
    expect(d.rocAuc!.interval[0]).toBeGreaterThan(0);
  });

  it("calibration 'none' serves raw probabilities; before = after; the decomposition adds up", async () => {
    expect(none.calibration).toMatchObject({ method: 'none', servedMethod: 'none', requested: 'none', fitRows: 3200, servedFitRows: 4000 });
    expect(none.calibration.after.metrics.brier).toBe(none.calibration.before.metrics.brier);
    const dec = none.evaluation.decomposition;
    expect(dec.reliability - dec.resolution + dec.uncertainty).toBeCloseTo(none.evaluation.brier, 12);
    expect(dec.uncertainty).toBeCloseTo(0.73525 * (1 - 0.73525), 12);
    expect(none.calibration.before.reliability.length).toBeGreaterThan(20);
    expect(none.servedModel).toBe('random forest on the 7 seed features, fitted on the first 16000 rows, uncalibrated');
  });

  it("'auto' with the skill: both families fitted on 12,800 rows, compared on the next 3,200 by the stated rule", () => {
    expect(auto.fits.map((f) => [f.role, f.kind, f.rows])).toEqual([
      ['validation', 'forest', 12800],
      ['validation', 'boosted', 12800],
      ['holdout', auto.model.kind, 16000],
    ]);
    const s = auto.selection!;
    expect(s.rows).toBe(3200);
    const [forest, boosted] = s.candidates;
    expect([forest.kind, boosted.kind, forest.features, boosted.features]).toEqual(['forest', 'boosted', 'seed+skill', 'seed+skill']);
    expect(forest.minusIncumbent).toBeNull();
    expect(boosted.minusIncumbent!.brier.estimate).toBeCloseTo(boosted.metrics.brier - forest.metrics.brier, 12);
    expect(boosted.minusIncumbent!.rocAuc!.estimate).toBeCloseTo(boosted.metrics.rocAuc! - forest.metrics.rocAuc!, 12);
    expect(s.chosen.kind).toBe(boosted.minusIncumbent!.brier.interval[1] < 0 ? 'boosted' : 'forest');
    expect(auto.model).toEqual({ kind: s.chosen.kind, requested: 'auto', features: 'seed+skill', featureNames: [...FEATURE_NAMES, 'skill_rate_prior'] });
    expect(Object.keys(auto.featureImportance)).toEqual([...FEATURE_NAMES, 'skill_rate_prior']);
  });

  it('the served model scores stored rows with its calibrator; drift per day covers every row', async () => {
    const scores = await engine.predictor.scoreInvocations({ from: auto.split.time });
    expect(scores).toHaveLength(4000);
    const drift = await engine.predictor.scoreOverTime({ from: auto.split.time });
    expect(drift.period).toBe('day');
    expect(drift.periods.reduce((s, p) => s + p.n, 0)).toBe(4000);
    expect(drift.periods.every((p) => p.start.endsWith('T00:00:00Z') || p.start.endsWith('T00:00:00.000000Z'))).toBe(true);
    // All of them were in the training window; nothing newer.
    expect(drift.newer).toBeNull();
    expect(drift.periods.every((p) => !p.afterTraining)).toBe(true);
    // Each day's Brier is the mean squared error of its rows' served probabilities.
    const last = drift.periods.at(-1)!;
    const ctx = engine.context();
    const m = await loadFeatureMatrix(ctx.warehouse, { fromMicros: Date.parse(last.start) * 1000, toMicros: ctx.defaultAsOfMicros! });
    const day = await engine.predictor.scoreInvocations({ from: last.start });
    expect(m.labels.length).toBe(last.n);
    expect(last.brier).toBeCloseTo(
      brierScore(
        m.labels,
        day.map((s) => s.probability),
      ),
      12,
    );
    expect(last.positiveRate).toBeCloseTo(m.labels.reduce((a, b) => a + b, 0) / last.n, 12);
    await expect(engine.predictor.scoreOverTime({ period: 'month' as 'day' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('an 8-feature model explains 8 features; a bad option is INVALID_ARGUMENT', async () => {
    const x = await engine.predictor.getFeatureExplanation('pytest-run', null, 'execution', {}, { at: '2026-11-24T12:00:00Z' });
    expect(x.features.map((f) => f.name)).toEqual([...FEATURE_NAMES, 'skill_rate_prior']);
    expect(x.features[7].value).toBeGreaterThan(0.3);
    const sum = x.bias + x.features.reduce((s, f) => s + f.contribution, 0);
    expect(x.scale === 'probability' ? sum : 1 / (1 + Math.exp(-sum))).toBeCloseTo(x.rawProbability, 10);
    await expect(engine.predictor.trainModel({ model: 'svm' as 'forest' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(engine.predictor.trainModel({ features: 'all' as 'seed' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(engine.predictor.trainModel({ boosted: { maxBins: 1000 } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
