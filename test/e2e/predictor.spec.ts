/**
 * The predictor in the Chromium worker: training reports progress, a call sent while it runs is
 * answered correctly, and the model equals the one trained in Node (same seed, same features,
 * same numbers). That calls are answered *before* training ends is a property of the call layer,
 * tested deterministically in test/unit/worker/serial-calls.test.ts (here it would be a race).
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
    const report = await training;
    const after = await a.timeSeries.aggregateHourlyMetrics({ hours: 24 });
    const probability = await a.predictor.predictSuccessProbability('pytest-run', '', 'execution', { sessionId: 'e2e-session' });
    return { report, probability, phases: [...new Set(phases)], during, after };
  });
  expect(result.during.length).toBeGreaterThan(0);
  expect(result.during).toEqual(result.after);
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

test('parallelism 2 (tree workers nested in the analytics worker): the same model as parallelism 1', async ({ harness }) => {
  test.setTimeout(300_000);
  const treeWorkers: string[] = [];
  harness.on('worker', (w) => {
    if (/tree[.-]worker/.test(w.url())) treeWorkers.push(w.url());
  });
  const result = await harness.evaluate(async () => {
    const a = await window.analyticsReady;
    await a.open('fixtures/train20k.db');
    const options = { days: 31, model: 'forest' as const, forest: { nTrees: 40 } };
    // The saved model minus its wall-clock seconds.
    const saved = async () => {
      const m = await a.predictor.exportModel();
      return JSON.stringify({ ...m, training: { ...m.training, seconds: 0 } });
    };
    await a.predictor.trainModel({ ...options, parallelism: 1 });
    const one = await saved();
    const done: number[] = [];
    const started = performance.now();
    await a.predictor.trainModel({
      ...options,
      parallelism: 2,
      onProgress: (p: { phase: string; done: number; total: number }) => void (p.phase === 'training' && done.push(p.done, p.total)),
    });
    const seconds = (performance.now() - started) / 1000;
    const two = await saved();
    return { same: one === two, trees: JSON.parse(two).forest.trees.length, seconds, lastDone: done.slice(-2), cores: navigator.hardwareConcurrency };
  });
  // Speed and the page's responsiveness are measured in bench/ (npm run bench:predictor-browser), not asserted here.
  console.log(`Chromium, parallelism 2 on train20k (40 trees × 2 fits): ${result.seconds.toFixed(2)} s, ${result.cores} cores`);
  expect(result.trees).toBe(40);
  expect(result.same).toBe(true);
  // Two tree workers were started by the analytics worker (parallelism 1 starts none).
  expect(treeWorkers).toHaveLength(2);
  expect(result.lastDone).toEqual([80, 80]);
});
