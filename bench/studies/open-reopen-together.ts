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
 * "answer" = until open() resolves; "+ 24 h" / "+ 720 h" = until that hourly answer. Engines are
 * new each time but in one process (DuckDB's wasm is compiled once per process, as in
 * hourly-cube.ts). Medians of `--runs` (5); the 1-minute load average of each round is printed.
 *   npx tsx bench/studies/open-reopen-together.ts [--sizes 100000] [--runs 5]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeOpenCache } from '../../src/node/cache-folder.js';
import { createEngine } from '../../src/node/index.js';
import { benchDataFile } from '../data-files.js';
import { environment, saveJson, summarize } from '../harness.js';
import { pythonReadAll } from './open-python-read-all.js';

const flag = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
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
    const timed = async (cache: boolean, hours: number) => {
      const engine = createEngine();
      const t0 = performance.now();
      await engine.open(bytes.slice(), { cache });
      const answer = performance.now() - t0;
      await engine.timeSeries.aggregateHourlyMetrics({ hours });
      const total = performance.now() - t0;
      await engine.dispose();
      return [answer, total];
    };
    const t: Record<string, number[]> = { python: [], firstAnswer: [], first24: [], first720: [], reopenAnswer: [], reopen24: [], reopen720: [], load: [] };
    const steps: [string, () => Promise<void>][] = [
      ['python', async () => void t.python.push(pythonReadAll(file))],
      [
        'first24',
        async () => {
          const [a, h] = await timed(false, 24);
          t.firstAnswer.push(a);
          t.first24.push(h);
        },
      ],
      ['first720', async () => void t.first720.push((await timed(false, 720))[1])],
      [
        'reopen24',
        async () => {
          const [a, h] = await timed(true, 24);
          t.reopenAnswer.push(a);
          t.reopen24.push(h);
        },
      ],
      ['reopen720', async () => void t.reopen720.push((await timed(true, 720))[1])],
    ];
    for (let r = 0; r < runs; r++) {
      t.load.push(os.loadavg()[0]);
      for (let k = 0; k < steps.length; k++) await steps[(k + r) % steps.length][1]();
    }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, med(v)]));
    const row = { file, invocations: n, runs, medians: m, all: t, load: `${Math.min(...t.load).toFixed(1)}–${Math.max(...t.load).toFixed(1)}` };
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
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
console.log(`\nsaved ${await saveJson('open-reopen-together', { environment: environment(), report })}`);
