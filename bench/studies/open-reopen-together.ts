/**
 * Open + first hourly answer and reopen from the cache of opens, measured together on the merged
 * main (hourly cube + page reader + cache of opens), one interleaved run per size:
 * each round, in rotating order,
 * - Python's sqlite3 (`/usr/bin/python3`) reading every row of skill_invocation (execute +
 *   fetchall, timed inside Python);
 * - first open: a new engine, `open(bytes, { cache: false })`, then the first hourly call a user
 *   makes, `aggregateHourlyMetrics({ hours: 24 })` (one engine) or the 30-day all-skill call,
 *   `aggregateHourlyMetrics({ hours: 720 })` (another engine);
 * - reopen of the unchanged file: the same with the cache of opens on, in a temporary folder that
 *   already holds the file's entry (written once before the rounds).
 * "answer" = until open() resolves; "+ 24 h" / "+ 720 h" = until that hourly answer (the bytes are
 * copied for each engine before its clock starts). Engines are new each time but in one process
 * (DuckDB's wasm is compiled once per process, as in hourly-cube.ts). Medians of `--runs` (5); the
 * 1-minute load average of each round is printed, and the size of the cache entry on disk.
 *   npx tsx bench/studies/open-reopen-together.ts [--sizes 100000] [--runs 5]
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeOpenCache } from '../../src/node/cache-folder.js';
import { createEngine } from '../../src/node/index.js';
import { benchDataFile } from '../data-files.js';
import { environment, flag, saveJson, summarize } from '../harness.js';
import { pythonReadAll } from './open-python-read-all.js';

const runs = Number(flag('runs', '5'));
const sizes = flag('sizes', '100000').split(',').map(Number);
const folder = mkdtempSync(path.join(os.tmpdir(), 'sba-together-'));
process.env.SESSION_BUDDY_ANALYTICS_CACHE_DIR = folder;
delete process.env.SESSION_BUDDY_ANALYTICS_CACHE;
const med = (xs: number[]) => summarize(xs).median;
const report: Record<string, unknown>[] = [];
try {
  for (const n of sizes) {
    const file = await benchDataFile(n);
    const bytes = new Uint8Array(readFileSync(file));
    // The entry the reopens read, written once (and a warm-up of the code paths).
    const seed = createEngine();
    await seed.open(bytes.slice());
    await seed.timeSeries.aggregateHourlyMetrics({ hours: 24 });
    await nodeOpenCache()!.settled();
    await seed.dispose();
    // One timed run: a new engine, the bytes copied before the clock starts (as a host hands over
    // bytes it has read), open(), then one hourly call.
    const timed = async (cache: boolean, hours: number) => {
      const engine = createEngine();
      const copy = bytes.slice();
      const t0 = performance.now();
      await engine.open(copy, { cache });
      const answer = performance.now() - t0;
      await engine.timeSeries.aggregateHourlyMetrics({ hours });
      const total = performance.now() - t0;
      await engine.dispose();
      return [answer, total];
    };
    // The same two steps for a first open (cache off) and a reopen (cache on, entry present).
    const modes = [
      ['first', false],
      ['reopen', true],
    ] as const;
    const t: Record<string, number[]> = { python: [], load: [] };
    const steps: (() => Promise<void>)[] = [async () => void t.python.push(pythonReadAll(file))];
    for (const [mode, cache] of modes) {
      for (const k of ['Answer', '24', '720']) t[mode + k] = [];
      steps.push(async () => {
        const [a, h] = await timed(cache, 24);
        t[`${mode}Answer`].push(a);
        t[`${mode}24`].push(h);
      });
      steps.push(async () => void t[`${mode}720`].push((await timed(cache, 720))[1]));
    }
    for (let r = 0; r < runs; r++) {
      t.load.push(os.loadavg()[0]);
      for (let k = 0; k < steps.length; k++) await steps[(k + r) % steps.length]();
    }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, med(v)]));
    const entryBytes = readdirSync(folder).reduce((sum, name) => sum + statSync(path.join(folder, name)).size, 0);
    const row = { file, invocations: n, runs, medians: m, all: t, entryBytes, load: `${Math.min(...t.load).toFixed(1)}–${Math.max(...t.load).toFixed(1)}` };
    report.push(row);
    const f = (x: number) => x.toFixed(0);
    const r2 = (x: number) => x.toFixed(2);
    console.log(`\n### ${file}: ${n} invocations; median of ${runs}, interleaved; load average ${row.load} (1 min, per round)\n`);
    console.log('| | answer (open() resolved) | + first hourly, 24 h | + hourly 720 h, all skills |\n|---|---:|---:|---:|');
    console.log(`| Python sqlite3 read-all | ${f(m.python)} ms | | |`);
    console.log(
      `| first open (cache off) | ${f(m.firstAnswer)} ms | ${f(m.first24)} ms = ${r2(m.first24 / m.python)}× Python | ${f(m.first720)} ms = ${r2(m.first720 / m.python)}× Python |`,
    );
    console.log(
      `| reopen (cache on, entry present) | ${f(m.reopenAnswer)} ms = ${r2(m.reopenAnswer / m.firstAnswer)}× first | ${f(m.reopen24)} ms = ${r2(m.reopen24 / m.first24)}× first | ${f(m.reopen720)} ms = ${r2(m.reopen720 / m.first720)}× first |`,
    );
    console.log(`\ncache entry on disk: ${(entryBytes / 2 ** 20).toFixed(1)} MiB (${(entryBytes / n).toFixed(1)} bytes a row)`);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
console.log(`\nsaved ${await saveJson('open-reopen-together', { environment: environment(), report })}`);
