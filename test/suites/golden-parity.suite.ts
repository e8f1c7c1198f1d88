/**
 * Parity with session-buddy: every entry of test/fixtures/{sample,legacy}.golden.json (upstream's
 * own output on the same file, with `sqlite_now` as its "now") is reproduced with asOf = sqlite_now.
 * Counts and labels equal; floats within 1e-9 relative; p-values within 1e-7 relative.
 * Runs in Node (test/unit/time-series/golden-parity.test.ts) and through the worker in Chromium
 * (test/e2e/shared-suites.spec.ts).
 */
import { readFileSync } from 'node:fs';
import type { Database } from 'sql.js';
import { goldenChecks, loadGolden, num } from './golden.js';
import { openSqlJs, rowsOf } from './sqlite-read.js';
import type { EngineUnderTest, OpenEngine, SuiteHost } from './suite-host.js';

/** Defines the golden-parity suite on a host. */
export function goldenParitySuite({ describe, it, beforeAll, afterAll, expect }: SuiteHost, open: OpenEngine): void {
  const { expectClose, expectTrendParity } = goldenChecks(expect);
  for (const name of ['sample', 'legacy'] as const) {
    const golden = loadGolden(name);

    describe(`session-buddy parity: ${name}.golden.json`, () => {
      let engine: EngineUnderTest;
      let file: Database;
      beforeAll(async () => {
        engine = await open(`test/fixtures/${name}.db`);
        file = await openSqlJs(readFileSync(`test/fixtures/${name}.db`));
      });
      afterAll(async () => {
        file?.close();
        await engine?.dispose();
      });

      for (const [key, entry] of Object.entries(golden.aggregate_hourly_metrics)) {
        it(`aggregate_hourly_metrics ${key}`, async () => {
          const [, skill, hours] = /^(.*)_h(\d+)$/.exec(key)!;
          const skillName = skill === 'all' ? undefined : skill;
          const ours = await engine.timeSeries.aggregateHourlyMetrics({ skillName, hours: Number(hours), asOf: entry.sqlite_now });
          expect(ours.length).toBe(entry.result.length);
          // Which hours have no known duration, asked of SQLite itself (sql.js in Node) with upstream's window.
          const noDuration = new Set(
            rowsOf<{ h: string; s: string }>(
              file,
              `SELECT strftime('%Y-%m-%dT%H:00:00', invoked_at) AS h, skill_name AS s FROM skill_invocation
                 WHERE datetime(invoked_at) >= datetime(?, '-${Number(hours)} hours') ${skillName ? 'AND skill_name = ?' : ''}
                 GROUP BY s, h HAVING count(duration_seconds) = 0`,
              skillName ? [entry.sqlite_now, skillName] : [entry.sqlite_now],
            ).map((r) => `${r.s}|${r.h}`),
          );
          entry.result.forEach((up, i) => {
            const o = ours[i];
            expect(o.timestamp).toBe(`${up.timestamp as string}Z`);
            expect(o.skillName).toBe(up.skill_name);
            expect(o.invocationCount).toBe(up.invocation_count);
            expect(o.uniqueSessions).toBe(up.unique_sessions);
            expectClose(o.completionRate, num(up.completion_rate));
            if (noDuration.has(`${o.skillName}|${up.timestamp as string}`)) {
              // upstream: AVG(duration_seconds) is NULL, then `or 0.0`; ours: null
              expect(up.avg_duration_seconds).toBe(0);
              expect(o.avgDurationSeconds).toBeNull();
            } else expectClose(o.avgDurationSeconds, num(up.avg_duration_seconds));
          });
          if (key.startsWith('all_h168') || key === 'pytest-run_h168') expect(noDuration.size).toBeGreaterThan(0);
        });
      }

      for (const [key, entry] of Object.entries(golden.detect_trend)) {
        it(`detect_trend ${key}`, async () => {
          const [skill, metric, days] = key.split('|');
          const ours = await engine.timeSeries.detectTrend(skill, { metric, windowDays: Number(days), asOf: entry.sqlite_now });
          expectTrendParity(ours, entry.result, entry.aux_daily_series);
          if (metric === 'bogus_metric') expect(ours).toMatchObject({ trend: 'invalid_metric', points: [], metric: 'bogus_metric' });
          if (skill === 'no-such-skill') expect(ours).toMatchObject({ trend: 'insufficient_data', points: [], startValue: null, changePercent: null });
        });
      }

      for (const [key, entry] of Object.entries(golden.get_multi_skill_trends)) {
        it(`get_multi_skill_trends ${key}`, async () => {
          const [metric, days, min] = key.split('|');
          const ours = await engine.timeSeries.getMultiSkillTrends({ metric, windowDays: Number(days), minInvocations: Number(min.replace('min', '')), asOf: entry.sqlite_now });
          // same skills qualify, in upstream's order (invocations in the window, most first)
          expect(Object.keys(ours)).toEqual(Object.keys(entry.result));
          for (const [skill, up] of Object.entries(entry.result)) expectTrendParity(ours[skill], up);
        });
      }

      for (const [key, entry] of Object.entries(golden.get_anomaly_detection)) {
        it(`get_anomaly_detection ${key}`, async () => {
          const [skill, metric, hours, z] = key.split('|');
          const ours = await engine.timeSeries.getAnomalyDetection(skill, {
            metric: metric as 'completion_rate',
            windowHours: Number(hours.replace('h', '')),
            zThreshold: Number(z.replace('z', '')),
            asOf: entry.sqlite_now,
          });
          expect(ours.length).toBe(entry.result.length);
          entry.result.forEach((up, i) => {
            expect(ours[i]).toMatchObject({
              timestamp: `${up.timestamp as string}Z`,
              skillName: up.skill_name,
              metric: up.metric,
              deviationType: up.deviation_type,
              method: 'zscore',
            });
            expectClose(ours[i].value, num(up.value));
            expectClose(ours[i].zScore, num(up.z_score));
          });
        });
      }
    });
  }
}
