/**
 * Where Node open spends its time, per phase, per 1k rows:
 *   npx tsx bench/open-profile.ts [--runs 5] [--sizes 100000,1000000]
 * Phases come from open()'s progress events: reading (file → sql.js opened and checked),
 * validating (reading skill_invocation into columns), loading (columns → DuckDB, summary query).
 * Each file is opened `runs` times in a warm engine (DuckDB already started) after a cold open in
 * a new engine (DuckDB's start included: coldMs); medians are shown.
 */
import { readFileSync } from 'node:fs';
import { createEngine } from '../src/node/index.js';
import { benchDataFile } from './data-files.js';
import { environment, saveJson, summarize } from './harness.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', '5'));
const sizes = arg('sizes', '100000,1000000').split(',').filter(Boolean).map(Number);
const files: [string, string][] = [
  ['train20k.db', 'test/fixtures/train20k.db'],
  ...(await Promise.all(sizes.map(async (n): Promise<[string, string]> => [`generated ${n}`, await benchDataFile(n)]))),
];

const rows: Record<string, unknown>[] = [];
let engine = createEngine();
for (const [label, file] of files) {
  const bytes = new Uint8Array(readFileSync(file));
  await engine.dispose();
  engine = createEngine();
  const c0 = performance.now();
  await engine.open(bytes.slice());
  const coldMs = Math.round(performance.now() - c0);
  const phases: Record<string, number[]> = { reading: [], validating: [], loading: [], total: [] };
  let n = 0;
  for (let r = 0; r <= RUNS; r++) {
    const first: Record<string, number> = {};
    const t0 = performance.now();
    const info = await engine.open(bytes.slice(), {
      onProgress: (p) => {
        first[p.phase] ??= performance.now();
      },
    });
    const end = performance.now();
    n = info.rows;
    if (r === 0) continue; // warm-up (the cold open above started DuckDB)
    phases.reading.push((first.validating ?? end) - t0);
    phases.validating.push((first.loading ?? end) - (first.validating ?? end));
    phases.loading.push(end - (first.loading ?? end));
    phases.total.push(end - t0);
  }
  const row: Record<string, unknown> = { file: label, rows: n, coldMs };
  for (const [phase, ms] of Object.entries(phases)) {
    const median = summarize(ms).median;
    row[`${phase}Ms`] = Math.round(median);
    row[`${phase}Per1k`] = Math.round((median / (n / 1000)) * 100) / 100;
  }
  rows.push(row);
  console.error(row);
}
await engine.dispose();
const cols = ['file', 'rows', 'coldMs', 'readingMs', 'validatingMs', 'loadingMs', 'totalMs', 'readingPer1k', 'validatingPer1k', 'loadingPer1k', 'totalPer1k'];
console.log(`\n### Node open by phase (warm engine, median of ${RUNS}; ms and ms per 1k rows)\n`);
console.log(`| ${cols.join(' | ')} |\n|${cols.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${cols.map((c) => r[c]).join(' | ')} |`);
console.log(`\nsaved ${await saveJson('open-profile', { environment: environment(), rows })}`);
