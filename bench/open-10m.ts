/**
 * 10M invocations (a ~3.9 GB skills.db) in Node: which open paths work and what they take. The file
 * is made by bench/generators/tile-skills-db.ts (10 tiles of the generated 1M file; pass its path).
 * For each warehouse (DuckDB-WASM, native DuckDB), a new engine: `openAnalytics(path)` (a file of
 * 1 GiB or more is read page by page), then the first hourly answer (all skills, 720 h), then the
 * same again in another new engine (the reopen: a paged file has no cache entry). The bytes path
 * (`open(bytes)`, what a browser does) is tried and its error recorded. Peak RSS and the load
 * average are printed with each row.
 *   node --max-old-space-size=14000 --import tsx bench/open-10m.ts --file /work/data/skills-10m.db [--engines wasm,native] [--rounds 2]
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { isAnalyticsError } from '../src/engine/errors.js';
import { createEngine, openAnalytics } from '../src/node/index.js';
import { flag } from './harness.js';

const file = flag('file', 'bench/data/skills-10m.db');
const engines = flag('engines', 'wasm,native').split(',') as ('wasm' | 'native')[];
const rounds = ['first open', 'open again (no cache entry for a paged file)'].slice(0, Number(flag('rounds', '2')));
let peak = 0;
const sample = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 200);
const load = () => os.loadavg()[0].toFixed(1);
const why = (e: unknown) => (isAnalyticsError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? `${(e as NodeJS.ErrnoException).code ?? e.name}: ${e.message}` : String(e));

console.log(`| path | open (answer) | first hourly 720 h | open + hourly | invocations | peak RSS | load average |\n|---|---:|---:|---:|---:|---:|---|`);
for (const engine of engines) {
  for (const round of rounds) {
    const before = load();
    peak = process.memoryUsage().rss;
    try {
      const t0 = performance.now();
      const e = await openAnalytics(file, { engine });
      const t1 = performance.now();
      const rows = await e.timeSeries.aggregateHourlyMetrics({ hours: 720 });
      const t2 = performance.now();
      const info = await e.info();
      await e.dispose();
      console.log(
        `| ${engine}, ${round} | ${((t1 - t0) / 1000).toFixed(1)} s | ${((t2 - t1) / 1000).toFixed(2)} s | ${((t2 - t0) / 1000).toFixed(1)} s | ${info.invocations.toLocaleString('en-US')} (${rows.length} hourly rows) | ${(peak / 2 ** 30).toFixed(1)} GiB | ${before} → ${load()} |`,
      );
    } catch (e) {
      console.log(`| ${engine}, ${round} | fails: ${why(e)} | | | | ${(peak / 2 ** 30).toFixed(1)} GiB | ${before} → ${load()} |`);
    }
  }
}
// The bytes path: reading the file whole, then open(bytes).
try {
  const bytes = new Uint8Array(readFileSync(file));
  await createEngine().open(bytes);
  console.log('| open(bytes) | opened |');
} catch (e) {
  console.log(`| open(bytes), the browser's path | fails: ${why(e)} | | | | | ${load()} |`);
}
clearInterval(sample);
