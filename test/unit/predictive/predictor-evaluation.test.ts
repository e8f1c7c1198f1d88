// Holdout evaluation helpers (hand-computed values) and the one-outcome refusal.
import { describe, expect, it } from 'vitest';
import { openAnalytics } from '../../../src/node/index.js';
import { calibrationRows, holdoutMetrics, perSkillPrior, trainRatePrediction } from '../../../src/predictive/evaluation/holdout.js';
import { splitIndex } from '../../../src/predictive/training.js';
import { buildSkillsDb } from './predictor-helpers.js';

describe('evaluation helpers', () => {
  it("per-skill prior: the skill's training rate, the overall training rate for unseen skills", () => {
    // a: 1 of 2 done; b: 2 of 2; overall 3 of 4.
    expect(Array.from(perSkillPrior(['a', 'a', 'b', 'b'], [1, 0, 1, 1], ['b', 'a', 'new']))).toEqual([1, 0.5, 0.75]);
    expect(Array.from(trainRatePrediction([1, 0, 1, 1], 2))).toEqual([0.75, 0.75]);
  });

  it('holdout metrics: AUC null for one class; Brier and log loss by hand', () => {
    // Brier: ((0.2)^2 + (0.3)^2) / 2 = 0.065; log loss: -(ln 0.8 + ln 0.7) / 2.
    const m = holdoutMetrics([0, 1], [0.2, 0.7]);
    expect(m).toEqual({ rocAuc: 1, brier: expect.closeTo(0.065, 15), logLoss: expect.closeTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 15), n: 2, positiveRate: 0.5 });
    expect(holdoutMetrics([1, 1], [0.2, 0.7]).rocAuc).toBeNull();
  });

  it('calibration: all 10 bins, empty ones with null means', () => {
    const rows = calibrationRows([0, 1, 1], [0.05, 0.95, 0.9]);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({ binStart: 0, binEnd: 0.1, count: 1, meanPredicted: 0.05, observedRate: 0 });
    expect(rows[5]).toEqual({ binStart: 0.5, binEnd: 0.6, count: 0, meanPredicted: null, observedRate: null });
    // 0.9 lies in (0.8, 0.9], 0.95 in (0.9, 1].
    expect(rows.slice(8).map((r) => [r.count, r.meanPredicted])).toEqual([
      [1, 0.9],
      [1, 0.95],
    ]);
  });

  it('splits floor(80 %) of the rows into training', () => {
    expect([splitIndex(20000), splitIndex(100000), splitIndex(51), splitIndex(99)]).toEqual([16000, 80000, 40, 79]);
  });
});

describe('trainModel on a file with one outcome only', () => {
  it('refuses with INSUFFICIENT_DATA naming the problem, and nothing is served', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({
      skill: i % 2 ? 'a' : 'b',
      at: new Date(Date.UTC(2026, 10, 20, 0, i)).toISOString(),
      session: `s${i % 5}`,
      completed: 1 as const,
    }));
    const engine = await openAnalytics(await buildSkillsDb(rows));
    try {
      await expect(engine.predictor.trainModel()).rejects.toMatchObject({
        code: 'INSUFFICIENT_DATA',
        message: expect.stringMatching(/all completed; a model needs both outcomes/),
      });
      await expect(engine.predictor.getFeatureExplanation('a', null, null, {})).rejects.toMatchObject({ code: 'MODEL_NOT_TRAINED' });
      expect(await engine.predictor.trainingReport()).toBeNull();
    } finally {
      await engine.dispose();
    }
  });
});
