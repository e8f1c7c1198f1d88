// Saved models: export → import in a fresh engine on another file predicts the same; versions checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics, readPath } from '../../../src/node/index.js';
import type { ModelJSON, ModelJSONv1 } from '../../../src/predictive/types.js';

const TRAIN = 'test/fixtures/train20k.db';
const OTHER = 'test/fixtures/sample.db';

describe('exportModel / importModel', () => {
  let trained: AnalyticsEngine;
  let fresh: AnalyticsEngine;
  let saved: ModelJSON;
  beforeAll(async () => {
    [trained, fresh] = await Promise.all([openAnalytics(TRAIN), openAnalytics(OTHER)]);
    await expect(trained.predictor.exportModel()).rejects.toMatchObject({ code: 'MODEL_NOT_TRAINED' });
    await trained.predictor.trainModel({ days: 60, model: 'forest', forest: { nTrees: 25 } });
    saved = await trained.predictor.exportModel();
    // The trained engine moves to the other file too; its model stays.
    await trained.open(await readPath(OTHER));
  });
  afterAll(async () => {
    await Promise.all([trained?.dispose(), fresh?.dispose()]);
  });

  it('is versioned JSON (2) with features, phase encoding, forest, calibrator and training summary', () => {
    expect(saved).toMatchObject({
      format: 'session-buddy-analytics/skill-success-model',
      version: 2,
      kind: 'forest',
      features: 'seed',
      skillEncoding: null,
      calibrator: { rows: 4000 },
      featureNames: ['hour_of_day', 'day_of_week', 'invocation_count_24h', 'avg_completion_rate_24h', 'workflow_phase_encoded', 'session_length_minutes', 'user_skill_familiarity'],
      phaseEncoding: { none: 0, other: 5, codes: { planning: 1, setup: 2, execution: 3, verification: 4 } },
      training: {
        samplesUsed: 20000,
        servedModel: expect.stringMatching(/^random forest on the 7 seed features, fitted on the first 16000 rows, (isotonic|platt) calibration fitted on the last 4000$/),
      },
    });
    expect(saved.forest!.trees).toHaveLength(25);
    expect(saved.boosted).toBeUndefined();
  });

  it('a fresh engine on another file predicts exactly what the trained model predicts there', async () => {
    await expect(fresh.predictor.predictSuccessProbability('pytest-run', null, null, {})).rejects.toMatchObject({ code: 'MODEL_NOT_TRAINED' });
    await expect(fresh.predictor.scoreInvocations()).rejects.toMatchObject({ code: 'MODEL_NOT_TRAINED' });
    const report = await fresh.predictor.importModel(JSON.stringify(saved));
    expect(report.samplesUsed).toBe(20000);
    const scores = await fresh.predictor.scoreInvocations();
    expect(scores).toHaveLength(2000);
    expect(scores).toEqual(await trained.predictor.scoreInvocations());
    expect(new Set(scores.map((s) => s.probability)).size).toBeGreaterThan(saved.calibrator?.method === 'isotonic' ? 30 : 100);
    const live = ['refactor-apply', 'rename', 'execution', { sessionId: 'nope' }, { at: '2026-11-24T10:00:00Z' }] as const;
    expect(await fresh.predictor.getFeatureExplanation(...live)).toEqual(await trained.predictor.getFeatureExplanation(...live));
  });

  it('still reads a version-1 file (forest, no calibrator): it serves the raw forest probabilities', async () => {
    const v1: ModelJSONv1 = {
      format: saved.format,
      version: 1,
      featureNames: saved.featureNames,
      phaseEncoding: saved.phaseEncoding,
      forest: saved.forest!,
      training: saved.training,
    };
    const old = await openAnalytics(OTHER);
    try {
      await old.predictor.importModel(JSON.stringify(v1));
      const live = ['refactor-apply', 'rename', 'execution', { sessionId: 'nope' }, { at: '2026-11-24T10:00:00Z' }] as const;
      const now = await fresh.predictor.predictSuccessWithSpread(...live);
      const before = await old.predictor.predictSuccessWithSpread(...live);
      expect(before.probability).toBe(now.rawProbability);
      expect(before.rawProbability).toBe(now.rawProbability);
      // Re-exported, it is a version-2 file without calibrator.
      expect(await old.predictor.exportModel()).toMatchObject({ version: 2, kind: 'forest', calibrator: null });
    } finally {
      await old.dispose();
    }
  });

  it('refuses another format, version, feature set or phase encoding with MODEL_VERSION', async () => {
    const variants: unknown[] = [
      { ...saved, version: 3 },
      { ...saved, kind: 'svm' },
      { ...saved, features: 'seed+skill' },
      { ...saved, format: 'something-else' },
      { ...saved, featureNames: saved.featureNames.slice(0, 6) },
      { ...saved, phaseEncoding: { ...saved.phaseEncoding, codes: { ...saved.phaseEncoding.codes, review: 5 } } },
    ];
    for (const v of variants) {
      await expect(fresh.predictor.importModel(v as ModelJSON)).rejects.toMatchObject({ code: 'MODEL_VERSION', message: expect.stringMatching(/^importModel: /) });
    }
    await expect(fresh.predictor.importModel('{not json')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const damaged = structuredClone(saved);
    damaged.forest!.trees[0].left[0] = 0;
    await expect(fresh.predictor.importModel(damaged)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/forest is damaged/) });
    await expect(fresh.predictor.importModel({ ...saved, calibrator: { method: 'isotonic', rows: 1, x: [], y: [] } } as unknown as ModelJSON)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/calibrator is damaged/),
    });
    // A refused import leaves the previous model in place.
    expect((await fresh.predictor.trainingReport())?.samplesUsed).toBe(20000);
  });
});
