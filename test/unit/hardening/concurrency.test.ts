/**
 * Many calls in flight at once through the worker's messaging layer (comlink over a
 * MessageChannel, the worker's serialCalls layer as in the browser) return what they return one by one.
 */
import { readFileSync } from 'node:fs';
import * as Comlink from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import { registerTransferHandlers } from '../../../src/client/transfer-handlers.js';
import { AnalyticsEngine } from '../../../src/analytics/index.js';
import { nodeHost } from '../../../src/node/host.js';
import { serialCalls } from '../../../worker/serial-calls.js';

registerTransferHandlers();
const concurrent = new AnalyticsEngine(nodeHost);
const sequential = new AnalyticsEngine(nodeHost);
const { port1, port2 } = new MessageChannel();
Comlink.expose(serialCalls(concurrent), port1);
// Every capability method is async, so the remote has the engine's own call signatures.
const remote = Comlink.wrap<AnalyticsEngine>(port2) as unknown as AnalyticsEngine;
const sample = () => new Uint8Array(readFileSync('test/fixtures/sample.db'));

afterAll(async () => {
  port1.close();
  port2.close();
  await Promise.all([concurrent.dispose(), sequential.dispose()]);
});

/** Wall-clock fields (created/assigned/recorded times) differ between two runs: drop them. */
function withoutClock(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutClock);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => !/(At|Date)$/.test(k))
        .map(([k, x]) => [k, withoutClock(x)]),
    );
  return v;
}

/** 50 mixed calls: reads, writes, errors. */
function calls(api: AnalyticsEngine): (() => Promise<unknown>)[] {
  const asOf = '2026-11-24 19:05:46';
  const list: (() => Promise<unknown>)[] = [];
  list.push(() => Promise.resolve(api.abTesting.createTest({ testName: 'concurrent', controlStrategy: 'a', treatmentStrategy: 'b', minSampleSize: 5 })));
  for (let i = 0; i < 49; i++) {
    const user = `u${i % 12}`;
    switch (i % 7) {
      case 0:
        list.push(() => Promise.resolve(api.timeSeries.aggregateHourlyMetrics({ hours: 24, asOf })));
        break;
      case 1:
        list.push(() => Promise.resolve(api.abTesting.assignUserToGroup(3, user)));
        break;
      case 2:
        list.push(() => Promise.resolve(api.abTesting.recordOutcome(3, user, { skillName: 'pytest-run', completed: i % 3 !== 0, durationSeconds: i })));
        break;
      case 3:
        list.push(() => Promise.resolve(api.timeSeries.detectTrend('pytest-run', { asOf })));
        break;
      case 4:
        list.push(() => Promise.resolve(api.abTesting.getTestStatus(3)));
        break;
      case 5:
        list.push(() => Promise.resolve(api.abTesting.analyzeResults(1)));
        break;
      default:
        list.push(() => Promise.resolve(api.abTesting.recordOutcome(99, user, { skillName: 'x', completed: true })));
        break;
    }
  }
  return list;
}

const settle = async (p: Promise<unknown>) =>
  p.then(
    (value) => ({ value: withoutClock(value) }),
    (e: { code?: string }) => ({ error: e.code ?? String(e) }),
  );

describe('concurrency through the messaging layer', () => {
  it('50 mixed calls in flight at once equal the same calls one by one', async () => {
    await Promise.all([remote.open(sample()), sequential.open(sample())]);
    const oneByOne: unknown[] = [];
    for (const call of calls(sequential)) oneByOne.push(await settle(call()));
    const atOnce = await Promise.all(calls(remote).map((call) => settle(call())));
    expect(atOnce).toEqual(oneByOne);
    expect(oneByOne.filter((r) => 'error' in (r as object)).length).toBeGreaterThan(0); // some calls are meant to fail
  });

  it('a write between two reads is seen by the second read only', async () => {
    await remote.open(sample());
    const [before, , after] = await Promise.all([
      remote.abTesting.listTests(),
      remote.abTesting.createTest({ testName: 'between', controlStrategy: 'a', treatmentStrategy: 'b' }),
      remote.abTesting.listTests(),
    ]);
    expect(before.map((t) => t.testName)).not.toContain('between');
    expect(after.map((t) => t.testName)).toContain('between');
  });

  it('calls sent right after open() see the new file', async () => {
    await remote.open(sample());
    const legacy = new Uint8Array(readFileSync('test/fixtures/legacy.db'));
    const [, info, hourly] = await Promise.all([remote.open(legacy), remote.info(), remote.timeSeries.aggregateHourlyMetrics({ hours: 1 })]);
    expect(info.lastInvocation).toBe('2026-11-24T15:52:39.201105Z');
    expect(hourly.every((h) => h.timestamp <= '2026-11-24T15:00:00Z')).toBe(true);
  });
});
