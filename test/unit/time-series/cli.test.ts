/**
 * The CLI prints exactly the API result with --json (run as a child process, see test/unit/cli/run-cli.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { runAllCli } from '../cli/run-cli.js';

const DB = 'test/fixtures/sample.db';
const AS_OF = '2026-11-24 19:05:46';

// Each run starts a process and DuckDB (seconds): start them all at once, check them in the tests.
const runs = {
  hourly: ['hourly', DB, '--skill', 'pytest-run', '--hours', '48', '--as-of', AS_OF, '--fill', '--json'],
  trendOne: ['trend', DB, 'refactor-apply', '--metric', 'avg_duration_seconds', '--window-days', '7', '--as-of', AS_OF, '--json'],
  trendAll: ['trend', DB, '--min-invocations', '20', '--as-of', AS_OF, '--json'],
  anomalies: ['anomalies', DB, 'pytest-run', '--metric', 'avg_duration_seconds', '--hours', '168', '--z', '2', '--as-of', AS_OF, '--json'],
  badMetric: ['anomalies', DB, 'pytest-run', '--metric', 'bogus', '--json'],
  usage: ['trend', DB, 'pytest-run', '--min-invocations', '5', '--json'],
  human: ['hourly', DB, '--skill', 'pytest-run', '--as-of', AS_OF],
};
type RunName = keyof typeof runs;

/** JSON round trip of an API result (what --json can print). */
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('time-series CLI', () => {
  let engine: AnalyticsEngine;
  let out: Record<RunName, { status: number; stdout: string }>;
  beforeAll(async () => {
    out = await runAllCli(runs);
    engine = await openAnalytics(DB);
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it('hourly --json equals aggregateHourlyMetrics', async () => {
    expect(out.hourly.status).toBe(0);
    expect(JSON.parse(out.hourly.stdout)).toEqual(asJson(await engine.timeSeries.aggregateHourlyMetrics({ skillName: 'pytest-run', hours: 48, asOf: AS_OF, fill: true })));
  });

  it('trend SKILL --json equals detectTrend; trend without SKILL equals getMultiSkillTrends', async () => {
    expect(JSON.parse(out.trendOne.stdout)).toEqual(asJson(await engine.timeSeries.detectTrend('refactor-apply', { metric: 'avg_duration_seconds', windowDays: 7, asOf: AS_OF })));
    const api = await engine.timeSeries.getMultiSkillTrends({ minInvocations: 20, asOf: AS_OF });
    expect(Object.keys(api).length).toBeGreaterThan(3);
    expect(JSON.parse(out.trendAll.stdout)).toEqual(asJson(api));
  });

  it('anomalies --json equals getAnomalyDetection', async () => {
    const api = await engine.timeSeries.getAnomalyDetection('pytest-run', { metric: 'avg_duration_seconds', windowHours: 168, zThreshold: 2, asOf: AS_OF });
    expect(api).toHaveLength(1);
    expect(JSON.parse(out.anomalies.stdout)).toEqual(asJson(api));
  });

  it('errors: one JSON document and exit 1; usage errors exit 2; human output is a table', () => {
    expect(out.badMetric.status).toBe(1);
    expect(JSON.parse(out.badMetric.stdout)).toMatchObject({ error: { code: 'INVALID_METRIC' } });
    expect(out.usage.status).toBe(2);
    expect(JSON.parse(out.usage.stdout)).toMatchObject({ error: { code: 'USAGE' } });
    const text = out.human.stdout;
    expect(text.split('\n')[0]).toMatch(/^timestamp\s+skillName\s+invocationCount\s+completionRate\s+avgDurationSeconds\s+uniqueSessions$/);
    expect(text).toContain('2026-11-24T14:00:00Z  pytest-run  9');
  });
});
