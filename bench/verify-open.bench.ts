/**
 * What `open({ verify })` adds to opening: the same file opened with verify 'none', 'quick' and
 * 'full', interleaved, medians of several runs (warm engine: DuckDB started once).
 *   npx tsx bench/verify-open.bench.ts [--runs 3] [--sizes 100000,1000000]
 * Generated files come from bench/data/ (made with generate-skills-db.ts when missing).
 */
import { readFileSync } from 'node:fs';
import { createEngine } from '../src/node/index.js';
import { benchDataFile } from './data-files.js';
import { environment, saveJson, summarize } from './harness.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', '3'));
const sizes = arg('sizes', '100000,1000000').split(',').filter(Boolean).map(Number);
const files: [string, string][] = [['sample.db (2k)', 'test/fixtures/sample.db'], ...(await Promise.all(sizes.map(async (n): Promise<[string, string]> => [`generated ${n}`, await benchDataFile(n)])))];

const engine = createEngine();
const rows: Record<string, unknown>[] = [];
for (const [label, file] of files) {
  const bytes = new Uint8Array(readFileSync(file));
  const times: Record<string, number[]> = { none: [], quick: [], full: [] };
  await engine.open(bytes.slice(), { verify: 'none' }); // warm-up
  for (let r = 0; r < RUNS; r++) {
    for (const mode of ['none', 'quick', 'full'] as const) {
      const t0 = performance.now();
      await engine.open(bytes.slice(), { verify: mode });
      times[mode].push(performance.now() - t0);
    }
  }
  const none = summarize(times.none).median;
  // The check's own cost: the same open with and without it, run by run (interleaved).
  const added = (mode: 'quick' | 'full') => summarize(times[mode].map((t, i) => t - times.none[i])).median;
  const row = {
    file: label,
    mib: +(bytes.byteLength / 2 ** 20).toFixed(1),
    openNoneMs: Math.round(none),
    openQuickMs: Math.round(summarize(times.quick).median),
    openFullMs: Math.round(summarize(times.full).median),
    quickAddedMs: Math.round(added('quick')),
    fullAddedMs: Math.round(added('full')),
    quickAddedPct: +((100 * added('quick')) / none).toFixed(1),
    fullAddedPct: +((100 * added('full')) / none).toFixed(1),
  };
  rows.push(row);
  console.log(JSON.stringify(row));
}
await engine.dispose();
console.table(rows);
console.log('saved', await saveJson('verify-open', { environment: environment(), runs: RUNS, rows }));
