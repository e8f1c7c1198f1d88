/**
 * Unusual hours on generated hourly counts: session-buddy's z-score against the last 24 h vs the
 * causal anomaly score (`method: 'score'`), as *At a glance* asks (last 24 h, z ≥ 3; --z 2 as the hourly chart).
 * 400 skills × 35 days of Poisson hourly counts with a daily and weekly rhythm (0.2 – 8 invocations
 * an hour at the peak); half get a burst (× 3 – 6 for 1 – 3 hours) inside the last 24 h.
 * A hit: the skill with a burst has a flagged hour inside it; a false flag: any other flagged hour.
 *   npx tsx bench/anomaly-generated.bench.ts [--skills 400] [--seed 1] [--z 3]
 */
import { formatHour } from '../src/engine/time.js';
import { scoreAnomalies, zScoreAnomalies } from '../src/time-series/anomalies.js';
import type { HourlyMetrics } from '../src/time-series/types.js';
import { seededPrng } from './generators/prng.js';
import { flag } from './harness.js';

const skills = Number(flag('skills', '400'));
const z = Number(flag('z', '3'));
const rng = seededPrng(Number(flag('seed', '1')));
const H = 3_600_000_000;
const DAYS = 35;
const T0 = Date.parse('2026-10-01T00:00:00Z') * 1000;
const END = T0 + DAYS * 24 * H;
const window = { asOfSecond: END / 1e6 - 1, startMicros: END - 24 * H, endMicros: END };

function poisson(lambda: number): number {
  let k = 0;
  let p = Math.exp(-lambda);
  let s = p;
  const u = rng.next();
  while (u > s && k < 1000) {
    k++;
    p *= lambda / k;
    s += p;
  }
  return k;
}

const stats = { zscore: { hits: 0, falseFlags: 0 }, score: { hits: 0, falseFlags: 0 } };
let bursts = 0;
for (let s = 0; s < skills; s++) {
  const peak = 0.2 * Math.exp(rng.next() * Math.log(40));
  const burst = s % 2 === 0;
  const start = 24 * (DAYS - 1) + rng.int(22);
  const length = 1 + rng.int(3);
  const factor = 3 + 3 * rng.next();
  if (burst) bursts++;
  const rows: HourlyMetrics[] = [];
  for (let h = 0; h < DAYS * 24; h++) {
    const daily = 0.5 + 0.5 * Math.sin((2 * Math.PI * ((h % 24) - 8)) / 24);
    const weekly = Math.floor(h / 24) % 7 >= 5 ? 0.4 : 1;
    const inBurst = burst && h >= start && h < start + length;
    const count = poisson(peak * (0.1 + daily) * weekly * (inBurst ? factor : 1));
    if (count > 0) rows.push({ timestamp: formatHour(T0 + h * H), skillName: 's', invocationCount: count, completionRate: 1, avgDurationSeconds: 1, uniqueSessions: 1 });
  }
  const isBurst = (t: string): boolean => burst && Date.parse(t) * 1000 >= T0 + start * H && Date.parse(t) * 1000 < T0 + (start + length) * H;
  const lastDay = rows.filter((r) => Date.parse(r.timestamp) * 1000 >= window.startMicros);
  const found = {
    zscore: zScoreAnomalies(lastDay, 'invocation_count', z, 'zero'),
    score: scoreAnomalies(rows, { skillName: 's', metric: 'invocation_count', zThreshold: z, window, baselineDays: 28, minBaseline: 5, firstInvocationMicros: T0 }),
  };
  for (const m of ['zscore', 'score'] as const) {
    if (found[m].some((a) => isBurst(a.timestamp))) stats[m].hits++;
    stats[m].falseFlags += found[m].filter((a) => !isBurst(a.timestamp)).length;
  }
}
console.log(`${skills} skills, ${bursts} with a burst in the last 24 h (z ≥ ${z})`);
for (const m of ['zscore', 'score'] as const) {
  console.log(
    `${m}: bursts found ${stats[m].hits}/${bursts} (${((100 * stats[m].hits) / bursts).toFixed(1)} %), false flags ${stats[m].falseFlags} (${(stats[m].falseFlags / skills).toFixed(3)} per skill-day)`,
  );
}
