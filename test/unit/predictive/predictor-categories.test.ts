// trainModel on train20k.db with the default ('auto': boosted trees with the phase and the skill as
// categories, the forest on the 7 features, or their mean) and with features 'categories': the choice,
// the prediction sets, the skill codes, JSON round trip, and the arguments it refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { FEATURE_NAMES } from '../../../src/predictive/features-sql.js';
import { fitSkillCategories, skillCodes } from '../../../src/predictive/skill-categories.js';
import type { ModelJSON, TrainingReport } from '../../../src/predictive/types.js';

const DB = 'test/fixtures/train20k.db';
const small = { forest: { nTrees: 30 }, boosted: { maxIter: 30 } };

describe('skill categories', () => {
  it('codes skills by frequency in the fitting rows (ties by name); unseen skills get -1; the 255th and rarer share 254', () => {
    const c = fitSkillCategories(['b', 'a', 'c', 'b', 'a', 'b']);
    expect(c.names).toEqual(['b', 'a', 'c']);
    expect(Array.from(skillCodes(c, ['a', 'b', 'c', 'zzz']))).toEqual([1, 0, 2, -1]);
    const many = fitSkillCategories(Array.from({ length: 300 }, (_, i) => `s${String(i).padStart(3, '0')}`));
    expect(many.names).toHaveLength(300);
    expect(Array.from(skillCodes(many, ['s000', 's253', 's254', 's299']))).toEqual([0, 253, 254, 254]);
  });
});

describe('trainModel: default and categories (train20k.db)', () => {
  let engine: AnalyticsEngine;
  let byDefault: TrainingReport;
  let cats: TrainingReport;
  let saved: ModelJSON;
  beforeAll(async () => {
    engine = await openAnalytics(DB);
    byDefault = await engine.predictor.trainModel({ days: 60, ...small });
    cats = await engine.predictor.trainModel({ days: 60, model: 'boosted', features: 'categories', ...small });
    saved = await engine.predictor.exportModel();
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it("the default is 'auto' over three candidates, the categorical boosted trees the incumbent, chosen by the stated rule", () => {
    expect(byDefault.options).toMatchObject({ model: 'auto', features: 'auto' });
    const s = byDefault.selection!;
    expect(s.candidates.map((c) => `${c.kind}/${c.features}`)).toEqual(['boosted/categories', 'forest/seed', 'blend/categories']);
    // The blend has no fit of its own: its validation predictions are the mean of the other two's.
    const [b, f, blend] = s.candidates.map((c) => c.metrics);
    expect(blend.brier).toBeLessThan(Math.max(b.brier, f.brier));
    // Holdout fits: the chosen model's (a blend: its forest and its boosted trees).
    const holdout = s.chosen.kind === 'blend' ? ['forest/seed', 'boosted/categories'] : [`${s.chosen.kind}/${s.chosen.features}`];
    expect(byDefault.fits.map((f) => [f.role, `${f.kind}/${f.features}`, f.rows])).toEqual([
      ['validation', 'forest/seed', 12800],
      ['validation', 'boosted/categories', 12800],
      ...holdout.map((name) => ['holdout', name, 16000]),
    ]);
    const [incumbent, ...others] = s.candidates;
    for (const c of others) expect(c.minusIncumbent!.brier.estimate).toBeCloseTo(c.metrics.brier - incumbent.metrics.brier, 12);
    const best = others.reduce((a, b) => (b.metrics.brier < a.metrics.brier ? b : a));
    const replaced = best.metrics.brier < incumbent.metrics.brier && best.minusIncumbent!.brier.interval[1] < 0;
    expect(s.chosen).toEqual(replaced ? { kind: best.kind, features: best.features } : { kind: 'boosted', features: 'categories' });
    expect(byDefault.model).toMatchObject({ kind: s.chosen.kind, features: s.chosen.features, requested: 'auto' });
  });

  it('reports the 90 % conformal sets: coverage one step back on the 4,000 holdout rows, shares adding up', () => {
    for (const r of [byDefault, cats]) {
      const c = r.conformal;
      expect(c).toMatchObject({ level: 0.9, servedFitRows: 4000 });
      expect(c.evaluated.rows).toBe(4000);
      // One step back, with drift between the validation slice and the holdout: near the nominal 90 %.
      expect(c.evaluated.coverage).toBeGreaterThan(0.86);
      expect(c.evaluated.coverage).toBeLessThan(0.94);
      const z = c.evaluated.sizes;
      expect(z.completed + z.notCompleted + z.both + z.empty).toBeCloseTo(1, 12);
      expect(c.threshold).toBeGreaterThan(0);
      expect(c.threshold).toBeLessThan(1);
    }
  });

  it("features 'categories': the skill as an 8th, categorical column; explanation, sets and saved model agree", async () => {
    expect(cats.model).toEqual({ kind: 'boosted', requested: 'boosted', features: 'categories', featureNames: [...FEATURE_NAMES, 'skill'] });
    expect(cats.options.boosted).toMatchObject({ categoricalFeatures: [4, 7], maxIter: 30 });
    expect(saved).toMatchObject({ kind: 'boosted', features: 'categories', skillEncoding: null, conformal: { level: 0.9, rows: 4000 } });
    expect(saved.skillCategories!.names.length).toBeGreaterThan(10);
    expect(saved.boosted!.knownCategories![1]).toHaveLength(saved.skillCategories!.names.length);
    expect(saved.boosted!.trees.some((t) => t.leftCategories?.some((c) => c !== null))).toBe(true);
    const x = await engine.predictor.getFeatureExplanation('pytest-run', null, 'execution', {}, { at: '2026-11-24T12:00:00Z' });
    expect(x.features.map((f) => f.name)).toEqual([...FEATURE_NAMES, 'skill']);
    expect(x.features[7].value).toBe(saved.skillCategories!.names.indexOf('pytest-run'));
    expect(x.bias + x.features.reduce((s, f) => s + f.contribution, 0)).toBeCloseTo(Math.log(x.rawProbability / (1 - x.rawProbability)), 10);
    const set = x.predictionSet!;
    expect(set).toEqual({ level: 0.9, completed: 1 - x.rawProbability <= saved.conformal!.threshold, notCompleted: x.rawProbability <= saved.conformal!.threshold });
    // A skill the model never saw: code -1, still a prediction.
    const unseen = await engine.predictor.getFeatureExplanation('never-seen-skill', null, 'execution', {}, { at: '2026-11-24T12:00:00Z' });
    expect(unseen.features[7].value).toBe(-1);
    expect(unseen.probability).toBeGreaterThan(0);
    // Round trip: a fresh engine serves the same probabilities.
    const fresh = await openAnalytics(DB);
    await fresh.predictor.importModel(JSON.stringify(saved));
    expect(await fresh.predictor.scoreInvocations({ from: cats.split.time })).toEqual(await engine.predictor.scoreInvocations({ from: cats.split.time }));
    await fresh.dispose();
  });

  it("refuses 'categories' for the forest and an unknown feature set", async () => {
    await expect(engine.predictor.trainModel({ model: 'forest', features: 'categories' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(engine.predictor.trainModel({ features: 'skills' as 'seed' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
