/**
 * session-buddy's own path for the hourly-span aggregate: Python's sqlite3 (`/usr/bin/python3`)
 * running session-buddy's SQL (session-buddy-sql.ts) and fetching every row, beside our API
 * (`timeSeries.aggregateHourlyMetrics` over the whole span), medians of `--runs` (default 5):
 *   npx tsx bench/python-hourly.ts [--size 100000] [--runs 5]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createEngine } from '../src/node/index.js';
import { benchDataFile } from './data-files.js';
import { summarize } from './harness.js';
import { sqliteHourlySql, sqliteWindowParams } from './session-buddy-sql.js';

const flag = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(flag('runs', '5'));
const file = await benchDataFile(Number(flag('size', '100000')));
const engine = createEngine();
const info = await engine.open(new Uint8Array(readFileSync(file)));
const asOf = engine.context().defaultAsOfMicros!;
const hours = Math.ceil((asOf - Date.parse(info.firstInvocation!) * 1000) / 3.6e9) + 1;
const [a, b] = sqliteWindowParams(asOf, `-${hours} hours`);
const script = `import sqlite3, time, sys
c = sqlite3.connect(sys.argv[1])
t = time.perf_counter()
rows = c.execute(sys.argv[2], (sys.argv[3], sys.argv[4])).fetchall()
print((time.perf_counter() - t) * 1000, len(rows))`;
const python: number[] = [];
const ours: number[] = [];
let pyRows = 0;
let ourRows = 0;
await engine.timeSeries.aggregateHourlyMetrics({ hours, asOf: info.asOf! }); // warm-up
for (let r = 0; r < runs; r++) {
  const [ms, n] = execFileSync('/usr/bin/python3', ['-c', script, file, sqliteHourlySql(), a, b]).toString().trim().split(' ').map(Number);
  python.push(ms);
  pyRows = n;
  const t = performance.now();
  ourRows = (await engine.timeSeries.aggregateHourlyMetrics({ hours, asOf: info.asOf! })).length;
  ours.push(performance.now() - t);
}
await engine.dispose();
const py = summarize(python).median;
const api = summarize(ours).median;
console.log(`| ${file} (${hours} h) | Python sqlite3 (session-buddy SQL) | ${py.toFixed(0)} ms, ${pyRows} rows |`);
console.log(`| | our API aggregateHourlyMetrics | ${api.toFixed(1)} ms, ${ourRows} rows |`);
console.log(`| | Python / ours | ${(py / api).toFixed(1)}× |`);
