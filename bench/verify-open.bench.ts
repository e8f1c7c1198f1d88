/**
 * What `open({ verify })` adds to opening: the time of opening with verify 'none' (warm engine:
 * DuckDB started once) and, on the same open file, the time of SQLite's quick_check and
 * integrity_check themselves (the check is pure CPU in sql.js; timing it directly is steadier on a
 * loaded machine than subtracting two opens). Medians of several runs.
 *   npx tsx bench/verify-open.bench.ts [--runs 3] [--sizes 100000,1000000] [--full-up-to 100000]
 * Generated files come from bench/data/ (made with generate-skills-db.ts when missing).
 */
import { readFileSync } from 'node:fs';
import { createEngine } from '../src/node/index.js';
import { benchDataFile } from './data-files.js';
import { environment, flag, saveJson, summarize } from './harness.js';

const RUNS = Number(flag('runs', '3'));
const sizes = flag('sizes', '100000,1000000').split(',').filter(Boolean).map(Number);
const fullUpTo = Number(flag('full-up-to', '100000'));
const files: [string, number, string][] = [
  ['sample.db (2k)', 2000, 'test/fixtures/sample.db'],
  ...(await Promise.all(sizes.map(async (n): Promise<[string, number, string]> => [`generated ${n}`, n, await benchDataFile(n)]))),
];

const engine = createEngine();
const rows: Record<string, unknown>[] = [];
for (const [label, n, file] of files) {
  const bytes = new Uint8Array(readFileSync(file));
  const open: number[] = [];
  const quick: number[] = [];
  const full: number[] = [];
  await engine.open(bytes.slice(), { verify: 'none' }); // warm-up
  for (let r = 0; r < RUNS; r++) {
    let t0 = performance.now();
    await engine.open(bytes.slice(), { verify: 'none' });
    open.push(performance.now() - t0);
    const db = engine.context().db;
    t0 = performance.now();
    db.integrity('quick');
    quick.push(performance.now() - t0);
    if (n <= fullUpTo) {
      t0 = performance.now();
      db.integrity('full');
      full.push(performance.now() - t0);
    }
  }
  const o = summarize(open).median;
  const q = summarize(quick).median;
  const f = full.length ? summarize(full).median : NaN;
  const row = {
    file: label,
    mib: +(bytes.byteLength / 2 ** 20).toFixed(1),
    openMs: Math.round(o),
    quickCheckMs: Math.round(q),
    quickPctOfOpen: +((100 * q) / o).toFixed(1),
    fullCheckMs: Number.isNaN(f) ? null : Math.round(f),
    fullPctOfOpen: Number.isNaN(f) ? null : +((100 * f) / o).toFixed(1),
  };
  rows.push(row);
  console.log(JSON.stringify(row));
}
await engine.dispose();
console.table(rows);
console.log('saved', await saveJson('verify-open', { environment: environment(), runs: RUNS, rows }));
