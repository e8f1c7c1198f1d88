/**
 * Where Node open spends its time, per phase, per 1k rows:
 *   npx tsx bench/studies/open-profile.ts [--runs 5] [--sizes 100000,1000000]
 * Phases come from open()'s progress events: reading (file → sql.js opened and checked),
 * validating (reading skill_invocation into columns), loading (columns → DuckDB, after open() has
 * answered, until the 'done' event).
 * Each file is opened `runs` times in a warm engine (DuckDB already started) after a cold open in
 * a new engine (DuckDB's start included: coldMs); medians are shown. Beside them, reading every
 * invocation (id, skill, time, session, completed, duration, phase): Python's sqlite3
 * (`/usr/bin/python3`, fetchall, times left as text) and sql.js row by row (`stmt.get()`, times
 * left as text) — what a reader costs before any parsing; ours = open() until it answers.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { nodeHost } from '../../src/node/host.js';
import { createEngine } from '../../src/node/index.js';
import { benchDataFile } from '../data-files.js';
import { environment, saveJson, summarize } from '../harness.js';

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
  /** Opens once: when open() answered and when the warehouse had every row ('done'). */
  const timedOpen = async () => {
    const first: Record<string, number> = {};
    let loaded!: () => void;
    const done = new Promise<void>((r) => (loaded = r));
    const t0 = performance.now();
    const info = await engine.open(bytes.slice(), {
      onProgress: (p) => {
        first[p.phase] ??= performance.now();
        if (p.phase === 'done') loaded();
      },
    });
    const answered = performance.now();
    await done;
    const end = first.done;
    return { t0, answered, end, first, rows: info.rows };
  };
  const cold = await timedOpen();
  const coldMs = Math.round(cold.answered - cold.t0);
  const coldLoadedMs = Math.round(cold.end - cold.t0);
  const phases: Record<string, number[]> = { reading: [], validating: [], loading: [], answer: [], total: [] };
  let n = 0;
  for (let r = 0; r <= RUNS; r++) {
    const { t0, answered, end, first, rows: count } = await timedOpen();
    n = count;
    if (r === 0) continue; // warm-up (the cold open above started DuckDB)
    phases.reading.push(first.validating - t0);
    phases.validating.push(first.loading - first.validating);
    phases.loading.push(end - first.loading);
    phases.answer.push(answered - t0);
    phases.total.push(end - t0);
  }
  const python: number[] = [];
  const sqljs: number[] = [];
  const SQL = await nodeHost.loadSqlJs();
  const select = 'SELECT id, skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase FROM skill_invocation ORDER BY id';
  for (let r = 0; r < RUNS; r++) {
    const script = `import sqlite3, time\nc = sqlite3.connect(${JSON.stringify(file)})\nt = time.perf_counter()\nrows = c.execute(${JSON.stringify(select)}).fetchall()\nprint((time.perf_counter() - t) * 1000)`;
    python.push(Number(execFileSync('/usr/bin/python3', ['-c', script]).toString().trim()));
    const db = new SQL.Database(bytes);
    const t = performance.now();
    const stmt = db.prepare(select);
    while (stmt.step()) stmt.get();
    stmt.free();
    sqljs.push(performance.now() - t);
    db.close();
  }
  const row: Record<string, unknown> = {
    file: label,
    rows: n,
    coldMs,
    coldLoadedMs,
    pythonReadAllMs: Math.round(summarize(python).median),
    sqljsReadAllMs: Math.round(summarize(sqljs).median),
  };
  for (const [phase, ms] of Object.entries(phases)) {
    const median = summarize(ms).median;
    row[`${phase}Ms`] = Math.round(median);
    row[`${phase}Per1k`] = Math.round((median / (n / 1000)) * 100) / 100;
  }
  row.oursVsPython = Math.round(((row.answerMs as number) / (row.pythonReadAllMs as number)) * 100) / 100;
  rows.push(row);
  console.error(row);
}
await engine.dispose();
const cols = [
  'file',
  'rows',
  'coldMs',
  'coldLoadedMs',
  'answerMs',
  'readingMs',
  'validatingMs',
  'loadingMs',
  'totalMs',
  'readingPer1k',
  'validatingPer1k',
  'loadingPer1k',
  'pythonReadAllMs',
  'sqljsReadAllMs',
  'oursVsPython',
];
console.log(
  `\n### Node open by phase (warm engine, median of ${RUNS}; ms and ms per 1k rows; coldMs/answerMs = until open() answers (new engine / warm engine), coldLoadedMs/totalMs = until the warehouse has every row ('done'); loading runs behind the answer)\n`,
);
console.log(`| ${cols.join(' | ')} |\n|${cols.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${cols.map((c) => r[c]).join(' | ')} |`);
console.log(`\nsaved ${await saveJson('open-profile', { environment: environment(), rows })}`);
