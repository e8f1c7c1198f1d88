/**
 * Open + first hourly answer by path, each in a new Node process, as a script or the CLI meets it:
 * `openAnalytics(path)` of the built package (`dist/node`, run `npm run build:node` first), then
 * `aggregateHourlyMetrics({ hours: 24 })`. The clock starts after the package is imported (its
 * import is printed apart) and includes reading the file. Each round, in rotating order:
 * - Python's sqlite3 (`/usr/bin/python3`) reading every row of skill_invocation (timed inside Python);
 * - first open: a new process with an empty cache folder (the entry is saved behind the answer;
 *   the process ends when the save has);
 * - reopen: a new process on the folder the first open filled (the file unchanged on disk);
 * - reopen at once: in the first open's process, right after it (dispose, then open again): its
 *   entry is still being saved, and the reopen waits for that save rather than read the file again.
 * Medians of `--runs` (7); the 1-minute load average of each round is printed.
 *   npx tsx bench/studies/open-fresh-process.ts [--sizes 100000] [--runs 7]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDataFile } from '../data-files.js';
import { environment, flag, saveJson, summarize } from '../harness.js';
import { pythonReadAll } from './open-python-read-all.js';

const runs = Number(flag('runs', '7'));
const sizes = flag('sizes', '100000').split(',').map(Number);
const dist = path.resolve('dist/node/src/node/index.js');
if (!existsSync(dist)) throw new Error(`${dist} is missing: run npm run build:node first`);

interface Opened {
  importMs: number;
  answer: number;
  hourly: number;
  /** The reopen right after (`twice`). */
  again?: { answer: number; hourly: number };
}

/**
 * One open in a new process: import, then open + hourly timed inside it (ms); `twice`: then
 * dispose and the same again at once, in the same process.
 */
function openInNewProcess(file: string, cacheDir: string, twice = false): Opened {
  const script = `
    const t = performance.now();
    const { openAnalytics } = await import(${JSON.stringify(dist)});
    const timed = async () => {
      const t0 = performance.now();
      const engine = await openAnalytics(${JSON.stringify(file)});
      const answer = performance.now() - t0;
      await engine.timeSeries.aggregateHourlyMetrics({ hours: 24 });
      const hourly = performance.now() - t0;
      await engine.dispose();
      return { answer, hourly };
    };
    const t0 = performance.now();
    const first = await timed();
    const again = ${twice} ? await timed() : undefined;
    console.log(JSON.stringify({ importMs: t0 - t, ...first, again }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, SESSION_BUDDY_ANALYTICS_CACHE_DIR: cacheDir, SESSION_BUDDY_ANALYTICS_CACHE: '' },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

const report: Record<string, unknown>[] = [];
for (const n of sizes) {
  const file = await benchDataFile(n);
  const t: Record<string, number[]> = {
    python: [],
    importMs: [],
    firstAnswer: [],
    firstHourly: [],
    reopenAnswer: [],
    reopenHourly: [],
    atOnceAnswer: [],
    atOnceHourly: [],
    load: [],
  };
  let folder = '';
  const steps = [
    () => void t.python.push(pythonReadAll(file)),
    () => {
      // The first open and its reopen, in this order, on a new folder.
      folder = mkdtempSync(path.join(os.tmpdir(), 'sba-fresh-process-'));
      const first = openInNewProcess(file, folder);
      const again = openInNewProcess(file, folder);
      rmSync(folder, { recursive: true, force: true });
      t.importMs.push(first.importMs);
      t.firstAnswer.push(first.answer);
      t.firstHourly.push(first.hourly);
      t.reopenAnswer.push(again.answer);
      t.reopenHourly.push(again.hourly);
    },
    () => {
      folder = mkdtempSync(path.join(os.tmpdir(), 'sba-fresh-process-'));
      const { again } = openInNewProcess(file, folder, true);
      rmSync(folder, { recursive: true, force: true });
      t.atOnceAnswer.push(again!.answer);
      t.atOnceHourly.push(again!.hourly);
    },
  ];
  for (let r = 0; r < runs; r++) {
    t.load.push(os.loadavg()[0]);
    for (let k = 0; k < steps.length; k++) steps[(k + r) % steps.length]();
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, summarize(v).median]));
  const load = `${Math.min(...t.load).toFixed(1)}–${Math.max(...t.load).toFixed(1)}`;
  report.push({ file, invocations: n, runs, medians: m, all: t, load });
  const f = (x: number) => x.toFixed(0);
  const r2 = (x: number) => x.toFixed(2);
  console.log(`\n### ${file}: ${n} invocations, a new process per open; median of ${runs}; load average ${load}; import ${f(m.importMs)} ms (not in the clock)\n`);
  console.log('| | answer (open() resolved) | + first hourly, 24 h |\n|---|---:|---:|');
  console.log(`| Python sqlite3 read-all | ${f(m.python)} ms | |`);
  console.log(`| first open, by path | ${f(m.firstAnswer)} ms | ${f(m.firstHourly)} ms = ${r2(m.firstHourly / m.python)}× Python |`);
  console.log(
    `| reopen, by path | ${f(m.reopenAnswer)} ms = ${r2(m.reopenAnswer / m.firstAnswer)}× first | ${f(m.reopenHourly)} ms = ${r2(m.reopenHourly / m.firstHourly)}× first |`,
  );
  console.log(
    `| reopen at once, same process | ${f(m.atOnceAnswer)} ms = ${r2(m.atOnceAnswer / m.firstAnswer)}× first | ${f(m.atOnceHourly)} ms = ${r2(m.atOnceHourly / m.firstHourly)}× first |`,
  );
}
console.log(`\nsaved ${await saveJson('open-fresh-process', { environment: environment(), report })}`);
