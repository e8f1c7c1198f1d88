/**
 * Where Node open spends its time, per phase, per 1k rows, and what the cache of opens saves:
 *   npx tsx bench/studies/open-profile.ts [--runs 5] [--sizes 100000,1000000] [--skip-phases] [--by-path] [--engine wasm|native]
 * `--engine native`: the warm engine's warehouse is native DuckDB (`@duckdb/node-api`), as
 * `openAnalytics(path)` picks it from 32 MiB; default DuckDB-WASM.
 * First table (one run = every column once, interleaved, so ratios share the machine's load):
 * Python's sqlite3 reading every invocation; the two readers of skill_invocation on the same bytes
 * (sql.js row by row = the reader before, the page reader = open()'s reader now, both through the
 * same validation); open() in an engine whose DuckDB has started, first with an empty cache folder
 * ("first open") then again with the entry it saved ("reopen"): until open() answers, and until a
 * first hourly answer (aggregateHourlyMetrics, last 24 h, all skills). Cache folders are
 * temporary (never ~/.cache).
 * Phases come from open()'s progress events: reading (file → sql.js opened and checked),
 * validating (reading skill_invocation into columns), loading (columns → DuckDB, after open() has
 * answered, until the 'done' event).
 * Each file is opened `runs` times in a warm engine (DuckDB already started) after a cold open in
 * a new engine (DuckDB's start included: coldMs); medians are shown. Beside them, reading every
 * invocation (id, skill, time, session, completed, duration, phase): Python's sqlite3
 * (`/usr/bin/python3`, fetchall, times left as text) and sql.js row by row (`stmt.get()`, times
 * left as text) — what a reader costs before any parsing; ours = open() until it answers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnalyticsEngine } from '../../src/analytics/AnalyticsEngine.js';
import { OpenCache } from '../../src/engine/cache/open-cache.js';
import { ownBytes } from '../../src/engine/open-source.js';
import { databaseFilesForOpen } from '../../src/node/read-database.js';
import { SkillsDatabase } from '../../src/engine/SkillsDatabase.js';
import { readInvocationsInMemory } from '../../src/engine/sqlite-pages/read-in-memory.js';
import { folderStore, nodeChecksums } from '../../src/node/cache-folder.js';
import { nodeHost } from '../../src/node/host.js';
import { hostFor } from '../../src/node/native/engine-choice.js';
import { createEngine } from '../../src/node/index.js';
import { benchDataFile } from '../data-files.js';
import { environment, flag, saveJson, summarize } from '../harness.js';
import { pythonReadAll, READ_ALL_SQL as select } from './open-python-read-all.js';

const RUNS = Number(flag('runs', '5'));
const byPath = process.argv.includes('--by-path');
const sizes = flag('sizes', '100000,1000000').split(',').filter(Boolean).map(Number);
const files: [string, string][] = [
  ['train20k.db', 'test/fixtures/train20k.db'],
  ...(await Promise.all(sizes.map(async (n): Promise<[string, string]> => [`generated ${n}`, await benchDataFile(n)]))),
];

// ---- first open vs reopen from the cache, beside Python and the two readers ----
const reopenRows: Record<string, unknown>[] = [];
{
  let folder = '';
  let cache: OpenCache | null = null;
  const fresh = () => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = mkdtempSync(path.join(os.tmpdir(), 'sba-open-profile-'));
    cache = new OpenCache(folderStore(folder), nodeChecksums);
  };
  fresh();
  const warm = new AnalyticsEngine({ ...hostFor(flag('engine', 'wasm') === 'native' ? 'native' : 'wasm'), openCache: () => cache });
  const SQL = await nodeHost.loadSqlJs();
  for (const [label, file] of files) {
    const bytes = new Uint8Array(readFileSync(file));
    await warm.open(bytes.slice(), { cache: false }); // DuckDB started, code warm
    await warm.timeSeries.aggregateHourlyMetrics({ hours: 24 });
    const t: Record<string, number[]> = { python: [], sqljsReader: [], pageReader: [], firstAnswer: [], firstHourly: [], reopenAnswer: [], reopenHourly: [], load: [] };
    const timedOpen = async () => {
      // As openAnalytics(path) reads them: the library's own bytes (a first open with no entry of
      // this length does not wait for the content key; a caller's Uint8Array is hashed first).
      // --by-path: as openAnalytics(path) reads them, inside the clock: with their identity on disk, the
      // entry read meanwhile; on a reopen the unchanged file is not read (sql.js reads it on first use).
      const own = byPath ? null : ownBytes(bytes.slice());
      // The warehouse's load behind the answer is awaited after the clock (the next open starts on a quiet thread).
      let loaded!: () => void;
      const done = new Promise<void>((r) => (loaded = r));
      const onProgress = (p: { phase: string }) => void (p.phase === 'done' && loaded());
      const t0 = performance.now();
      if (own) await warm.open(own, { onProgress });
      else {
        const { data, wal } = await databaseFilesForOpen(file, cache!);
        await warm.open([{ data, wal }], { onProgress });
      }
      const answer = performance.now() - t0;
      await warm.timeSeries.aggregateHourlyMetrics({ hours: 24 });
      const hourly = performance.now() - t0;
      await done;
      return [answer, hourly];
    };
    for (let r = 0; r < RUNS; r++) {
      t.python.push(pythonReadAll(file));
      const db = SkillsDatabase.open(SQL, bytes);
      let t0 = performance.now();
      const ref = db.readInvocations();
      t.sqljsReader.push(performance.now() - t0);
      const total = ref.columns.length;
      db.close();
      t0 = performance.now();
      await readInvocationsInMemory(bytes, total);
      t.pageReader.push(performance.now() - t0);
      fresh();
      const [a, h] = await timedOpen();
      t.firstAnswer.push(a);
      t.firstHourly.push(h);
      await cache!.settled();
      const [ra, rh] = await timedOpen();
      t.reopenAnswer.push(ra);
      t.reopenHourly.push(rh);
      t.load.push(os.loadavg()[0]);
    }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, summarize(v).median]));
    const row = {
      file: label,
      pythonReadAllMs: Math.round(m.python),
      sqljsReaderMs: Math.round(m.sqljsReader),
      pageReaderMs: Math.round(m.pageReader),
      firstAnswerMs: Math.round(m.firstAnswer),
      firstHourlyMs: Math.round(m.firstHourly),
      reopenAnswerMs: Math.round(m.reopenAnswer),
      reopenHourlyMs: Math.round(m.reopenHourly),
      firstHourlyVsPython: +(m.firstHourly / m.python).toFixed(2),
      reopenHourlyVsPython: +(m.reopenHourly / m.python).toFixed(2),
      reopenVsFirstAnswer: +(m.reopenAnswer / m.firstAnswer).toFixed(2),
      reopenVsFirstHourly: +(m.reopenHourly / m.firstHourly).toFixed(2),
      load: `${Math.min(...t.load).toFixed(1)}-${Math.max(...t.load).toFixed(1)}`,
    };
    reopenRows.push(row);
    console.error(row);
  }
  await warm.dispose();
  rmSync(folder, { recursive: true, force: true });
}
const reopenCols = Object.keys(reopenRows[0] ?? {});
console.log(`\n### First open vs reopen from the cache (warm DuckDB, median of ${RUNS}, interleaved; ms)\n`);
console.log(`| ${reopenCols.join(' | ')} |\n|${reopenCols.map(() => '---').join('|')}|`);
for (const r of reopenRows) console.log(`| ${reopenCols.map((c) => r[c]).join(' | ')} |`);
if (process.argv.includes('--skip-phases')) {
  console.log(`\nsaved ${await saveJson('open-profile', { environment: environment(), reopen: reopenRows })}`);
  process.exit(0);
}

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
      cache: false,
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
  for (let r = 0; r < RUNS; r++) {
    python.push(pythonReadAll(file));
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
console.log(`\nsaved ${await saveJson('open-profile', { environment: environment(), reopen: reopenRows, rows })}`);
