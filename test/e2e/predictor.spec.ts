/**
 * The predictor in the Chromium worker: training reports progress, other calls answer while it
 * runs, and the model equals the one trained in Node (same seed, same features, same numbers).
 */
import { test, expect } from './fixtures.js';
import { openAnalytics } from '../../src/node/index.js';
import { expectDeepClose } from './deep-close.js';

test('train on train20k.db in the worker: progress, answers meanwhile, same model as Node', async ({ harness }) => {
  test.setTimeout(300_000);
  const node = await openAnalytics('test/fixtures/train20k.db');
  const expected = await node.predictor.trainModel({ days: 31 });
  const expectedProbability = await node.predictor.predictSuccessProbability('pytest-run', '', 'execution', { sessionId: 'e2e-session' });
  await node.dispose();

  const result = await harness.evaluate(async () => {
    const a = await window.analyticsReady;
    await a.open('fixtures/train20k.db');
    const phases: string[] = [];
    let trainingDone = false;
    const training = a.predictor.trainModel({ days: 31, onProgress: (p: { phase: string }) => void phases.push(p.phase) }).then((r) => {
      trainingDone = true;
      return r;
    });
    // Calls sent while the forest grows are answered before training ends: wait for the first
    // trees (a progress event), not for a fixed time.
    while (!phases.includes('training') && !trainingDone) await new Promise((r) => setTimeout(r, 10));
    const during = await a.timeSeries.aggregateHourlyMetrics({ hours: 24 });
    const answeredDuringTraining = !trainingDone;
    const report = await training;
    const probability = await a.predictor.predictSuccessProbability('pytest-run', '', 'execution', { sessionId: 'e2e-session' });
    return { report, probability, phases: [...new Set(phases)], answeredDuringTraining, hourlyRows: during.length };
  });
  expect(result.answeredDuringTraining).toBe(true);
  expect(result.hourlyRows).toBeGreaterThan(0);
  expect(result.phases).toEqual(expect.arrayContaining(['features', 'training', 'done']));
  expect(result.report.evaluation.rocAuc).toBeGreaterThanOrEqual(0.7);
  const { seconds: _a, ...browserReport } = result.report;
  const { seconds: _b, ...nodeReport } = expected;
  expectDeepClose(browserReport, nodeReport);
  expect(result.probability).toBeCloseTo(expectedProbability, 12);
});

test('boosted trees with the skill feature train in the worker: same report, spread and drift as Node', async ({ harness }) => {
  test.setTimeout(300_000);
  const options = { days: 31, model: 'boosted', features: 'seed+skill', boosted: { maxIter: 30 } } as const;
  const node = await openAnalytics('test/fixtures/train20k.db');
  const expected = await node.predictor.trainModel(options);
  const expectedExplanation = await node.predictor.getFeatureExplanation('pytest-run', '', 'execution', { sessionId: 'e2e-session' });
  const expectedDrift = await node.predictor.scoreOverTime({ period: 'week' });
  await node.dispose();

  const result = await harness.evaluate(async (opts) => {
    const a = await window.analyticsReady;
    await a.open('fixtures/train20k.db');
    const report = await a.predictor.trainModel(opts);
    const explanation = await a.predictor.getFeatureExplanation('pytest-run', '', 'execution', { sessionId: 'e2e-session' });
    const drift = await a.predictor.scoreOverTime({ period: 'week' });
    return { report, explanation, drift };
  }, options);
  expect(result.report.model).toMatchObject({ kind: 'boosted', features: 'seed+skill' });
  expect(result.explanation.scale).toBe('log-odds');
  expect(result.explanation.spread).toBeNull();
  const { seconds: _a, ...browserReport } = result.report;
  const { seconds: _b, ...nodeReport } = expected;
  expectDeepClose(browserReport, nodeReport);
  expectDeepClose(result.explanation, expectedExplanation);
  expectDeepClose(result.drift, expectedDrift);
});
