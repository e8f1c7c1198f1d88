/**
 * The source filter's CTE on native DuckDB (@duckdb/node-api): a dataset of two files answers as
 * on DuckDB-WASM, whole and filtered to one file.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type AnalyticsEngine } from '../../../src/node/index.js';

const bytes = (f: string) => new Uint8Array(readFileSync(`test/fixtures/${f}`));
const files = () => [
  { name: 'sample.db', data: bytes('sample.db') },
  { name: 'legacy.db', data: bytes('legacy.db') },
];

describe('two files on the native warehouse = on DuckDB-WASM', () => {
  let native: AnalyticsEngine, wasm: AnalyticsEngine;
  beforeAll(async () => {
    native = createEngine('native');
    wasm = createEngine('wasm');
    await native.open(files());
    await wasm.open(files());
  }, 120_000);
  afterAll(() => Promise.all([native?.dispose(), wasm?.dispose()]));

  it('hourly and trends, whole and with { source }', async () => {
    for (const source of [undefined, 'legacy.db', ['sample.db']]) {
      const h = await native.timeSeries.aggregateHourlyMetrics({ hours: 168, source });
      expect(h.length).toBeGreaterThan(500);
      expect(h).toEqual(await wasm.timeSeries.aggregateHourlyMetrics({ hours: 168, source }));
      expect(await native.timeSeries.getMultiSkillTrends({ windowDays: 14, source })).toEqual(await wasm.timeSeries.getMultiSkillTrends({ windowDays: 14, source }));
    }
  });

  it("a live prediction's features of one file's session", async () => {
    const f = ['pytest-run', null, 'execution', { sessionId: 'session-047e003901b7' }] as const;
    const n = await native.predictor.extractFeatures(...f, { source: 'sample.db' });
    expect(n).toEqual(await wasm.predictor.extractFeatures(...f, { source: 'sample.db' }));
    expect(n.sessionLengthMinutes).toBeGreaterThan(0);
  });
});
