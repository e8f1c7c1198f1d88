// Saved models: export → import in a fresh engine on another file predicts the same; versions checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/engine/AnalyticsEngine.js';
import { openAnalytics, readPath } from '../../../src/node/index.js';
import type { ModelJSON } from '../../../src/predictive/types.js';

const TRAIN = 'test/fixtures/train20k.db';
const OTHER = 'test/fixtures/sample.db';

describe('exportModel / importModel', () => {
  let trained: AnalyticsEngine;
  let fresh: AnalyticsEngine;
  let saved: ModelJSON;
  beforeAll(async () => {
    [trained, fresh] = await Promise.all([openAnalytics(TRAIN), openAnalytics(OTHER)]);
    await expect(trained.predictor.exportModel()).rejects.toMatchObject({ code: 'MODEL_NOT_TRAINED' });
    await trained.predictor.trainModel({ days: 60, forest: { nTrees: 25 } });
    saved = await trained.predictor.exportModel();
    // The trained engine moves to the other file too; its model stays.
    await trained.open(await readPath(OTHER));
  });
  afterAll(async () => {
    await Promise.all([trained?.dispose(), fresh?.dispose()]);
  });

  it('is versioned JSON with features, phase encoding, forest and training summary', () => {
    expect(saved).toMatchObject({
      format: 'session-buddy-analytics/skill-success-model',
      version: 1,
      featureNames: ['hour_of_day', 'day_of_week', 'invocation_count_24h', 'avg_completion_rate_24h', 'workflow_phase_encoded', 'session_length_minutes', 'user_skill_familiarity'],
      phaseEncoding: { none: 0, other: 5, codes: { planning: 1, setup: 2, execution: 3, verification: 4 } },
      training: { samplesUsed: 20000, servedModel: 'refit on all 20000 rows' },
    });
    expect(saved.forest.trees).toHaveLength(25);
  });

  it('a fresh engine on another file predicts exactly what the trained model predicts there', async () => {
    await expect(fresh.predictor.predictSuccessProbability('pytest-run', null, null, {})).rejects.toMatchObject({ code: 'MODEL_NOT_TRAINED' });
    await expect(fresh.predictor.scoreInvocations()).rejects.toMatchObject({ code: 'MODEL_NOT_TRAINED' });
    const report = await fresh.predictor.importModel(JSON.stringify(saved));
    expect(report.samplesUsed).toBe(20000);
    const scores = await fresh.predictor.scoreInvocations();
    expect(scores).toHaveLength(2000);
    expect(scores).toEqual(await trained.predictor.scoreInvocations());
    expect(new Set(scores.map((s) => s.probability)).size).toBeGreaterThan(100);
    const live = ['refactor-apply', 'rename', 'execution', { sessionId: 'nope' }, { at: '2026-11-24T10:00:00Z' }] as const;
    expect(await fresh.predictor.getFeatureExplanation(...live)).toEqual(await trained.predictor.getFeatureExplanation(...live));
  });

  it('refuses another format, version, feature set or phase encoding with MODEL_VERSION', async () => {
    const variants: unknown[] = [
      { ...saved, version: 2 },
      { ...saved, format: 'something-else' },
      { ...saved, featureNames: saved.featureNames.slice(0, 6) },
      { ...saved, phaseEncoding: { ...saved.phaseEncoding, codes: { ...saved.phaseEncoding.codes, review: 5 } } },
    ];
    for (const v of variants) {
      await expect(fresh.predictor.importModel(v as ModelJSON)).rejects.toMatchObject({ code: 'MODEL_VERSION', message: expect.stringMatching(/^importModel: /) });
    }
    await expect(fresh.predictor.importModel('{not json')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const damaged = structuredClone(saved);
    damaged.forest.trees[0].left[0] = 0;
    await expect(fresh.predictor.importModel(damaged)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/forest is damaged/) });
    // A refused import leaves the previous model in place.
    expect((await fresh.predictor.trainingReport())?.samplesUsed).toBe(20000);
  });
});
