// Through the worker's messaging layer (comlink over a MessageChannel, the worker's serialCalls layer as in
// the browser): training reports progress and other calls answer while it runs.
import { readFileSync } from 'node:fs';
import * as Comlink from 'comlink';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerTransferHandlers } from '../../../src/client/transfer-handlers.js';
import { AnalyticsEngine } from '../../../src/analytics/index.js';
import type { Progress } from '../../../src/engine/types.js';
import { nodeHost } from '../../../src/node/host.js';
import type { SkillSuccessPredictor } from '../../../src/predictive/SkillSuccessPredictor.js';
import type { TimeSeriesAnalyzer } from '../../../src/time-series/TimeSeriesAnalyzer.js';
import { serialCalls } from '../../../worker/serial-calls.js';

registerTransferHandlers();
const engine = new AnalyticsEngine(nodeHost);
const { port1, port2 } = new MessageChannel();
Comlink.expose(serialCalls(engine), port1);
const remote = Comlink.wrap<AnalyticsEngine>(port2);
// comlink types a remote property as a Promise; calls through it work as on the capability itself.
const predictor = remote.predictor as unknown as Comlink.Remote<SkillSuccessPredictor>;
const timeSeries = remote.timeSeries as unknown as Comlink.Remote<TimeSeriesAnalyzer>;

afterAll(async () => {
  port1.close();
  port2.close();
  await engine.dispose();
});

describe('training in the worker', () => {
  it('sends progress and lets other calls answer before it finishes', async () => {
    await remote.open(new Uint8Array(readFileSync('test/fixtures/train20k.db')));
    const progress: Progress[] = [];
    let finished = false;
    const training = predictor.trainModel({ days: 60, model: 'forest', forest: { nTrees: 60 }, onProgress: (p: Progress) => void progress.push(p) }).then((r) => {
      finished = true;
      return r;
    });
    // Wait until trees are being grown, then ask other questions.
    while (!progress.some((p) => p.phase === 'training' && p.done >= 5)) await new Promise((r) => setTimeout(r, 20));
    const features = await predictor.extractFeatures('pytest-run', null, 'execution', { sessionId: 'x' });
    const hourly = await timeSeries.aggregateHourlyMetrics({ hours: 24 });
    await expect(predictor.predictSuccessProbability('pytest-run', null, null, {})).rejects.toMatchObject({ code: 'MODEL_NOT_TRAINED' });
    expect(finished).toBe(false);
    expect(features.invocationCount24h).toBeGreaterThan(0);
    expect(hourly.length).toBeGreaterThan(0);
    const report = await training;
    expect(report.samplesUsed).toBe(20000);
    // Progress messages cross the channel on their own; the last one may land just after the result.
    await vi.waitFor(() => expect(progress.at(-1)).toMatchObject({ phase: 'done' }));
    expect(await predictor.predictSuccessProbability('pytest-run', null, null, {})).toBeGreaterThan(0);
  });
});
