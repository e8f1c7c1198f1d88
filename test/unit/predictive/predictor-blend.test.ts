// model 'blend' on train20k.db: the mean of a forest on the 7 seed features and boosted trees with
// the phase and the skill as categories. Its probabilities are exactly that mean, its explanation
// adds up on the probability scale, the saved model predicts the same after a round trip, and
// the same blend comes out of one thread and of two tree workers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { loadFeatureMatrix, sliceMatrix } from '../../../src/predictive/feature-matrix.js';
import { FEATURE_NAMES } from '../../../src/predictive/features-sql.js';
import { modelColumns, rawPredictMany } from '../../../src/predictive/fitted-model.js';
import { modelFromJSON } from '../../../src/predictive/model-json.js';
import type { ModelJSON, TrainingReport } from '../../../src/predictive/types.js';

const DB = 'test/fixtures/train20k.db';
const small = { forest: { nTrees: 20 }, boosted: { maxIter: 20 } };
const AT = { at: '2026-11-24T12:00:00Z' };

describe("model 'blend' (train20k.db)", () => {
  let engine: AnalyticsEngine;
  let report: TrainingReport;
  let saved: ModelJSON;
  beforeAll(async () => {
    engine = await openAnalytics(DB);
    report = await engine.predictor.trainModel({ days: 60, model: 'blend', parallelism: 2, ...small });
    saved = await engine.predictor.exportModel();
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it('fits one blend per slice (forest + boosted trees on the same rows), phase and skill as categories', () => {
    expect(report.model).toEqual({ kind: 'blend', requested: 'blend', features: 'categories', featureNames: [...FEATURE_NAMES, 'skill'] });
    expect(report.selection).toBeNull();
    expect(report.fits).toEqual([
      { role: 'validation', kind: 'blend', features: 'categories', rows: 12800 },
      { role: 'holdout', kind: 'blend', features: 'categories', rows: 16000 },
    ]);
    expect(report.servedModel).toMatch(/^mean of a random forest \(7 seed features\) and boosted trees on the 7 seed features \+ the skill/);
    expect(saved).toMatchObject({ kind: 'blend', features: 'categories', conformal: { level: 0.9, rows: 4000 } });
    expect(saved.forest!.featureNames).toEqual([...FEATURE_NAMES]);
    expect(saved.forest!.trees).toHaveLength(20);
    expect(saved.boosted!.trees).toHaveLength(20);
    // Importance: the mean of the parts' (the forest gives the skill none); sums to 1.
    const total = Object.values(report.featureImportance).reduce((a, v) => a + v, 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it("predicts the mean of its forest's and its boosted trees' probabilities; the same after a JSON round trip", async () => {
    const { model } = modelFromJSON(saved);
    const ctx = engine.context();
    const asOf = ctx.defaultAsOfMicros!;
    const all = await loadFeatureMatrix(ctx.warehouse, { fromMicros: asOf - 60 * 86_400_000_000 + 1, toMicros: asOf });
    const m = sliceMatrix(all, 16000, 20000);
    const X = modelColumns(model, m);
    const forest = model.forest!.predictMany(X.slice(0, 7));
    const boosted = model.boosted!.predictMany(X);
    const blend = rawPredictMany(model, m);
    for (const i of [0, 1, 777, 3999]) expect(blend[i]).toBe((forest[i] + boosted[i]) / 2);
    // The holdout fit's raw predictions are what the report evaluated.
    let brier = 0;
    for (let i = 0; i < blend.length; i++) brier += (blend[i] - m.labels[i]) ** 2;
    expect(brier / blend.length).toBeCloseTo(report.evaluation.brier, 12);
    const fresh = await openAnalytics(DB);
    await fresh.predictor.importModel(JSON.stringify(saved));
    expect(await fresh.predictor.scoreInvocations({ from: report.split.time })).toEqual(await engine.predictor.scoreInvocations({ from: report.split.time }));
    await fresh.dispose();
  });

  it('explains on the probability scale: bias + Σ contributions = the raw probability; no tree spread', async () => {
    for (const skill of ['pytest-run', 'never-seen-skill']) {
      const x = await engine.predictor.getFeatureExplanation(skill, null, 'execution', {}, AT);
      expect(x.scale).toBe('probability');
      expect(x.spread).toBeNull();
      expect(x.features.map((f) => f.name)).toEqual([...FEATURE_NAMES, 'skill']);
      expect(x.bias + x.features.reduce((s, f) => s + f.contribution, 0)).toBeCloseTo(x.rawProbability, 12);
    }
  });

  it('one thread grows the same blend as two tree workers', async () => {
    const one = await openAnalytics(DB);
    const r = await one.predictor.trainModel({ days: 60, model: 'blend', parallelism: 1, ...small });
    expect(r.evaluation).toEqual(report.evaluation);
    expect(JSON.stringify({ ...(await one.predictor.exportModel()), training: null })).toBe(JSON.stringify({ ...saved, training: null }));
    await one.dispose();
  });

  it("refuses model 'blend' with a feature set that does not exist", async () => {
    await expect(engine.predictor.trainModel({ model: 'blend', features: 'skills' as 'seed' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
