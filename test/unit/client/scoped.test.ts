/**
 * The page API's `scoped(source)` over the worker's call layer (comlink on a MessageChannel, as in
 * the browser): every analysis gets `{ source }` where the capability registry says its options
 * sit, so it answers exactly as the same call with `source` given by hand; writes are READ_ONLY.
 */
import { readFileSync } from 'node:fs';
import * as Comlink from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalytics, type Analytics } from '../../../src/client/createAnalytics.js';
import { CAPABILITIES, CAPABILITY_NAMES } from '../../../src/capabilities.js';
import { createEngine } from '../../../src/node/index.js';
import { serialCalls } from '../../../worker/serial-calls.js';

const bytes = (f: string) => new Uint8Array(readFileSync(`test/fixtures/${f}`));
const engine = createEngine();
const { port1, port2 } = new MessageChannel();
Comlink.expose(serialCalls(engine), port1);

describe('analytics.scoped(source)', () => {
  let analytics: Analytics;
  beforeAll(async () => {
    // createAnalytics' worker: the channel's page end, with the two Worker methods it calls.
    analytics = await createAnalytics({ worker: Object.assign(port2, { terminate: () => port2.close() }) as unknown as Worker });
    await analytics.open([
      { name: 'sample.db', data: bytes('sample.db') },
      { name: 'legacy.db', data: bytes('legacy.db') },
    ]);
  }, 120_000);
  afterAll(async () => {
    analytics?.terminate();
    port1.close();
    await engine.dispose();
  });

  it('adds source to the options, wherever they sit (first or second argument)', async () => {
    const legacy = analytics.scoped('legacy.db');
    expect(await legacy.timeSeries.getMultiSkillTrends({ windowDays: 14 })).toEqual(await analytics.timeSeries.getMultiSkillTrends({ windowDays: 14, source: 'legacy.db' }));
    expect(await legacy.abTesting.getTestStatus(1)).toEqual(await analytics.abTesting.getTestStatus(1, { source: 'legacy.db' }));
    expect(await legacy.abTesting.listTests()).toEqual(await analytics.abTesting.listTests({ source: 'legacy.db' }));
    const sample = analytics.scoped(['sample.db']);
    expect(await sample.timeSeries.aggregateHourlyMetrics({ hours: 24 })).toEqual(await analytics.timeSeries.aggregateHourlyMetrics({ hours: 24, source: ['sample.db'] }));
    // and the scoped answer differs from the whole dataset's: the scope was applied
    expect((await sample.abTesting.listTests()).length).not.toBe((await analytics.abTesting.listTests()).length);
  });

  it('refuses every write with READ_ONLY and leaves calls without options as they are', async () => {
    const legacy = analytics.scoped('legacy.db');
    await expect(legacy.abTesting.stopTest(1)).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(legacy.skillTables.materialize()).rejects.toMatchObject({ code: 'READ_ONLY' });
    expect(await legacy.abTesting.planTest({ baselineRate: 0.5, mde: 0.1 })).toEqual(await analytics.abTesting.planTest({ baselineRate: 0.5, mde: 0.1 }));
    expect((await analytics.abTesting.getTestStatus(1, { source: 'legacy.db' })).status).toBe((await legacy.abTesting.getTestStatus(1)).status);
  });

  it('the registry names exactly the engine’s capabilities, each method a function of it', () => {
    expect(CAPABILITY_NAMES).toEqual(['timeSeries', 'predictor', 'abTesting', 'skillTables']);
    for (const name of CAPABILITY_NAMES) {
      for (const method of Object.keys(CAPABILITIES[name])) expect(typeof (engine[name] as unknown as Record<string, unknown>)[method], `${name}.${method}`).toBe('function');
    }
    const writes = CAPABILITY_NAMES.flatMap((n) => Object.entries(CAPABILITIES[n]).flatMap(([m, s]) => (s.writes ? [m] : [])));
    expect(writes).toEqual(['createTest', 'assignUserToGroup', 'assignUsersToGroups', 'recordOutcome', 'recordOutcomes', 'stopTest', 'materialize']);
  });
});
