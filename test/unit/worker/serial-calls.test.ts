/**
 * The worker's call layer (worker/serial-calls.ts) with an engine whose training finishes only
 * when the test says so: calls sent while training runs are answered before it ends, in order,
 * and training itself waits for the calls sent before it. This replaces the e2e tests' race on a
 * real training still running (which failed on a loaded and would fail on a faster machine).
 */
import { describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { serialCalls } from '../../../worker/serial-calls.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const log: string[] = [];
const training = deferred();
const firstWrite = deferred();

class Predictor {
  async trainModel() {
    log.push('train:start');
    await training.promise;
    log.push('train:end');
    return 'trained';
  }
}
class TimeSeries {
  async aggregateHourlyMetrics() {
    log.push('hourly');
    return ['row'];
  }
}
class AbTesting {
  async createTest() {
    await firstWrite.promise;
    log.push('createTest');
    return 1;
  }
}
class SkillTables {}
class Engine {
  predictor = new Predictor();
  timeSeries = new TimeSeries();
  abTesting = new AbTesting();
  skillTables = new SkillTables();
  async info() {
    log.push('info');
    return { invocations: 1 };
  }
  async flushLocalChanges() {}
}

describe('serialCalls: training beside the queue', () => {
  it('waits for the calls sent before it, then lets later calls answer while it runs', async () => {
    const api = serialCalls(new Engine() as unknown as AnalyticsEngine);
    const write = api.abTesting.createTest({ testName: 't', controlStrategy: 'a', treatmentStrategy: 'b' });
    const trained = api.predictor.trainModel({});
    // Training has not started: the write sent before it is still running.
    await Promise.resolve();
    expect(log).toEqual([]);
    firstWrite.resolve();
    await write;
    const hourly = await api.timeSeries.aggregateHourlyMetrics({ hours: 24 });
    const info = await api.info();
    // Both answered while training is still pending (it ends only below).
    expect(hourly).toEqual(['row']);
    expect(info).toEqual({ invocations: 1 });
    expect(log).toEqual(['createTest', 'train:start', 'hourly', 'info']);
    training.resolve();
    expect(await trained).toBe('trained');
    expect(log.at(-1)).toBe('train:end');
  });
});
