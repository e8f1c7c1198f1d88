/**
 * The page-by-page reader on big files: rows/s and peak RSS of reading skill_invocation into
 * InvocationColumns (src/engine/sqlite-pages through src/node/read-large-database.ts), beside the
 * sql.js path (whole file in wasm memory: SkillsDatabase.open + readInvocations) where sql.js can
 * hold the file. Each run is its own Node process, so its peak RSS is its own.
 *
 *   npx tsx bench/large-read.bench.ts [--runs 3] [--files bench/data/skills-1m.db,bench/data/skills-10x1m.db] [--sqljs-up-to 500000000] [--native]
 *
 * With --native, each file also goes the whole native way once per run: read page by page, load
 * into a native DuckDB warehouse (src/node/native, `Warehouse.loadInvocations`) and run an hourly
 * per-skill aggregate (count, completion rate, mean duration, distinct sessions) over every row.
 *
 * The 10M-row file comes from bench/generators/tile-skills-db.ts; missing files are skipped with a note.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SkillsDatabase } from '../src/engine/SkillsDatabase.js';
import { nodeHost } from '../src/node/host.js';
import { readLargeDatabase } from '../src/node/read-large-database.js';
import { Warehouse } from '../src/engine/Warehouse.js';
import { nativeHost } from '../src/node/native/native-host.js';
import { environment, flag, saveJson, summarize } from './harness.js';

const HOURLY = `SELECT skill_name, date_trunc('hour', invoked_at) AS hour, count(*) AS invocations, avg(completed) AS completion_rate,
  avg(duration_seconds) AS avg_duration_seconds, count(DISTINCT session_id) AS unique_sessions FROM invocations GROUP BY ALL`;

interface ChildResult {
  rows: number;
  /** --native: loading into native DuckDB, and the hourly aggregate, in ms; result rows. */
  loadMs?: number;
  hourlyMs?: number;
  hourlyRows?: number;
  /** Reading the invocations (open + scan) in ms. */
  readMs: number;
  /** Building the small sql.js file in ms (page-by-page path only). */
  smallMs: number;
  maxRssMB: number;
}

async function child(mode: string, file: string): Promise<void> {
  const SQL = await nodeHost.loadSqlJs();
  let rows: number;
  let readMs: number;
  let smallMs = 0;
  if (mode === 'native') {
    const t0 = performance.now();
    const r = await readLargeDatabase(file, { SQL, wal: null });
    const t1 = performance.now();
    const warehouse = new Warehouse(() => nativeHost.openWarehouse());
    await warehouse.loadInvocations(r.columns);
    const t2 = performance.now();
    const hourly = await warehouse.columns(HOURLY);
    const t3 = performance.now();
    await warehouse.close();
    const result: ChildResult = {
      rows: r.columns.length,
      readMs: t1 - t0,
      smallMs: 0,
      loadMs: t2 - t1,
      hourlyMs: t3 - t2,
      hourlyRows: (hourly.hour as unknown[]).length,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    };
    console.log(JSON.stringify(result));
    return;
  }
  if (mode === 'pages') {
    const t0 = performance.now();
    let tRead = 0;
    const r = await readLargeDatabase(file, {
      SQL,
      wal: null,
      onProgress: () => {
        tRead = performance.now();
      },
    });
    const t1 = performance.now();
    rows = r.columns.length;
    readMs = tRead - t0;
    smallMs = t1 - tRead;
  } else {
    const t0 = performance.now();
    const db = SkillsDatabase.open(SQL, new Uint8Array(readFileSync(file)));
    rows = db.readInvocations().columns.length;
    readMs = performance.now() - t0;
    db.close();
  }
  const result: ChildResult = { rows, readMs, smallMs, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  console.log(JSON.stringify(result));
}

async function main(): Promise<void> {
  const runs = Number(flag('runs', '3'));
  const sqljsUpTo = Number(flag('sqljs-up-to', String(500e6)));
  const files = flag('files', 'bench/data/skills-1m.db,bench/data/skills-10x1m.db').split(',').filter(Boolean);
  const self = fileURLToPath(import.meta.url);
  const results: Record<string, unknown>[] = [];
  const native = ['| file | rows | read incl. small tables s | load into native DuckDB s | hourly aggregate s | total s | peak RSS MB |', '|---|---:|---:|---:|---:|---:|---:|'];
  const lines = ['| file | size | rows | path | read median s (min-max) | rows/s (median) | small tables s | peak RSS MB (max) |', '|---|---:|---:|---|---:|---:|---:|---:|'];
  for (const file of files) {
    if (!existsSync(file)) {
      console.error(`${file}: missing (npx tsx bench/generators/tile-skills-db.ts makes skills-10x1m.db); skipped`);
      continue;
    }
    const size = statSync(file).size;
    const modes = size <= sqljsUpTo ? ['pages', 'sqljs'] : ['pages'];
    if (process.argv.includes('--native')) modes.push('native');
    for (const mode of modes) {
      const got: ChildResult[] = [];
      for (let r = 0; r < runs; r++) {
        const p = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (p.status !== 0) throw new Error(`${mode} on ${file} failed: ${p.stderr}`);
        got.push(JSON.parse(p.stdout.trim().split('\n').pop()!) as ChildResult);
      }
      const read = summarize(got.map((g) => g.readMs));
      const small = summarize(got.map((g) => g.smallMs));
      const rss = Math.max(...got.map((g) => g.maxRssMB));
      const rows = got[0].rows;
      results.push({ file, size, mode, rows, runs: got, readMedianMs: read.median, rowsPerSecond: rows / (read.median / 1000), smallMedianMs: small.median, maxRssMB: rss });
      if (mode === 'native') {
        const load = summarize(got.map((g) => g.loadMs!));
        const hourly = summarize(got.map((g) => g.hourlyMs!));
        native.push(
          `| ${file.split('/').pop()} | ${rows.toLocaleString('en')} | ${(read.median / 1000).toFixed(2)} | ${(load.median / 1000).toFixed(2)} | ${(hourly.median / 1000).toFixed(2)} (${got[0].hourlyRows} rows) | ${((read.median + load.median + hourly.median) / 1000).toFixed(1)} | ${rss.toFixed(0)} |`,
        );
        continue;
      }
      lines.push(
        `| ${file.split('/').pop()} | ${(size / 1e9).toFixed(2)} GB | ${rows.toLocaleString('en')} | ${mode === 'pages' ? 'page by page' : 'sql.js (whole file)'} | ${(read.median / 1000).toFixed(2)} (${(read.min / 1000).toFixed(2)}-${(read.max / 1000).toFixed(2)}) | ${Math.round(rows / (read.median / 1000)).toLocaleString('en')} | ${mode === 'pages' ? (small.median / 1000).toFixed(2) : ''} | ${rss.toFixed(0)} |`,
      );
    }
  }
  const env = environment();
  console.log(`**Reading skill_invocation: page by page vs sql.js** (${runs} runs each, one process per run; load ${JSON.stringify(env.loadAverage)})\n`);
  console.log(lines.join('\n'));
  if (native.length > 2) console.log(`\n**Read page by page, loaded into native DuckDB, hourly aggregate** (medians of ${runs})\n\n${native.join('\n')}`);
  console.log(`\nsaved ${await saveJson('large-read', { environment: env, results })}`);
}

const i = process.argv.indexOf('--child');
if (i > 0) await child(process.argv[i + 1], process.argv[i + 2]);
else await main();
