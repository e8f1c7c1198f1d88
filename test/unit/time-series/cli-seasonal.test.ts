/**
 * The changepoints / forecast / decompose commands print the API result with --json
 * (changepoints: the array of changes), on train20k.db (30 days, 20k invocations).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { runAllCli } from '../cli/run-cli.js';

const DB = 'test/fixtures/train20k.db';
const AS_OF = '2026-11-24T19:06:16Z';
const runs = {
  all: ['changepoints', DB, '--as-of', AS_OF, '--json'],
  one: ['changepoints', DB, 'pytest-run', '--metric', 'avg_duration', '--days', '21', '--as-of', AS_OF, '--json'],
  forecast: ['forecast', DB, 'pytest-run', '--hours', '48', '--as-of', AS_OF, '--json'],
  decompose: ['decompose', DB, 'pytest-run', '--hours', '336', '--as-of', AS_OF, '--json'],
  text: ['changepoints', DB, 'pytest-run', '--as-of', AS_OF],
  badMetric: ['changepoints', DB, '--metric', 'bogus', '--json'],
  noSkill: ['forecast', DB, '--json'],
};
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('time-series CLI: changepoints, forecast, decompose', () => {
  let engine: AnalyticsEngine;
  let out: Record<keyof typeof runs, { status: number; stdout: string }>;
  beforeAll(async () => {
    out = await runAllCli(runs);
    engine = await openAnalytics(DB);
  });
  afterAll(async () => engine?.dispose());

  it('changepoints --json prints the array of detectChangepoints (all skills: completion and count)', async () => {
    const api = await engine.timeSeries.detectChangepoints(undefined, { asOf: AS_OF });
    expect(api.changepoints.length).toBeGreaterThan(0);
    expect(new Set(api.changepoints.map((c) => c.metric))).toEqual(new Set(['completion_rate', 'invocation_count']));
    expect(out.all.status).toBe(0);
    expect(JSON.parse(out.all.stdout)).toEqual(asJson(api.changepoints));
    const one = await engine.timeSeries.detectChangepoints('pytest-run', { metric: 'avg_duration_seconds', days: 21, asOf: AS_OF });
    expect(JSON.parse(out.one.stdout)).toEqual(asJson(one.changepoints));
  });
  it('forecast and decompose --json equal the API', async () => {
    expect(JSON.parse(out.forecast.stdout)).toEqual(asJson(await engine.timeSeries.forecast('pytest-run', { hours: 48, asOf: AS_OF })));
    expect(JSON.parse(out.decompose.stdout)).toEqual(asJson(await engine.timeSeries.decompose('pytest-run', { hours: 336, asOf: AS_OF })));
  });
  it('text output, errors and usage', () => {
    expect(out.text.stdout).toMatch(/^window 2026-10-25T00:00:00Z – 2026-11-24T19:06:16Z, days, penalty mbic = 10\.20/);
    expect(out.badMetric.status).toBe(1);
    expect(JSON.parse(out.badMetric.stdout)).toMatchObject({ error: { code: 'INVALID_METRIC' } });
    expect(out.noSkill.status).toBe(2);
  });
});
