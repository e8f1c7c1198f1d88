// train20k.db: the feature matrix against a plain-loop reference, and the model's holdout quality on
// the split of test/fixtures/train20k.quality.json (scikit-learn's reference).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import type { Progress } from '../../../src/engine/types.js';
import { openAnalytics } from '../../../src/node/index.js';
import { loadFeatureMatrix } from '../../../src/predictive/feature-matrix.js';
import { FEATURE_NAMES } from '../../../src/predictive/features-sql.js';
import type { TrainingReport } from '../../../src/predictive/types.js';
import { referenceFeatures } from './predictor-helpers.js';

const DB = 'test/fixtures/train20k.db';
const quality = JSON.parse(readFileSync('test/fixtures/train20k.quality.json', 'utf8'));

describe('train20k.db', () => {
  let engine: AnalyticsEngine;
  let report: TrainingReport;
  const progress: Progress[] = [];
  beforeAll(async () => {
    engine = await openAnalytics(DB);
    // 60 days from the latest invocation covers the whole 30-day file: all 20,000 rows.
    report = await engine.predictor.trainModel({ days: 60, model: 'forest', onProgress: (p) => progress.push(p) });
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it('feature matrix: all 20,000 rows × 7 features equal the plain-loop reference exactly', async () => {
    const [m, ref] = await Promise.all([loadFeatureMatrix(engine.context().warehouse, { fromMicros: 0, toMicros: engine.context().defaultAsOfMicros! }), referenceFeatures(DB)]);
    expect(FEATURE_NAMES).toEqual([
      'hour_of_day',
      'day_of_week',
      'invocation_count_24h',
      'avg_completion_rate_24h',
      'workflow_phase_encoded',
      'session_length_minutes',
      'user_skill_familiarity',
    ]);
    expect(Array.from(m.ids)).toEqual(ref.ids);
    let mismatches = 0;
    for (let i = 0; i < ref.rows.length; i++) {
      for (let f = 0; f < 7; f++) if (m.X[f][i] !== ref.rows[i][f]) mismatches++;
    }
    expect(mismatches).toBe(0);
    // The reference is not trivially constant: counts, rates and familiarity vary.
    expect(new Set(ref.rows.map((r) => r[2])).size).toBeGreaterThan(20);
    expect(ref.rows.filter((r) => r[6] > 0).length).toBeGreaterThan(100);
  });

  it('splits as the reference: first 16,000 by (invoked_at, id) train, last 4,000 test', () => {
    expect([report.samplesUsed, report.trainRows, report.testRows]).toEqual([20000, quality.n_train, quality.n_test]);
    expect(report.split.time).toBe(quality.split_time_utc.replace('+00:00', 'Z'));
    expect(report.successRate).toBe(0.7212); // train20k.meta.json completion_rate
    expect(report.evaluation.positiveRate).toBe(quality.random_forest.positive_rate);
  });

  it('beats both baselines and meets the bar: AUC ≥ 0.70, above the per-skill prior, Brier ≤ 0.175', () => {
    const e = report.evaluation;
    expect(e.rocAuc).toBeGreaterThanOrEqual(0.7);
    expect(e.rocAuc!).toBeGreaterThan(quality.baseline_per_skill_prior.roc_auc);
    expect(e.brier).toBeLessThanOrEqual(0.175);
    expect(e.brier).toBeLessThan(report.baselines.perSkillPrior.brier);
    expect(e.logLoss).toBeLessThan(report.baselines.perSkillPrior.logLoss);
    // Within reach of scikit-learn's forest on the same features (AUC 0.7020, Brier 0.1735).
    expect(Math.abs(e.rocAuc! - quality.random_forest.roc_auc)).toBeLessThan(0.015);
  });

  it('computes the baselines on the same split as the reference', () => {
    const b = report.baselines;
    expect(b.trainRate.rocAuc).toBe(0.5);
    expect(b.trainRate.brier).toBeCloseTo(quality.baseline_train_rate.brier, 12);
    expect(b.trainRate.logLoss).toBeCloseTo(quality.baseline_train_rate.log_loss, 12);
    expect(b.perSkillPrior.rocAuc).toBeCloseTo(quality.baseline_per_skill_prior.roc_auc, 12);
  });

  it('reports calibration in 10 bins, importance summing to 1, the served model and the options', () => {
    const c = report.evaluation.calibration;
    expect(c).toHaveLength(10);
    expect(c.reduce((s, b) => s + b.count, 0)).toBe(4000);
    expect(c.map((b) => b.binStart)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    const importance = Object.values(report.featureImportance);
    expect(Object.keys(report.featureImportance)).toEqual(FEATURE_NAMES);
    expect(importance.every((v) => v >= 0)).toBe(true);
    expect(importance.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // As in scikit-learn's forest, the 24 h completion rate dominates.
    expect(Math.max(...importance)).toBe(report.featureImportance.avg_completion_rate_24h);
    expect(report.servedModel).toBe(`random forest on the 7 seed features, fitted on the first 16000 rows, ${report.calibration.servedMethod} calibration fitted on the last 4000`);
    expect(report.options).toMatchObject({
      days: 60,
      trainFraction: 0.8,
      forest: { nTrees: 100, maxDepth: 10 },
      model: 'forest',
      features: 'seed',
      calibration: 'auto',
      boosted: null,
    });
    expect(report.model).toEqual({ kind: 'forest', requested: 'forest', features: 'seed', featureNames: FEATURE_NAMES });
    expect(report.fits.map((f) => [f.role, f.kind, f.rows])).toEqual([
      ['validation', 'forest', 12800],
      ['holdout', 'forest', 16000],
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('reports progress: features, training (validation fit), evaluating, training (holdout fit), evaluating, done', () => {
    const phases = progress.map((p) => p.phase).filter((p, i, a) => p !== a[i - 1]);
    expect(phases).toEqual(['features', 'training', 'evaluating', 'training', 'evaluating', 'done']);
    const trees = progress.filter((p) => p.phase === 'training');
    expect(trees.at(-1)).toMatchObject({ done: 200, total: 200 });
  });

  it('explains a prediction: bias + Σ contributions = raw probability; probability = its calibrated value', async () => {
    const args = ['pytest-run', null, 'execution', { sessionId: 'session-0001' }, { at: '2026-11-24T12:00:00Z' }] as const;
    const x = await engine.predictor.getFeatureExplanation(...args);
    const p = await engine.predictor.predictSuccessProbability(...args);
    const w = await engine.predictor.predictSuccessWithSpread(...args);
    expect(x.probability).toBe(p);
    expect(w.probability).toBe(p);
    expect(x.scale).toBe('probability');
    expect(x.bias + x.features.reduce((s, f) => s + f.contribution, 0)).toBeCloseTo(x.rawProbability, 12);
    // The served calibrator maps the raw probability monotonically: the 100 trees' spread brackets it.
    expect(w.spread).toMatchObject({ trees: 100 });
    expect(w.spread!.low).toBeLessThanOrEqual(p);
    expect(w.spread!.high).toBeGreaterThanOrEqual(p);
    expect(w.spread!.sd).toBeGreaterThan(0);
    const f = await engine.predictor.extractFeatures(...args);
    expect(x.features.map((c) => c.value)).toEqual([
      f.hourOfDay,
      f.dayOfWeek,
      f.invocationCount24h,
      f.avgCompletionRate24h,
      f.workflowPhaseEncoded,
      f.sessionLengthMinutes,
      f.userSkillFamiliarity,
    ]);
    expect(x.features.map((c) => c.name)).toEqual(FEATURE_NAMES);
  });

  it('scores stored rows with their point-in-time features, in (invoked_at, id) order', async () => {
    const all = await engine.predictor.scoreInvocations();
    expect(all).toHaveLength(20000);
    const last = await engine.predictor.scoreInvocations({ from: report.split.time });
    expect(last).toHaveLength(4000);
    expect(last).toEqual(all.slice(16000));
    expect(last.every((s) => s.probability > 0 && s.probability < 1)).toBe(true);
    await expect(engine.predictor.scoreInvocations({ from: '2026-11-24', to: '2026-11-23' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('refuses thin data with INSUFFICIENT_DATA and a message saying what to do', async () => {
    await expect(engine.predictor.trainModel({ days: 0.0001 })).rejects.toMatchObject({ code: 'INSUFFICIENT_DATA', message: expect.stringMatching(/at least 50.*days/) });
    await expect(engine.predictor.trainModel({ days: 5, asOf: '2020-01-01' })).rejects.toMatchObject({ code: 'INSUFFICIENT_DATA' });
    await expect(engine.predictor.trainModel({ days: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(engine.predictor.trainModel({ forest: { nTrees: 0 } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    // The served model is still the one trained above.
    expect((await engine.predictor.trainingReport())?.samplesUsed).toBe(20000);
  });
});
