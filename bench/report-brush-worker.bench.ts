/**
 * The worker's work for one report brush, in Node: the library calls the report makes for a
 * 24-hour selection ending at the file's last hour, moved back one hour RUNS times (the glance's
 * trends, level changes and all-skills anomalies, the trends panel's same reads, the hourly
 * panel's sum of the selected hours), each timed alone and the brush's calls together.
 * Run: `npx tsx bench/report-brush-worker.bench.ts [RUNS] FILE` (e.g. bench/data/skills-1m.db).
 */
import { loadavg } from 'node:os';
import { openAnalytics } from '../src/node/index.js';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 10);
const file = args.find((a) => !/^\d+$/.test(a) && !a.startsWith('-')) ?? 'test/fixtures/sample.db';
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const analytics = await openAnalytics(file);
const info = await analytics.info();
const lastHour = Math.ceil(Date.parse(info.asOf!) / 3_600_000) * 3_600_000;
const ts = analytics.timeSeries;
const metric = 'completion_rate';
const calls = {
  trends: (asOf: string, days: number) => ts.getMultiSkillTrends({ metric, windowDays: days, minInvocations: 10, asOf }),
  changes: (asOf: string) => ts.detectChangepoints(undefined, { metric, days: 30, minInvocations: 10, asOf }),
  anomalies: (asOf: string, hours: number) => ts.getMultiSkillAnomalies({ metric, windowHours: hours, zThreshold: 3, method: 'score', asOf }),
  hourly: (asOf: string, hours: number, skill: string) => ts.aggregateHourlyMetrics({ skillName: skill, asOf, hours }),
};
const skill = Object.keys(await calls.trends(new Date(lastHour - 1000).toISOString(), 1))[0];
const times: Record<string, number[]> = { trends: [], changes: [], anomalies: [], hourly: [], together: [] };
// Runs + 1 moves; the first warms the engine and is not counted.
for (let r = 0; r <= runs; r++) {
  const to = lastHour - r * 3_600_000;
  const asOf = new Date(to - 1000).toISOString();
  const t0 = performance.now();
  await Promise.all([calls.trends(asOf, 1), calls.changes(asOf), calls.anomalies(asOf, 24), calls.hourly(asOf, 24, skill)]);
  const together = performance.now() - t0;
  // Each alone, one hour further on (no answer kept from the brush above).
  const alone = new Date(to - 1000 - 86_400_000 * 2).toISOString();
  const each: Record<string, number> = {};
  for (const [name, run] of [
    ['trends', () => calls.trends(alone, 1)],
    ['changes', () => calls.changes(alone)],
    ['anomalies', () => calls.anomalies(alone, 24)],
    ['hourly', () => calls.hourly(alone, 24, skill)],
  ] as const) {
    const t = performance.now();
    await run();
    each[name] = performance.now() - t;
  }
  if (r === 0) continue;
  times.together.push(together);
  for (const k of Object.keys(each)) times[k].push(each[k]);
}
console.log(
  `${file}: ${runs} brushes, median ms: ${Object.entries(times)
    .map(([k, v]) => `${k} ${median(v).toFixed(1)} (min ${Math.min(...v).toFixed(1)})`)
    .join(', ')}; load ${load()}`,
);
await analytics.dispose();
