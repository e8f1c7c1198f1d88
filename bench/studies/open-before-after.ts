/**
 * Open + first hourly answer, this tree against an earlier commit, beside Python's sqlite3 reading
 * every row of skill_invocation (execute + fetchall, timed inside `/usr/bin/python3`), in one
 * interleaved run: each round runs, in rotating order, Python, the earlier commit's engine and this
 * tree's engine — each a new engine, `open(bytes, { cache: false })` (a first open) then
 * `aggregateHourlyMetrics({ hours: 24 })` at once. "answer" = open() resolved; "+ hourly" = that
 * answer too; "tick" = how long a `setTimeout(0)` queued right after open() resolved waits (what
 * runs behind the answer on this thread). Both engines live in one process (DuckDB's wasm is
 * compiled once per process). The earlier commit's `src/` is extracted with `git archive` into a
 * temporary folder. Medians of `--runs`; the 1-minute load average of each round is printed.
 * `--cache off` (default): `open(bytes, { cache: false })`; `--cache first`: the default options
 * (the cache of opens on) with an empty cache folder each time (a first open that saves its entry);
 * `--cache reopen`: the default options with the entry a first open of the same bytes saved (the
 * folder is filled and settled before the timed open).
 * Phases, from open()'s progress events: "bytes" until `reading` 1/1 (bytes read, local copy
 * looked up), "sql.js" until the first `validating` event (sql.js loaded, the file copied into it
 * and its schema read, the integrity check), "reader" until the last `validating` event
 * (skill_invocation read into columns), "to answer" until open() resolved (the file described,
 * the dataset swapped in, and whatever runs before the caller's continuation), "hourly" the first
 * hourly answer after it.
 *   npx tsx bench/studies/open-before-after.ts [--before a0ed5fc] [--sizes 100000,1000000] [--runs 5] [--cache off|first|reopen]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine } from '../../src/node/index.js';
import { benchDataFile } from '../data-files.js';
import { environment, flag, saveJson, summarize } from '../harness.js';
import { pythonReadAll } from './open-python-read-all.js';

const runs = Number(flag('runs', '5'));
const sizes = flag('sizes', '100000').split(',').map(Number);
const before = flag('before', 'a0ed5fc');
const cacheMode = flag('cache', 'off');
if (!['off', 'first', 'reopen'].includes(cacheMode)) throw new Error(`--cache must be off, first or reopen (got ${cacheMode})`);
const dir = mkdtempSync(path.join(os.tmpdir(), 'sba-before-'));
execFileSync('sh', ['-c', `git archive ${before} src package.json | tar -x -C ${dir}`]);
symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
const old = (await import(path.join(dir, 'src/node/index.ts'))) as { createEngine: typeof createEngine };
const med = (xs: number[]) => summarize(xs).median;
const report: Record<string, unknown>[] = [];
try {
  for (const n of sizes) {
    const file = await benchDataFile(n);
    const bytes = new Uint8Array(readFileSync(file));
    const t: Record<string, number[]> = { python: [], load: [] };
    for (const key of ['before', 'now']) for (const m of ['Answer', 'Hourly', 'Tick', 'Bytes', 'Sqljs', 'Reader', 'ToAnswer', 'HourlyAlone']) t[key + m] = [];
    const timed = async (make: typeof createEngine, key: 'before' | 'now') => {
      // Each engine's own empty cache folder (the Node host reads the environment at every open).
      const folder = mkdtempSync(path.join(os.tmpdir(), 'sba-before-cache-'));
      process.env.SESSION_BUDDY_ANALYTICS_CACHE_DIR = folder;
      if (cacheMode === 'reopen') {
        const first = make();
        await first.open(bytes.slice());
        await first.timeSeries.aggregateHourlyMetrics({ hours: 24 });
        await first.dispose();
        await waitForEntry(folder);
      }
      const engine = make();
      const data = bytes.slice();
      const seen: { phase: string; at: number }[] = [];
      const t0 = performance.now();
      await engine.open(data, { cache: cacheMode !== 'off', onProgress: ({ phase }) => void seen.push({ phase, at: performance.now() - t0 }) });
      const answer = performance.now() - t0;
      const bytesRead = seen.filter((e) => e.phase === 'reading').at(-1)?.at ?? 0;
      const validating = seen.filter((e) => e.phase === 'validating');
      const tick = new Promise<number>((resolve) => {
        const q = performance.now();
        setTimeout(() => resolve(performance.now() - q), 0);
      });
      await engine.timeSeries.aggregateHourlyMetrics({ hours: 24 });
      const hourly = performance.now() - t0;
      t[`${key}Answer`].push(answer);
      t[`${key}Hourly`].push(hourly);
      t[`${key}Bytes`].push(bytesRead);
      t[`${key}Sqljs`].push((validating[0]?.at ?? bytesRead) - bytesRead);
      t[`${key}Reader`].push((validating.at(-1)?.at ?? 0) - (validating[0]?.at ?? 0));
      t[`${key}ToAnswer`].push(answer - (validating.at(-1)?.at ?? answer));
      t[`${key}HourlyAlone`].push(hourly - answer);
      t[`${key}Tick`].push(await tick);
      await engine.dispose();
      if (cacheMode === 'first') await waitForEntry(folder); // its save, before the folder goes
      rmSync(folder, { recursive: true, force: true });
    };
    // Warm-up: each engine's code paths once.
    await timed(old.createEngine, 'before');
    await timed(createEngine, 'now');
    for (const k of Object.keys(t)) t[k] = [];
    const steps: (() => Promise<void>)[] = [async () => void t.python.push(pythonReadAll(file)), () => timed(old.createEngine, 'before'), () => timed(createEngine, 'now')];
    for (let r = 0; r < runs; r++) {
      t.load.push(os.loadavg()[0]);
      for (let k = 0; k < steps.length; k++) await steps[(k + r) % steps.length]();
    }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, med(v)]));
    const load = `${Math.min(...t.load).toFixed(1)}–${Math.max(...t.load).toFixed(1)}`;
    report.push({ file, invocations: n, runs, before, cache: cacheMode, medians: m, all: t, load });
    const f = (x: number) => x.toFixed(0);
    const r2 = (x: number) => `${(x / m.python).toFixed(2)}×`;
    console.log(`\n### ${file}: ${n} invocations, cache ${cacheMode}; median of ${runs}, interleaved; load average ${load}\n`);
    console.log('| | answer (÷ Python) | + hourly 24 h (÷ Python) | setTimeout(0) after the answer |\n|---|---:|---:|---:|');
    console.log(`| Python sqlite3 read-all | ${f(m.python)} ms | | |`);
    console.log(`| before (${before}) | ${f(m.beforeAnswer)} ms (${r2(m.beforeAnswer)}) | ${f(m.beforeHourly)} ms (${r2(m.beforeHourly)}) | ${f(m.beforeTick)} ms |`);
    console.log(`| now | ${f(m.nowAnswer)} ms (${r2(m.nowAnswer)}) | ${f(m.nowHourly)} ms (${r2(m.nowHourly)}) | ${f(m.nowTick)} ms |`);
    console.log('\n| phases (medians, ms) | bytes | sql.js | reader | to answer | hourly |\n|---|---:|---:|---:|---:|---:|');
    for (const key of ['before', 'now']) console.log(`| ${key} | ${['Bytes', 'Sqljs', 'Reader', 'ToAnswer', 'HourlyAlone'].map((p) => f(m[key + p])).join(' | ')} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Waits until the cache folder holds a saved entry (the save runs behind open()'s answer). */
async function waitForEntry(folder: string): Promise<void> {
  for (let i = 0; i < 600 && !readdirSync(folder).some((f) => f.endsWith('.sbacols')); i++) await new Promise((r) => setTimeout(r, 50));
}
console.log(`\nsaved ${await saveJson('open-before-after', { environment: environment(), report })}`);
